// WeChatClient against the fake WeChat API: answers become values, and every fault becomes a
// WxError whose code and kind tell the keeper whether a retry can help.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WxError } from '../electron/core/errors';
import { WeChatClient } from '../electron/core/wechat';
import { FakeWeChat, type Fault } from './fixtures/fake-wechat';
import { APPID, SECRET } from './fixtures/core';

const TOKEN_RE = /^[A-Za-z0-9_-]{140}$/;
const WRONG_SECRET = 'ffffffffffffffffffffffffffffffff';

let fake: FakeWeChat;
let client: WeChatClient;

beforeAll(() => {
  client = new WeChatClient({ timeoutMs: 300 });
});

afterAll(async () => {
  await client.close();
});

beforeEach(async () => {
  fake = await FakeWeChat.start();
  fake.addAccount(APPID, SECRET);
});

afterEach(async () => {
  await fake.close();
});

/** The WxError a call rejects with (fails the test if it resolves or throws something else). */
async function failure(p: Promise<unknown>): Promise<WxError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(WxError);
    return e as WxError;
  }
  throw new Error('expected the call to fail');
}

describe('token answers', () => {
  it('classic: a new token on every call, with its lifetime', async () => {
    const a = await client.classicToken(fake.url, APPID, SECRET);
    const b = await client.classicToken(fake.url, APPID, SECRET);
    expect(a.accessToken).toMatch(TOKEN_RE);
    expect(a.expiresIn).toBe(7200);
    expect(b.accessToken).not.toBe(a.accessToken);
    expect(fake.calls.map((c) => [c.method, c.path, c.appid])).toEqual([
      ['GET', '/cgi-bin/token', APPID],
      ['GET', '/cgi-bin/token', APPID],
    ]);
  });

  it('stable: the same token while it is valid, as a POST without force', async () => {
    const a = await client.stableToken(fake.url, APPID, SECRET, false);
    const b = await client.stableToken(fake.url, APPID, SECRET, false);
    expect(a.accessToken).toMatch(TOKEN_RE);
    expect(b.accessToken).toBe(a.accessToken);
    expect(b.expiresIn).toBeGreaterThan(7000);
    expect(fake.calls.map((c) => [c.method, c.path, c.force])).toEqual([
      ['POST', '/cgi-bin/stable_token', false],
      ['POST', '/cgi-bin/stable_token', false],
    ]);
  });

  it('stable force: a new token that retires the old one', async () => {
    const a = await client.stableToken(fake.url, APPID, SECRET, false);
    const b = await client.stableToken(fake.url, APPID, SECRET, true);
    expect(b.accessToken).toMatch(TOKEN_RE);
    expect(b.accessToken).not.toBe(a.accessToken);
    expect(fake.calls[1]?.force).toBe(true);
    expect(fake.isValid(a.accessToken)).toBe(false);
    expect(fake.isValid(b.accessToken)).toBe(true);
    expect(fake.forceCount(APPID)).toBe(1);
  });

  it('getticket: a ticket for a valid token, jsapi and wx_card', async () => {
    const { accessToken } = await client.stableToken(fake.url, APPID, SECRET, false);
    const jsapi = await client.ticket(fake.url, accessToken, 'jsapi');
    const card = await client.ticket(fake.url, accessToken, 'wx_card');
    expect(jsapi.ticket).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(jsapi.expiresIn).toBe(7200);
    expect(card.ticket).not.toBe(jsapi.ticket);
  });

  it('callbackIp proves a token works', async () => {
    const { accessToken } = await client.classicToken(fake.url, APPID, SECRET);
    expect(await client.callbackIp(fake.url, accessToken)).toEqual(['101.226.103.0/25']);
  });
});

describe('faults map to WxError codes and kinds', () => {
  const transient: [Fault, string | number][] = [
    ['http500', 'HTTP_STATUS'],
    ['busy', -1],
    ['truncated', 'BAD_RESPONSE'],
    ['html', 'BAD_RESPONSE'],
    ['reset', 'NETWORK'],
    ['hang', 'TIMEOUT'],
  ];
  for (const [fault, code] of transient) {
    for (const mode of ['classic', 'stable'] as const) {
      it(`${String(fault)} (${mode}) → ${code}, transient`, async () => {
        fake.fail(fault);
        const started = Date.now();
        const call = mode === 'classic' ? client.classicToken(fake.url, APPID, SECRET) : client.stableToken(fake.url, APPID, SECRET, false);
        const err = await failure(call);
        expect(err.code).toBe(code);
        expect(err.kind).toBe('transient');
        expect(err.hint).not.toBe('');
        // A hang ends at the client's timeout (300 ms here), not at some default of seconds.
        expect(Date.now() - started).toBeLessThan(2_000);
        // The fault was one call; the next one works.
        const ok = mode === 'classic' ? await client.classicToken(fake.url, APPID, SECRET) : await client.stableToken(fake.url, APPID, SECRET, false);
        expect(ok.accessToken).toMatch(TOKEN_RE);
      });
    }
  }

  it('HTTP 500 keeps the status in the message', async () => {
    fake.fail('http500');
    const err = await failure(client.classicToken(fake.url, APPID, SECRET));
    expect(err.message).toContain('500');
  });

  it('-1 keeps WeChat errmsg and rid', async () => {
    fake.fail('busy');
    const err = await failure(client.stableToken(fake.url, APPID, SECRET, false));
    expect(err.errmsg).toMatch(/^system error rid: /);
    expect(err.rid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
    expect(err.errmsg).toContain(err.rid);
  });

  it('40164 → config, with the refused IP parsed and the rid kept', async () => {
    fake.whitelist(APPID, '203.0.113.7');
    const err = await failure(client.stableToken(fake.url, APPID, SECRET, false));
    expect(err.code).toBe(40164);
    expect(err.kind).toBe('config');
    expect(err.ip).toBe('203.0.113.7');
    expect(err.rid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
    expect(err.errmsg).toBe(`invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist rid: ${err.rid}`);
    expect(err.message).toContain('203.0.113.7');
    expect(err.hint).toContain('203.0.113.7');
    expect(err.view()).toMatchObject({ code: 40164, kind: 'config', ip: '203.0.113.7', rid: err.rid });
    expect(err.text('zh-CN').message).toContain('203.0.113.7');
  });

  it('40164 on the classic API too', async () => {
    fake.fail({ whitelistIp: '198.51.100.20' });
    const err = await failure(client.classicToken(fake.url, APPID, SECRET));
    expect([err.code, err.kind, err.ip]).toEqual([40164, 'config', '198.51.100.20']);
  });

  it('45009 → limit', async () => {
    fake.fail({ errcode: 45009 });
    const err = await failure(client.stableToken(fake.url, APPID, SECRET, true));
    expect(err.code).toBe(45009);
    expect(err.kind).toBe('limit');
    expect(err.errmsg).toMatch(/^reach max api daily quota limit rid: /);
  });

  it('wrong AppSecret at the token API: 40001 → config (not a token problem)', async () => {
    for (const call of [client.classicToken(fake.url, APPID, WRONG_SECRET), client.stableToken(fake.url, APPID, WRONG_SECRET, false)]) {
      const err = await failure(call);
      expect(err.code).toBe(40001);
      expect(err.kind).toBe('config');
      expect(err.message).toMatch(/AppSecret/);
    }
  });

  it('malformed AppSecret → 40125 config; unknown AppID → 40013 config', async () => {
    const bad = await failure(client.classicToken(fake.url, APPID, 'not-a-secret'));
    expect([bad.code, bad.kind]).toEqual([40125, 'config']);
    const unknown = await failure(client.stableToken(fake.url, 'wx1111111111111111', SECRET, false));
    expect([unknown.code, unknown.kind]).toEqual([40013, 'config']);
  });

  it('40001 at getticket → kind token (refresh once), not the AppSecret text', async () => {
    const first = await client.classicToken(fake.url, APPID, SECRET);
    await client.classicToken(fake.url, APPID, SECRET);
    await client.classicToken(fake.url, APPID, SECRET); // the first one is now dead
    const err = await failure(client.ticket(fake.url, first.accessToken, 'jsapi'));
    expect(err.code).toBe(40001);
    expect(err.kind).toBe('token');
    expect(err.message).not.toMatch(/AppSecret/);
    const bogus = await failure(client.ticket(fake.url, 'x'.repeat(140), 'jsapi'));
    expect([bogus.code, bogus.kind]).toEqual([40001, 'token']);
  });

  it('an unknown errcode stays a WxError with the code and errmsg', async () => {
    fake.fail({ errcode: 12345, errmsg: 'something new' });
    const err = await failure(client.classicToken(fake.url, APPID, SECRET));
    expect(err.code).toBe(12345);
    expect(err.errmsg).toMatch(/^something new rid: /);
    expect(err.message).toContain('12345');
  });

  it('a closed port → NETWORK transient', async () => {
    const gone = await FakeWeChat.start();
    const url = gone.url;
    await gone.close();
    const err = await failure(client.classicToken(url, APPID, SECRET));
    expect([err.code, err.kind]).toEqual(['NETWORK', 'transient']);
  });
});
