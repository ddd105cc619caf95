// The local token endpoint (`wxdesk serve`): WeChat's own token API answered from the keeper, over
// a real core whose account points at the fake WeChat API. A caller must not be able to tell it
// from WeChat, except that it costs no quota and never invalidates anyone's token.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool, request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../electron/core/services';
import { startHost, type Host } from '../electron/host/server';
import { FakeWeChat, type Fault } from './fixtures/fake-wechat';
import { APPID, OTHER_APPID, OTHER_SECRET, RID_AT_END, SECRET, makeCore, removeTempDirs } from './fixtures/core';

const TOKEN_RE = /^[A-Za-z0-9_-]{140}$/;
const WRONG_SECRET = 'ffffffffffffffffffffffffffffffff';

interface WxAnswer {
  errcode?: number;
  errmsg?: string;
  access_token?: string;
  expires_in?: number;
  ticket?: string;
}

let fake: FakeWeChat;
const cores: Core[] = [];
const hosts: Host[] = [];

beforeEach(async () => {
  fake = await FakeWeChat.start();
});

afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
  for (const c of cores.splice(0)) await c.close();
  await fake.close();
  removeTempDirs();
});

async function serve(opts: Parameters<typeof makeCore>[0]): Promise<{ core: Core; host: Host }> {
  const core = makeCore(opts);
  cores.push(core);
  const host = await startHost({ core, port: 0 });
  hosts.push(host);
  return { core, host };
}

async function call(host: Host, path: string, init: { method?: 'GET' | 'POST'; body?: string } = {}): Promise<{ status: number; type: string; body: WxAnswer; text: string }> {
  const res = await request(host.url + path, {
    method: init.method ?? 'GET',
    ...(init.body === undefined ? {} : { body: init.body, headers: { 'content-type': 'application/json' } }),
  });
  const text = await res.body.text();
  return { status: res.statusCode, type: String(res.headers['content-type']), body: JSON.parse(text) as WxAnswer, text };
}

function classicPath(params: Record<string, string> = { grant_type: 'client_credential', appid: APPID, secret: SECRET }): string {
  return `/cgi-bin/token?${new URLSearchParams(params)}`;
}

function stableBody(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ grant_type: 'client_credential', appid: APPID, secret: SECRET, ...extra });
}

const classic = (host: Host, params?: Record<string, string>) => call(host, classicPath(params));
const stable = (host: Host, extra?: Record<string, unknown>) => call(host, '/cgi-bin/stable_token', { method: 'POST', body: stableBody(extra) });

function expectToken(a: { status: number; body: WxAnswer }): string {
  expect(a.status).toBe(200);
  expect(Object.keys(a.body).sort()).toEqual(['access_token', 'expires_in']);
  expect(a.body.access_token).toMatch(TOKEN_RE);
  expect(a.body.expires_in).toBeGreaterThan(7000);
  expect(a.body.expires_in).toBeLessThanOrEqual(7200);
  return a.body.access_token!;
}

function expectWxError(a: { status: number; type: string; body: WxAnswer }, errcode: number): void {
  expect(a.status).toBe(200);
  expect(a.type).toMatch(/^application\/json/);
  expect(Object.keys(a.body).sort()).toEqual(['errcode', 'errmsg']);
  expect(a.body.errcode).toBe(errcode);
  expect(a.body.errmsg).toMatch(RID_AT_END);
}

describe('GET /cgi-bin/token', () => {
  it('answers {access_token, expires_in} only, with a token WeChat accepts, from one upstream call', async () => {
    const { host } = await serve({ fake, mode: 'classic' });
    const token = expectToken(await classic(host));
    expect(fake.isValid(token)).toBe(true);
    expect(fake.count('/cgi-bin/token')).toBe(1);
    // Unlike WeChat, asking again does not issue (and so invalidate) anything.
    expect(expectToken(await classic(host))).toBe(token);
    expect(fake.count()).toBe(1);
    expect(fake.isValid(token)).toBe(true);
  });

  it('serves the stable account too (the caller does not choose the mode)', async () => {
    const { host } = await serve({ fake, mode: 'stable' });
    const token = expectToken(await classic(host));
    expect(fake.currentStable(APPID)).toBe(token);
    expect(fake.count('/cgi-bin/stable_token')).toBe(1);
    expect(fake.count('/cgi-bin/token')).toBe(0);
  });

  const bad: [string, Record<string, string>, number][] = [
    ['grant_type wrong', { grant_type: 'password', appid: APPID, secret: SECRET }, 40002],
    ['grant_type missing', { appid: APPID, secret: SECRET }, 40002],
    ['appid missing', { grant_type: 'client_credential', secret: SECRET }, 41002],
    ['secret missing', { grant_type: 'client_credential', appid: APPID }, 41004],
    ['appid unknown here', { grant_type: 'client_credential', appid: OTHER_APPID, secret: OTHER_SECRET }, 40013],
    ['wrong secret', { grant_type: 'client_credential', appid: APPID, secret: WRONG_SECRET }, 40125],
    ['secret of another shape', { grant_type: 'client_credential', appid: APPID, secret: 'x' }, 40125],
  ];
  for (const [what, params, errcode] of bad) {
    it(`${what} → ${errcode}, with a rid, at no upstream cost`, async () => {
      const { host } = await serve({ fake, mode: 'classic' });
      fake.addAccount(OTHER_APPID, OTHER_SECRET); // known to WeChat, not to this WxDesk
      const a = await classic(host, params);
      expectWxError(a, errcode);
      expect(a.body.access_token).toBeUndefined();
      expect(fake.count()).toBe(0);
    });
  }

  it('each error carries its own rid', async () => {
    const { host } = await serve({ fake });
    const a = await classic(host, { grant_type: 'client_credential', appid: APPID, secret: WRONG_SECRET });
    const b = await classic(host, { grant_type: 'client_credential', appid: APPID, secret: WRONG_SECRET });
    expect(a.body.errmsg).not.toBe(b.body.errmsg);
  });

  it('does not leak the token to a caller with a wrong secret after it is cached', async () => {
    const { host } = await serve({ fake, mode: 'classic' });
    const token = expectToken(await classic(host));
    const a = await classic(host, { grant_type: 'client_credential', appid: APPID, secret: WRONG_SECRET });
    expectWxError(a, 40125);
    expect(a.text).not.toContain(token);
  });

  // A repeated request target is recognised without parsing it again: these prove the shortcut
  // never outlives what it stood for.
  it('a URL that worked stops working once the secret is changed, here or by another process', async () => {
    const { core, host } = await serve({ fake, mode: 'stable' });
    expectToken(await classic(host));
    expectToken(await classic(host));
    const NEW = 'abcdef0123456789abcdef0123456789';
    fake.addAccount(APPID, NEW);
    await core.accounts.save({ appId: APPID, secret: NEW });
    expectWxError(await classic(host), 40125);
    expectToken(await classic(host, { grant_type: 'client_credential', appid: APPID, secret: NEW }));

    // Another process (a second core on the same data dir) puts the first secret back.
    const other = makeCore({ fake, dataDir: core.dataDir, addAccount: false });
    cores.push(other);
    await other.accounts.save({ appId: APPID, secret: SECRET });
    await new Promise((r) => setTimeout(r, 30)); // past the 10 ms a stat vouches for a snapshot
    expectWxError(await classic(host, { grant_type: 'client_credential', appid: APPID, secret: NEW }), 40125);
    const token = expectToken(await classic(host));

    // secrets.json edited by hand: the token record stays, but the old URL must not open it.
    const file = join(core.dataDir, 'secrets.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace(SECRET, NEW));
    await new Promise((r) => setTimeout(r, 30));
    const a = await classic(host);
    expectWxError(a, 40125);
    expect(a.text).not.toContain(token);
    expect(expectToken(await classic(host, { grant_type: 'client_credential', appid: APPID, secret: NEW }))).toBe(token);
  });

  it('a URL that worked answers 40013 once its account is removed', async () => {
    const { core, host } = await serve({ fake, mode: 'stable' });
    expectToken(await classic(host));
    await core.accounts.remove(APPID);
    expectWxError(await classic(host), 40013);
  });
});

describe('POST /cgi-bin/stable_token', () => {
  it('answers a JSON body with {access_token, expires_in} only, the token WeChat holds', async () => {
    const { host } = await serve({ fake, mode: 'stable' });
    const token = expectToken(await stable(host));
    expect(fake.currentStable(APPID)).toBe(token);
    expect(expectToken(await stable(host, { force_refresh: false }))).toBe(token);
    expect(fake.count()).toBe(1);
  });

  it('GET → 43002, bad JSON → 47001, empty → 44002; none goes upstream', async () => {
    const { host } = await serve({ fake });
    expectWxError(await call(host, '/cgi-bin/stable_token'), 43002);
    expectWxError(await call(host, '/cgi-bin/stable_token', { method: 'POST', body: '{"grant_type":' }), 47001);
    expectWxError(await call(host, '/cgi-bin/stable_token', { method: 'POST', body: '[1,2]' }), 47001);
    expectWxError(await call(host, '/cgi-bin/stable_token', { method: 'POST', body: '' }), 44002);
    expect(fake.count()).toBe(0);
  });

  it('checks credentials like the GET path: 40002, 41002, 41004, 40013, 40125', async () => {
    const { host } = await serve({ fake });
    const cases: [Record<string, unknown>, number][] = [
      [{ grant_type: 'nope' }, 40002],
      [{ appid: undefined }, 41002],
      [{ secret: '' }, 41004],
      [{ appid: OTHER_APPID }, 40013],
      [{ secret: WRONG_SECRET }, 40125],
      [{ secret: WRONG_SECRET, force_refresh: true }, 40125],
    ];
    for (const [extra, errcode] of cases) expectWxError(await stable(host, extra), errcode);
    expect(fake.count()).toBe(0);
  });

  it('force_refresh issues a new token; a second force within 30 s returns the current one, like WeChat', async () => {
    const { host } = await serve({ fake, mode: 'stable' });
    const first = expectToken(await stable(host));
    const forced = expectToken(await stable(host, { force_refresh: true }));
    expect(forced).not.toBe(first);
    expect(fake.isValid(first)).toBe(false);
    expect(fake.isValid(forced)).toBe(true);
    expect(fake.calls.map((c) => c.force)).toEqual([false, true]);

    const again = expectToken(await stable(host, { force_refresh: true }));
    expect(again).toBe(forced);
    expect(fake.count()).toBe(2);
    expect(fake.forceCount(APPID)).toBe(1);
    // Everyone else now gets the new token.
    expect(expectToken(await classic(host))).toBe(forced);
    expect(fake.count()).toBe(2);
  });

  it('upstream 45009 on a force passes through with no retry', async () => {
    const { host } = await serve({ fake, mode: 'stable' });
    const token = expectToken(await stable(host));
    fake.fail({ errcode: 45009 });
    const a = await stable(host, { force_refresh: true });
    expectWxError(a, 45009);
    expect(a.body.errmsg).toMatch(/^reach max api daily quota limit rid: /);
    expect(fake.count()).toBe(2);
    // The token held before is still handed out to normal callers.
    expect(expectToken(await stable(host))).toBe(token);
    expect(fake.count()).toBe(2);
  });
});

describe('GET /cgi-bin/ticket/getticket', () => {
  it('answers with the current token, caches the ticket, refuses a foreign token with 40001', async () => {
    const { host } = await serve({ fake, mode: 'stable' });
    const token = expectToken(await stable(host));
    const a = await call(host, `/cgi-bin/ticket/getticket?access_token=${token}&type=jsapi`);
    expect(a.body).toMatchObject({ errcode: 0, errmsg: 'ok' });
    expect(a.body.ticket).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(a.body.expires_in).toBeGreaterThan(7000);
    expect(fake.count('/cgi-bin/ticket/getticket')).toBe(1);

    const b = await call(host, `/cgi-bin/ticket/getticket?access_token=${token}&type=jsapi`);
    expect(b.body.ticket).toBe(a.body.ticket);
    expect(fake.count('/cgi-bin/ticket/getticket')).toBe(1);

    // A token WeChat would accept, but not one this WxDesk handed out.
    fake.addAccount(OTHER_APPID, OTHER_SECRET);
    const foreign = (await request(`${fake.url}/cgi-bin/token?grant_type=client_credential&appid=${OTHER_APPID}&secret=${OTHER_SECRET}`).then((r) => r.body.json())) as WxAnswer;
    const before = fake.count();
    expectWxError(await call(host, `/cgi-bin/ticket/getticket?access_token=${foreign.access_token}&type=jsapi`), 40001);
    expectWxError(await call(host, `/cgi-bin/ticket/getticket?type=jsapi`), 41001);
    expectWxError(await call(host, `/cgi-bin/ticket/getticket?access_token=${token}&type=bogus`), 40097);
    expect(fake.count()).toBe(before);
  });

  it('a ticket URL that worked stops working once its token is replaced or its account removed', async () => {
    const { core, host } = await serve({ fake, mode: 'stable' });
    const token = expectToken(await stable(host));
    const path = `/cgi-bin/ticket/getticket?access_token=${token}&type=jsapi`;
    const first = await call(host, path);
    expect(first.body.errcode).toBe(0);
    expect((await call(host, path)).body.ticket).toBe(first.body.ticket);

    const next = expectToken(await stable(host, { force_refresh: true }));
    expect(next).not.toBe(token);
    const stale = await call(host, path);
    expectWxError(stale, 40001);
    expect(stale.text).not.toContain(first.body.ticket);
    const fresh = `/cgi-bin/ticket/getticket?access_token=${next}&type=jsapi`;
    expect((await call(host, fresh)).body.errcode).toBe(0);

    await core.accounts.remove(APPID);
    expectWxError(await call(host, fresh), 40001);
  });
});

describe('one upstream call for a crowd', () => {
  for (const mode of ['stable', 'classic'] as const) {
    it(`1,000 concurrent requests for a cold ${mode} account: one upstream call, one token`, async () => {
      const { host } = await serve({ fake, mode });
      // A slow upstream keeps the first call open while the crowd arrives.
      fake.fail({ delayMs: 300 });
      const pool = new Pool(host.url, { connections: 200 });
      try {
        const path = classicPath();
        const body = stableBody();
        const answers = await Promise.all(
          Array.from({ length: 1000 }, async (_, i) => {
            const res =
              i % 2 === 0
                ? await pool.request({ path, method: 'GET' })
                : await pool.request({ path: '/cgi-bin/stable_token', method: 'POST', body, headers: { 'content-type': 'application/json' } });
            const json = (await res.body.json()) as WxAnswer;
            return json.access_token ?? JSON.stringify(json);
          }),
        );
        expect(fake.count()).toBe(1);
        expect(fake.count(mode === 'stable' ? '/cgi-bin/stable_token' : '/cgi-bin/token')).toBe(1);
        const distinct = new Set(answers);
        expect([...distinct].length).toBe(1);
        expect([...distinct][0]).toMatch(TOKEN_RE);
        expect(fake.isValid(answers[0]!)).toBe(true);
      } finally {
        await pool.close();
      }
    });
  }

  it('a second host on the same data dir (a restart) answers from the store, no upstream call', async () => {
    const { core, host } = await serve({ fake, mode: 'classic' });
    const token = expectToken(await classic(host));
    await host.close();
    hosts.splice(hosts.indexOf(host), 1);
    await core.close();
    cores.splice(cores.indexOf(core), 1);

    const again = await serve({ fake, mode: 'classic', dataDir: core.dataDir });
    expect(expectToken(await classic(again.host))).toBe(token);
    expect(expectToken(await stable(again.host))).toBe(token);
    expect(fake.count()).toBe(1);
  });
});

describe('upstream failures', () => {
  it('40164 passes through with WeChat errcode and errmsg, once, then quietly', async () => {
    const { host, core } = await serve({ fake, mode: 'stable' });
    fake.whitelist(APPID, '203.0.113.9');
    const a = await stable(host);
    expectWxError(a, 40164);
    const rid = core.keeper.state(APPID).lastError?.error.rid;
    expect(rid).toBeTruthy();
    expect(a.body.errmsg).toBe(`invalid ip 203.0.113.9 ipv6 ::ffff:203.0.113.9, not in whitelist rid: ${rid}`);
    expect(fake.count()).toBe(1);
    // A configuration fault is not retried, and callers right after get the same answer without a call.
    const b = await classic(host);
    expectWxError(b, 40164);
    expect(b.body.errmsg).toBe(a.body.errmsg);
    expect(fake.count()).toBe(1);
  });

  it('WeChat refusing the stored AppSecret (40001) passes through with WeChat errmsg, no retries', async () => {
    const { host } = await serve({ fake, mode: 'classic', fakeSecret: WRONG_SECRET });
    const a = await classic(host);
    expectWxError(a, 40001);
    expect(a.body.errmsg).toMatch(/^invalid credential, access_token is invalid or not latest rid: /);
    expect(fake.count()).toBe(1);
  });

  it('45009 fails fast: one upstream call', async () => {
    const { host } = await serve({ fake, mode: 'classic' });
    fake.fail({ errcode: 45009 });
    expectWxError(await classic(host), 45009);
    expect(fake.count()).toBe(1);
  });

  const transient: Fault[] = ['busy', 'http500', 'truncated', 'html', 'reset', 'hang'];
  for (const fault of transient) {
    for (const mode of ['stable', 'classic'] as const) {
      it(`${String(fault)} (${mode}) ends in a token through retries`, async () => {
        const times = fault === 'hang' ? 1 : 2;
        const { host } = await serve({ fake, mode, timeoutMs: 200 });
        fake.fail(fault, { times });
        const token = expectToken(await classic(host));
        expect(fake.count()).toBe(times + 1);
        expect(fake.isValid(token)).toBe(true);
      });
    }
  }

  it('a fault that outlasts the retries answers -1 (system busy), as WeChat would', async () => {
    const { host } = await serve({ fake, mode: 'stable', retry: { attempts: 3 } });
    fake.fail('http500', { times: 3 });
    const a = await stable(host);
    expectWxError(a, -1);
    expect(fake.count()).toBe(3);
    // The next caller gets a token: transient faults are not remembered as answers.
    expectToken(await stable(host));
    expect(fake.count()).toBe(4);
  });
});

describe('other paths', () => {
  it('answers 404 elsewhere, without touching the keeper', async () => {
    const { host } = await serve({ fake });
    const res = await request(`${host.url}/cgi-bin/getcallbackip`);
    expect(res.statusCode).toBe(404);
    await res.body.text();
    expect(fake.count()).toBe(0);
  });
});

describe('an account removed while its token is being fetched', () => {
  it('answers 40013, as WeChat does for an AppID it does not know', async () => {
    const { core, host } = await serve({ fake });
    fake.fail({ delayMs: 400 });
    const pending = classic(host);
    await expect.poll(() => fake.count()).toBe(1);
    await core.accounts.remove(APPID);
    expectWxError(await pending, 40013);
  });
});
