// The handler table behind DashboardApi, called as a transport would: untrusted arguments in,
// values or WxErrors out. Real store on a temp dir, fake WeChat API for tickets.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Dashboard, errorView } from '../electron/core/dashboard';
import { createCore, type Core } from '../electron/core/services';
import { WxError } from '../electron/core/errors';
import { FakeWeChat } from './fixtures/fake-wechat';

const APPID = 'wx00112233445566dd';
const SECRET = 'dd00112233445566778899aabbccddee';
// The open-platform message-push doc's sample key: 43 × "A".
const AES_KEY = 'A'.repeat(43);

let dir: string;
let fake: FakeWeChat;
let core: Core;
let dash: Dashboard;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wxdesk-dash-'));
  fake = await FakeWeChat.start();
  fake.addAccount(APPID, SECRET);
  core = createCore({ dataDir: dir, retry: { baseMs: 1, maxMs: 2 } });
  await core.accounts.save({ appId: APPID, secret: SECRET, apiBase: fake.url, serverToken: 'weixin', aesKey: AES_KEY });
  dash = new Dashboard({ core, host: 'browser', version: 'test' });
});

afterEach(async () => {
  await core.close();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return errorView(e);
  }
  throw new Error('expected a failure');
}

describe('signature lab handlers', () => {
  it('server signature, step by step, with the match verdict', async () => {
    const v = await dash.handlers.signServer({ token: 'weixin', timestamp: '1357982061', nonce: '1358161344', signature: '335b26997f05c82243aad6b10a2d1853637e71a8' });
    expect(v).toMatchObject({ digest: '335b26997f05c82243aad6b10a2d1853637e71a8', match: true, sorted: ['1357982061', '1358161344', 'weixin'] });
    expect(v.joined).toBe('13579820611358161344weixin');
  });

  it('a millisecond timestamp is named as the likely cause', async () => {
    const v = await dash.handlers.signServer({ token: 'weixin', timestamp: '1357982061000', nonce: '1358161344', signature: '335b26997f05c82243aad6b10a2d1853637e71a8' });
    expect(v.match).toBe(false);
    expect(v.causes.map((c) => c.code)).toContain('milliseconds');
  });

  it('JS-SDK signature: the official example, and the #fragment is cut', async () => {
    const input = {
      ticket: 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg',
      noncestr: 'Wm3WZYTPz0wzccnW',
      timestamp: '1414587457',
      url: 'http://mp.weixin.qq.com?params=value#top',
    };
    const v = await dash.handlers.signJssdk(input);
    expect(v.digest).toBe('0f9de62fce790f9a083d5c99e95740ceb90c27ed');
    expect(v.url).toBe('http://mp.weixin.qq.com?params=value');
    expect(v.causes.map((c) => c.code)).toContain('fragment');
  });

  it('encrypts and decrypts a message round trip, never trimming it', async () => {
    const message = '<xml>\n  <Content><![CDATA[你好, WxDesk]]></Content>\n</xml>\n';
    const enc = await dash.handlers.encryptMessage({ aesKey: AES_KEY, appId: APPID, message });
    expect(enc.padding).toBeGreaterThanOrEqual(1);
    expect(enc.padding).toBeLessThanOrEqual(32);
    const dec = await dash.handlers.decryptMessage({ aesKey: AES_KEY, encrypt: enc.encrypt, appId: APPID });
    expect(dec).toMatchObject({ message, appId: APPID, random: enc.random });
    const sig = await dash.handlers.signMessage({ token: 'weixin', timestamp: '1', nonce: '2', encrypt: enc.encrypt });
    expect(sig.parts).toEqual(['weixin', '1', '2', enc.encrypt]);
  });

  it('decrypt refuses a foreign AppID and a short key with plain errors', async () => {
    const enc = await dash.handlers.encryptMessage({ aesKey: AES_KEY, appId: APPID, message: 'hi' });
    const foreign = await failure(dash.handlers.decryptMessage({ aesKey: AES_KEY, encrypt: enc.encrypt, appId: 'wx0000000000000000' }));
    expect(foreign).toMatchObject({ code: 'INVALID_INPUT', kind: 'input' });
    expect(foreign.message).toContain(APPID);
    expect(foreign.message).toContain('wx0000000000000000');
    const short = await failure(dash.handlers.decryptMessage({ aesKey: 'A'.repeat(42), encrypt: enc.encrypt }));
    expect(short.message).toMatch(/43/);
  });

  it('reads a pasted callback URL', async () => {
    const v = await dash.handlers.parseCallback('https://example.com/wx?signature=abc&timestamp=1357982061&nonce=1358161344&echostr=hi%2Bthere');
    expect(v).toMatchObject({ signature: 'abc', timestamp: '1357982061', nonce: '1358161344' });
  });

  it('tickets come from the keeper cache; wx.config is signed with the cached ticket', async () => {
    const t = await dash.handlers.ticket(APPID, 'jsapi');
    expect(t.ticket.length).toBeGreaterThan(20);
    const again = await dash.handlers.ticket(APPID, 'jsapi');
    expect(again.ticket).toBe(t.ticket);
    expect(fake.count('/cgi-bin/ticket/getticket')).toBe(1);
    const { snippet } = await dash.handlers.wxConfig({ appId: APPID, url: 'https://example.com/page#x', noncestr: 'abc', timestamp: '1414587457' });
    const expected = (await dash.handlers.signJssdk({ ticket: t.ticket, noncestr: 'abc', timestamp: '1414587457', url: 'https://example.com/page' })).digest;
    expect(snippet).toContain(`signature: "${expected}"`);
    expect(snippet).not.toContain(t.ticket);
  });

  it('checks every argument: wrong types, unknown fields, missing fields, oversized text', async () => {
    const bad: [keyof typeof dash.handlers, unknown[]][] = [
      ['signServer', [{ token: 'a', timestamp: 1, nonce: 'n' }]],
      ['signServer', [{ token: 'a', timestamp: '1' }]],
      ['signServer', [{ token: 'a', timestamp: '1', nonce: '2', extra: 'x' }]],
      ['signJssdk', ['text']],
      ['encryptMessage', [{ aesKey: AES_KEY, appId: APPID, message: 'x'.repeat(70_000) }]],
      ['parseCallback', [42]],
      ['ticket', [APPID, 'card']],
      ['wxConfig', [{ appId: APPID, url: 'https://x', jsApiList: 'all' }]],
    ];
    for (const [method, args] of bad) {
      const v = await failure((dash.handlers[method] as (...a: unknown[]) => Promise<unknown>)(...args));
      expect(v, `${method} ${JSON.stringify(args).slice(0, 60)}`).toMatchObject({ code: 'INVALID_INPUT' });
    }
    expect(fake.count()).toBe(0);
  });
});

describe('account and token handlers', () => {
  it('copy formats carry the live token', async () => {
    const raw = await dash.handlers.copy(APPID, 'raw');
    expect(fake.isValid(raw.text)).toBe(true);
    expect(raw.copied).toBe(false);
    expect((await dash.handlers.copy(APPID, 'param')).text).toBe(`access_token=${raw.text}`);
  });

  it('an unknown account is a plain error, not a crash', async () => {
    const v = await failure(dash.handlers.token('wx9999999999999999'));
    expect(v).toMatchObject({ code: 'NO_ACCOUNT' });
  });

  it('a setting the host cannot apply is not saved, and the reason comes back', async () => {
    const refusing = new Dashboard({
      core,
      host: 'electron',
      version: 'test',
      onSettings: (next) => {
        if (next.endpointEnabled) throw new WxError('INVALID_INPUT', { detail: `Port ${next.endpointPort} is in use.` });
      },
    });
    const v = await failure(refusing.handlers.saveSettings({ endpointEnabled: true, endpointPort: 7301 }));
    expect(v.message).toContain('Port 7301 is in use');
    expect(await refusing.handlers.getSettings()).toMatchObject({ endpointEnabled: false, endpointPort: 7300 });
  });

  it('settings persist and are validated', async () => {
    expect(await dash.handlers.saveSettings({ locale: 'zh-CN' })).toMatchObject({ locale: 'zh-CN', endpointEnabled: false, endpointPort: 7300 });
    expect(await dash.handlers.getSettings()).toMatchObject({ locale: 'zh-CN' });
  });
});

describe('Copy as curl', () => {
  // The line is pasted into a shell: a hostile API base or a token a custom base returned must stay one argument.
  it('is one quoted word, whatever the API base and the token hold (sh -n, then run with curl stubbed)', async () => {
    const hostile = `x'"; touch PWNED1; echo "$(touch PWNED2)\`touch PWNED3\`'`;
    const stub = createCore({
      dataDir: mkdtempSync(join(tmpdir(), 'wxdesk-curl-')),
      client: {
        classicToken: async () => ({ accessToken: hostile, expiresIn: 7200 }),
        stableToken: async () => ({ accessToken: hostile, expiresIn: 7200 }),
        ticket: async () => ({ ticket: 't', expiresIn: 7200 }),
      },
    });
    try {
      await stub.accounts.save({ appId: APPID, secret: SECRET, apiBase: 'http://127.0.0.1:9/x"; touch PWNED4; echo "' });
    } catch {
      // Refused as input: the base cannot carry a quote. The token still can.
      await stub.accounts.save({ appId: APPID, secret: SECRET, apiBase: fake.url });
    }
    const { text } = await new Dashboard({ core: stub, host: 'browser', version: 'test' }).handlers.copy(APPID, 'curl');
    const cwd = mkdtempSync(join(tmpdir(), 'wxdesk-sh-'));
    try {
      execFileSync('sh', ['-n', '-c', text], { cwd });
      const args = execFileSync('sh', ['-c', `curl() { for a in "$@"; do printf '%s\\n' "$a"; done; }; ${text}`], { cwd, encoding: 'utf8' });
      expect(args.trimEnd().split('\n')).toHaveLength(1);
      expect(args).toContain('/cgi-bin/getcallbackip?access_token=');
      expect(decodeURIComponent(args.trim().split('access_token=')[1]!)).toBe(hostile);
      expect(readdirSync(cwd)).toEqual([]);
      expect(existsSync(join(cwd, 'PWNED1'))).toBe(false);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
      await stub.close();
      rmSync(stub.dataDir, { recursive: true, force: true });
    }
  });
});
