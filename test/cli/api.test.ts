// `wxdesk api`, `quota`, `rid` and `clear-quota` as users run them: the body on stdout and never
// the token, WeChat's errors on stderr with their rid, exit 0 / 1 / 2, a stale token replaced once.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APPID, SECRET, ensureBuilt, removeTempDirs, tempDir, wxdesk } from '../fixtures/core';
import { cliIn } from '../fixtures/cli-in-process';
import { FakeWeChat } from '../fixtures/fake-wechat';

let fake: FakeWeChat;
let dir: string;

beforeAll(ensureBuilt, 120_000);
afterAll(removeTempDirs);

beforeEach(async () => {
  fake = await FakeWeChat.start();
  fake.addAccount(APPID, SECRET);
  dir = tempDir();
  const r = await cli(['accounts', 'add', '--app-id', APPID, '--secret', SECRET, '--api-base', fake.url]);
  expect(r.code, r.err).toBe(0);
});

afterEach(async () => {
  await fake.close();
});

const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => cliIn(dir, args, env);

const tokenCalls = () => fake.count('/cgi-bin/stable_token');

describe('wxdesk api', () => {
  it('--help of each command, and the command list names them', async () => {
    for (const [cmd, usage] of [['api', 'wxdesk api [APPID] METHOD PATH'], ['quota', 'wxdesk quota [APPID]'], ['rid', 'wxdesk rid [APPID] RID'], ['clear-quota', 'wxdesk clear-quota [APPID] --yes']]) {
      const r = await cli([cmd!, '--help']);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`Usage: ${usage}`);
    }
    const all = await cli(['--help']);
    for (const cmd of ['api', 'quota', 'rid', 'clear-quota']) expect(all.out).toMatch(new RegExp(`^  ${cmd} +\\S`, 'm'));
  });

  it('a menu created with wxdesk api comes back from menu/get; the token is never on stdout', async () => {
    const menu = { button: [{ type: 'view', name: 'Docs', url: 'https://example.com/' }] };
    const file = join(dir, 'menu.json');
    writeFileSync(file, JSON.stringify(menu));
    const made = await wxdesk(dir, ['api', 'POST', '/cgi-bin/menu/create', '--data', `@${file}`]);
    expect(made.code, made.stderr).toBe(0);
    expect(JSON.parse(made.stdout)).toEqual({ errcode: 0, errmsg: 'ok' });
    const got = await wxdesk(dir, ['api', APPID, 'GET', '/cgi-bin/menu/get']);
    expect(got.code, got.stderr).toBe(0);
    expect(JSON.parse(got.stdout)).toEqual({ menu });
    const token = (await wxdesk(dir, ['token'])).stdout.trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{140}$/);
    expect(made.stdout + got.stdout + made.stderr + got.stderr).not.toContain(token);
  });

  it('a WeChat error: exit 1, code, meaning, hint and rid on stderr; wxdesk rid shows what WeChat stored', async () => {
    const r = await cli(['api', 'GET', '/cgi-bin/user/info', '--query', 'openid=OPENID', '--query', 'lang=zh_CN']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ errcode: 40003 });
    const rid = fake.lastRid()!;
    expect(r.err).toContain('wxdesk: [40003] Invalid openid');
    expect(r.err).toMatch(/^hint: Take an openid from user\/get/m);
    expect(r.err).toContain(`rid: ${rid} (look it up: wxdesk rid ${APPID} ${rid})`);

    const shown = await cli(['rid', rid]);
    expect(shown.code, shown.err).toBe(0);
    expect(shown.out).toMatch(/^request url: openid=OPENID&lang=zh_CN&access_token=ACCESS_TOKEN$/m);
    expect(shown.out).toMatch(/^response: .*"errcode":40003/m);
    expect(shown.out).toMatch(/^client ip: 127\.0\.0\.1$/m);
    const json = await cli(['rid', APPID, rid, '--json']);
    expect(JSON.parse(json.out)).toMatchObject({ rid, clientIp: '127.0.0.1', costMs: expect.any(Number) });
  });

  it('a token invalidated elsewhere costs one refresh, said on stderr; the call succeeds', async () => {
    expect((await cli(['token'])).code).toBe(0);
    const before = tokenCalls();
    fake.invalidate(APPID);
    const r = await cli(['api', 'GET', '/cgi-bin/get_api_domain_ip']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe('wxdesk: the token was stale (40001): WxDesk refreshed it once and sent the request again.\n');
    expect(JSON.parse(r.out).ip_list.length).toBeGreaterThan(0);
    expect(tokenCalls() - before).toBe(1);
  });

  it('--json: the whole exchange, token masked', async () => {
    const r = await cli(['api', 'GET', '/cgi-bin/menu/get', '--json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ status: 200, errcode: 46003, error: { code: 46003 }, request: { method: 'GET', url: `${fake.url}/cgi-bin/menu/get?access_token=ACCESS_TOKEN` } });
    expect(j.body).toMatchObject({ errcode: 46003 });
    expect(typeof j.latency_ms).toBe('number');
  });

  it('bad usage and a malformed body: exit 2, nothing sent', async () => {
    const before = fake.calls.length;
    const cases: [string[], RegExp][] = [
      [['api', 'GET'], /the PATH is missing after GET/],
      [['api', 'PUT', '/cgi-bin/menu/get'], /GET or POST/],
      [['api', 'wx1', 'GET', '/x'], /is not an AppID/],
      [['api', 'POST', '/cgi-bin/menu/create', '--data', '{"button": [}'], /not valid JSON at line 1, column 13: "}" where a value was expected/],
      [['api', 'POST', '/cgi-bin/menu/create', '--data', '@/no/such/file'], /cannot read it \(ENOENT\)/],
      [['api', 'GET', '/cgi-bin/menu/get', '--query', 'novalue'], /--query takes name=value/],
      [['api', 'GET', '/cgi-bin/menu/get', '--query', 'access_token=x'], /adds the account's live token/],
      [['clear-quota'], /Add --yes/],
      [['rid'], /rid takes \[APPID\] RID/],
      [['quota', APPID, 'extra'], /quota takes one APPID/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(message);
      expect(r.out).toBe('');
    }
    expect(fake.calls.length).toBe(before);
  });

  it('takes a URL pasted from WeChat\'s docs: host and access_token dropped, the live token sent', async () => {
    const menu = { button: [{ type: 'click', name: 'Hi', key: 'HI' }] };
    const made = await cli(['api', 'POST', 'https://api.weixin.qq.com/cgi-bin/menu/create?access_token=ACCESS_TOKEN', '--data', JSON.stringify(menu)]);
    expect(made.code, made.err).toBe(0);
    const got = await cli(['api', APPID, 'GET', 'https://api.weixin.qq.com/cgi-bin/menu/get?access_token=ACCESS_TOKEN']);
    expect(got.code, got.err).toBe(0);
    expect(JSON.parse(got.out)).toEqual({ menu });
    const sent = fake.calls.filter((c) => c.path.startsWith('/cgi-bin/menu/'));
    expect(sent.map((c) => c.path)).toEqual(['/cgi-bin/menu/create', '/cgi-bin/menu/get']);
    for (const c of sent) expect(c.query).toMatch(/^access_token=[A-Za-z0-9_-]{140}$/);
    // Other parameters kept, in order, before --query.
    const info = await cli(['api', 'GET', 'http://SH.API.WEIXIN.QQ.COM/cgi-bin/user/info?openid=OPENID&access_token=ACCESS_TOKEN&lang=zh_CN', '--query', 'x=1', '--json']);
    expect(info.code).toBe(1);
    expect(JSON.parse(info.out).request.url).toBe(`${fake.url}/cgi-bin/user/info?openid=OPENID&lang=zh_CN&x=1&access_token=ACCESS_TOKEN`);
  });

  it('a URL on any other host exits 2 naming it and the hosts accepted, in English and Chinese; nothing sent', async () => {
    const before = fake.calls.length;
    const url = 'https://api.weixin.qq.com.evil.example/cgi-bin/menu/get?access_token=ACCESS_TOKEN';
    const en = await cli(['api', 'GET', url]);
    expect(en.code).toBe(2);
    expect(en.out).toBe('');
    expect(en.err).toContain(`"api.weixin.qq.com.evil.example" is not one of WeChat's API hosts. The hosts accepted: api.weixin.qq.com, api2.weixin.qq.com, sh.api.weixin.qq.com, sz.api.weixin.qq.com, hk.api.weixin.qq.com.`);
    const zh = await cli(['api', 'GET', url], { LANG: 'zh_CN.UTF-8' });
    expect(zh.code).toBe(2);
    expect(zh.err).toContain('"api.weixin.qq.com.evil.example" 不是微信的接口域名。可以粘贴的接口域名：api.weixin.qq.com');
    for (const bad of ['ftp://api.weixin.qq.com/cgi-bin/menu/get', 'https://api.weixin.qq.com@evil.example/cgi-bin/menu/get', 'https://api.weixin.qq.com:8443/cgi-bin/menu/get']) {
      const r = await cli(['api', 'GET', bad]);
      expect(r.code, bad).toBe(2);
      expect(r.err, bad).toContain('The hosts accepted: api.weixin.qq.com');
    }
    expect(fake.calls.length).toBe(before);
  });

  it('in Chinese when LANG is zh', async () => {
    const r = await cli(['api', 'GET', '/cgi-bin/menu/get'], { LANG: 'zh_CN.UTF-8' });
    expect(r.code).toBe(1);
    expect(r.err).toContain('wxdesk: [46003] 该公众号没有自定义菜单');
    expect(r.err).toMatch(/^提示: 请先调用 menu\/create/m);
  });
});

describe('wxdesk quota and clear-quota', () => {
  it('quota --json shows WeChat\'s quota object for the token API; --cgi-path for another', async () => {
    expect((await cli(['token'])).code).toBe(0);
    const r = await cli(['quota', '--json']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ daily_limit: 500000, used: 1, remain: 499999 });
    fake.setQuota(APPID, '/cgi-bin/menu/get', { dailyLimit: 100, used: 7 });
    const text = await cli(['quota', APPID, '--cgi-path', '/cgi-bin/menu/get']);
    expect(text.out).toBe('/cgi-bin/menu/get: 7 used of 100 today, 93 left\n');
  });

  it('clear-quota --yes resets the counts', async () => {
    fake.setQuota(APPID, '/cgi-bin/menu/get', { used: 42 });
    const r = await cli(['clear-quota', '--yes']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(`The daily quotas of ${APPID} are reset.\n`);
    expect(fake.used(APPID, '/cgi-bin/menu/get')).toBe(0);
    expect(fake.clearCount(APPID)).toBe(1);
  });
});
