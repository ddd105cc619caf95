// The CLI under LANG=zh_CN is Chinese from end to end: every --help, a sample of every command's
// usage errors and input refusals, and what the commands print on success. A line fails when an
// English word is left once code is set aside (flags, URLs, paths, AppIDs, quoted values, names
// of commands and of WeChat's own fields): so a new message or option without its Chinese text
// fails here. Runs runCli in this process against a temp data dir; nothing reaches the network.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type Io } from '../../electron/cli';
import { displayWidth } from '../../electron/cli/columns';
import { CallbackServer } from '../fixtures/callback-servers';
import { APPID, SECRET, ensureBuilt, removeTempDirs, tempDir } from '../fixtures/core';

const ZH = { LANG: 'zh_CN.UTF-8' };

/**
 * Words that stay as they are in a Chinese text: names of things, WeChat's fields, placeholders, option
 * values, command names, and WeChat's MsgType and Event values (the push TYPEs, spelled as WeChat does).
 */
const KEEP = new Set(
  `wxdesk WxDesk AppID AppSecret appID Token token EncodingAESKey Encrypt API HTTP JSON IP URL ID APPID RID rid PATH METHOD GET POST
  JS SDK Redis TLS CorpID MsgId echostr nonce nonceStr noncestr timestamp signature ms KB MiB sha1 sort base64 ASCII WXBizMsgCrypt
  CDATA stable classic plain safe compatible on off printf SECRET Ctrl TEXT FILE B64 R16 TS ok wx sha PDF TOKEN openapi
  appId base http shell stdout stderr XML openid TYPE success
  accounts add update list remove serve sign crypt probe push api quota clear menu get set delete server jssdk encrypt decrypt wecom url help compat
  text image voice video shortvideo location link subscribe unsubscribe SCAN LOCATION CLICK VIEW TEMPLATESENDJOBFINISH
  status latency errcode error retried body daily limit used remain access expires mode
  followers template qrcode media upload send field uploadimg thumb png jpeg jpg gif amr mp msgid ticket
  multipart showqrcode user message OpenID OPENID RRGGBB SECONDS MB PNG`.split(/\s+/),
);

/** The English words left in a line once code, names and quoted values are set aside. */
function englishLeft(line: string): string[] {
  const prose = line
    .replace(/`[^`]*`/g, ' ')
    .replace(/"[^"]*"/g, ' ')
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/\S*/gi, ' ') // URLs
    .replace(/\b[\w-]+(\.[\w-]+)+(\/[^\s（），。；]*)?/g, ' ') // hosts, file names, a.b identifiers
    .replace(/(^|[^\w])--?[a-z][\w-]*(=\S*)?/gi, ' ') // flags
    .replace(/\/[\w/.{}<>:?&=…|-]*/g, ' ') // paths, with their query
    .replace(/\b(wx[0-9a-f]{16}|gh_\w+)\b/gi, ' ')
    .replace(/\b[A-Za-z][\w.]*=[^\s，。；）、]*/g, ' ') // name=value settings: Content=你好, key=V1001
    .replace(/\bE[A-Z]{3,}\b/g, ' ') // errno codes: ENOENT, EACCES
    .replace(/\b\w+_\w+\b/g, ' '); // snake_case fields: access_token, jsapi_ticket, msg_signature
  return (prose.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !KEEP.has(w));
}

let dir: string;

async function cli(args: string[], opts: { env?: NodeJS.ProcessEnv; signal?: AbortSignal; onOut?: (all: string) => void } = {}) {
  let out = '';
  let err = '';
  const io: Io = {
    out: (s) => {
      out += s;
      opts.onOut?.(out);
    },
    err: (s) => void (err += s),
    env: opts.env ?? ZH,
    stdin: async () => '',
  };
  const code = await runCli(['--data-dir', dir, ...args], io, opts.signal);
  return { code, out, err };
}

/** Every line of the outputs that still carries English, with the words. */
function english(text: string): string[] {
  return text
    .split('\n')
    .map((l) => [l, englishLeft(l)] as const)
    .filter(([, words]) => words.length > 0)
    .map(([l, words]) => `${words.join(',')}  ⟵  ${l}`);
}

const HELPS: string[][] = [
  ['--help'],
  ['accounts', '--help'],
  ['accounts', 'add', '--help'],
  ['accounts', 'update', '--help'],
  ['accounts', 'list', '--help'],
  ['accounts', 'remove', '--help'],
  ['token', '--help'],
  ['serve', '--help'],
  ['sign', '--help'],
  ['sign', 'server', '--help'],
  ['sign', 'jssdk', '--help'],
  ['crypt', '--help'],
  ['crypt', 'sign', '--help'],
  ['crypt', 'encrypt', '--help'],
  ['crypt', 'decrypt', '--help'],
  ['crypt', 'wecom-url', '--help'],
  ['probe', '--help'],
  ['api', '--help'],
  ['quota', '--help'],
  ['rid', '--help'],
  ['clear-quota', '--help'],
  ['push', '--help'],
  ['menu', '--help'],
  ['menu', 'get', '--help'],
  ['menu', 'set', '--help'],
  ['menu', 'delete', '--help'],
  ['followers', '--help'],
  ['template', '--help'],
  ['template', 'send', '--help'],
  ['qrcode', '--help'],
  ['media', '--help'],
  ['media', 'upload', '--help'],
];

beforeAll(async () => {
  await ensureBuilt(); // serve reads the built renderer
  dir = tempDir();
}, 120_000);
afterAll(removeTempDirs);

describe('the check itself', () => {
  it('finds English words, and lets code, flags, URLs and names pass', () => {
    expect(englishLeft('Usage: wxdesk token [APPID]')).toEqual(['Usage']);
    expect(englishLeft('wxdesk: 未知选项 --appid：是否想用 --app-id？')).toEqual([]);
    expect(englishLeft('请从 developers.weixin.qq.com/platform 复制；见 https://mp.weixin.qq.com/debug?t=x')).toEqual([]);
    expect(englishLeft('AppID wx0123456789abcdef 的 access_token 已过期')).toEqual([]);
    expect(englishLeft('wxdesk: 账号 wx0123456789abcdef already exists')).toEqual(['already', 'exists']);
    expect(englishLeft('PASS  URL 验证')).toEqual(['PASS']);
    expect(englishLeft('--field 的格式为 Name=value；例如 --field EventKey=V1001')).toEqual([]);
    expect(englishLeft('menu set a.json：无法读取（ENOENT）')).toEqual([]);
    expect(englishLeft('the value must be set')).toEqual(['the', 'value', 'must', 'be']);
  });
});

describe('wxdesk under LANG=zh_CN', () => {
  it('every --help is in Chinese', async () => {
    const left: string[] = [];
    for (const args of HELPS) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.out, args.join(' ')).toMatch(/用法/);
      left.push(...english(r.out).map((l) => `${args.join(' ')}: ${l}`));
    }
    expect(left).toEqual([]);
  });

  it('every option in a command\'s English help is in its Chinese help too', async () => {
    for (const args of HELPS) {
      const en = await cli(args, { env: { LANG: 'C.UTF-8' } });
      const zh = await cli(args);
      const flags = (t: string) => [...new Set(t.match(/--[a-z][\w-]*/g) ?? [])].sort();
      expect(flags(zh.out), args.join(' ')).toEqual(flags(en.out));
    }
  });

  const REFUSED: string[][] = [
    ['acount'],
    ['accounts', 'lst'],
    ['accounts', 'add', '--appid', APPID],
    ['accounts', 'add', '--secret', SECRET],
    ['accounts', 'add', '--app-id', 'WX0123456789abcdef', '--secret', SECRET],
    ['accounts', 'add', '--app-id', 'gh_1234567890ab', '--secret', SECRET],
    ['accounts', 'add', '--app-id', APPID, '--secret', '0123456789abcdef 0123456789abcdef'],
    ['accounts', 'add', '--app-id', APPID, '--secret', SECRET, '--mode', 'fast'],
    ['accounts', 'add', '--app-id', APPID, '--secret', SECRET, '--auto-refresh', 'maybe'],
    ['accounts', 'add', '--app-id', APPID, '--secret', '-'],
    ['accounts', 'update'],
    ['accounts', 'update', 'wxffffffffffffffff'],
    ['accounts', 'remove'],
    ['token', 'a', 'b'],
    ['token', '--force=yes'],
    ['token', '--app-id'],
    ['token'],
    ['serve', '--port', '99999'],
    ['sign'],
    ['sign', 'sever'],
    ['sign', 'server', '--timestamp', '1', '--nonce', 'n'],
    ['sign', 'server', '--token', 'abc', '--timestamp', '1', '--nonce', 'n', 'extra'],
    ['sign', 'jssdk', '--noncestr', 'n', '--timestamp', '1', '--url', 'http://a/'],
    ['crypt', 'decrypt', '--aes-key', 'short', '--encrypt', 'AAAA'],
    ['crypt', 'encrypt', '--aes-key'],
    ['probe'],
    ['probe', 'http://127.0.0.1:1/x'],
    ['probe', 'localhost:8080', '--server-token', 'tok123'],
    ['probe', 'http://127.0.0.1:1/x', '--server-token', 'tok123', '--mode', 'secure'],
    ['probe', 'http://127.0.0.1:1/x', '--server-token', 'tok123', '--timeout', 'soon'],
    ['probe', 'http://127.0.0.1:1/x', '--server-token', 'tok123', '--aes-key', 'k'],
    ['probe', 'http://127.0.0.1:1/x', '--server-token', 'tok123', '--app-id', 'gh_1234567890ab', '--mode', 'safe', '--aes-key', 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'],
    ['api', 'GET'],
    ['quota', 'a', 'b'],
    ['rid'],
    ['clear-quota', 'a', 'b'],
    ['--data-dir'],
    ['--redis', 'http://x', 'token'],
    ['--version', 'x'],
    ['puhs'],
    ['accounts', 'add', '--app-id', APPID, '--secret', SECRET, '--message-mode', 'secure'],
    ['accounts', 'update', APPID],
    ['sign', 'server', '--server-token', 'abc', '--token', 'abd', '--timestamp', '1', '--nonce', 'n'],
    ['sign', 'server', '--account', '--timestamp', '1', '--nonce', 'n'],
    ['sign', 'jssdk', '--noncestr', 'n', '--timestamp', '1', '--url', 'http://a/', '--acount'],
    ['crypt', 'decrypt', '--account', '--encrypt', 'AAAA'],
    ['crypt', 'encrpyt'],
    ['probe', 'http://127.0.0.1:1/x', '--server-token', 'tok123', '--token', 'tok124'],
    ['probe', 'http://127.0.0.1:1/x', '--server-token', 'tok123', '--mode', 'compat'],
    ['push'],
    ['push', 'a', 'b', 'c'],
    ['push', 'bogus', 'text'],
    ['push', 'text', '--field', 'Content'],
    ['push', 'text', '--field', 'Content=a', '--field', 'Content=b'],
    ['push', 'text', '--feild', 'Content=a'],
    ['push', 'text', '--mode', 'secure'],
    ['push', '--xml', 'a.xml'],
    ['push', 'text', '--xml', '@a.xml', '--field', 'Content=a'],
    ['menu'],
    ['menu', 'gte'],
    ['menu', 'get', 'a', 'b'],
    ['menu', 'get', 'wx123'],
    ['menu', 'set'],
    ['menu', 'delete'],
    ['menu', 'set', '--dry-rn', 'a.json'],
    ['followers', 'a', 'b'],
    ['template'],
    ['template', 'sned'],
    ['template', 'list', 'wx123'],
    ['qrcode', '--scene', '1', '--expire', '1', '--permanent'],
    ['media'],
    ['media', 'uplaod'],
    ['media', 'upload', 'doc', 'a.bin'],
    ['api', 'POST', '/cgi-bin/media/upload', '--file', 'media'],
  ];

  it('usage errors and refused input are in Chinese (exit 2)', async () => {
    const left: string[] = [];
    for (const args of REFUSED) {
      const r = await cli(args);
      expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(2);
      expect(r.err, args.join(' ')).toMatch(/\p{Script=Han}/u);
      left.push(...english(r.out + r.err).map((l) => `${args.join(' ')}: ${l}`));
    }
    expect(left).toEqual([]);
  });

  it('with accounts: what the commands print, and their refusals, in Chinese', async () => {
    const base = ['--api-base', 'http://127.0.0.1:1'];
    const left: string[] = [];
    const check = async (args: string[], code: number) => {
      const r = await cli(args);
      expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(code);
      left.push(...english(r.out + r.err).map((l) => `${args.join(' ')}: ${l}`));
      return r;
    };
    await check(['accounts', 'add', '--app-id', APPID, '--secret', SECRET, '--label', '测试号', ...base], 0);
    await check(['accounts', 'add', '--app-id', APPID, '--secret', SECRET, ...base], 2);
    await check(['accounts', 'add', '--app-id', 'wxfedcba9876543210', '--secret', SECRET, ...base], 0);
    await check(['accounts', 'update', APPID, '--label', '正式号'], 0);
    const list = await check(['accounts', 'list'], 0);
    expect(list.out).toMatch(/名称/);
    await check(['token'], 2);
    await check(['api', APPID, 'GET'], 2);
    await check(['api', APPID, '/cgi-bin/menu/get'], 2);
    await check(['api', APPID, 'POST', '/cgi-bin/menu/create', '--data', '{"button":[],}'], 2);
    await check(['api', 'GET', '/cgi-bin/menu/get', '--query', 'x'], 2);
    await check(['clear-quota', APPID], 2);
    await check(['api', APPID, 'GET', 'https://example.com/cgi-bin/menu/get'], 2);
    await check(['accounts', 'update', APPID, '--message-mode', 'compat'], 0);
    expect((await check(['accounts', 'list'], 0)).out).toMatch(/消息加解密/);
    await check(['accounts', 'update', APPID], 2);
    await check(['sign', 'server', '--account', '--timestamp', '1', '--nonce', 'n'], 2);
    await check(['sign', 'server', '--account', APPID, '--timestamp', '1', '--nonce', 'n'], 2);
    await check(['crypt', 'decrypt', '--account', APPID, '--encrypt', 'AAAA'], 2);
    await check(['push', APPID, 'text'], 2);
    await check(['menu', 'get'], 2);
    await check(['menu', 'delete', APPID], 2);
    await check(['menu', 'set', APPID, join(dir, 'none.json')], 2);
    writeFileSync(join(dir, 'not-json.json'), '{"button": [}');
    await check(['menu', 'set', APPID, join(dir, 'not-json.json')], 2);
    const click = (n: number) => ({ type: 'click', name: `菜单${n}`, key: `K${n}` });
    writeFileSync(join(dir, 'four.json'), JSON.stringify({ button: [click(1), click(2), click(3), click(4)] }));
    const broken = await check(['menu', 'set', APPID, join(dir, 'four.json'), '--dry-run'], 1);
    expect(broken.err).toMatch(/未发送任何内容/);
    await check(['template', 'send', APPID, '--to', 'oA'], 2);
    await check(['qrcode', APPID, '--scene', 'x'.repeat(65)], 2);
    await check(['qrcode', APPID, '--scene', 'a', '--expire', '5'], 2);
    writeFileSync(join(dir, 'v.mp3'), Buffer.from('\x89PNG\r\n\x1a\n0000', 'latin1'));
    await check(['media', 'upload', APPID, 'voice', join(dir, 'v.mp3')], 2);
    await check(['media', 'upload', APPID, 'image', join(dir, 'none.png')], 2);
    await check(['api', APPID, 'POST', '/cgi-bin/media/upload', '--file', `media=@${join(dir, 'none.png')}`], 2);
    await check(['api', APPID, 'POST', '/cgi-bin/media/upload', '--field', 'a=b'], 2);
    await check(['accounts', 'remove', 'wxfedcba9876543210'], 0);
    expect(left).toEqual([]);
  });

  it('push prints the reply and its verdict in Chinese, and a push nobody answers too', async () => {
    dir = tempDir();
    const s = await CallbackServer.start({ token: 'tok123', reply: 'success' });
    try {
      const add = await cli(['accounts', 'add', '--app-id', APPID, '--secret', SECRET, '--server-token', 'tok123', '--api-base', 'http://127.0.0.1:1']);
      expect(add.code, add.err).toBe(0);
      const ok = await cli(['push', 'text', '--field', 'Content=你好', '--url', s.url]);
      expect(ok.code, ok.err).toBe(0);
      expect(ok.out).toMatch(/^（无回复.*\n通过 {2}"text"（明文模式）/);
      expect(english(ok.out + ok.err)).toEqual([]);
      const dead = await cli(['push', 'CLICK', '--field', 'EventKey=V1001', '--url', 'http://127.0.0.1:1/wechat']);
      expect(dead.code, dead.err).toBe(1);
      expect(dead.out).toMatch(/^失败 {2}"CLICK"（明文模式）/m);
      expect(english(dead.out + dead.err)).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('serve starts in Chinese', async () => {
    const stop = new AbortController();
    const r = await cli(['serve', '--port', '0'], { signal: stop.signal, onOut: (all) => void (all.includes('Ctrl+C') && setImmediate(() => stop.abort())) });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/控制台/);
    expect(english(r.out + r.err)).toEqual([]);
  });
});

describe('columns by display width', () => {
  it('CJK and full-width characters take two columns, combining marks none', () => {
    expect(displayWidth('APPID')).toBe(5);
    expect(displayWidth('名称')).toBe(4);
    expect(displayWidth('（测试）')).toBe(8);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('한국')).toBe(4);
  });

  it('accounts list lines up a Chinese heading and label with the rows below', async () => {
    dir = tempDir();
    for (const [id, label] of [[APPID, '测试号'], ['wxfedcba9876543210', 'shop']]) {
      expect((await cli(['accounts', 'add', '--app-id', id!, '--secret', SECRET, '--label', label!, '--api-base', 'http://127.0.0.1:1'])).code).toBe(0);
    }
    const r = await cli(['accounts', 'list']);
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    // The column after the label starts at the same screen column on every line.
    const starts = lines.map((l) => displayWidth(l.slice(0, l.search(/ (模式|stable|classic)/) + 1)));
    expect(new Set(starts).size, r.out).toBe(1);
  });
});
