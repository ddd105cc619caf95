// The API console's core against the fake WeChat API: the token injected and never shown, the
// stale-token retry (once, and only once, compare-and-refresh), errors explained with their rid and
// the lookup, presets that fit the API, quota and clear_quota, input refused before anything is
// sent, the history, and network faults.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConsoleInput } from '../electron/contract';
import { consoleInputArg } from '../electron/core/console/input';
import { CONSOLE_PRESETS, presetInput } from '../electron/core/console/presets';
import type { WxError } from '../electron/core/errors';
import type { Core } from '../electron/core/services';
import { APPID, SECRET, makeCore, removeTempDirs } from './fixtures/core';
import { FakeWeChat } from './fixtures/fake-wechat';

let fake: FakeWeChat;
let core: Core;

beforeEach(async () => {
  fake = await FakeWeChat.start();
  core = makeCore({ fake });
});

afterEach(async () => {
  await core.close();
  await fake.close();
  removeTempDirs();
});

const send = (input: Omit<ConsoleInput, 'appId'>) => core.console.send(consoleInputArg({ appId: APPID, ...input }));
const refusal = async (p: Promise<unknown>) => (await p.then(() => expect.fail('expected a refusal'), (e: unknown) => e)) as WxError;
const tokenCalls = () => fake.calls.filter((c) => c.path === '/cgi-bin/stable_token' || c.path === '/cgi-bin/token').length;

describe('a request', () => {
  it('carries the live token, which the result and the history never show', async () => {
    const r = await send({ method: 'GET', path: '/cgi-bin/menu/get' });
    const { token } = await core.keeper.get(APPID);
    const call = fake.calls.find((c) => c.path === '/cgi-bin/menu/get')!;
    expect(call.token).toBe(token);
    expect(r.status).toBe(200);
    expect(r.errcode).toBe(46003);
    expect(r.error).toMatchObject({ code: 46003, kind: 'input' });
    expect(r.error!.message).toMatch(/no menu/);
    expect(r.request.url).toBe(`${fake.url}/cgi-bin/menu/get?access_token=ACCESS_TOKEN`);
    expect(JSON.stringify(r)).not.toContain(token);
    expect(readFileSync(join(core.dataDir, 'console.json'), 'utf8')).not.toContain(token);
  });

  it('a menu created through the console comes back from menu/get, body pretty-printed', async () => {
    const create = presetInput(CONSOLE_PRESETS.find((p) => p.id === 'menu-create')!, APPID);
    const made = await core.console.send(consoleInputArg(create));
    expect(made.errcode).toBe(0);
    const got = await send({ method: 'GET', path: 'cgi-bin/menu/get' });
    expect(got.errcode).toBeUndefined();
    expect(JSON.parse(got.body)).toEqual({ menu: JSON.parse(create.body!) });
    expect(got.body).toContain('\n  "menu": {');
  });

  it('a URL copied from the docs goes to the account\'s API base with the live token; the token it carried is never sent nor kept', async () => {
    const stolen = 'REAL_TOKEN_PASTED_FROM_A_LOG_0123456789';
    const r = await send({ method: 'GET', path: `HTTPS://SZ.API.WEIXIN.QQ.COM/cgi-bin/user/info?openid=OPENID&access_token=${stolen}&lang=zh_CN`, query: [['extra', '1']] });
    const { token } = await core.keeper.get(APPID);
    const call = fake.calls.find((c) => c.path === '/cgi-bin/user/info')!;
    expect(call.token).toBe(token);
    expect(call.query).toBe(`openid=OPENID&lang=zh_CN&extra=1&access_token=${token}`);
    expect(r.request.url).toBe(`${fake.url}/cgi-bin/user/info?openid=OPENID&lang=zh_CN&extra=1&access_token=ACCESS_TOKEN`);
    expect(core.console.history(APPID)[0]).toMatchObject({ path: '/cgi-bin/user/info', query: [['openid', 'OPENID'], ['lang', 'zh_CN'], ['extra', '1']] });
    const menu = await send({ method: 'GET', path: 'https://api.weixin.qq.com/cgi-bin/menu/get?access_token=ACCESS_TOKEN' });
    expect(menu.request.url).toBe(`${fake.url}/cgi-bin/menu/get?access_token=ACCESS_TOKEN`);
    expect(fake.calls.map((c) => `${c.query} ${c.body}`).join('\n')).not.toContain(stolen);
    expect(readFileSync(join(core.dataDir, 'console.json'), 'utf8')).not.toContain(stolen);
  });

  it('query pairs and a query in the path both reach WeChat, in order', async () => {
    await send({ method: 'GET', path: '/cgi-bin/user/info?lang=en', query: [['openid', 'x y']] });
    const call = fake.calls.find((c) => c.path === '/cgi-bin/user/info')!;
    expect(call.query).toMatch(/^lang=en&openid=x\+y&access_token=/);
  });
});

describe('a stale token', () => {
  it('replaced elsewhere costs exactly one refresh, and the call succeeds', async () => {
    await core.keeper.get(APPID);
    const before = tokenCalls();
    fake.invalidate(APPID);
    const r = await send({ method: 'GET', path: '/cgi-bin/get_api_domain_ip' });
    expect(r.errcode).toBeUndefined();
    expect(r.retried).toMatchObject({ errcode: 40001, refreshed: true });
    expect(r.retried!.rid).toMatch(/^[0-9a-f-]+$/);
    expect(tokenCalls() - before).toBe(1);
    expect(fake.count('/cgi-bin/get_api_domain_ip')).toBe(2);
    // The next call uses the new token straight away.
    const again = await send({ method: 'GET', path: '/cgi-bin/get_api_domain_ip' });
    expect(again.retried).toBeUndefined();
    expect(tokenCalls() - before).toBe(1);
    expect(core.console.history(APPID)[1]).toMatchObject({ retried: true, status: 200 });
  });

  it('is retried once and only once: a second 40001 is the answer', async () => {
    await core.keeper.get(APPID);
    const before = tokenCalls();
    fake.fail({ errcode: 40001 }, { times: 2, path: '/cgi-bin/menu/get' });
    const r = await send({ method: 'GET', path: '/cgi-bin/menu/get' });
    expect(r.errcode).toBe(40001);
    expect(r.retried?.errcode).toBe(40001);
    expect(r.error).toMatchObject({ code: 40001, kind: 'token' });
    expect(fake.count('/cgi-bin/menu/get')).toBe(2);
    expect(tokenCalls() - before).toBe(1);
  });

  it('five calls failing together with the same token: one refresh for all', async () => {
    await core.keeper.get(APPID);
    const before = tokenCalls();
    fake.invalidate(APPID);
    const all = await Promise.all(Array.from({ length: 5 }, () => send({ method: 'GET', path: '/cgi-bin/getcallbackip' })));
    expect(all.every((r) => r.errcode === undefined && r.retried?.errcode === 40001)).toBe(true);
    expect(tokenCalls() - before).toBe(1);
    expect(all.filter((r) => r.retried!.refreshed)).toHaveLength(1);
  });
});

describe('errors and rid', () => {
  it('an error names its code and rid, and the lookup shows what WeChat stored, token masked', async () => {
    const r = await send({ method: 'GET', path: '/cgi-bin/user/info', query: [['openid', 'OPENID']] });
    expect(r.errcode).toBe(40003);
    expect(r.error!.rid).toBe(fake.lastRid());
    expect(r.error!.zh!.message).toContain('openid');
    const stored = await core.console.rid(APPID, r.error!.rid!);
    expect(stored.requestUrl).toContain('openid=OPENID');
    expect(stored.requestUrl).toContain('access_token=ACCESS_TOKEN');
    expect(stored.responseBody).toContain('40003');
    expect(stored.clientIp).toBe('127.0.0.1');
    expect(stored.invokeTime).toBeGreaterThan(Date.now() - 60_000);
  });

  it('a rid lookup that WeChat refuses is an explained error; a malformed rid is refused here', async () => {
    const e = await refusal(core.console.rid(APPID, '00000000-00000000-00000000'));
    expect(e.code).toBe(76001);
    const before = fake.calls.length;
    expect((await refusal(core.console.rid(APPID, 'no spaces please'))).code).toBe('INVALID_INPUT');
    expect(fake.calls.length).toBe(before);
  });
});

describe('presets', () => {
  it('every preset fits the API: known path, accepted method and body shape', async () => {
    const shapeErrors = [404, 41001, 43002, 44002, 47001];
    for (const preset of CONSOLE_PRESETS) {
      const r = await core.console.send(consoleInputArg(presetInput(preset, APPID)));
      expect(r.status, preset.id).toBe(200);
      expect(shapeErrors, `${preset.id}: ${r.body}`).not.toContain(r.errcode);
      const input = presetInput(preset, APPID);
      const placeholder = /OPENID|TEMPLATE_ID|\bRID\b/.test(`${JSON.stringify(input.query)} ${input.body ?? ''}`);
      if (!placeholder && preset.id !== 'menu-get') expect(r.errcode ?? 0, `${preset.id}: ${r.body}`).toBe(0);
    }
  });

  it('names in both languages, a doc link, and the AppID filled in', () => {
    const ids = new Set<string>();
    for (const p of CONSOLE_PRESETS) {
      expect(p.name.en && p.name.zh && p.doc.startsWith('https://developers.weixin.qq.com/')).toBeTruthy();
      expect(ids.has(p.id)).toBe(false);
      ids.add(p.id);
    }
    const clear = presetInput(CONSOLE_PRESETS.find((p) => p.id === 'clear-quota')!, APPID);
    expect(JSON.parse(clear.body!)).toEqual({ appid: APPID });
  });
});

describe('quota and clear_quota', () => {
  it('quota of the token API in use, then of any path', async () => {
    await core.keeper.get(APPID);
    const q = await core.console.quota(APPID);
    expect(q).toMatchObject({ cgiPath: '/cgi-bin/stable_token', dailyLimit: 500000, used: 1, remain: 499999 });
    fake.setQuota(APPID, '/cgi-bin/menu/get', { dailyLimit: 10, used: 10 });
    expect(await core.console.quota(APPID, '/cgi-bin/menu/get')).toMatchObject({ dailyLimit: 10, used: 10, remain: 0 });
    const r = await send({ method: 'GET', path: '/cgi-bin/menu/get' });
    expect(r.error).toMatchObject({ code: 45009, kind: 'limit' });
    expect((await refusal(core.console.quota(APPID, '/cgi-bin/nope'))).code).toBe(76021);
  });

  it('clear_quota resets with the AppSecret, which goes nowhere else; the 11th of a month is refused', async () => {
    await send({ method: 'GET', path: '/cgi-bin/menu/get' });
    fake.setQuota(APPID, '/cgi-bin/menu/get', { used: 99 });
    await core.console.clearQuota(APPID);
    expect(fake.used(APPID, '/cgi-bin/menu/get')).toBe(0);
    for (let i = 1; i < 10; i++) await core.console.clearQuota(APPID);
    const e = await refusal(core.console.clearQuota(APPID));
    expect(e).toMatchObject({ code: 48006, kind: 'limit' });
    const carrying = fake.calls.filter((c) => `${c.query} ${c.body}`.includes(SECRET)).map((c) => c.path);
    expect(new Set(carrying)).toEqual(new Set(['/cgi-bin/stable_token', '/cgi-bin/clear_quota/v2']));
  });
});

describe('input refused before anything is sent', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['access_token in the query', { method: 'GET', path: '/cgi-bin/menu/get', query: [['access_token', 'x']] }, /adds the account's live token/],
    ['access_token in the path', { method: 'GET', path: '/cgi-bin/menu/get?access_token=x' }, /adds the account's live token/],
    ['a body on GET', { method: 'GET', path: '/cgi-bin/menu/get', body: '{}' }, /GET request carries no body/],
    ['malformed JSON', { method: 'POST', path: '/cgi-bin/menu/create', body: '{\n  "button": [,]\n}' }, /line 2, column 14: "," where a value was expected/],
    ['a full URL on another host', { method: 'GET', path: 'https://evil.example/cgi-bin/menu/get' }, /"evil\.example" is not one of WeChat's API hosts/],
    ['a lookalike of WeChat\'s host', { method: 'GET', path: 'https://api.weixin.qq.com.evil.example/cgi-bin/menu/get' }, /"api\.weixin\.qq\.com\.evil\.example" is not one of WeChat's API hosts\. The hosts accepted: api\.weixin\.qq\.com, api2\.weixin\.qq\.com, sh\.api/],
    ['a user@ before the host', { method: 'GET', path: 'https://api.weixin.qq.com@evil.example/cgi-bin/menu/get' }, /names a user before its host "evil\.example"/],
    ['a non-http scheme', { method: 'GET', path: 'ftp://api.weixin.qq.com/cgi-bin/menu/get' }, /"ftp:" is not a web address/],
    ['the token API', { method: 'GET', path: '/cgi-bin/token' }, /retires the one every tool/],
    ['clear_quota/v2', { method: 'POST', path: '/cgi-bin/clear_quota/v2' }, /takes the AppSecret/],
    ['PUT', { method: 'PUT', path: '/cgi-bin/menu/get' }, /GET or POST/],
    ['a .. segment', { method: 'GET', path: '/cgi-bin/../x' }, /\.\. segments/],
    ['a bad AppID', { appId: 'wx1', method: 'GET', path: '/x' }, /Expected an AppID/],
    ['a query that is not pairs', { method: 'GET', path: '/x', query: { a: 1 } }, /list of \[name, value\] pairs/],
  ];
  for (const [name, input, message] of cases) {
    it(name, () => {
      const before = fake.calls.length;
      let err: WxError | undefined;
      try {
        consoleInputArg({ appId: APPID, ...input });
      } catch (e) {
        err = e as WxError;
      }
      expect(err?.code).toBe('INVALID_INPUT');
      expect(err?.message).toMatch(message);
      expect(fake.calls.length).toBe(before);
    });
  }
});

describe('history and faults', () => {
  it('keeps the last 50, newest first, re-runnable as they were sent', async () => {
    for (let i = 0; i < 52; i++) await send({ method: 'GET', path: '/cgi-bin/user/get', query: [['next_openid', String(i)]] });
    const h = core.console.history(APPID);
    expect(h).toHaveLength(50);
    expect(h[0]).toMatchObject({ method: 'GET', path: '/cgi-bin/user/get', query: [['next_openid', '51']], status: 200, errcode: 40003 });
    expect(h[0]!.rid).toMatch(/-/);
    expect(h[49]!.query).toEqual([['next_openid', '2']]);
  });

  it('a GET is retried after a network fault; a POST is not (it may have been applied), and the failure is recorded', async () => {
    await core.keeper.get(APPID);
    fake.fail('reset', { path: '/cgi-bin/menu/get' });
    expect((await send({ method: 'GET', path: '/cgi-bin/menu/get' })).status).toBe(200);
    expect(fake.count('/cgi-bin/menu/get')).toBe(2);
    fake.fail('reset', { path: '/cgi-bin/qrcode/create' });
    const e = await refusal(send({ method: 'POST', path: '/cgi-bin/qrcode/create', body: '{"action_name":"QR_LIMIT_SCENE","action_info":{"scene":{"scene_id":1}}}' }));
    expect(e.code).toBe('NETWORK');
    expect(fake.count('/cgi-bin/qrcode/create')).toBe(1);
    expect(core.console.history(APPID)[0]).toMatchObject({ path: '/cgi-bin/qrcode/create', errcode: 'NETWORK' });
    expect(core.console.history(APPID)[0]!.status).toBeUndefined();
  });

  it('an HTML answer is shown as it came, not as an error of WxDesk', async () => {
    await core.keeper.get(APPID);
    fake.fail('html', { path: '/cgi-bin/menu/get' });
    const r = await send({ method: 'GET', path: '/cgi-bin/menu/get' });
    expect(r.contentType).toMatch(/text\/html/);
    expect(r.body).toContain('Wi-Fi');
    expect(r.errcode).toBeUndefined();
  });

  it('a file sent as multipart: the result, the history and curl name it (-F media=@name), never its bytes', async () => {
    const png = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.from('PIXELS-NOT-KEPT'), Buffer.alloc(64, 7)]);
    const input = { method: 'POST' as const, path: '/cgi-bin/media/upload', query: [['type', 'image']] as [string, string][], file: { field: 'media', fileName: 'cat.png', base64: png.toString('base64') } };
    const r = await send(input);
    expect(r.errcode).toBeUndefined();
    const file = { field: 'media', fileName: 'cat.png', contentType: 'image/png', size: png.length };
    expect(r.request.file).toEqual(file);
    expect(r.request.curl).toMatch(/ -X POST '[^']+' -F 'media=@cat\.png'$/);
    expect(core.console.history(APPID)[0]).toMatchObject({ path: '/cgi-bin/media/upload', body: '', file });
    const kept = readFileSync(join(core.dataDir, 'console.json'), 'utf8');
    expect(kept).not.toContain(png.toString('base64'));
    expect(kept).not.toContain('PIXELS-NOT-KEPT');
    // A copy needs only the name: the page asks with the bytes left out.
    const line = await core.console.curl(consoleInputArg({ appId: APPID, ...input, file: { ...input.file, base64: '', fields: [['description', '@x']] } }), false);
    expect(line).toMatch(/ --form-string 'description=@x' -F 'media=@cat\.png'$/);
  });

  it('removing the account forgets its console history', async () => {
    await send({ method: 'GET', path: '/cgi-bin/menu/get' });
    await core.accounts.remove(APPID);
    expect(readFileSync(join(core.dataDir, 'console.json'), 'utf8')).not.toContain(APPID);
  });
});
