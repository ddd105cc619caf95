// A bad-input table: malformed inputs, written as data, against the three ways in — the `wxdesk`
// command (spawned processes of bin/wxdesk.js), the handler table as IPC calls it (registerIpc
// with a stub ipcMain and our own window as the sender), and the HTTP host of `wxdesk serve`
// (dashboard API and WeChat's token paths). Every refusal must name what was wrong, never crash,
// never reach WeChat, and leave the data directory byte for byte as it was.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_METHODS, type Envelope, type ErrorView } from '../electron/contract';
import { Dashboard } from '../electron/core/dashboard';
import type { Core } from '../electron/core/services';
import { dashboardRoutes } from '../electron/host/dashboard-routes';
import { startHost, type Host } from '../electron/host/server';
import { registerIpc } from '../electron/ipc';
import { HEADER, KINDS } from '../electron/core/simulator/kinds';
import { FakeWeChat } from './fixtures/fake-wechat';
import { APPID, OTHER_APPID, RID_AT_END, SECRET, ensureBuilt, makeCore, removeTempDirs, tempDir, wxdesk } from './fixtures/core';

// ---- shared values ------------------------------------------------------------------------------

/** A well-formed EncodingAESKey: 43 base64 characters. */
const AES = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const MB10 = 'x'.repeat(10 * 1024 * 1024);
const KB100 = 'a'.repeat(100 * 1024);
const HEX15 = '0123456789abcde';
const WRONG_SHAPE_SECRET = '0123456789abcdef0123456789abcde'; // 31 characters
const UNKNOWN_APPID = 'wxffffffffffffffff';
const MS_TIMESTAMP = '1414587457000';

const sha1 = (s: string) => createHash('sha1').update(s, 'utf8').digest('hex');

/** Every file in the data dir except the locks/ folder, as bytes. */
function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const rel = relative(dir, p);
      if (rel === 'locks') continue;
      if (statSync(p).isDirectory()) walk(p);
      else out.set(rel, readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

function expectUnchanged(before: Map<string, Buffer>, after: Map<string, Buffer>): void {
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  for (const [file, bytes] of before) {
    const now = after.get(file)!;
    // Text first, for a readable diff; then the bytes themselves.
    expect(now.toString('utf8'), file).toBe(bytes.toString('utf8'));
    expect(now.equals(bytes), file).toBe(true);
  }
}

afterAll(() => removeTempDirs());

const NO_STACK = /^\s*at \S/m;
const JS_ERROR = /\b(TypeError|ReferenceError|RangeError|SyntaxError|ERR_[A-Z_]+)\b/;

// ==================================================================================================
// a. The CLI
// ==================================================================================================

type CliExpect =
  /** Refused: exit 2, stderr names the field or option, nothing on stdout. */
  | { code: 2; names: RegExp; notEcho?: string }
  /** The signature lab signs any text and explains likely mistakes: exit 0 (1 on a mismatch), digest on stdout. */
  | { code: 0 | 1; stdout: RegExp | string; stderr: RegExp | '' };

interface CliCase {
  name: string;
  surface: 'cli';
  input: string[];
  expect: CliExpect;
}

const add = (...more: string[]) => ['accounts', 'add', '--app-id', OTHER_APPID, '--secret', SECRET, ...more];
const addId = (appId: string) => ['accounts', 'add', '--app-id', appId, '--secret', SECRET];
const addSecret = (secret: string) => ['accounts', 'add', '--app-id', OTHER_APPID, '--secret', secret];
const APPID_FIELD = /--app-id: AppID/;
const SECRET_FIELD = /--secret: AppSecret/;
const AES_FIELD = /--aes-key: EncodingAESKey/;
const TOKEN_FIELD = /--server-token: Token/;
const API_FIELD = /--api-base: API base|--api-base: Plain http:\/\//;

const cliCases: CliCase[] = [
  // AppID shapes
  { name: 'AppID too short', surface: 'cli', input: addId('wx123'), expect: { code: 2, names: APPID_FIELD } },
  { name: 'AppID all uppercase', surface: 'cli', input: addId('WX0123456789ABCDEF'), expect: { code: 2, names: APPID_FIELD } },
  { name: 'AppID with uppercase hex', surface: 'cli', input: addId('wx0123456789ABCDEF'), expect: { code: 2, names: /--app-id: AppID uses lowercase/ } },
  { name: "AppID 'wx' + 15 hex", surface: 'cli', input: addId(`wx${HEX15}`), expect: { code: 2, names: /--app-id: AppID .*17 characters/ } },
  { name: "AppID 'wx' + 17 hex", surface: 'cli', input: addId(`wx${HEX15}ff`), expect: { code: 2, names: APPID_FIELD } },
  { name: 'AppID of 100 KB', surface: 'cli', input: addId(`wx${KB100}`), expect: { code: 2, names: /--app-id: AppID .*102402 characters/ } },
  { name: 'AppID with an emoji', surface: 'cli', input: addId('wx😀0123456789abcd'), expect: { code: 2, names: APPID_FIELD } },
  { name: 'AppID with an RTL mark', surface: 'cli', input: addId('wx0123456789abcdef\u200f'), expect: { code: 2, names: APPID_FIELD } },
  { name: 'AppID with a control character', surface: 'cli', input: addId('wx01234567\u000789abcdef'), expect: { code: 2, names: APPID_FIELD } },
  { name: 'AppID __proto__', surface: 'cli', input: addId('__proto__'), expect: { code: 2, names: /--app-id: AppID .*"__proto__"/ } },
  { name: 'AppID constructor', surface: 'cli', input: addId('constructor'), expect: { code: 2, names: /--app-id: AppID .*"constructor"/ } },
  // AppSecret shapes: named, never echoed
  { name: 'AppSecret of 31 characters', surface: 'cli', input: addSecret(WRONG_SHAPE_SECRET), expect: { code: 2, names: /--secret: AppSecret .*31 characters/, notEcho: WRONG_SHAPE_SECRET } },
  { name: 'AppSecret of 33 characters', surface: 'cli', input: addSecret(`${SECRET}0`), expect: { code: 2, names: /--secret: AppSecret .*33 characters/, notEcho: `${SECRET}0` } },
  { name: 'AppSecret not hex', surface: 'cli', input: addSecret('0123456789abcdef0123456789abcdeg'), expect: { code: 2, names: /--secret: AppSecret .*not hex/, notEcho: '0123456789abcdef0123456789abcdeg' } },
  { name: 'AppSecret with an RTL mark', surface: 'cli', input: addSecret(`${SECRET.slice(1)}\u200f`), expect: { code: 2, names: SECRET_FIELD, notEcho: SECRET.slice(1) } },
  { name: 'AppSecret missing', surface: 'cli', input: ['accounts', 'add', '--app-id', OTHER_APPID], expect: { code: 2, names: /--secret: AppSecret is required/ } },
  // EncodingAESKey, Token, label, mode, API base, auto-refresh
  { name: 'EncodingAESKey of 42 characters', surface: 'cli', input: add('--aes-key', AES.slice(0, 42)), expect: { code: 2, names: /--aes-key: EncodingAESKey .*42/ } },
  { name: 'EncodingAESKey of 44 characters', surface: 'cli', input: add('--aes-key', `${AES}H`), expect: { code: 2, names: /--aes-key: EncodingAESKey .*44/ } },
  { name: 'EncodingAESKey in base64url (- and _)', surface: 'cli', input: add('--aes-key', `${AES.slice(0, 41)}-_`), expect: { code: 2, names: /--aes-key: EncodingAESKey .*"-"/ } },
  { name: 'EncodingAESKey with a trailing =', surface: 'cli', input: add('--aes-key', `${AES}=`), expect: { code: 2, names: AES_FIELD } },
  { name: 'EncodingAESKey with an emoji', surface: 'cli', input: add('--aes-key', `${AES.slice(0, 41)}😀`), expect: { code: 2, names: AES_FIELD } },
  { name: 'Token with a space', surface: 'cli', input: add('--server-token', 'ab cd'), expect: { code: 2, names: TOKEN_FIELD } },
  { name: 'Token with a control character', surface: 'cli', input: add('--server-token', 'ab\u0001cd'), expect: { code: 2, names: TOKEN_FIELD } },
  { name: 'Token with a tab inside', surface: 'cli', input: add('--server-token', 'ab\tcd'), expect: { code: 2, names: TOKEN_FIELD } },
  { name: 'Token with an emoji', surface: 'cli', input: add('--server-token', 'tok😀en'), expect: { code: 2, names: TOKEN_FIELD } },
  { name: 'Token of 33 characters', surface: 'cli', input: add('--server-token', 't'.repeat(33)), expect: { code: 2, names: TOKEN_FIELD } },
  { name: 'label of 65 characters', surface: 'cli', input: add('--label', 'L'.repeat(65)), expect: { code: 2, names: /--label: Label is too long/ } },
  { name: '--mode bogus', surface: 'cli', input: add('--mode', 'bogus'), expect: { code: 2, names: /--mode .*"bogus"/ } },
  { name: '--api-base ftp://x', surface: 'cli', input: add('--api-base', 'ftp://x'), expect: { code: 2, names: /--api-base: API base must use http or https/ } },
  { name: '--api-base http://example.com (plain http off loopback)', surface: 'cli', input: add('--api-base', 'http://example.com'), expect: { code: 2, names: /--api-base: Plain http:\/\/ is accepted only for this machine/ } },
  { name: '--api-base javascript:', surface: 'cli', input: add('--api-base', 'javascript:alert(1)'), expect: { code: 2, names: API_FIELD } },
  { name: '--api-base with credentials', surface: 'cli', input: add('--api-base', 'https://user:pw@example.com'), expect: { code: 2, names: /--api-base: API base must not carry/ } },
  { name: '--api-base not a URL', surface: 'cli', input: add('--api-base', 'not a url'), expect: { code: 2, names: /--api-base: API base must be an http\(s\) URL/ } },
  { name: '--auto-refresh maybe', surface: 'cli', input: add('--auto-refresh', 'maybe'), expect: { code: 2, names: /--auto-refresh .*"maybe"/ } },
  { name: 'update moving the account off WeChat without its secret', surface: 'cli', input: ['accounts', 'update', APPID, '--api-base', 'https://example.com'], expect: { code: 2, names: /--secret: Moving this account/ } },
  { name: 'update with an EncodingAESKey of 42 characters', surface: 'cli', input: ['accounts', 'update', APPID, '--aes-key', AES.slice(0, 42)], expect: { code: 2, names: AES_FIELD } },
  { name: 'update __proto__', surface: 'cli', input: ['accounts', 'update', '__proto__', '--label', 'x'], expect: { code: 2, names: /No account __proto__/ } },
  { name: 'update constructor', surface: 'cli', input: ['accounts', 'update', 'constructor', '--label', 'x'], expect: { code: 2, names: /No account constructor/ } },
  { name: 'remove __proto__', surface: 'cli', input: ['accounts', 'remove', '__proto__'], expect: { code: 2, names: /No account __proto__/ } },
  { name: 'remove constructor', surface: 'cli', input: ['accounts', 'remove', 'constructor'], expect: { code: 2, names: /No account constructor/ } },
  // serve --port
  { name: 'serve --port -1', surface: 'cli', input: ['serve', '--port', '-1'], expect: { code: 2, names: /option --port needs a value.*--port=VALUE/ } },
  { name: 'serve --port=-1', surface: 'cli', input: ['serve', '--port=-1'], expect: { code: 2, names: /--port takes a number .*"-1"/ } },
  { name: 'serve --port 70000', surface: 'cli', input: ['serve', '--port', '70000'], expect: { code: 2, names: /--port takes a number .*"70000"/ } },
  { name: 'serve --port abc', surface: 'cli', input: ['serve', '--port', 'abc'], expect: { code: 2, names: /--port takes a number .*"abc"/ } },
  { name: 'serve --port 1.5', surface: 'cli', input: ['serve', '--port', '1.5'], expect: { code: 2, names: /--port takes a number .*"1\.5"/ } },
  // unknown accounts and prototype keys
  { name: 'token of an unknown account', surface: 'cli', input: ['token', UNKNOWN_APPID], expect: { code: 2, names: new RegExp(`No account ${UNKNOWN_APPID}`) } },
  { name: 'token of the account, in upper case', surface: 'cli', input: ['token', APPID.toUpperCase()], expect: { code: 2, names: new RegExp(`No account ${APPID.toUpperCase()}`) } },
  { name: 'token __proto__', surface: 'cli', input: ['token', '__proto__'], expect: { code: 2, names: /No account __proto__/ } },
  { name: 'token constructor --json', surface: 'cli', input: ['token', 'constructor', '--json'], expect: { code: 2, names: /No account constructor/ } },
  { name: 'token toString', surface: 'cli', input: ['token', 'toString'], expect: { code: 2, names: /No account toString/ } },
  { name: 'command __proto__', surface: 'cli', input: ['__proto__'], expect: { code: 2, names: /Unknown command "__proto__"/ } },
  { name: 'command constructor', surface: 'cli', input: ['constructor'], expect: { code: 2, names: /Unknown command "constructor"/ } },
  { name: 'accounts toString', surface: 'cli', input: ['accounts', 'toString'], expect: { code: 2, names: /Unknown accounts command "toString"/ } },
  { name: 'sign __proto__', surface: 'cli', input: ['sign', '__proto__'], expect: { code: 2, names: /unknown command "sign __proto__"/ } },
  { name: 'crypt constructor', surface: 'cli', input: ['crypt', 'constructor'], expect: { code: 2, names: /unknown command "crypt constructor"/ } },
  // the signature lab: what it refuses…
  { name: 'sign server with an empty timestamp', surface: 'cli', input: ['sign', 'server', '--token', 'tok', '--timestamp', '', '--nonce', 'n'], expect: { code: 2, names: /The timestamp is empty/ } },
  { name: 'sign server without --timestamp', surface: 'cli', input: ['sign', 'server', '--token', 'tok', '--nonce', 'n'], expect: { code: 2, names: /needs --timestamp/ } },
  { name: 'sign server --timestamp without a value', surface: 'cli', input: ['sign', 'server', '--token', 'tok', '--nonce', 'n', '--timestamp'], expect: { code: 2, names: /option --timestamp needs a value/ } },
  { name: 'sign jssdk --app-id of an unknown account', surface: 'cli', input: ['sign', 'jssdk', '--app-id', UNKNOWN_APPID, '--noncestr', 'n', '--timestamp', '1', '--url', 'https://a.example/'], expect: { code: 2, names: new RegExp(`No account ${UNKNOWN_APPID}`) } },
  { name: 'sign jssdk --app-id __proto__', surface: 'cli', input: ['sign', 'jssdk', '--app-id', '__proto__', '--noncestr', 'n', '--timestamp', '1', '--url', 'https://a.example/'], expect: { code: 2, names: /No account __proto__/ } },
  { name: 'crypt decrypt with an EncodingAESKey of 42 characters', surface: 'cli', input: ['crypt', 'decrypt', '--aes-key', AES.slice(0, 42), '--encrypt', 'AAAA'], expect: { code: 2, names: /EncodingAESKey must be 43 characters, but it has 42/ } },
  { name: 'crypt decrypt with invalid base64 in the key', surface: 'cli', input: ['crypt', 'decrypt', '--aes-key', `${AES.slice(0, 42)}!`, '--encrypt', 'AAAA'], expect: { code: 2, names: /EncodingAESKey may only use/ } },
  { name: 'crypt encrypt with a 44-character key ending in =', surface: 'cli', input: ['crypt', 'encrypt', '--aes-key', `${AES}=`, '--app-id', APPID, '--message', 'hi'], expect: { code: 2, names: /EncodingAESKey is 43 characters without a trailing "="/ } },
  { name: 'crypt decrypt of text that is not base64', surface: 'cli', input: ['crypt', 'decrypt', '--aes-key', AES, '--encrypt', 'not-base64!'], expect: { code: 2, names: /The Encrypt value/ } },
  // …and what it signs anyway, explaining the likely mistake (WeChat signs the exact text).
  {
    name: 'sign server with a millisecond timestamp: signed, the cause named',
    surface: 'cli',
    input: ['sign', 'server', '--token', 'tok', '--timestamp', MS_TIMESTAMP, '--nonce', 'n'],
    expect: { code: 0, stdout: `${sha1([MS_TIMESTAMP, 'n', 'tok'].sort().join(''))}\n`, stderr: /cause \(milliseconds\): The timestamp 1414587457000 has 13 digits/ },
  },
  {
    name: 'sign jssdk with a millisecond timestamp: signed, the cause named',
    surface: 'cli',
    input: ['sign', 'jssdk', '--ticket', 't', '--noncestr', 'n', '--timestamp', MS_TIMESTAMP, '--url', 'https://a.example/'],
    expect: { code: 0, stdout: `${sha1(`jsapi_ticket=t&noncestr=n&timestamp=${MS_TIMESTAMP}&url=https://a.example/`)}\n`, stderr: /cause \(milliseconds\)/ },
  },
  {
    name: 'sign server with a millisecond timestamp and a signature: mismatch, exit 1',
    surface: 'cli',
    input: ['sign', 'server', '--token', 'tok', '--timestamp', MS_TIMESTAMP, '--nonce', 'n', '--signature', sha1(['1414587457', 'n', 'tok'].sort().join(''))],
    expect: { code: 1, stdout: /^[0-9a-f]{40}\n$/, stderr: /signature mismatch[\s\S]*cause \(milliseconds\)/ },
  },
  {
    name: 'sign server with a non-numeric timestamp: the text is signed as given',
    surface: 'cli',
    input: ['sign', 'server', '--token', 'tok', '--timestamp', 'abc', '--nonce', 'n'],
    expect: { code: 0, stdout: `${sha1(['abc', 'n', 'tok'].sort().join(''))}\n`, stderr: '' },
  },
];

describe('bad input: the CLI', () => {
  let fake: FakeWeChat;
  let dir: string;
  let before: Map<string, Buffer>;

  beforeAll(async () => {
    await ensureBuilt();
    fake = await FakeWeChat.start();
    fake.addAccount(APPID, SECRET);
    dir = tempDir('wxdesk-bad-cli-');
    const r = await wxdesk(dir, ['accounts', 'add', '--app-id', APPID, '--secret', SECRET, '--label', 'Shop', '--server-token', 'tok123', '--aes-key', AES, '--api-base', fake.url]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    before = snapshot(dir);
    expect(before.has('config.json')).toBe(true);
    expect(before.has('secrets.json')).toBe(true);
  }, 120_000);

  afterAll(async () => {
    await fake.close();
  });

  it('the table is big enough', () => {
    expect(cliCases.length).toBeGreaterThanOrEqual(15);
    expect(new Set(cliCases.map((c) => c.name)).size).toBe(cliCases.length);
  });

  for (const c of cliCases) {
    it(`${c.name} → exit ${c.expect.code}`, async () => {
      const r = await wxdesk(dir, c.input);
      const e = c.expect;
      expect(r.signal).toBeNull();
      expect(r.stderr).not.toMatch(NO_STACK);
      expect(r.stderr).not.toMatch(JS_ERROR);
      if (e.code === 2) {
        expect({ code: r.code, stdout: r.stdout }, r.stderr).toEqual({ code: 2, stdout: '' });
        expect(r.stderr).toMatch(/^wxdesk: /);
        expect(r.stderr).toMatch(e.names);
        // A refusal quotes at most a short piece of what it was given.
        expect(r.stderr.length).toBeLessThan(1_000);
        if (e.notEcho) expect(r.stderr).not.toContain(e.notEcho);
      } else {
        expect(r.code, r.stderr).toBe(e.code);
        if (typeof e.stdout === 'string') expect(r.stdout).toBe(e.stdout);
        else expect(r.stdout).toMatch(e.stdout);
        if (e.stderr === '') expect(r.stderr).toBe('');
        else expect(r.stderr).toMatch(e.stderr);
      }
    });
  }

  it('after the CLI cases: the data dir is byte for byte unchanged, and WeChat was never called', () => {
    expectUnchanged(before, snapshot(dir));
    expect(fake.count()).toBe(0);
  });
});

// ==================================================================================================
// b. The handler table, as IPC calls it
// ==================================================================================================

type IpcExpect =
  /** Refused with an error envelope whose message names the field. */
  | { refused: true; code?: string; names: RegExp; field?: string }
  /** The signature lab signs the text as given and names the likely mistake among its causes. */
  | { refused: false; digest?: string; cause?: string };

interface IpcCase {
  name: string;
  surface: 'ipc';
  input: { method: string; args: unknown[] };
  expect: IpcExpect;
}

const PAGE = 'wxdesk://app/index.html';

const refusedAs = (names: RegExp, field?: string): IpcExpect => ({ refused: true, names, ...(field ? { field } : {}) });
const save = (v: unknown): IpcCase['input'] => ({ method: 'saveAccount', args: [v] });
const settings = (v: unknown): IpcCase['input'] => ({ method: 'saveSettings', args: [v] });
const TEAM_URL_REFUSED: IpcExpect = { refused: true, code: 'TEAM_URL_LOCAL_ONLY', names: /team Redis URL cannot be changed through the dashboard API/ };
const signServerIn = (over: Record<string, unknown>) => ({ method: 'signServer', args: [{ token: 'tok', timestamp: '1414587457', nonce: 'n', ...over }] });

/** Every method that takes an AppID, with arguments that are right but for the AppID. */
const APPID_METHODS: [string, (appId: unknown) => unknown[]][] = [
  ['removeAccount', (a) => [a]],
  ['token', (a) => [a]],
  ['refresh', (a) => [a]],
  ['forceRefresh', (a) => [a]],
  ['history', (a) => [a]],
  ['copy', (a) => [a, 'raw']],
  ['ticket', (a) => [a, 'jsapi']],
  ['wxConfig', (a) => [{ appId: a, url: 'https://a.example/page' }]],
  ['consoleSend', (a) => [{ appId: a, method: 'GET', path: '/cgi-bin/menu/get' }]],
  ['consoleHistory', (a) => [a]],
  ['consoleCurl', (a) => [{ appId: a, method: 'GET', path: '/cgi-bin/menu/get' }, false]],
  ['quota', (a) => [a]],
  ['lookupRid', (a) => [a, '61725984-6126f6f9-040f19c4']],
  ['clearQuota', (a) => [a]],
  ['simulatorPreview', (a) => [{ appId: a, kind: 'text' }]],
  ['simulatorSend', (a) => [{ appId: a, kind: 'text', url: DEAD_URL }]],
  ['simulatorRetry', (a) => [{ appId: a, kind: 'text', url: DEAD_URL }]],
  ['simulatorLog', (a) => [a]],
  ['simulatorClearLog', (a) => [a]],
  ['simulatorFollowers', (a) => [a]],
  ['simulatorSaveFollowers', (a) => [a, [{ openId: 'oFollower0001', name: 'Ann' }]]],
  ['menuLive', (a) => [a]],
  ['menuDraft', (a) => [a]],
  ['menuSaveDraft', (a) => [a, { button: [{ name: 'a', type: 'click', key: 'k' }] }]],
  ['menuRevert', (a) => [a]],
  ['menuDiff', (a) => [a]],
  ['menuPublish', (a) => [a]],
  ['menuDelete', (a) => [a]],
  ['menuAddConditional', (a) => [a, { button: [{ name: 'a', type: 'click', key: 'k' }], matchrule: { tag_id: '1' } }]],
  ['menuDeleteConditional', (a) => [a, '400000001']],
  ['menuTryMatch', (a) => [a, 'oFollower']],
  ['followerPage', (a) => [a, '']],
  ['followerDetails', (a) => [a, ['oFollower']]],
  ['followerRemark', (a) => [a, 'oFollower', 'r']],
  ['tags', (a) => [a]],
  ['tagCreate', (a) => [a, 't']],
  ['tagMembers', (a) => [a, 2, ['oFollower']]],
  ['untagMembers', (a) => [a, 2, ['oFollower']]],
  ['templates', (a) => [a]],
  ['templateSend', (a) => [{ appId: a, templateId: 'T1', toOpenId: 'oFollower', data: {} }]],
  ['qrCreate', (a) => [{ appId: a, permanent: true, scene: 1 }]],
  ['mediaUpload', (a) => [{ appId: a, kind: 'image', fileName: 'a.png', base64: PNG64 }]],
  ['mediaList', (a) => [a]],
];
/** A tiny file that passes the checks as a PNG. */
const PNG64 = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(32, 1)]).toString('base64');
const CHORES_METHODS = ['followerPage', 'followerDetails', 'followerRemark', 'tags', 'tagCreate', 'tagMembers', 'untagMembers', 'templates', 'templateSend', 'qrCreate', 'mediaUpload', 'mediaList'];
const tmpl = (more: Record<string, unknown>): IpcCase['input'] => ({ method: 'templateSend', args: [{ appId: APPID, templateId: 'T1', toOpenId: 'oFollower', data: {}, ...more }] });
const upload = (more: Record<string, unknown>): IpcCase['input'] => ({ method: 'mediaUpload', args: [{ appId: APPID, kind: 'image', fileName: 'a.png', base64: PNG64, ...more }] });
/** A port nothing listens on: refused pushes must never get as far as trying it. */
const DEAD_URL = 'http://127.0.0.1:9/wechat';
const simSend = (fields: Record<string, unknown>, more: Record<string, unknown> = {}): IpcCase['input'] => ({ method: 'simulatorSend', args: [{ appId: APPID, url: DEAD_URL, ...more, fields }] });

/** Every field of every push kind: oversize, the wrong type, a control character (refused, nothing sent). */
function simulatorFieldCases(): IpcCase[] {
  const out: IpcCase[] = [];
  for (const k of KINDS) {
    for (const f of [...HEADER.filter((h) => h.name !== 'MsgType'), ...k.fields]) {
      const tag = `simulatorSend ${k.kind} ${f.name}`;
      const numeric = f.type === 'int' || f.type === 'float';
      out.push({ name: `${tag} oversize`, surface: 'ipc', input: simSend({ [f.name]: (numeric ? '9' : 'x').repeat(f.max + 1) }, { kind: k.kind }), expect: refusedAs(new RegExp(`Nothing was sent: ${f.name.split('.').at(-1)!.replace(/[.]/g, '\\.')}|${f.name.replace(/[.]/g, '\\.')} is ${f.max + 1} characters long`)) });
      out.push({ name: `${tag} with a control character`, surface: 'ipc', input: simSend({ [f.name]: `1\u0001` }, { kind: k.kind }), expect: refusedAs(/control character \(U\+0001\)/) });
      out.push({ name: `${tag} as a number, not text`, surface: 'ipc', input: simSend({ [f.name]: 7 }, { kind: k.kind }), expect: refusedAs(new RegExp(`Field ${f.name.replace(/[.]/g, '\\.')} must be text`)) });
      if (numeric) out.push({ name: `${tag} not a number`, surface: 'ipc', input: simSend({ [f.name]: 'north' }, { kind: k.kind }), expect: refusedAs(/must be (a whole number|a number)/) });
      if (f.type === 'url') out.push({ name: `${tag} not http(s)`, surface: 'ipc', input: simSend({ [f.name]: 'javascript:alert(1)' }, { kind: k.kind }), expect: refusedAs(/must be an http:\/\/ or https:\/\/ URL/) });
    }
  }
  return out;
}
const MENU_METHODS = ['menuLive', 'menuDraft', 'menuSaveDraft', 'menuRevert', 'menuDiff', 'menuPublish', 'menuDelete', 'menuAddConditional', 'menuDeleteConditional', 'menuTryMatch'];
/** A menu nested `depth` levels deep through sub_button. */
const deepMenu = (depth: number): unknown => {
  let b: Record<string, unknown> = { name: 'x', type: 'click', key: 'k' };
  for (let i = 0; i < depth; i++) b = { name: `L${i}`, sub_button: [b] };
  return { button: [b] };
};
const BAD_APPIDS: [string, unknown][] = [
  ['too short', 'wx123'],
  ['upper case', APPID.toUpperCase()],
  ["'wx' + 15 hex", `wx${HEX15}`],
  ['with a trailing space', `${APPID} `],
  ['__proto__', '__proto__'],
  ['constructor', 'constructor'],
  ['a number', 42],
  ['null', null],
  ['an array', [APPID]],
  ['an object that prints as the AppID', { toString: () => APPID }],
];

const ipcCases: IpcCase[] = [
  // saveAccount: shapes
  { name: 'saveAccount with an array for the account', surface: 'ipc', input: save([APPID, SECRET]), expect: refusedAs(/account object/) },
  { name: 'saveAccount with null', surface: 'ipc', input: save(null), expect: refusedAs(/account object/) },
  { name: 'saveAccount with a number', surface: 'ipc', input: save(42), expect: refusedAs(/account object/) },
  { name: 'saveAccount with a string', surface: 'ipc', input: save(APPID), expect: refusedAs(/account object/) },
  { name: 'saveAccount with no argument', surface: 'ipc', input: { method: 'saveAccount', args: [] }, expect: refusedAs(/account object/) },
  { name: 'saveAccount with an extra argument', surface: 'ipc', input: { method: 'saveAccount', args: [{ appId: APPID }, {}] }, expect: refusedAs(/argument/) },
  { name: 'saveAccount with a number for the AppID', surface: 'ipc', input: save({ appId: 42, secret: SECRET }), expect: refusedAs(/"appId" must be a string/) },
  { name: 'saveAccount with an array for the AppID', surface: 'ipc', input: save({ appId: [APPID], secret: SECRET }), expect: refusedAs(/"appId" must be a string/) },
  { name: 'saveAccount with a number for the secret', surface: 'ipc', input: save({ appId: APPID, secret: 123 }), expect: refusedAs(/"secret" must be a string/) },
  { name: 'saveAccount with a number for the label', surface: 'ipc', input: save({ appId: APPID, label: 42 }), expect: refusedAs(/"label" must be a string/) },
  { name: 'saveAccount with a string for autoRefresh', surface: 'ipc', input: save({ appId: APPID, autoRefresh: 'true' }), expect: refusedAs(/"autoRefresh" must be a boolean/) },
  { name: 'saveAccount with a number for autoRefresh', surface: 'ipc', input: save({ appId: APPID, autoRefresh: 1 }), expect: refusedAs(/"autoRefresh" must be a boolean/) },
  { name: 'saveAccount with an object for the mode', surface: 'ipc', input: save({ appId: APPID, mode: { stable: true } }), expect: refusedAs(/"mode" must be a string/) },
  { name: 'saveAccount with mode bogus', surface: 'ipc', input: save({ appId: APPID, mode: 'bogus' }), expect: refusedAs(/mode must be "stable" or "classic"/, 'mode') },
  { name: 'saveAccount with a 10 MB label', surface: 'ipc', input: save({ appId: APPID, label: MB10 }), expect: refusedAs(/"label" is too long/) },
  { name: 'saveAccount with a 10 MB secret', surface: 'ipc', input: save({ appId: APPID, secret: MB10 }), expect: refusedAs(/"secret" is too long/) },
  { name: 'saveAccount with a 65-character label', surface: 'ipc', input: save({ appId: APPID, label: 'L'.repeat(65) }), expect: refusedAs(/Label is too long/, 'label') },
  // saveAccount: prototype keys and unknown fields (JSON.parse makes __proto__ an own key)
  { name: 'saveAccount with a JSON __proto__ holding the account', surface: 'ipc', input: save(JSON.parse(`{"__proto__":{"appId":"${APPID}","secret":"${SECRET}"}}`)), expect: refusedAs(/Unknown account field "__proto__"/) },
  { name: 'saveAccount with a JSON __proto__ beside the AppID', surface: 'ipc', input: save(JSON.parse(`{"appId":"${APPID}","__proto__":{"autoRefresh":"yes","apiBase":"https://evil.example"}}`)), expect: refusedAs(/Unknown account field "__proto__"/) },
  { name: 'saveAccount with a constructor key', surface: 'ipc', input: save({ appId: APPID, constructor: 'x' }), expect: refusedAs(/Unknown account field "constructor"/) },
  { name: 'saveAccount with a toString key', surface: 'ipc', input: save(JSON.parse(`{"appId":"${APPID}","toString":"x"}`)), expect: refusedAs(/Unknown account field "toString"/) },
  { name: 'saveAccount with an unknown field', surface: 'ipc', input: save({ appId: APPID, secretBackup: SECRET }), expect: refusedAs(/Unknown account field "secretBackup"/) },
  // saveAccount: field rules
  { name: 'saveAccount with an EncodingAESKey of 42 characters', surface: 'ipc', input: save({ appId: APPID, aesKey: AES.slice(0, 42) }), expect: refusedAs(/EncodingAESKey must be 43 characters \(got 42\)/, 'aesKey') },
  { name: 'saveAccount with an EncodingAESKey of 44 characters', surface: 'ipc', input: save({ appId: APPID, aesKey: `${AES}H` }), expect: refusedAs(/EncodingAESKey must be 43 characters \(got 44\)/, 'aesKey') },
  { name: 'saveAccount with an EncodingAESKey in base64url', surface: 'ipc', input: save({ appId: APPID, aesKey: `${AES.slice(0, 41)}-_` }), expect: refusedAs(/EncodingAESKey may only use/, 'aesKey') },
  { name: 'saveAccount with a Token holding a space', surface: 'ipc', input: save({ appId: APPID, serverToken: 'ab cd' }), expect: refusedAs(/Token must be/, 'serverToken') },
  { name: 'saveAccount with a plain-http API base off loopback', surface: 'ipc', input: save({ appId: APPID, apiBase: 'http://example.com' }), expect: refusedAs(/Plain http:\/\//, 'apiBase') },
  { name: 'saveAccount with an ftp API base', surface: 'ipc', input: save({ appId: APPID, apiBase: 'ftp://x' }), expect: refusedAs(/API base must use http or https/, 'apiBase') },
  { name: 'saveAccount moving the account off WeChat without its secret', surface: 'ipc', input: save({ appId: APPID, apiBase: 'https://example.com' }), expect: refusedAs(/needs its AppSecret/, 'secret') },
  { name: 'saveAccount with a short AppID', surface: 'ipc', input: save({ appId: 'wx123', secret: SECRET }), expect: refusedAs(/AppID must be "wx"/, 'appId') },
  { name: 'saveAccount of a new account without a secret', surface: 'ipc', input: save({ appId: OTHER_APPID }), expect: refusedAs(/AppSecret is required/, 'secret') },
  { name: 'saveAccount with a 31-character secret', surface: 'ipc', input: save({ appId: OTHER_APPID, secret: WRONG_SHAPE_SECRET }), expect: refusedAs(/AppSecret must be 32 hex/, 'secret') },
  { name: 'saveAccount without an AppID', surface: 'ipc', input: save({ secret: SECRET }), expect: refusedAs(/needs an AppID/) },
  // every method that takes an AppID, with every wrong shape
  ...APPID_METHODS.flatMap(([method, args]) =>
    BAD_APPIDS.map(([what, appId]): IpcCase => ({
      name: `${method} with an AppID ${what}`,
      surface: 'ipc',
      input: { method, args: args(appId) },
      // wxConfig takes an object of text fields: a value that is not text is refused as its field "appId".
      expect: refusedAs(method === 'wxConfig' && typeof appId !== 'string' ? /Field "appId" (must be text|is required)/ : /Expected an AppID/),
    })),
  ),
  ...['token', 'refresh', 'forceRefresh', 'history', 'copy', 'ticket'].map(
    (method): IpcCase => ({
      name: `${method} of an unknown account`,
      surface: 'ipc',
      input: { method, args: method === 'copy' ? [UNKNOWN_APPID, 'raw'] : method === 'ticket' ? [UNKNOWN_APPID, 'jsapi'] : [UNKNOWN_APPID] },
      expect: { refused: true, code: 'NO_ACCOUNT', names: new RegExp(`No account ${UNKNOWN_APPID}`) },
    }),
  ),
  ...APPID_METHODS.filter(([m]) => ['consoleSend', 'consoleHistory', 'consoleCurl', 'quota', 'lookupRid', 'clearQuota', ...MENU_METHODS, ...CHORES_METHODS].includes(m)).map(
    ([method, args]): IpcCase => ({
      name: `${method} of an unknown account`,
      surface: 'ipc',
      input: { method, args: args(UNKNOWN_APPID) },
      expect: { refused: true, code: 'NO_ACCOUNT', names: new RegExp(`No account ${UNKNOWN_APPID}`) },
    }),
  ),
  // the API console: refused before anything is sent
  // the chores (issue 25): refused before anything is sent
  { name: 'followerPage after a bad openid', surface: 'ipc', input: { method: 'followerPage', args: [APPID, 'a b'] }, expect: refusedAs(/Expected a follower's OpenID/) },
  { name: 'followerDetails of 10,001 openids', surface: 'ipc', input: { method: 'followerDetails', args: [APPID, Array.from({ length: 10_001 }, () => 'oA')] }, expect: refusedAs(/at most 10000 OpenIDs, got 10001/) },
  { name: 'followerDetails with an object', surface: 'ipc', input: { method: 'followerDetails', args: [APPID, { openid: 'x' }] }, expect: refusedAs(/a list of at most 10000 OpenIDs/) },
  { name: 'followerRemark of 11 Chinese characters (33 bytes)', surface: 'ipc', input: { method: 'followerRemark', args: [APPID, 'oFollower', '备'.repeat(11)] }, expect: refusedAs(/A remark is text of at most 30 bytes in UTF-8 \(10 Chinese characters\), got 33 bytes/) },
  { name: 'tagCreate with an empty name', surface: 'ipc', input: { method: 'tagCreate', args: [APPID, ' '] }, expect: refusedAs(/A tag name is text of 1 to 30 characters/) },
  { name: 'tagMembers with a text tag id', surface: 'ipc', input: { method: 'tagMembers', args: [APPID, '2', ['oFollower']] }, expect: refusedAs(/A tag id is a whole number/) },
  { name: 'untagMembers with 51 openids', surface: 'ipc', input: { method: 'untagMembers', args: [APPID, 2, Array.from({ length: 51 }, () => 'oA')] }, expect: refusedAs(/at most 50 OpenIDs, got 51/) },
  { name: 'templateSend without a template_id', surface: 'ipc', input: tmpl({ templateId: '' }), expect: refusedAs(/Expected a template_id/) },
  { name: 'templateSend to a bad openid', surface: 'ipc', input: tmpl({ toOpenId: '<x>' }), expect: refusedAs(/Expected a follower's OpenID/) },
  { name: 'templateSend with a bad color', surface: 'ipc', input: tmpl({ data: { first: { value: 'a', color: 'red' } } }), expect: refusedAs(/data\.first\.color is #RRGGBB/) },
  { name: 'templateSend with a value not text', surface: 'ipc', input: tmpl({ data: { first: { value: 5 } } }), expect: refusedAs(/data\.first\.value is text/) },
  { name: 'templateSend with a javascript: url', surface: 'ipc', input: tmpl({ url: 'javascript:alert(1)' }), expect: refusedAs(/full http\(s\):\/\/ address/) },
  { name: 'templateSend with a bad miniprogram appid', surface: 'ipc', input: tmpl({ miniprogram: { appid: 'x' } }), expect: refusedAs(/miniprogram\.appid is a mini program's AppID/) },
  { name: 'templateSend with an unknown field', surface: 'ipc', input: tmpl({ topcolor: '#000000' }), expect: refusedAs(/Unknown field "topcolor"/) },
  { name: 'qrCreate with scene 0', surface: 'ipc', input: { method: 'qrCreate', args: [{ appId: APPID, permanent: false, scene: 0 }] }, expect: refusedAs(/A number scene is 1 to 4294967295/) },
  { name: 'qrCreate permanent with scene 100001', surface: 'ipc', input: { method: 'qrCreate', args: [{ appId: APPID, permanent: true, scene: 100_001 }] }, expect: refusedAs(/1 to 100000 for a permanent code/) },
  { name: 'qrCreate with a 65-character scene', surface: 'ipc', input: { method: 'qrCreate', args: [{ appId: APPID, permanent: false, scene: 's'.repeat(65) }] }, expect: refusedAs(/scene_str\) is text of 1 to 64/) },
  { name: 'qrCreate expiring past 30 days', surface: 'ipc', input: { method: 'qrCreate', args: [{ appId: APPID, permanent: false, scene: 1, expireSeconds: 2_592_001 }] }, expect: refusedAs(/expireSeconds is 60 to 2592000/) },
  { name: 'qrCreate permanent with an expiry', surface: 'ipc', input: { method: 'qrCreate', args: [{ appId: APPID, permanent: true, scene: 1, expireSeconds: 60 }] }, expect: refusedAs(/A permanent code does not expire/) },
  { name: 'mediaUpload of an unknown kind', surface: 'ipc', input: upload({ kind: 'file' }), expect: refusedAs(/media type is image, voice, video, thumb or uploadimg/) },
  { name: 'mediaUpload of 14 MiB of base64 (10.5 MB of bytes)', surface: 'ipc', input: upload({ base64: 'A'.repeat(14 * 1024 * 1024) }), expect: refusedAs(/larger than 10 MiB/) },
  { name: 'mediaUpload with bytes not base64', surface: 'ipc', input: upload({ base64: '%%%' }), expect: refusedAs(/must be base64 text/) },
  { name: 'mediaUpload of a PNG as a voice', surface: 'ipc', input: upload({ kind: 'voice', fileName: 'a.mp3' }), expect: refusedAs(/a\.mp3 is PNG by its content/) },
  { name: 'mediaUpload of a 70 KB thumb', surface: 'ipc', input: upload({ kind: 'thumb', fileName: 't.jpg', base64: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(70 * 1024)]).toString('base64') }), expect: refusedAs(/WeChat takes thumb files of at most 64 KB \(40006\)/) },
  { name: 'mediaUpload with a control character in the name', surface: 'ipc', input: upload({ fileName: 'a\n.png' }), expect: refusedAs(/A file name is 1 to 255 characters/) },
  { name: 'consoleSend with a file on GET', surface: 'ipc', input: { method: 'consoleSend', args: [{ appId: APPID, method: 'GET', path: '/cgi-bin/media/upload', file: { field: 'media', fileName: 'a.png', base64: PNG64 } }] }, expect: refusedAs(/A file is sent with POST only/) },
  { name: 'consoleSend with a file and a body', surface: 'ipc', input: { method: 'consoleSend', args: [{ appId: APPID, method: 'POST', path: '/cgi-bin/media/upload', body: '{}', file: { field: 'media', fileName: 'a.png', base64: PNG64 } }] }, expect: refusedAs(/either a JSON body or a file/) },
  { name: 'consoleSend with a bad form field', surface: 'ipc', input: { method: 'consoleSend', args: [{ appId: APPID, method: 'POST', path: '/cgi-bin/media/upload', file: { field: 'a b"', fileName: 'a.png', base64: PNG64 } }] }, expect: refusedAs(/The form field is a name like media/) },
  // the menu editor: refused before anything is kept or sent
  { name: 'menuSaveDraft with 10 MB of JSON', surface: 'ipc', input: { method: 'menuSaveDraft', args: [APPID, MB10] }, expect: refusedAs(/a menu WeChat takes is far smaller/) },
  { name: 'menuSaveDraft with broken JSON', surface: 'ipc', input: { method: 'menuSaveDraft', args: [APPID, '{"button": [,]}'] }, expect: refusedAs(/The menu is not valid JSON/) },
  { name: 'menuSaveDraft with JSON nested 30,000 levels deep', surface: 'ipc', input: { method: 'menuSaveDraft', args: [APPID, '['.repeat(30_000) + ']'.repeat(30_000)] }, expect: refusedAs(/not valid JSON|needs "button"/) },
  { name: 'menuSaveDraft with a menu nested 10,000 levels deep', surface: 'ipc', input: { method: 'menuSaveDraft', args: [APPID, deepMenu(10_000)] }, expect: refusedAs(/a sub-button cannot have sub-buttons: a menu has two levels \(40022\)/) },
  { name: 'menuSaveDraft with wrong types', surface: 'ipc', input: { method: 'menuSaveDraft', args: [APPID, { button: [{ name: 5, type: 'click', key: ['k'] }] }] }, expect: refusedAs(/button 1: name must be text, not number \(40018\)/) },
  { name: 'menuSaveDraft with a list for a menu', surface: 'ipc', input: { method: 'menuSaveDraft', args: [APPID, [{ name: 'a' }]] }, expect: refusedAs(/Expected a menu/) },
  { name: 'menuSaveDraft with button a string', surface: 'ipc', input: { method: 'menuSaveDraft', args: [APPID, { button: 'a' }] }, expect: refusedAs(/needs "button": a list of 1 to 3 buttons/) },
  { name: 'menuSaveDraft with a million buttons', surface: 'ipc', input: { method: 'menuSaveDraft', args: [APPID, { button: Array.from({ length: 1_000_000 }, () => ({ name: 'a' })) }] }, expect: refusedAs(/one button too many/) },
  { name: 'menuAddConditional with an unknown button type', surface: 'ipc', input: { method: 'menuAddConditional', args: [APPID, { button: [{ name: 'a', type: 'news' }], matchrule: { tag_id: '1' } }] }, expect: refusedAs(/type "news" is not one WeChat knows/) },
  { name: 'menuAddConditional matching by sex', surface: 'ipc', input: { method: 'menuAddConditional', args: [APPID, { button: [{ name: 'a', type: 'click', key: 'k' }], matchrule: { sex: '1' } }] }, expect: refusedAs(/matchrule\.sex: WeChat no longer matches menus by sex, region or language: use tag_id or client_platform_type \(65320\)/) },
  { name: 'menuTryMatch with a 300-character id', surface: 'ipc', input: { method: 'menuTryMatch', args: [APPID, 'o'.repeat(300)] }, expect: refusedAs(/Expected a follower's OpenID as text/) },
  { name: 'menuDeleteConditional with a menuid that is not a number', surface: 'ipc', input: { method: 'menuDeleteConditional', args: [APPID, '1; DROP'] }, expect: refusedAs(/A menuid is a number/) },
  { name: 'consoleSend with a 10 MB body', surface: 'ipc', input: consoleIn({ method: 'POST', body: MB10 }), expect: refusedAs(/Body is larger than 1 MiB/) },
  { name: 'consoleSend with access_token in the query', surface: 'ipc', input: consoleIn({ query: [['access_token', 'stolen']] }), expect: refusedAs(/Leave access_token out of the query/) },
  { name: 'consoleSend with a malformed JSON body', surface: 'ipc', input: consoleIn({ method: 'POST', body: '{"button": [,]}' }), expect: refusedAs(/not valid JSON at line 1, column 13/) },
  { name: 'consoleSend with a JSON body nested 100,000 levels deep', surface: 'ipc', input: consoleIn({ method: 'POST', body: '['.repeat(100_000) + ']'.repeat(100_000) }), expect: refusedAs(/at most 512 levels of nesting/) },
  { name: 'consoleSend with a JSON body of 100,000 unclosed brackets', surface: 'ipc', input: consoleIn({ method: 'POST', body: '['.repeat(100_000) }), expect: refusedAs(/at most 512 levels of nesting/) },
  { name: 'consoleSend with a body on GET', surface: 'ipc', input: consoleIn({ body: '{}' }), expect: refusedAs(/GET request carries no body/) },
  { name: 'consoleSend with method DELETE', surface: 'ipc', input: consoleIn({ method: 'DELETE' }), expect: refusedAs(/Method must be GET or POST/) },
  { name: 'consoleSend of a full URL elsewhere', surface: 'ipc', input: consoleIn({ path: 'https://evil.example/steal' }), expect: refusedAs(/relative to the account's API base/) },
  { name: 'consoleSend of the token API', surface: 'ipc', input: consoleIn({ path: '/cgi-bin/token?grant_type=client_credential' }), expect: refusedAs(/does not fetch tokens/) },
  { name: 'consoleSend with a query that is an object', surface: 'ipc', input: consoleIn({ query: { a: '1' } }), expect: refusedAs(/list of \[name, value\] pairs/) },
  { name: 'consoleSend with a JSON __proto__', surface: 'ipc', input: { method: 'consoleSend', args: [JSON.parse(`{"appId":"${APPID}","method":"GET","path":"/x","__proto__":{"body":"{}"}}`)] }, expect: refusedAs(/Unknown request field "__proto__"/) },
  { name: 'consoleSend with null', surface: 'ipc', input: { method: 'consoleSend', args: [null] }, expect: refusedAs(/request object/) },
  { name: 'consoleCurl with reveal as text', surface: 'ipc', input: { method: 'consoleCurl', args: [consoleIn({}).args[0], 'yes'] }, expect: refusedAs(/reveal the token: true or false/) },
  { name: 'quota of a path with a space', surface: 'ipc', input: { method: 'quota', args: [APPID, '/cgi-bin/menu get'] }, expect: refusedAs(/The path must not contain spaces/) },
  { name: 'quota of a path as a number', surface: 'ipc', input: { method: 'quota', args: [APPID, 42] }, expect: refusedAs(/API path must be text/) },
  { name: 'lookupRid with a number', surface: 'ipc', input: { method: 'lookupRid', args: [APPID, 42] }, expect: refusedAs(/Give the rid as text/) },
  { name: 'lookupRid with an HTML rid', surface: 'ipc', input: { method: 'lookupRid', args: [APPID, '<b>rid</b>'] }, expect: refusedAs(/A rid looks like/) },
  { name: 'copy with format html', surface: 'ipc', input: { method: 'copy', args: [APPID, 'html'] }, expect: refusedAs(/Copy format must be/) },
  { name: 'copy with format __proto__', surface: 'ipc', input: { method: 'copy', args: [APPID, '__proto__'] }, expect: refusedAs(/Copy format must be/) },
  { name: 'ticket of type bogus', surface: 'ipc', input: { method: 'ticket', args: [APPID, 'bogus'] }, expect: refusedAs(/Ticket type must be/) },
  { name: 'token with an extra argument', surface: 'ipc', input: { method: 'token', args: [APPID, 'extra'] }, expect: refusedAs(/argument/) },
  { name: 'info with an argument', surface: 'ipc', input: { method: 'info', args: [1] }, expect: refusedAs(/argument/) },
  // saveSettings
  ...([-1, 0, 65536, 1.5, '7300', Number.NaN, Number.POSITIVE_INFINITY, null] as unknown[]).map(
    (port): IpcCase => ({ name: `saveSettings with endpointPort ${typeof port === 'string' ? `'${port}'` : String(port)}`, surface: 'ipc', input: settings({ endpointPort: port }), expect: refusedAs(/endpoint port/) }),
  ),
  { name: "saveSettings with locale 'fr'", surface: 'ipc', input: settings({ locale: 'fr' }), expect: refusedAs(/Language must be/) },
  { name: "saveSettings with locale 'EN'", surface: 'ipc', input: settings({ locale: 'EN' }), expect: refusedAs(/Language must be/) },
  { name: "saveSettings with endpointEnabled 'true'", surface: 'ipc', input: settings({ endpointEnabled: 'true' }), expect: refusedAs(/endpointEnabled/) },
  { name: 'saveSettings with a JSON __proto__', surface: 'ipc', input: settings(JSON.parse('{"__proto__":{"endpointEnabled":true}}')), expect: refusedAs(/Unknown setting "__proto__"/) },
  // The team Redis URL changes only by a local, confirmed action (issue 20, item 1): any value is refused here, a good one included.
  { name: 'saveSettings with an http:// team Redis URL', surface: 'ipc', input: settings({ teamRedisUrl: 'http://redis.example:6379' }), expect: TEAM_URL_REFUSED },
  { name: 'saveSettings with a team Redis URL that is a number', surface: 'ipc', input: settings({ teamRedisUrl: 6379 }), expect: TEAM_URL_REFUSED },
  { name: 'saveSettings with a well-formed team Redis URL', surface: 'ipc', input: settings({ teamRedisUrl: 'redis://:pw@203.0.113.7:6379/0' }), expect: TEAM_URL_REFUSED },
  { name: 'saveSettings turning team mode off', surface: 'ipc', input: settings({ teamRedisUrl: '' }), expect: TEAM_URL_REFUSED },
  { name: 'saveSettings with a team Redis URL beside a good setting', surface: 'ipc', input: settings({ locale: 'en', teamRedisUrl: 'rediss://evil.example:6380' }), expect: TEAM_URL_REFUSED },
  { name: 'saveSettings with notifications as text', surface: 'ipc', input: settings({ notifications: 'yes' }), expect: refusedAs(/notifications must be true or false/) },
  { name: 'saveSettings with an unknown setting', surface: 'ipc', input: settings({ endpointHost: '0.0.0.0' }), expect: refusedAs(/Unknown setting "endpointHost"/) },
  { name: 'saveSettings with an array', surface: 'ipc', input: settings([['locale', 'en']]), expect: refusedAs(/settings object/) },
  { name: 'saveSettings with null', surface: 'ipc', input: settings(null), expect: refusedAs(/settings object/) },
  // the signature lab: refused
  { name: 'signServer with a number for the timestamp', surface: 'ipc', input: signServerIn({ timestamp: 1414587457 }), expect: refusedAs(/Field "timestamp" must be text/) },
  { name: 'signServer with an empty timestamp', surface: 'ipc', input: signServerIn({ timestamp: '' }), expect: refusedAs(/The timestamp is empty/) },
  { name: 'signServer without a nonce', surface: 'ipc', input: signServerIn({ nonce: undefined }), expect: refusedAs(/Field "nonce" is required/) },
  { name: 'signServer with a 10 MB Token', surface: 'ipc', input: signServerIn({ token: MB10 }), expect: refusedAs(/Field "token" is too long/) },
  { name: 'signServer with a JSON __proto__', surface: 'ipc', input: { method: 'signServer', args: [JSON.parse('{"token":"t","timestamp":"1","nonce":"n","__proto__":{"signature":"x"}}')] }, expect: refusedAs(/Unknown field "__proto__"/) },
  { name: 'signServer with an array', surface: 'ipc', input: { method: 'signServer', args: [['tok', '1', 'n']] }, expect: refusedAs(/object of text fields/) },
  { name: 'signMessage with a 10 MB Encrypt', surface: 'ipc', input: { method: 'signMessage', args: [{ token: 't', timestamp: '1', nonce: 'n', encrypt: MB10 }] }, expect: refusedAs(/Field "encrypt" is too long/) },
  { name: 'signJssdk with a 10 MB url', surface: 'ipc', input: { method: 'signJssdk', args: [{ ticket: 't', noncestr: 'n', timestamp: '1', url: MB10 }] }, expect: refusedAs(/Field "url" is too long/) },
  { name: 'wxConfig with a millisecond timestamp', surface: 'ipc', input: { method: 'wxConfig', args: [{ appId: APPID, url: 'https://a.example/', timestamp: MS_TIMESTAMP }] }, expect: refusedAs(/timestamp 1414587457000 is in milliseconds/) },
  { name: 'wxConfig with a non-numeric timestamp', surface: 'ipc', input: { method: 'wxConfig', args: [{ appId: APPID, url: 'https://a.example/', timestamp: 'noon' }] }, expect: refusedAs(/timestamp "noon" is not a whole number/) },
  { name: 'wxConfig with a jsApiList that is not a list', surface: 'ipc', input: { method: 'wxConfig', args: [{ appId: APPID, url: 'https://a.example/', jsApiList: 'chooseImage' }] }, expect: refusedAs(/jsApiList/) },
  { name: 'wxConfig with null', surface: 'ipc', input: { method: 'wxConfig', args: [null] }, expect: refusedAs(/appId and url/) },
  { name: 'encryptMessage with an EncodingAESKey of 42 characters', surface: 'ipc', input: { method: 'encryptMessage', args: [{ aesKey: AES.slice(0, 42), appId: APPID, message: 'hi' }] }, expect: refusedAs(/EncodingAESKey must be 43 characters, but it has 42/) },
  { name: 'encryptMessage with an EncodingAESKey of 44 characters ending in =', surface: 'ipc', input: { method: 'encryptMessage', args: [{ aesKey: `${AES}=`, appId: APPID, message: 'hi' }] }, expect: refusedAs(/EncodingAESKey is 43 characters without a trailing "="/) },
  { name: 'encryptMessage with invalid base64 in the key', surface: 'ipc', input: { method: 'encryptMessage', args: [{ aesKey: `${AES.slice(0, 42)}!`, appId: APPID, message: 'hi' }] }, expect: refusedAs(/EncodingAESKey may only use/) },
  { name: 'encryptMessage with a short random prefix', surface: 'ipc', input: { method: 'encryptMessage', args: [{ aesKey: AES, appId: APPID, message: 'hi', random: 'short' }] }, expect: refusedAs(/random prefix/) },
  { name: 'encryptMessage with a 10 MB message', surface: 'ipc', input: { method: 'encryptMessage', args: [{ aesKey: AES, appId: APPID, message: MB10 }] }, expect: refusedAs(/Field "message" is too long/) },
  { name: 'decryptMessage with a base64url key', surface: 'ipc', input: { method: 'decryptMessage', args: [{ aesKey: `${AES.slice(0, 41)}-_`, encrypt: 'AAAA' }] }, expect: refusedAs(/EncodingAESKey may only use/) },
  { name: 'decryptMessage of text that is not base64', surface: 'ipc', input: { method: 'decryptMessage', args: [{ aesKey: AES, encrypt: 'not-base64!' }] }, expect: refusedAs(/The Encrypt value/) },
  { name: 'decryptMessage of base64 that is not a ciphertext', surface: 'ipc', input: { method: 'decryptMessage', args: [{ aesKey: AES, encrypt: 'AAAA' }] }, expect: refusedAs(/The Encrypt value decodes to 3 bytes/) },
  { name: 'decryptMessage with a 10 MB Encrypt', surface: 'ipc', input: { method: 'decryptMessage', args: [{ aesKey: AES, encrypt: MB10 }] }, expect: refusedAs(/Field "encrypt" is too long/) },
  { name: 'parseCallback with 10 MB of text', surface: 'ipc', input: { method: 'parseCallback', args: [MB10] }, expect: refusedAs(/callback URL/) },
  { name: 'parseCallback with a number', surface: 'ipc', input: { method: 'parseCallback', args: [42] }, expect: refusedAs(/callback URL/) },
  { name: 'parseCallback with nothing to read', surface: 'ipc', input: { method: 'parseCallback', args: ['   '] }, expect: refusedAs(/callback URL/) },
  { name: 'probe with no settings', surface: 'ipc', input: { method: 'probe', args: [] }, expect: refusedAs(/probe settings/) },
  { name: 'probe of a URL without a scheme', surface: 'ipc', input: { method: 'probe', args: [{ url: '127.0.0.1:8080/wechat', serverToken: 'tok' }] }, expect: refusedAs(/no scheme: write it in full/) },
  { name: 'probe of a file: URL', surface: 'ipc', input: { method: 'probe', args: [{ url: 'file:///etc/passwd', serverToken: 'tok' }] }, expect: refusedAs(/must be http:\/\/ or https:\/\//) },
  { name: 'probe with a 10 MB message', surface: 'ipc', input: { method: 'probe', args: [{ url: 'http://127.0.0.1:9/wechat', serverToken: 'tok', message: MB10 }] }, expect: refusedAs(/Probe field "message" is too long/) },
  { name: 'probe in safe mode without a key', surface: 'ipc', input: { method: 'probe', args: [{ url: 'http://127.0.0.1:9/wechat', serverToken: 'tok', mode: 'safe' }] }, expect: refusedAs(/needs the EncodingAESKey/) },
  { name: 'probe with a JSON __proto__', surface: 'ipc', input: { method: 'probe', args: [JSON.parse('{"url":"http://127.0.0.1:9/","serverToken":"tok","__proto__":{"mode":"safe"}}')] }, expect: refusedAs(/Unknown probe field "__proto__"/) },
  { name: 'probe with an extra argument', surface: 'ipc', input: { method: 'probe', args: [{ url: 'http://127.0.0.1:9/wechat', serverToken: 'tok' }, 1] }, expect: refusedAs(/argument/) },
  // the signature lab: signed as given, the likely mistake named
  { name: 'signServer with a millisecond timestamp', surface: 'ipc', input: signServerIn({ timestamp: MS_TIMESTAMP }), expect: { refused: false, digest: sha1([MS_TIMESTAMP, 'n', 'tok'].sort().join('')), cause: 'milliseconds' } },
  { name: 'signServer with a non-numeric timestamp', surface: 'ipc', input: signServerIn({ timestamp: 'noon' }), expect: { refused: false, digest: sha1(['n', 'noon', 'tok'].sort().join('')) } },
  { name: 'signMessage with a millisecond timestamp', surface: 'ipc', input: { method: 'signMessage', args: [{ token: 'tok', timestamp: MS_TIMESTAMP, nonce: 'n', encrypt: 'AAAA' }] }, expect: { refused: false, cause: 'milliseconds' } },
  { name: 'signJssdk with a millisecond timestamp', surface: 'ipc', input: { method: 'signJssdk', args: [{ ticket: 't', noncestr: 'n', timestamp: MS_TIMESTAMP, url: 'https://a.example/' }] }, expect: { refused: false, digest: sha1(`jsapi_ticket=t&noncestr=n&timestamp=${MS_TIMESTAMP}&url=https://a.example/`), cause: 'milliseconds' } },
  // the phone simulator (issue 23): every field of every kind, whole XML, URL and arguments
  ...simulatorFieldCases(),
  ...['simulatorPreview', 'simulatorSend', 'simulatorRetry', 'simulatorLog', 'simulatorClearLog', 'simulatorFollowers', 'simulatorSaveFollowers'].map(
    (method): IpcCase => ({
      name: `${method} of an unknown account`,
      surface: 'ipc',
      input: { method, args: APPID_METHODS.find(([m]) => m === method)![1](UNKNOWN_APPID) },
      expect: { refused: true, code: 'NO_ACCOUNT', names: new RegExp(`No account ${UNKNOWN_APPID}`) },
    }),
  ),
  { name: 'simulatorSend of XML over 64 KB', surface: 'ipc', input: { method: 'simulatorSend', args: [{ appId: APPID, url: DEAD_URL, xml: `<xml><Content><![CDATA[${KB100}]]></Content></xml>` }] }, expect: refusedAs(/WxDesk sends at most 64 KB/) },
  { name: 'simulatorSend of 10 MB of XML', surface: 'ipc', input: { method: 'simulatorSend', args: [{ appId: APPID, url: DEAD_URL, xml: MB10 }] }, expect: refusedAs(/hand-written XML must be text \(1 MB at most\)/) },
  { name: 'simulatorSend of XML that is not well-formed', surface: 'ipc', input: { method: 'simulatorSend', args: [{ appId: APPID, url: DEAD_URL, xml: '<xml>\n<MsgType>text</MsgType>\n<Content>a & b</Content>\n</xml>' }] }, expect: refusedAs(/Line 3: An "&" that is not an entity/) },
  { name: 'simulatorSend to a file: URL', surface: 'ipc', input: { method: 'simulatorSend', args: [{ appId: APPID, kind: 'text', url: 'file:///etc/passwd' }] }, expect: refusedAs(/must be http:\/\/ or https:\/\//) },
  { name: 'simulatorSend to a URL without a scheme', surface: 'ipc', input: { method: 'simulatorSend', args: [{ appId: APPID, kind: 'text', url: '127.0.0.1:9/wechat' }] }, expect: refusedAs(/no scheme/) },
  { name: 'simulatorSend of an unknown kind', surface: 'ipc', input: { method: 'simulatorSend', args: [{ appId: APPID, kind: 'MASSSENDJOBFINISH', url: DEAD_URL }] }, expect: refusedAs(/push type must be one of/) },
  { name: 'simulatorSend with mode aes', surface: 'ipc', input: { method: 'simulatorSend', args: [{ appId: APPID, kind: 'text', url: DEAD_URL, mode: 'aes' }] }, expect: refusedAs(/message mode must be plain, compatible or safe/) },
  { name: 'simulatorSend with an OpenID of 10 MB', surface: 'ipc', input: { method: 'simulatorSend', args: [{ appId: APPID, kind: 'text', url: DEAD_URL, openId: MB10 }] }, expect: refusedAs(/OpenID must be 6 to 64/) },
  { name: 'simulatorSend with fields as a list', surface: 'ipc', input: { method: 'simulatorSend', args: [{ appId: APPID, kind: 'text', url: DEAD_URL, fields: ['Content', 'hi'] }] }, expect: refusedAs(/fields must be an object/) },
  { name: 'simulatorSend with a field named __proto__', surface: 'ipc', input: { method: 'simulatorSend', args: [JSON.parse('{"appId":"' + APPID + '","kind":"text","url":"' + DEAD_URL + '","fields":{"__proto__":"x"}}')] }, expect: refusedAs(/text has no field __proto__/) },
  { name: 'simulatorSend with a JSON __proto__', surface: 'ipc', input: { method: 'simulatorSend', args: [JSON.parse('{"appId":"' + APPID + '","kind":"text","__proto__":{"url":"http://evil.example/"}}')] }, expect: refusedAs(/Unknown push field "__proto__"/) },
  { name: 'simulatorSaveFollowers with 21 followers', surface: 'ipc', input: { method: 'simulatorSaveFollowers', args: [APPID, Array.from({ length: 21 }, (_, i) => ({ openId: `oFollower${String(i).padStart(4, '0')}`, name: `F${i}` }))] }, expect: refusedAs(/1 to 20 followers/) },
  { name: 'simulatorSaveFollowers with a control character in a name', surface: 'ipc', input: { method: 'simulatorSaveFollowers', args: [APPID, [{ openId: 'oFollower0001', name: 'A\u0000' }]] }, expect: refusedAs(/without control characters/) },
  { name: 'simulatorSaveFollowers with the same OpenID twice', surface: 'ipc', input: { method: 'simulatorSaveFollowers', args: [APPID, [{ openId: 'oFollower0001', name: 'A' }, { openId: 'oFollower0001', name: 'B' }]] }, expect: refusedAs(/already in the list/) },
];

function consoleIn(fields: Record<string, unknown>): { method: string; args: unknown[] } {
  return { method: 'consoleSend', args: [{ appId: APPID, method: 'GET', path: '/cgi-bin/menu/get', ...fields }] };
}

type Handler = (event: unknown, ...args: unknown[]) => Promise<Envelope<unknown>>;

class StubIpcMain {
  handlers = new Map<string, Handler>();
  handle(channel: string, fn: Handler) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, fn);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
}

describe('bad input: the handler table over IPC', () => {
  let fake: FakeWeChat;
  let core: Core;
  let ipc: StubIpcMain;
  let dispose: () => void;
  let before: Map<string, Buffer>;
  const ours = { isDestroyed: () => false, send: () => undefined };
  const fromUs = { sender: ours, senderFrame: { url: PAGE } };

  beforeAll(async () => {
    fake = await FakeWeChat.start();
    core = makeCore({ fake, dataDir: tempDir('wxdesk-bad-ipc-'), addAccount: false });
    await core.accounts.save({ appId: APPID, secret: SECRET, label: 'Shop', serverToken: 'tok123', aesKey: AES, apiBase: fake.url });
    await core.backend.updateSettings({ locale: 'en', endpointPort: 7301 });
    ipc = new StubIpcMain();
    const dashboard = new Dashboard({ core, host: 'electron', version: '0.0.0-test', clipboard: () => undefined });
    dispose = registerIpc({ ipcMain: ipc as never, dashboard, window: () => ({ webContents: ours as never }), pageUrl: PAGE });
    before = snapshot(core.dataDir);
    expect(before.has('config.json')).toBe(true);
  });

  afterAll(async () => {
    dispose();
    await core.close();
    await fake.close();
  });

  it('the table is big enough and names only real methods', () => {
    expect(ipcCases.length).toBeGreaterThanOrEqual(15);
    expect(new Set(ipcCases.map((c) => c.name)).size).toBe(ipcCases.length);
    for (const c of ipcCases) expect(DASHBOARD_METHODS as readonly string[]).toContain(c.input.method);
    // Every method that takes an AppID is in the AppID matrix.
    for (const m of ['removeAccount', 'token', 'refresh', 'forceRefresh', 'history', 'copy', 'ticket', 'wxConfig', 'consoleSend', 'consoleHistory', 'consoleCurl', 'quota', 'lookupRid', 'clearQuota', ...MENU_METHODS]) expect(APPID_METHODS.map(([x]) => x)).toContain(m);
  });

  for (const c of ipcCases) {
    it(c.name, async () => {
      const calls = fake.count();
      const handler = ipc.handlers.get(`wxdesk:${c.input.method}`)!;
      const r = await handler(fromUs, ...c.input.args);
      const e = c.expect;
      if (e.refused) {
        expect(r.ok, JSON.stringify(r).slice(0, 300)).toBe(false);
        const error = (r as { error: ErrorView }).error;
        expect(error.code).toBe(e.code ?? 'INVALID_INPUT');
        expect(error.kind).toBe('input');
        expect(error.message).not.toMatch(/internal error/i);
        expect(error.message).toMatch(e.names);
        // A refusal quotes at most a short piece of what it was given.
        expect(JSON.stringify(error).length).toBeLessThan(4_000);
        if (e.field) expect(Object.keys(error.fields ?? {})).toContain(e.field);
      } else {
        expect(r.ok, JSON.stringify(r).slice(0, 300)).toBe(true);
        const value = (r as { value: { digest: string; causes: { code: string; field?: string }[] } }).value;
        if (e.digest) expect(value.digest).toBe(e.digest);
        if (e.cause) expect(value.causes).toContainEqual(expect.objectContaining({ code: e.cause, field: 'timestamp' }));
        else expect(value.causes).toEqual([]);
      }
      // A refused or purely local call never reaches WeChat.
      expect(fake.count()).toBe(calls);
    });
  }

  it('after the IPC cases: the data dir is byte for byte unchanged, and WeChat was never called', () => {
    expectUnchanged(before, snapshot(core.dataDir));
    expect(fake.count()).toBe(0);
    expect(core.accounts.list().map((a) => a.appId)).toEqual([APPID]);
  });
});

// ==================================================================================================
// c. The HTTP host
// ==================================================================================================

interface HttpInput {
  method?: string;
  path: string;
  /** Header values may hold {key} and {port}; null removes a default header. */
  headers?: Record<string, string | string[] | null>;
  body?: string;
  /** Sent chunked, with no Content-Length. */
  chunked?: boolean;
  /** false: no Host header at all. */
  setHost?: boolean;
}

type HttpExpect =
  /** Dashboard refused before any handler ran: this 4xx status, a JSON error naming the problem. */
  | { status: number; code: string; names: RegExp }
  /** Dashboard handler refused the arguments: 200 with {error}. */
  | { status: 200; code: string; names: RegExp; handler: true }
  /** Any 4xx, for paths outside the API. */
  | { status: '4xx' }
  /** WeChat's shape: HTTP 200 {errcode, errmsg}. */
  | { errcode: number };

interface HttpCase {
  name: string;
  surface: 'http';
  input: HttpInput;
  expect: HttpExpect;
  /** A body over the limit: the connection may close before the answer is read. */
  oversized?: boolean;
}

const API = { 'x-wxdesk-key': '{key}', 'content-type': 'application/json' };
const api = (method: string, body: string, headers: Record<string, string | string[] | null> = {}): HttpInput => ({ method: 'POST', path: `/api/${method}`, headers: { ...API, ...headers }, body });
const refusedHttp = (status: number, names: RegExp, code = 'FORBIDDEN'): HttpExpect => ({ status, code, names });
const handlerRefused = (names: RegExp, code = 'INVALID_INPUT'): HttpExpect => ({ status: 200, code, names, handler: true });
const classic = (query: string): HttpInput => ({ path: `/cgi-bin/token?${query}` });
const stable = (body: string): HttpInput => ({ method: 'POST', path: '/cgi-bin/stable_token', headers: { 'content-type': 'application/json' }, body });
const CRED = `grant_type=client_credential&appid=${APPID}&secret=${SECRET}`;
const stableJson = (o: Record<string, unknown>) => JSON.stringify({ grant_type: 'client_credential', appid: APPID, secret: SECRET, ...o });

const httpCases: HttpCase[] = [
  // dashboard API: the body
  { name: 'dashboard API with a body that is not JSON', surface: 'http', input: api('info', '{"args": ['), expect: refusedHttp(400, /must be JSON/, 'INVALID_INPUT') },
  { name: 'dashboard API with args an object', surface: 'http', input: api('info', '{"args": {}}'), expect: refusedHttp(400, /"args" must be an array/, 'INVALID_INPUT') },
  { name: 'dashboard API with args a string', surface: 'http', input: api('info', '{"args": "x"}'), expect: refusedHttp(400, /"args" must be an array/, 'INVALID_INPUT') },
  { name: 'dashboard API with args a number', surface: 'http', input: api('listAccounts', '{"args": 5}'), expect: refusedHttp(400, /"args" must be an array/, 'INVALID_INPUT') },
  { name: 'dashboard API with a JSON null body', surface: 'http', input: api('info', 'null'), expect: refusedHttp(400, /JSON|args/, 'INVALID_INPUT') },
  { name: 'dashboard API with args under __proto__', surface: 'http', input: api('token', '{"__proto__": {"args": ["__proto__"]}, "args": {"length": 1, "0": "x"}}'), expect: refusedHttp(400, /"args" must be an array/, 'INVALID_INPUT') },
  { name: 'dashboard API body over 512 KB, chunked', surface: 'http', input: { ...api('parseCallback', `{"args":["${'a'.repeat(600 * 1024)}"]}`), chunked: true }, expect: refusedHttp(413, /larger than 512 KB/, 'INVALID_INPUT'), oversized: true },
  { name: 'dashboard API announcing a 10 MB body', surface: 'http', input: api('info', '{}', { 'content-length': String(10 * 1024 * 1024) }), expect: { status: '4xx' }, oversized: true },
  // dashboard API: the guards
  { name: 'dashboard API with a wrong key', surface: 'http', input: api('listAccounts', '{"args":[]}', { 'x-wxdesk-key': 'not-the-key' }), expect: refusedHttp(401, /dashboard key/) },
  { name: 'dashboard API with no key', surface: 'http', input: api('listAccounts', '{"args":[]}', { 'x-wxdesk-key': null }), expect: refusedHttp(401, /dashboard key/) },
  { name: 'dashboard API with an empty key', surface: 'http', input: api('listAccounts', '{"args":[]}', { 'x-wxdesk-key': '' }), expect: refusedHttp(401, /dashboard key/) },
  { name: 'dashboard API with the key prefixed', surface: 'http', input: api('listAccounts', '{"args":[]}', { 'x-wxdesk-key': 'x{key}' }), expect: refusedHttp(401, /dashboard key/) },
  { name: 'dashboard API with the key header twice', surface: 'http', input: api('listAccounts', '{"args":[]}', { 'x-wxdesk-key': ['{key}', '{key}'] }), expect: refusedHttp(401, /dashboard key/) },
  { name: 'dashboard API from another Origin', surface: 'http', input: api('listAccounts', '{"args":[]}', { origin: 'http://evil.example' }), expect: refusedHttp(403, /another origin/) },
  { name: "dashboard API from Origin 'null'", surface: 'http', input: api('listAccounts', '{"args":[]}', { origin: 'null' }), expect: refusedHttp(403, /another origin/) },
  { name: 'dashboard API from the same port on another loopback name', surface: 'http', input: api('listAccounts', '{"args":[]}', { host: 'localhost:{port}', origin: 'http://127.0.0.1:{port}' }), expect: refusedHttp(403, /another origin/) },
  { name: 'dashboard API with Host: evil.example', surface: 'http', input: api('listAccounts', '{"args":[]}', { host: 'evil.example' }), expect: refusedHttp(403, /localhost, 127\.0\.0\.1 or \[::1\]/) },
  { name: 'dashboard API with Host: localhost.evil.example', surface: 'http', input: api('listAccounts', '{"args":[]}', { host: 'localhost.evil.example:{port}' }), expect: refusedHttp(403, /localhost, 127\.0\.0\.1 or \[::1\]/) },
  { name: 'dashboard API with Host: 127.0.0.1.nip.io', surface: 'http', input: api('listAccounts', '{"args":[]}', { host: '127.0.0.1.nip.io:{port}' }), expect: refusedHttp(403, /localhost, 127\.0\.0\.1 or \[::1\]/) },
  // node:http itself answers 400 to an HTTP/1.1 request without Host, before any route runs.
  { name: 'dashboard API with no Host header', surface: 'http', input: { ...api('listAccounts', '{"args":[]}'), setHost: false }, expect: { status: '4xx' } },
  { name: 'dashboard page with Host: evil.example', surface: 'http', input: { path: '/index.html', headers: { host: 'evil.example' } }, expect: refusedHttp(403, /localhost, 127\.0\.0\.1 or \[::1\]/) },
  { name: 'dashboard events with a wrong key', surface: 'http', input: { path: '/api/events', headers: { 'x-wxdesk-key': 'nope' } }, expect: refusedHttp(401, /dashboard key/) },
  // dashboard API: the team Redis URL is never the dashboard's to change (issue 20, item 1)
  { name: 'dashboard API saveSettings with a team Redis URL', surface: 'http', input: api('saveSettings', '{"args":[{"teamRedisUrl":"redis://:pw@203.0.113.7:6379/0"}]}'), expect: handlerRefused(/team Redis URL cannot be changed through the dashboard API/, 'TEAM_URL_LOCAL_ONLY') },
  { name: 'dashboard API saveSettings turning team mode off', surface: 'http', input: api('saveSettings', '{"args":[{"teamRedisUrl":""}]}'), expect: handlerRefused(/team Redis URL cannot be changed through the dashboard API/, 'TEAM_URL_LOCAL_ONLY') },
  { name: 'dashboard API, the desktop\'s team URL channel as a method', surface: 'http', input: api('proposeTeamRedisUrl', '{"args":["redis://203.0.113.7:6379"]}'), expect: refusedHttp(404, /No dashboard method "proposeTeamRedisUrl"/, 'INVALID_INPUT') },
  // dashboard API: the method
  { name: 'dashboard API, unknown method', surface: 'http', input: api('bogus', '{"args":[]}'), expect: refusedHttp(404, /No dashboard method "bogus"/, 'INVALID_INPUT') },
  { name: 'dashboard API, method __proto__', surface: 'http', input: api('__proto__', '{"args":[]}'), expect: refusedHttp(404, /No dashboard method "__proto__"/, 'INVALID_INPUT') },
  { name: 'dashboard API, method constructor', surface: 'http', input: api('constructor', '{"args":[]}'), expect: refusedHttp(404, /No dashboard method "constructor"/, 'INVALID_INPUT') },
  { name: 'dashboard API, method toString', surface: 'http', input: api('toString', '{"args":[]}'), expect: refusedHttp(404, /No dashboard method "toString"/, 'INVALID_INPUT') },
  { name: 'dashboard API, method onChange', surface: 'http', input: api('onChange', '{"args":[]}'), expect: refusedHttp(404, /No dashboard method "onChange"/, 'INVALID_INPUT') },
  { name: 'dashboard API, no method', surface: 'http', input: api('', '{"args":[]}'), expect: refusedHttp(404, /No dashboard method/, 'INVALID_INPUT') },
  { name: 'dashboard API, GET instead of POST', surface: 'http', input: { method: 'GET', path: '/api/listAccounts', headers: API }, expect: refusedHttp(404, /POST \/api\/<method>/, 'INVALID_INPUT') },
  { name: 'dashboard API, PUT instead of POST', surface: 'http', input: { ...api('saveSettings', '{"args":[{"locale":"en"}]}'), method: 'PUT' }, expect: refusedHttp(404, /POST \/api\/<method>/, 'INVALID_INPUT') },
  // dashboard API: arguments refused by the handler table
  { name: 'dashboard token(__proto__)', surface: 'http', input: api('token', '{"args":["__proto__"]}'), expect: handlerRefused(/Expected an AppID/) },
  { name: 'dashboard removeAccount(upper-case AppID)', surface: 'http', input: api('removeAccount', `{"args":["${APPID.toUpperCase()}"]}`), expect: handlerRefused(/Expected an AppID/) },
  { name: 'dashboard saveAccount with a JSON __proto__', surface: 'http', input: api('saveAccount', `{"args":[{"appId":"${APPID}","__proto__":{"apiBase":"https://evil.example"}}]}`), expect: handlerRefused(/Unknown account field "__proto__"/) },
  { name: 'dashboard saveAccount with an EncodingAESKey of 44 characters', surface: 'http', input: api('saveAccount', `{"args":[{"appId":"${APPID}","aesKey":"${AES}H"}]}`), expect: handlerRefused(/EncodingAESKey/) },
  { name: "dashboard saveSettings with endpointPort '7300'", surface: 'http', input: api('saveSettings', '{"args":[{"endpointPort":"7300"}]}'), expect: handlerRefused(/endpoint port/) },
  { name: 'dashboard info with an argument', surface: 'http', input: api('info', '{"args":[1]}'), expect: handlerRefused(/argument/) },
  // static paths
  { name: 'static path climbing out with encoded slashes', surface: 'http', input: { path: '/..%2f..%2f..%2fetc%2fpasswd' }, expect: { status: '4xx' } },
  { name: 'static path climbing out with %2e%2e', surface: 'http', input: { path: '/%2e%2e/%2e%2e/etc/passwd' }, expect: { status: '4xx' } },
  { name: 'static path with a NUL', surface: 'http', input: { path: '/index.html%00.js' }, expect: { status: '4xx' } },
  { name: 'static path with a broken escape', surface: 'http', input: { path: '/%E0%A4%A' }, expect: { status: '4xx' } },
  { name: "static path '//'", surface: 'http', input: { path: '//' }, expect: { status: '4xx' } },
  { name: "static path '//['", surface: 'http', input: { path: '//[' }, expect: { status: '4xx' } },
  // WeChat: GET /cgi-bin/token
  { name: 'token with appid twice, the first unknown', surface: 'http', input: classic(`grant_type=client_credential&appid=${UNKNOWN_APPID}&appid=${APPID}&secret=${SECRET}`), expect: { errcode: 40013 } },
  { name: 'token with secret twice, the first wrong', surface: 'http', input: classic(`grant_type=client_credential&appid=${APPID}&secret=${'f'.repeat(32)}&secret=${SECRET}`), expect: { errcode: 40125 } },
  { name: 'token with grant_type twice, the first wrong', surface: 'http', input: classic(`grant_type=password&grant_type=client_credential&appid=${APPID}&secret=${SECRET}`), expect: { errcode: 40002 } },
  { name: 'token with appid=__proto__', surface: 'http', input: classic(`grant_type=client_credential&appid=__proto__&secret=${SECRET}`), expect: { errcode: 40013 } },
  { name: 'token with appid=constructor', surface: 'http', input: classic(`grant_type=client_credential&appid=constructor&secret=${SECRET}`), expect: { errcode: 40013 } },
  { name: 'token with appid=toString', surface: 'http', input: classic(`grant_type=client_credential&appid=toString&secret=${SECRET}`), expect: { errcode: 40013 } },
  { name: 'token with appid=hasOwnProperty', surface: 'http', input: classic(`grant_type=client_credential&appid=hasOwnProperty&secret=${SECRET}`), expect: { errcode: 40013 } },
  { name: 'token with the appid in upper case', surface: 'http', input: classic(`grant_type=client_credential&appid=${APPID.toUpperCase()}&secret=${SECRET}`), expect: { errcode: 40013 } },
  { name: 'token with the appid and an encoded NUL', surface: 'http', input: classic(`grant_type=client_credential&appid=${APPID}%00&secret=${SECRET}`), expect: { errcode: 40013 } },
  { name: 'token with appid[]=', surface: 'http', input: classic(`grant_type=client_credential&appid[]=${APPID}&secret=${SECRET}`), expect: { errcode: 41002 } },
  { name: 'token with a secret of 31 characters', surface: 'http', input: classic(`grant_type=client_credential&appid=${APPID}&secret=${WRONG_SHAPE_SECRET}`), expect: { errcode: 40125 } },
  { name: 'token with a secret of 33 characters', surface: 'http', input: classic(`grant_type=client_credential&appid=${APPID}&secret=${SECRET}0`), expect: { errcode: 40125 } },
  { name: 'token with a secret that is not hex', surface: 'http', input: classic(`grant_type=client_credential&appid=${APPID}&secret=${encodeURIComponent('😀'.repeat(16))}`), expect: { errcode: 40125 } },
  { name: 'token with the secret and a trailing space', surface: 'http', input: classic(`grant_type=client_credential&appid=${APPID}&secret=${SECRET}%20`), expect: { errcode: 40125 } },
  { name: 'token without grant_type', surface: 'http', input: classic(`appid=${APPID}&secret=${SECRET}`), expect: { errcode: 40002 } },
  { name: 'token with an 8 KB appid', surface: 'http', input: classic(`grant_type=client_credential&appid=wx${'a'.repeat(8192)}&secret=${SECRET}`), expect: { errcode: 40013 } },
  // WeChat: POST /cgi-bin/stable_token
  { name: 'stable_token with an array body', surface: 'http', input: stable(`[${stableJson({})}]`), expect: { errcode: 47001 } },
  { name: 'stable_token with a number body', surface: 'http', input: stable('42'), expect: { errcode: 47001 } },
  { name: 'stable_token with a string body', surface: 'http', input: stable('"client_credential"'), expect: { errcode: 47001 } },
  { name: 'stable_token with a null body', surface: 'http', input: stable('null'), expect: { errcode: 47001 } },
  { name: 'stable_token with {"appid":["x"]}', surface: 'http', input: stable('{"appid":["x"]}'), expect: { errcode: 40002 } },
  { name: 'stable_token with the appid in an array', surface: 'http', input: stable(stableJson({ appid: [APPID] })), expect: { errcode: 41002 } },
  { name: 'stable_token with the secret an object', surface: 'http', input: stable(stableJson({ secret: { length: 32 } })), expect: { errcode: 41004 } },
  { name: 'stable_token with force_refresh an object and a wrong secret', surface: 'http', input: stable(stableJson({ secret: 'f'.repeat(32), force_refresh: { valueOf: true } })), expect: { errcode: 40125 } },
  { name: 'stable_token with appid __proto__', surface: 'http', input: stable(stableJson({ appid: '__proto__' })), expect: { errcode: 40013 } },
  { name: 'stable_token with appid constructor', surface: 'http', input: stable(stableJson({ appid: 'constructor' })), expect: { errcode: 40013 } },
  { name: 'stable_token with the credentials under a JSON __proto__', surface: 'http', input: stable(`{"__proto__":${stableJson({})}}`), expect: { errcode: 40002 } },
  { name: 'stable_token with the appid under a JSON __proto__', surface: 'http', input: stable(`{"grant_type":"client_credential","secret":"${SECRET}","__proto__":{"appid":"${APPID}"}}`), expect: { errcode: 41002 } },
  { name: 'stable_token with an empty body', surface: 'http', input: stable(''), expect: { errcode: 44002 } },
  { name: 'stable_token with a blank body', surface: 'http', input: stable('  \r\n '), expect: { errcode: 44002 } },
  { name: 'stable_token with invalid JSON', surface: 'http', input: stable('{"grant_type":'), expect: { errcode: 47001 } },
  { name: 'stable_token with a form body', surface: 'http', input: { ...stable(CRED), headers: { 'content-type': 'application/x-www-form-urlencoded' } }, expect: { errcode: 47001 } },
  { name: 'stable_token by GET', surface: 'http', input: { path: '/cgi-bin/stable_token' }, expect: { errcode: 43002 } },
  { name: 'stable_token with a 70 KB body', surface: 'http', input: stable(stableJson({ pad: 'p'.repeat(70 * 1024) })), expect: { errcode: 47001 } },
  // WeChat: GET /cgi-bin/ticket/getticket
  { name: 'getticket with access_token=__proto__', surface: 'http', input: { path: '/cgi-bin/ticket/getticket?access_token=__proto__&type=jsapi' }, expect: { errcode: 40001 } },
  { name: 'getticket with access_token=constructor', surface: 'http', input: { path: '/cgi-bin/ticket/getticket?access_token=constructor&type=jsapi' }, expect: { errcode: 40001 } },
  { name: 'getticket with the AppSecret as the token', surface: 'http', input: { path: `/cgi-bin/ticket/getticket?access_token=${SECRET}&type=jsapi` }, expect: { errcode: 40001 } },
  { name: 'getticket with type=bogus', surface: 'http', input: { path: '/cgi-bin/ticket/getticket?access_token=abc&type=bogus' }, expect: { errcode: 40097 } },
  { name: 'getticket with type=__proto__', surface: 'http', input: { path: '/cgi-bin/ticket/getticket?access_token=abc&type=__proto__' }, expect: { errcode: 40097 } },
  { name: 'getticket without access_token', surface: 'http', input: { path: '/cgi-bin/ticket/getticket?type=jsapi' }, expect: { errcode: 41001 } },
  { name: 'getticket with an empty access_token', surface: 'http', input: { path: '/cgi-bin/ticket/getticket?access_token=&type=jsapi' }, expect: { errcode: 41001 } },
];

interface HttpAnswer {
  status?: number;
  headers?: IncomingHttpHeaders;
  text?: string;
  error?: string;
}

/** One request on its own connection to 127.0.0.1:port. */
function send(port: number, input: HttpInput, key: string): Promise<HttpAnswer> {
  const fill = (v: string) => v.replaceAll('{key}', key).replaceAll('{port}', String(port));
  const headers: OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(input.headers ?? {})) {
    if (v === null) continue;
    headers[k] = Array.isArray(v) ? v.map(fill) : fill(v);
  }
  const body = input.body === undefined ? undefined : Buffer.from(input.body, 'utf8');
  if (body && !input.chunked && headers['content-length'] === undefined) headers['content-length'] = body.length;
  return new Promise((resolve) => {
    let settled = false;
    const done = (a: HttpAnswer) => {
      if (!settled) {
        settled = true;
        resolve(a);
      }
    };
    const req = httpRequest({ host: '127.0.0.1', port, method: input.method ?? 'GET', path: input.path, headers, agent: false, setHost: input.setHost ?? true }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (e) => done({ status: res.statusCode, headers: res.headers, error: e.message }));
      res.on('aborted', () => done({ status: res.statusCode, headers: res.headers, error: 'aborted' }));
    });
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
    req.on('error', (e) => done({ error: e.message }));
    if (body && input.chunked) {
      for (let i = 0; i < body.length; i += 16 * 1024) req.write(body.subarray(i, i + 16 * 1024));
      req.end();
    } else req.end(body);
  });
}

describe('bad input: the HTTP host', () => {
  let fake: FakeWeChat;
  let core: Core;
  let host: Host;
  let before: Map<string, Buffer>;
  const key = randomBytes(24).toString('base64url');

  beforeAll(async () => {
    fake = await FakeWeChat.start();
    fake.addAccount(APPID, SECRET);
    core = makeCore({ fake, dataDir: tempDir('wxdesk-bad-http-'), addAccount: false });
    await core.accounts.save({ appId: APPID, secret: SECRET, label: 'Shop', serverToken: 'tok123', aesKey: AES, apiBase: fake.url });
    const staticDir = tempDir('wxdesk-bad-static-');
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>WxDesk</title>');
    const dashboard = new Dashboard({ core, host: 'browser', version: '0.0.0-test' });
    host = await startHost({ core, port: 0, key, routes: [dashboardRoutes({ dashboard, key, staticDir })] });
    expect(existsSync(join(core.dataDir, 'config.json'))).toBe(true);
    before = snapshot(core.dataDir);
  });

  afterAll(async () => {
    await host?.close();
    await core?.close();
    await fake?.close();
  });

  it('the table is big enough, and the host answers a good request', async () => {
    expect(httpCases.length).toBeGreaterThanOrEqual(15);
    expect(new Set(httpCases.map((c) => c.name)).size).toBe(httpCases.length);
    // The guards refuse only what is wrong: the same request with the key, Host and Origin right works.
    const ok = await send(host.port, api('listAccounts', '{"args":[]}', { origin: 'http://127.0.0.1:{port}' }), key);
    expect(ok.status).toBe(200);
    expect((JSON.parse(ok.text!) as { value: { appId: string }[] }).value.map((a) => a.appId)).toEqual([APPID]);
    const page = await send(host.port, { path: '/' }, key);
    expect(page.status).toBe(200);
    expect(fake.count()).toBe(0);
  });

  for (const c of httpCases) {
    it(c.name, async () => {
      const calls = fake.count();
      const a = await send(host.port, c.input, key);
      const e = c.expect;
      if (c.oversized && a.status === undefined) {
        // Refused before the body was read: a clean close is an answer too.
        expect(a.error).toMatch(/ECONNRESET|EPIPE|socket hang up/);
      } else {
        expect(a.status, a.error ?? a.text?.slice(0, 300)).toBeDefined();
        expect(a.status, a.text?.slice(0, 300)).toBeLessThan(500);
        if ('errcode' in e) {
          expect(a.status).toBe(200);
          expect(a.headers!['content-type']).toMatch(/^application\/json/);
          const body = JSON.parse(a.text!) as Record<string, unknown>;
          expect(Object.keys(body).sort()).toEqual(['errcode', 'errmsg']);
          expect(body.errcode).toBe(e.errcode);
          expect(body.errmsg).toMatch(RID_AT_END);
          expect(a.text).not.toContain(SECRET);
        } else if (e.status === '4xx') {
          expect(a.status).toBeGreaterThanOrEqual(400);
        } else {
          expect(a.status).toBe(e.status);
          expect(a.headers!['content-type']).toMatch(/^application\/json/);
          const body = JSON.parse(a.text!) as { error?: ErrorView; value?: unknown };
          expect(body.value).toBeUndefined();
          expect(body.error?.code).toBe(e.code);
          expect(body.error?.message).not.toMatch(/internal error/i);
          expect(body.error?.message).toMatch(e.names);
        }
      }
      expect(fake.count()).toBe(calls);
    });
  }

  it('after the HTTP cases: the data dir is byte for byte unchanged, WeChat was never called, and the host still works', async () => {
    expectUnchanged(before, snapshot(core.dataDir));
    expect(fake.count()).toBe(0);
    const a = await send(host.port, classic(CRED), key);
    expect(a.status).toBe(200);
    const token = (JSON.parse(a.text!) as { access_token: string }).access_token;
    expect(fake.isValid(token)).toBe(true);
    expect(fake.count()).toBe(1);
  });
});

// ==================================================================================================
// d. The phone simulator: a push to where nothing listens is a verdict, not a crash
// ==================================================================================================

describe('bad input: the phone simulator sends to nothing', () => {
  let fake: FakeWeChat;
  let core: Core;
  let dashboard: Dashboard;

  beforeAll(async () => {
    fake = await FakeWeChat.start();
    core = makeCore({ fake, dataDir: tempDir('wxdesk-bad-sim-'), addAccount: false });
    await core.accounts.save({ appId: APPID, secret: SECRET, serverToken: 'tok123', aesKey: AES, apiBase: fake.url });
    dashboard = new Dashboard({ core, host: 'browser', version: '0.0.0-test' });
  });

  afterAll(async () => {
    await core.close();
    await fake.close();
  });

  for (const mode of ['plain', 'compatible', 'safe'] as const) {
    it(`nothing listening, ${mode} mode: the follower's "cannot serve" line with the cause, logged`, async () => {
      const x = await dashboard.handlers.simulatorSend({ appId: APPID, kind: 'CLICK', url: DEAD_URL, mode });
      expect(x.verdict).toBe('fail');
      expect(x.reply).toEqual({ kind: 'cannot_serve', cause: { en: expect.stringMatching(/Nothing is listening at 127\.0\.0\.1:9/), zh: expect.stringMatching(/没有服务在监听/) } });
      expect((await dashboard.handlers.simulatorLog(APPID)).at(-1)!.id).toBe(x.id);
      expect(fake.count()).toBe(0);
    });
  }
});
