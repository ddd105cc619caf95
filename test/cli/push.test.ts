// `wxdesk push` as a user runs it: the reply as the follower reads it, then the verdict; exit 0 when
// WeChat would show the reply (or "success" was right), 1 when it would not or nothing answered,
// 2 for bad usage and for a push the check refuses (nothing sent).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PushExchange } from '../../electron/contract';
import { CallbackServer, newAesKey } from '../fixtures/callback-servers';
import { ensureBuilt, removeTempDirs, tempDir, wxdesk } from '../fixtures/core';

const TOKEN = 'cliPush2024';
const APPID = 'wx00aa11bb22cc33dd';
const KEY = newAesKey();

beforeAll(ensureBuilt, 120_000);
afterAll(removeTempDirs);
const servers: CallbackServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function server(opts: Partial<Parameters<typeof CallbackServer.start>[0]> = {}): Promise<CallbackServer> {
  const s = await CallbackServer.start({ token: TOKEN, aesKey: KEY, appId: APPID, ...opts });
  servers.push(s);
  return s;
}

async function dataDir(): Promise<string> {
  const dir = tempDir();
  const add = await wxdesk(dir, ['accounts', 'add', '--app-id', APPID, '--secret', '0123456789abcdef0123456789abcdef', '--server-token', TOKEN, '--aes-key', KEY]);
  expect(add.code, add.stderr).toBe(0);
  return dir;
}

describe('wxdesk push', () => {
  it('a text message: the reply, then PASS, exit 0; a CLICK with its key in safe mode', async () => {
    const dir = await dataDir();
    const s = await server();
    const r = await wxdesk(dir, ['push', 'text', '--field', 'Content=hi', '--url', s.url]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^You said: hi\nPASS {2}text \(plain\) \d+ ms: Replied with a text message/);
    const safe = await server({ mode: 'safe' });
    const click = await wxdesk(dir, ['push', APPID, 'CLICK', '--field', 'EventKey=V1001_GOOD', '--url', safe.url, '--mode', 'safe']);
    expect(click.code, click.stderr).toBe(0);
    expect(click.stdout.split('\n')[0]).toBe('V1001_GOOD');
    expect(safe.pushes[0]).toContain('<EventKey><![CDATA[V1001_GOOD]]></EventKey>');
  });

  it('a link gets a one-line card; "success" is no reply and exit 0; --json has the whole exchange', async () => {
    const dir = await dataDir();
    const s = await server();
    const link = await wxdesk(dir, ['push', 'link', '--url', s.url]);
    expect(link.stdout.split('\n')[0]).toBe('[article "WxDesk" — A link sent from the simulator → https://mp.weixin.qq.com/]');
    const view = await wxdesk(dir, ['push', 'VIEW', '--url', s.url]);
    expect(view.code).toBe(0);
    expect(view.stdout).toMatch(/^\(no reply: the server answered "success" or nothing\)\nPASS/);
    const json = await wxdesk(dir, ['push', 'scancode_push', '--field', 'ScanCodeInfo.ScanResult=abc', '--url', s.url, '--json']);
    const x = JSON.parse(json.stdout) as PushExchange;
    expect(x.reply).toEqual({ kind: 'text', content: 'rselfmenu_0_1: abc' });
    expect(x.exchanges[0]!.request.url).toMatch(/[?&]signature=[0-9a-f]{40}&timestamp=\d+&nonce=\d+&openid=o/);
  });

  it('--xml @FILE sends the XML as written', async () => {
    const dir = await dataDir();
    const s = await server();
    const file = join(dir, 'push.xml');
    writeFileSync(file, '<xml>\n<ToUserName><![CDATA[gh_123456789abc]]></ToUserName>\n<FromUserName><![CDATA[oHandWritten000000000000001]]></FromUserName>\n<CreateTime>1700000000</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[by hand]]></Content>\n<MsgId>42</MsgId>\n</xml>');
    const r = await wxdesk(dir, ['push', '--xml', `@${file}`, '--url', s.url]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('You said: by hand');
    writeFileSync(file, '<xml>\n<MsgType><![CDATA[text]]></MsgType>\n<Content>oops</Contents>\n</xml>');
    const bad = await wxdesk(dir, ['push', '--xml', `@${file}`, '--url', s.url]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Nothing was sent: Line 3: <\/Contents> closes <Content>/);
    expect(s.requests).toHaveLength(1);
  });

  it('exit 1 when WeChat would not show the reply, or nothing answers', async () => {
    const dir = await dataDir();
    const s = await server({ fault: 'no-swap' });
    const r = await wxdesk(dir, ['push', 'text', '--url', s.url]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^该公众号暂时无法提供服务，请稍后再试\nFAIL {2}text \(plain\) \d+ ms: .*not swapped/);
    const url = s.url;
    await s.close();
    servers.pop();
    const none = await wxdesk(dir, ['push', 'text', '--url', url]);
    expect(none.code).toBe(1);
    expect(none.stdout).toMatch(/Nothing is listening/);
  });

  it('--forge-signature: exit 1 when the server replies to the forged push, 0 when it refuses it', async () => {
    const dir = await dataDir();
    const open = await server({ fault: 'accepts-forged' });
    const r = await wxdesk(dir, ['push', 'text', '--url', open.url, '--forge-signature']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^该公众号暂时无法提供服务，请稍后再试\nFAIL {2}text \(plain\) \d+ ms: Forged signature accepted/);
    const careful = await server();
    const ok = await wxdesk(dir, ['push', 'text', '--url', careful.url, '--forge-signature']);
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.stdout).toMatch(/PASS {2}text \(plain\) \d+ ms: Refused, as it should be: the forged push got HTTP 403/);
    expect(careful.pushes).toHaveLength(0);
  });

  it('exit 2 for bad usage, in English or Chinese, with nothing sent', async () => {
    const dir = await dataDir();
    const s = await server();
    const cases: [string[], RegExp][] = [
      [['push'], /Give the push type/],
      [['push', 'nope', '--url', s.url], /push type must be one of text, image/],
      [['push', 'text', '--field', 'Content', '--url', s.url], /--field takes Name=value/],
      [['push', 'text', '--mode', 'aes', '--url', s.url], /--mode is plain, compat or safe/],
      [['push', 'image', '--field', 'PicUrl=javascript:alert(1)', '--url', s.url], /PicUrl must be an http:\/\/ or https:\/\/ URL/],
      [['push', 'text', '--url', 'ftp://127.0.0.1/'], /must be http:\/\/ or https:\/\//],
      [['push', 'text'], /no callback URL yet/],
      [['push', 'a', 'b', 'c'], /push takes \[APPID\] TYPE/],
    ];
    for (const [args, why] of cases) {
      const r = await wxdesk(dir, args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(why);
    }
    const zh = await wxdesk(dir, ['push', 'text', '--field', 'Content'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(zh.stderr).toMatch(/--field 的格式为 Name=value/);
    expect(s.requests).toHaveLength(0);
    const help = await wxdesk(dir, ['--help']);
    expect(help.stdout).toMatch(/push {14}send one push/);
  });
});
