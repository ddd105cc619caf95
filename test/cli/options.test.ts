// The smaller CLI things of issue 21, item 7, as users run them: --version, --server-token and its
// alias --token everywhere a Token is taken, `sign`/`crypt --account [APPID]`, `quota --cgi-path`
// normalised as `api` normalises its path, `accounts update ID` with nothing to change, and a
// message sealed for another AppID as a finding (exit 1). Exit codes and text in en and zh-CN.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encryptMessage } from '../../electron/core/msgcrypt';
import { CallbackServer } from '../fixtures/callback-servers';
import { APPID, OTHER_APPID, OTHER_SECRET, ROOT, SECRET, ensureBuilt, removeTempDirs, tempDir, wxdesk } from '../fixtures/core';
import { cliIn } from '../fixtures/cli-in-process';
import { FakeWeChat } from '../fixtures/fake-wechat';

const ZH = { LANG: 'zh_CN.UTF-8' };
const TOKEN = 'labToken2024';
const KEY = 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR';
const sha1 = (parts: string[]) => createHash('sha1').update([...parts].sort().join('')).digest('hex');
const SEALED = encryptMessage({ aesKey: KEY, appId: APPID, message: '<xml><Content>hi</Content></xml>' });

let fake: FakeWeChat;
let dir: string;

beforeAll(ensureBuilt, 120_000);
afterAll(removeTempDirs);
beforeEach(async () => {
  fake = await FakeWeChat.start();
  fake.addAccount(APPID, SECRET);
  fake.addAccount(OTHER_APPID, OTHER_SECRET);
  dir = tempDir();
});
afterEach(async () => {
  await fake.close();
});

const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => cliIn(dir, args, env);

async function add(appId: string, secret: string, ...extra: string[]): Promise<void> {
  const r = await cli(['accounts', 'add', '--app-id', appId, '--secret', secret, '--api-base', fake.url, ...extra]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
}

const savedToken = async (appId: string) => ((JSON.parse((await cli(['accounts', 'list', '--json'])).out) as { appId: string; serverToken: string }[]).find((a) => a.appId === appId)!.serverToken);

describe('wxdesk --version', () => {
  it('prints the version of package.json alone, from the built command and in-process, --version and -v', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const r = await wxdesk(dir, [flag]);
      expect(r, flag).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
      expect(await cli([flag], ZH)).toEqual({ code: 0, out: `${version}\n`, err: '' });
    }
    expect((await cli(['--help'])).out).toMatch(/^ {2}-v, --version +print the version/m);
  });

  it('with something after it: exit 2, en and zh', async () => {
    expect(await cli(['--version', 'now'])).toEqual({ code: 2, out: '', err: 'wxdesk: --version takes nothing after it (got now).\n' });
    expect(await cli(['-v', 'now'], ZH)).toEqual({ code: 2, out: '', err: 'wxdesk: -v 后面不接任何参数（实际为 now）。\n' });
  });
});

describe('--server-token, and --token as its alias', () => {
  it('accounts add and update take either; both with different values exit 2 (en, zh)', async () => {
    await add(APPID, SECRET, '--token', 'viaAlias1');
    expect(await savedToken(APPID)).toBe('viaAlias1');
    expect((await cli(['accounts', 'update', APPID, '--server-token', 'viaName2'])).code).toBe(0);
    expect(await savedToken(APPID)).toBe('viaName2');
    expect((await cli(['accounts', 'update', APPID, '--token', 'same3', '--server-token', 'same3'])).code).toBe(0);
    expect(await savedToken(APPID)).toBe('same3');
    const both = await cli(['accounts', 'update', APPID, '--token', 'aaa111', '--server-token', 'bbb222']);
    expect(both).toEqual({ code: 2, out: '', err: 'wxdesk: --server-token and --token are one option (--token is an alias) and were given different values: give one.\n' });
    expect((await cli(['accounts', 'update', APPID, '--token', 'aaa111', '--server-token', 'bbb222'], ZH)).err).toBe('wxdesk: --server-token 与 --token 是同一个选项（--token 是别名），却给了不同的值：请只给一个。\n');
    expect(await savedToken(APPID)).toBe('same3');
  });

  it('sign server, crypt sign and crypt wecom-url take --server-token as they take --token', async () => {
    const q = ['--timestamp', '1714036504', '--nonce', '1514711492'];
    for (const flag of ['--token', '--server-token']) {
      expect(await cli(['sign', 'server', flag, TOKEN, ...q]), flag).toEqual({ code: 0, out: `${sha1([TOKEN, '1714036504', '1514711492'])}\n`, err: '' });
      expect((await cli(['crypt', 'sign', flag, TOKEN, ...q, '--encrypt', SEALED])).out).toBe(`${sha1([TOKEN, '1714036504', '1514711492', SEALED])}\n`);
      const echostr = encryptMessage({ aesKey: KEY, appId: 'ww1234', message: '42' });
      const wecom = await cli(['crypt', 'wecom-url', flag, TOKEN, '--aes-key', KEY, ...q, '--echostr', echostr, '--msg-signature', sha1([TOKEN, '1714036504', '1514711492', echostr])]);
      expect(wecom).toEqual({ code: 0, out: '42\n', err: '' });
    }
    const missing = await cli(['sign', 'server', ...q]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('"sign server" needs --server-token (or its alias --token), or --account [APPID]');
    expect((await cli(['sign', 'server', ...q], ZH)).err).toMatch(/^wxdesk: "sign server" 需要 --server-token（或其别名 --token），或用 --account \[APPID\] 使用已保存账号的 Token。\n提示: 运行 "wxdesk sign server --help" 查看用法。\n$/);
    for (const help of [['sign', 'server'], ['crypt', 'sign'], ['crypt', 'wecom-url']]) {
      expect((await cli([...help, '--help'])).out, help.join(' ')).toMatch(/--server-token T +.*(\n.*)?--token T is an alias/);
    }
  });

  it('probe takes --token as --server-token', async () => {
    const server = await CallbackServer.start({ token: TOKEN });
    try {
      const r = await cli(['probe', server.url, '--token', TOKEN, '--timeout', '5']);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain('5 passed, 0 warned, 0 failed');
    } finally {
      await server.close();
    }
  });
});

describe('sign and crypt --account [APPID]', () => {
  const q = ['--timestamp', '1714036504', '--nonce', '1514711492'];

  it('with one account, a bare --account takes its Token, EncodingAESKey and AppID; explicit flags win', async () => {
    await add(APPID, SECRET, '--server-token', TOKEN, '--aes-key', KEY);
    const digest = `${sha1([TOKEN, '1714036504', '1514711492'])}\n`;
    expect(await cli(['sign', 'server', '--account', ...q])).toEqual({ code: 0, out: digest, err: '' });
    expect(await cli(['sign', 'server', ...q, '--account'])).toEqual({ code: 0, out: digest, err: '' });
    expect(await cli(['sign', 'server', '--account', APPID, ...q])).toEqual({ code: 0, out: digest, err: '' });
    expect((await cli(['sign', 'server', '--account', '--server-token', 'flagWins', ...q])).out).toBe(`${sha1(['flagWins', '1714036504', '1514711492'])}\n`);
    expect((await cli(['crypt', 'sign', '--account', ...q, '--encrypt', SEALED])).out).toBe(`${sha1([TOKEN, '1714036504', '1514711492', SEALED])}\n`);
    expect(await cli(['crypt', 'decrypt', '--account', '--encrypt', SEALED])).toEqual({ code: 0, out: '<xml><Content>hi</Content></xml>\n', err: '' });
    const sealed = await cli(['crypt', 'encrypt', '--account', '--message', 'back', '--json']);
    expect(sealed.code, sealed.err).toBe(0);
    expect(JSON.parse(sealed.out)).toMatchObject({ appId: APPID });
    expect((await cli(['crypt', 'decrypt', '--aes-key', KEY, '--app-id', APPID, '--encrypt', (JSON.parse(sealed.out) as { encrypt: string }).encrypt])).out).toBe('back\n');
  });

  it('sign jssdk --account signs with the account\'s cached jsapi_ticket', async () => {
    await add(APPID, SECRET);
    const args = ['--noncestr', 'n1', '--timestamp', '1414587457', '--url', 'https://example.com/'];
    const viaAccount = await cli(['sign', 'jssdk', '--account', ...args]);
    expect(viaAccount.code, viaAccount.err).toBe(0);
    expect((await cli(['sign', 'jssdk', '--app-id', APPID, ...args])).out).toBe(viaAccount.out);
    expect(fake.count('/cgi-bin/ticket/getticket')).toBe(1);
  });

  it('with several accounts, a bare --account names them (exit 2, en and zh); a named one is used', async () => {
    await add(APPID, SECRET, '--server-token', TOKEN, '--aes-key', KEY);
    await add(OTHER_APPID, OTHER_SECRET, '--server-token', 'otherTok', '--aes-key', KEY);
    expect(await cli(['crypt', 'decrypt', '--account', '--encrypt', SEALED])).toEqual({
      code: 2,
      out: '',
      err: `wxdesk: There are 2 accounts; name one: --account APPID (${APPID}, ${OTHER_APPID}).\nhint: run "wxdesk crypt decrypt --help" for usage.\n`,
    });
    expect((await cli(['sign', 'server', '--account', ...q], ZH)).err).toBe(`wxdesk: 共有 2 个账号，请指明其一：--account APPID（${APPID}、${OTHER_APPID}）。\n提示: 运行 "wxdesk sign server --help" 查看用法。\n`);
    expect((await cli(['sign', 'server', '--account', OTHER_APPID, ...q])).out).toBe(`${sha1(['otherTok', '1714036504', '1514711492'])}\n`);
    // The other account's AppID is the one checked: the message sealed for APPID is a finding, exit 1.
    const foreign = await cli(['crypt', 'decrypt', '--account', OTHER_APPID, '--encrypt', SEALED]);
    expect(foreign).toMatchObject({ code: 1, out: '' });
    expect(foreign.err).toContain(`sealed for AppID ${APPID}, not for ${OTHER_APPID}`);
  });

  it('no accounts, an unknown one, or one without the value needed: exit 2 saying what to type (en, zh)', async () => {
    const none = await cli(['sign', 'server', '--account', ...q]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/^wxdesk: --account takes the Token, EncodingAESKey and AppID of a saved account, and there is none yet: add one \(wxdesk accounts add/);
    expect((await cli(['sign', 'server', '--account', ...q], ZH)).err).toMatch(/^wxdesk: --account 使用已保存账号的 Token、EncodingAESKey 和 AppID，但目前还没有账号/);
    await add(APPID, SECRET);
    const unknown = await cli(['crypt', 'decrypt', '--account', OTHER_APPID, '--encrypt', SEALED]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain(`No account ${OTHER_APPID} in this data directory.`);
    expect(await cli(['sign', 'server', '--account', ...q])).toEqual({
      code: 2,
      out: '',
      err: `wxdesk: Account ${APPID} has no Token saved: give --server-token T, or save it with: wxdesk accounts update ${APPID} --server-token T\nhint: run "wxdesk sign server --help" for usage.\n`,
    });
    expect((await cli(['crypt', 'decrypt', '--account', '--encrypt', SEALED], ZH)).err).toMatch(new RegExp(`^wxdesk: 账号 ${APPID} 没有保存 EncodingAESKey：请给出 --aes-key K，或先保存：wxdesk accounts update ${APPID} --aes-key K\n`));
  });
});

describe('crypt decrypt with another AppID', () => {
  it('is a finding: exit 1 naming both AppIDs, no usage hint, in en and zh', async () => {
    const args = ['crypt', 'decrypt', '--aes-key', KEY, '--encrypt', SEALED, '--app-id', OTHER_APPID];
    const en = await cli(args);
    expect(en).toMatchObject({ code: 1, out: '' });
    expect(en.err).toMatch(new RegExp(`^wxdesk: The message was sealed for AppID ${APPID}, not for ${OTHER_APPID}: .*\nhint: Check which account`));
    const zh = await cli(args, ZH);
    expect(zh).toMatchObject({ code: 1, out: '' });
    expect(zh.err).toMatch(new RegExp(`^wxdesk: 这条消息是为 AppID ${APPID} 加密的，而不是 ${OTHER_APPID}：.*\n提示: 请检查此 EncodingAESKey 配置在哪个账号下`));
  });
});

describe('quota --cgi-path', () => {
  it('is normalised as api\'s path: leading slash added, query dropped; the token API may be asked about', async () => {
    await add(APPID, SECRET);
    fake.setQuota(APPID, '/cgi-bin/menu/get', { dailyLimit: 100, used: 7 });
    expect(await cli(['quota', '--cgi-path', 'cgi-bin/menu/get?access_token=ACCESS_TOKEN'])).toEqual({ code: 0, out: '/cgi-bin/menu/get: 7 used of 100 today, 93 left\n', err: '' });
    expect(await cli(['quota', '--cgi-path', ' /cgi-bin/menu/get?x=1 '], ZH)).toEqual({ code: 0, out: '/cgi-bin/menu/get：今日已用 7 次，上限 100 次，剩余 93 次\n', err: '' });
    expect((await cli(['quota', '--cgi-path', 'cgi-bin/stable_token', '--json'])).code).toBe(0);
    const bad = await cli(['quota', '--cgi-path', 'cgi-bin/../menu/get']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('must not contain . or .. segments');
  });
});

describe('accounts update with nothing to change', () => {
  it('exits 2 naming the options that change something (en, zh), and changes nothing', async () => {
    await add(APPID, SECRET, '--label', 'Shop');
    const r = await cli(['accounts', 'update', APPID]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(new RegExp(`^wxdesk: Nothing to change for ${APPID}: give at least one of --secret, --label, --server-token, .*--aes-key.*--mode.*--api-base.*--auto-refresh.*\\.\n$`));
    expect(r.err).not.toMatch(/--token\b|--app-id|--help/);
    const zh = await cli(['accounts', 'update', APPID], ZH);
    expect(zh.code).toBe(2);
    expect(zh.err).toMatch(new RegExp(`^wxdesk: ${APPID} 没有要修改的内容：请至少给出以下选项之一：--secret, --label, `));
    expect((await cli(['accounts', 'update', '--app-id', APPID])).code).toBe(2);
    const list = JSON.parse((await cli(['accounts', 'list', '--json'])).out) as { label: string }[];
    expect(list[0]!.label).toBe('Shop');
    expect((await cli(['accounts', 'update', APPID, '--label', 'Store'])).code).toBe(0);
  });
});
