// The Chinese UI speaks Chinese: every refusal the handler table gives (INVALID_INPUT, with its zh
// text), every cause the signature lab names, and every value of the zh dictionaries. A zh text
// may quote names, code and values (`code`, "quoted", 「」, {placeholders}), but holds no English
// sentence: three English words in a row are a miss.
import { createCipheriv, createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_METHODS, channelOf, type CauseView, type Envelope, type ErrorView } from '../electron/contract';
import { registerIpc } from '../electron/ipc';
import { Dashboard } from '../electron/core/dashboard';
import { WxError, invalidInput } from '../electron/core/errors';
import { decryptRequest, encryptMessage, encryptReply, verifyWeComUrl } from '../electron/core/msgcrypt';
import type { Core } from '../electron/core/services';
import { jssdkSignature, serverSignature, wxConfigSnippet } from '../electron/core/signature';
import { APPID, SECRET, makeCore, removeTempDirs, tempDir } from './fixtures/core';
import { FakeWeChat } from './fixtures/fake-wechat';

// ---- the check ----------------------------------------------------------------------------------

const HAN = /[\u4e00-\u9fff]/;

/** The first run of three or more English words outside `code`, "quotes", 「」 and {placeholders}; null if none. */
function englishRun(text: string): string | null {
  const prose = text
    .replace(/`[^`]*`/g, ' ')
    .replace(/"[^"]*"|“[^”]*”|「[^」]*」/g, ' ')
    .replace(/\{\w+\}/g, ' ');
  return /[A-Za-z][A-Za-z'’-]*(?:\s+[A-Za-z][A-Za-z'’-]*){2,}/.exec(prose)?.[0] ?? null;
}

/** A zh text: Chinese, with no English sentence in it. */
function expectChinese(text: string, what: string): void {
  expect(text, what).toMatch(HAN);
  expect(englishRun(text), `${what}: ${text}`).toBeNull();
}

describe('the check itself', () => {
  it('finds English sentences, and lets names, code and quoted values pass', () => {
    expect(englishRun('Correct the value and try again.')).toBe('Correct the value and try again');
    expect(englishRun('AppID 无效（40013）。')).toBeNull();
    expect(englishRun('用 `wxdesk accounts list` 查看账号')).toBeNull();
    expect(englishRun('未知字段 "no such field"。')).toBeNull();
    expect(englishRun('请使用「设置与开发 → 基本配置」')).toBeNull();
    expect(englishRun('请求方法只能是 GET 或 POST')).toBeNull();
    expect(englishRun('微信使用的是秒：Math.floor(Date.now() / 1000)。')).toBeNull();
    expect(englishRun('无法连接（connect ECONNREFUSED here）')).toBe('connect ECONNREFUSED here');
  });

  it('invalidInput without a Chinese text still works: the zh text repeats the English', () => {
    expect(invalidInput('Plain refusal.').view().zh).toEqual({ message: 'Plain refusal.', hint: '请修改后重试。' });
    expect(invalidInput('Plain refusal.', '简单的拒绝。').view()).toMatchObject({ message: 'Plain refusal.', zh: { message: '简单的拒绝。' } });
  });
});

// ---- a. refusals through the handler table -------------------------------------------------------

/** A well-formed EncodingAESKey: 43 base64 characters. */
const AES = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const OTHER_AES = 'B'.repeat(43);
const OTHER_APPID = 'wxfedcba9876543210';
const MS_TIMESTAMP = '1414587457000';
const RANDOM = '0123456789abcdef';
const sha1 = (s: string) => createHash('sha1').update(s, 'utf8').digest('hex');

/** AES-256-CBC with the key WeChat derives from `aesKey`, no padding added: a ciphertext made to measure. */
function sealed(plain: Buffer, aesKey = AES): string {
  const key = Buffer.from(`${aesKey}=`, 'base64');
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

const lengthField = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

const consoleReq = (over: Record<string, unknown>) => ({ appId: APPID, method: 'GET', path: '/cgi-bin/menu/get', ...over });
const probeIn = (over: Record<string, unknown>) => ({ url: 'http://127.0.0.1:9/wechat', serverToken: 'tok', ...over });
const sign = (over: Record<string, unknown>) => ({ token: 'tok', timestamp: '1414587457', nonce: 'n', ...over });
const jssdk = (over: Record<string, unknown>) => ({ ticket: 't', noncestr: 'n', timestamp: '1414587457', url: 'https://a.example/', ...over });

/** [method, arguments, what the English message says (so each case is the refusal it claims)]. */
type Case = [method: (typeof DASHBOARD_METHODS)[number], args: unknown[], english: RegExp];

const cases: Case[] = [
  ['info', [1], /Expected 0 argument/],
  ['listAccounts', [1], /Expected 0 argument/],
  ['tokens', [1], /Expected 0 argument/],
  ['getSettings', [1], /Expected 0 argument/],
  // accounts: shapes (the field rules themselves are validate.ts problems, en/zh both)
  ['saveAccount', [null], /Expected an account object/],
  ['saveAccount', [{ appId: APPID }, {}], /Expected 1 argument/],
  ['saveAccount', [{ appId: 42 }], /"appId" must be a string/],
  ['saveAccount', [{ appId: APPID, autoRefresh: 'yes' }], /"autoRefresh" must be a boolean/],
  ['saveAccount', [{ appId: APPID, label: 'L'.repeat(3000) }], /"label" is too long/],
  ['saveAccount', [{ appId: APPID, secretBackup: SECRET }], /Unknown account field "secretBackup"/],
  ['saveAccount', [{ secret: SECRET }], /An account needs an AppID/],
  ['removeAccount', ['wx123'], /Expected an AppID/],
  ['token', [42], /Expected an AppID/],
  ['refresh', ['__proto__'], /Expected an AppID/],
  ['forceRefresh', [null], /Expected an AppID/],
  ['history', [APPID.toUpperCase()], /Expected an AppID/],
  ['copy', [APPID, 'html'], /Copy format must be/],
  // settings
  ['saveSettings', [null], /Expected a settings object/],
  ['saveSettings', [{ locale: 'fr' }], /Language must be/],
  ['saveSettings', [{ endpointEnabled: 'true' }], /endpointEnabled must be true or false/],
  ['saveSettings', [{ endpointPort: 0 }], /endpoint port must be a whole number/],
  ['saveSettings', [{ notifications: 'yes' }], /notifications/],
  ['saveSettings', [{ endpointHost: '0.0.0.0' }], /Unknown setting "endpointHost"/],
  // the signature lab
  ['signServer', [['tok', '1', 'n']], /object of text fields/],
  ['signServer', [sign({ timestamp: 1414587457 })], /Field "timestamp" must be text/],
  ['signServer', [sign({ nonce: undefined })], /Field "nonce" is required/],
  ['signServer', [sign({ token: 'x'.repeat(70_000) })], /Field "token" is too long/],
  ['signServer', [sign({ extra: 'x' })], /Unknown field "extra"/],
  ['signServer', [sign({ timestamp: '' })], /The timestamp is empty/],
  ['signServer', [sign({ token: '' })], /The Token is empty/],
  ['signMessage', [{ ...sign({}), encrypt: '' }], /The Encrypt is empty/],
  ['signJssdk', [jssdk({ ticket: '' })], /The jsapi_ticket is empty/],
  ['signJssdk', [jssdk({ url: '' })], /The url is empty/],
  ['encryptMessage', [{ aesKey: '', appId: APPID, message: 'hi' }], /EncodingAESKey is empty/],
  ['encryptMessage', [{ aesKey: `${AES}=`, appId: APPID, message: 'hi' }], /without a trailing "="/],
  ['encryptMessage', [{ aesKey: `${AES.slice(0, 42)}!`, appId: APPID, message: 'hi' }], /EncodingAESKey may only use/],
  ['encryptMessage', [{ aesKey: `${AES.slice(0, 41)}\u00a0`, appId: APPID, message: 'hi' }], /position 42 is U\+00A0/],
  ['encryptMessage', [{ aesKey: AES.slice(0, 42), appId: APPID, message: 'hi' }], /must be 43 characters, but it has 42/],
  ['encryptMessage', [{ aesKey: AES, appId: APPID, message: 'hi', random: 'short' }], /random prefix/],
  ['decryptMessage', [{ aesKey: AES, encrypt: '' }], /The Encrypt value is empty/],
  ['decryptMessage', [{ aesKey: AES, encrypt: 'ab cd' }], /contains a space/],
  ['decryptMessage', [{ aesKey: AES, encrypt: 'abc%2B' }], /still URL-encoded/],
  ['decryptMessage', [{ aesKey: AES, encrypt: 'ab-_' }], /URL-safe base64/],
  ['decryptMessage', [{ aesKey: AES, encrypt: 'abc!' }], /is not base64: position 4/],
  ['decryptMessage', [{ aesKey: AES, encrypt: 'abcde' }], /not a multiple of 4/],
  ['decryptMessage', [{ aesKey: AES, encrypt: 'AAAA' }], /decodes to 3 bytes/],
  ['decryptMessage', [{ aesKey: OTHER_AES, encrypt: encryptMessage({ aesKey: AES, appId: APPID, message: 'hi', random: RANDOM }) }], /EncodingAESKey is most likely wrong/],
  ['decryptMessage', [{ aesKey: AES, encrypt: sealed(Buffer.concat([Buffer.alloc(10, 65), Buffer.alloc(22, 22)])) }], /too few for the 20-byte header/],
  ['decryptMessage', [{ aesKey: AES, encrypt: sealed(Buffer.concat([Buffer.from(RANDOM), lengthField(1000), Buffer.from('xx'), Buffer.alloc(10, 10)])) }], /length field says 1000 bytes/],
  ['decryptMessage', [{ aesKey: AES, appId: OTHER_APPID, encrypt: encryptMessage({ aesKey: AES, appId: APPID, message: 'hi' }) }], /encrypted for AppID/],
  ['parseCallback', [42], /Paste a callback URL/],
  ['parseCallback', ['   '], /Nothing to read/],
  ['parseCallback', ['hello there'], /No callback fields found/],
  ['ticket', [APPID, 'bogus'], /Ticket type must be/],
  ['wxConfig', [null], /appId and url/],
  ['wxConfig', [{ appId: APPID, url: 'https://a.example/', jsApiList: 'chooseImage' }], /jsApiList must be/],
  ['wxConfig', [{ appId: APPID, url: 'https://a.example/', timestamp: MS_TIMESTAMP }], /is in milliseconds/],
  ['wxConfig', [{ appId: APPID, url: 'https://a.example/', timestamp: 'noon' }], /not a whole number of seconds/],
  // the probe: refused before anything is sent
  ['probe', [], /Expected the probe settings/],
  ['probe', [probeIn({ url: '' })], /callback URL is empty/],
  ['probe', [probeIn({ url: `http://127.0.0.1/${'x'.repeat(2100)}` })], /longer than 2048 characters/],
  ['probe', [probeIn({ url: '127.0.0.1:8080/wechat' })], /has no scheme/],
  ['probe', [probeIn({ url: 'http://[nope/' })], /is not a valid URL/],
  ['probe', [probeIn({ url: 'file:///etc/passwd' })], /must be http:\/\/ or https:\/\//],
  ['probe', [probeIn({ url: 'http://user:pw@127.0.0.1:9/' })], /user name or password/],
  ['probe', [probeIn({ url: 'http://127.0.0.1:9/#top' })], /#fragment/],
  ['probe', [probeIn({ bogus: 1 })], /Unknown probe field "bogus"/],
  ['probe', [probeIn({ timeoutMs: '5' })], /Probe field "timeoutMs" must be a number/],
  ['probe', [probeIn({ url: 1 })], /Probe field "url" must be a string/],
  ['probe', [probeIn({ message: 'm'.repeat(5000) })], /Probe field "message" is too long/],
  ['probe', [{ serverToken: 'tok' }], /needs the callback URL/],
  ['probe', [probeIn({ serverToken: '' })], /needs the Token/],
  ['probe', [probeIn({ serverToken: 'a b' })], /Token must be 3–32/],
  ['probe', [probeIn({ mode: 'secure' })], /Mode must be plain, safe or compatible/],
  ['probe', [probeIn({ mode: 'safe' })], /Safe mode needs the EncodingAESKey/],
  ['probe', [probeIn({ mode: 'compatible' })], /Compatible mode needs the EncodingAESKey/],
  ['probe', [probeIn({ mode: 'safe', aesKey: AES })], /need the AppID/],
  ['probe', [probeIn({ mode: 'safe', aesKey: AES, appId: 'wx123' })], /AppID must be "wx"/],
  ['probe', [probeIn({ message: '' })], /message to push is empty/],
  ['probe', [probeIn({ message: 'm'.repeat(3000) })], /longer than 2048 characters/],
  ['probe', [probeIn({ message: 'a ]]> b' })], /CDATA/],
  ['probe', [probeIn({ timeoutMs: 5 })], /timeout is whole milliseconds/],
  ['probe', [probeIn({ account: 'wx123' })], /AppID must be "wx"/],
  ['probe', [probeIn({ runId: 'not a run id' })], /runId is 1 to 64/],
  // the API console
  ['consoleSend', [null], /request object/],
  ['consoleSend', [consoleReq({ appId: 'wx123' })], /Expected an AppID/],
  ['consoleSend', [consoleReq({ extra: 1 })], /Unknown request field "extra"/],
  ['consoleSend', [consoleReq({ method: 'DELETE' })], /Method must be GET or POST/],
  ['consoleSend', [consoleReq({ path: ' ' })], /Path is required/],
  ['consoleSend', [consoleReq({ path: 'https://evil.example/steal' })], /relative to the account's API base/],
  ['consoleSend', [consoleReq({ path: '/cgi-bin/menu/get#top' })], /has no #fragment/],
  ['consoleSend', [consoleReq({ path: '/cgi-bin/menu get' })], /must not contain spaces/],
  ['consoleSend', [consoleReq({ path: '/cgi-bin/../token' })], /\. or \.\. segments/],
  ['consoleSend', [consoleReq({ path: '/cgi-bin/token' })], /does not fetch tokens: a classic token/],
  ['consoleSend', [consoleReq({ path: '/cgi-bin/stable_token' })], /does not fetch tokens \(that needs the AppSecret\)/],
  ['consoleSend', [consoleReq({ path: '/cgi-bin/clear_quota/v2' })], /clear_quota\/v2 takes the AppSecret/],
  ['consoleSend', [consoleReq({ query: { a: '1' } })], /list of \[name, value\] pairs/],
  ['consoleSend', [consoleReq({ query: [['a']] })], /must be a \[name, value\] pair of text/],
  ['consoleSend', [consoleReq({ query: [[' ', 'x']] })], /has no name/],
  ['consoleSend', [consoleReq({ query: [['a'.repeat(300), 'x']] })], /is too long/],
  ['consoleSend', [consoleReq({ query: Array.from({ length: 101 }, (_, i) => [`k${i}`, 'v']) })], /At most 100 query parameters/],
  ['consoleSend', [consoleReq({ query: [['access_token', 'stolen']] })], /Leave access_token out/],
  ['consoleSend', [consoleReq({ method: 'POST', body: 42 })], /Body must be JSON text/],
  ['consoleSend', [consoleReq({ method: 'POST', body: 'x'.repeat((1 << 20) + 1) })], /larger than 1 MiB/],
  ['consoleSend', [consoleReq({ body: '{}' })], /GET request carries no body/],
  ['consoleSend', [consoleReq({ method: 'POST', body: '{"button": [,]}' })], /not valid JSON at line 1, column 13/],
  ['consoleSend', [consoleReq({ method: 'POST', body: '{"a": 1' })], /not valid JSON/],
  ['consoleSend', [consoleReq({ method: 'POST', body: '{"a": 1} x' })], /not valid JSON/],
  ['consoleHistory', ['wx123'], /Expected an AppID/],
  ['consoleCurl', [consoleReq({}), 'yes'], /reveal the token: true or false/],
  ['quota', [APPID, 42], /API path must be text/],
  ['quota', [APPID, '/cgi-bin/menu get'], /The path must not contain spaces/],
  ['lookupRid', [APPID, 42], /Give the rid as text/],
  ['lookupRid', [APPID, '<b>rid</b>'], /A rid looks like/],
  ['clearQuota', ['wx123'], /Expected an AppID/],
  // the phone simulator (issue 23)
  ['simulatorPreview', [{ appId: APPID }], /needs its type \(kind\), or hand-written XML/],
  ['simulatorSend', [{ appId: APPID, kind: 'image', fields: { PicUrl: 'ftp://x/y' }, url: 'http://127.0.0.1:9/' }], /Nothing was sent: PicUrl must be an http/],
  ['simulatorSend', [{ appId: APPID, kind: 'text', xml: '<xml>\n<Content>a</b>\n</xml>', url: 'http://127.0.0.1:9/' }], /Nothing was sent: Line 2/],
  ['simulatorSend', [{ appId: APPID, kind: 'text' }], /no callback URL yet/],
  ['simulatorSend', [{ appId: APPID, kind: 'text', url: 'http://127.0.0.1:9/' }], /has no Token/],
  ['simulatorRetry', [{ appId: APPID, kind: 'text', mode: 'aes' }], /message mode must be plain, compatible or safe/],
  ['simulatorLog', ['wx123'], /Expected an AppID/],
  ['simulatorClearLog', ['wx123'], /Expected an AppID/],
  ['simulatorFollowers', ['wx123'], /Expected an AppID/],
  ['simulatorSaveFollowers', [APPID, []], /list of 1 to 20 followers/],
  ['simulatorSaveFollowers', [APPID, [{ openId: 'o1', name: 'A' }]], /OpenID must be 6 to 64/],
  // the menu editor (issue 24)
  ['menuLive', ['wx123'], /Expected an AppID/],
  ['menuDraft', ['wx123'], /Expected an AppID/],
  ['menuSaveDraft', [APPID, 5], /Expected a menu/],
  ['menuSaveDraft', [APPID, '{"button": ['], /The menu is not valid JSON/],
  ['menuSaveDraft', [APPID, { button: [{ name: 'a', sub_button: [{ name: 'b', sub_button: [{ name: 'c' }] }] }] }], /a sub-button cannot have sub-buttons/],
  ['menuRevert', ['wx123'], /Expected an AppID/],
  ['menuDiff', ['wx123'], /Expected an AppID/],
  ['menuPublish', [APPID], /There is no draft menu/],
  ['menuDelete', ['wx123'], /Expected an AppID/],
  ['menuAddConditional', [APPID, { button: [{ name: 'a', type: 'click', key: 'k' }], matchrule: { language: 'en' } }], /no longer matches menus by sex, region or language/],
  ['menuDeleteConditional', [APPID, 'x'], /A menuid is a number/],
  ['menuTryMatch', [APPID, 'a b'], /Give a follower's OpenID/],
  // the chores (issue 25)
  ['followerPage', [APPID, 'a b'], /Expected a follower's OpenID/],
  ['followerDetails', [APPID, 'x'], /a list of at most 10000 OpenIDs/],
  ['followerRemark', [APPID, 'oA', 'x'.repeat(31)], /A remark is text of at most 30/],
  ['tags', ['wx123'], /Expected an AppID/],
  ['tagCreate', [APPID, ''], /A tag name is text of 1 to 30/],
  ['tagMembers', [APPID, -1, []], /A tag id is a whole number/],
  ['untagMembers', [APPID, 2, 'oA'], /a list of at most 50 OpenIDs/],
  ['templates', ['wx123'], /Expected an AppID/],
  ['templateSend', [{ appId: APPID, templateId: 'T', toOpenId: 'oA', data: { a: { value: 'x', color: 'red' } } }], /data\.a\.color is #RRGGBB/],
  ['templateSend', [{ appId: APPID, templateId: 'T', toOpenId: 'oA', data: {}, url: 'ftp://x' }], /full http\(s\):\/\/ address/],
  ['qrCreate', [{ appId: APPID, permanent: 'no', scene: 1 }], /permanent is true or false/],
  ['qrCreate', [{ appId: APPID, permanent: false, scene: 1, expireSeconds: 5 }], /expireSeconds is 60 to 2592000/],
  ['mediaLimits', [1], /Expected 0 argument/],
  ['mediaUpload', [{ appId: APPID, kind: 'thumb', fileName: 't.jpg', base64: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(70_000)]).toString('base64') }], /at most 64 KB \(40006\)/],
  ['mediaUpload', [{ appId: APPID, kind: 'voice', fileName: 'v.mp3', base64: Buffer.from('\x89PNG\r\n\x1a\n0000', 'latin1').toString('base64') }], /PNG by its content/],
  ['mediaUpload', [{ appId: APPID, kind: 'image', fileName: 'a.exe', base64: Buffer.from('\x89PNG\r\n\x1a\n0000', 'latin1').toString('base64') }], /the name must end in/],
  ['mediaList', ['wx123'], /Expected an AppID/],
  ['consoleSend', [consoleReq({ method: 'POST', file: { field: 'media', fileName: 'a.png', base64: '%' } })], /must be base64 text/],
];

/** The error a refused call rejects with, as it crosses to the renderer. */
async function refusal(call: () => Promise<unknown> | unknown): Promise<ErrorView> {
  try {
    await call();
  } catch (e) {
    expect(e).toBeInstanceOf(WxError);
    return (e as WxError).view();
  }
  throw new Error('expected a refusal');
}

function expectChineseRefusal(v: ErrorView, english: RegExp): void {
  expect(v.code).toBe('INVALID_INPUT');
  expect(v.kind).toBe('input');
  // The English text is the one the other tests know, unchanged.
  expect(v.message).toMatch(english);
  expect(v.zh).toBeDefined();
  expectChinese(v.zh!.message, 'zh.message');
  expectChinese(v.zh!.hint, 'zh.hint');
}

describe('refusals through the handler table are Chinese in zh', () => {
  let fake: FakeWeChat;
  let core: Core;
  let dash: Dashboard;

  beforeAll(async () => {
    fake = await FakeWeChat.start();
    core = makeCore({ fake, dataDir: tempDir('wxdesk-zh-'), addAccount: false });
    await core.accounts.save({ appId: APPID, secret: SECRET, apiBase: fake.url });
    dash = new Dashboard({ core, host: 'browser', version: 't' });
  });

  afterAll(async () => {
    await core.close();
    await fake.close();
    removeTempDirs();
  });

  it('every method of the table has a refusal here', () => {
    for (const m of DASHBOARD_METHODS) expect(cases.map(([method]) => method), m).toContain(m);
  });

  it('the desktop IPC refusal (a call from another window or page) is Chinese too', async () => {
    const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<Envelope<unknown>>>();
    const ipcMain = { handle: (c: string, fn: never) => handlers.set(c, fn), removeHandler: (c: string) => handlers.delete(c) };
    const ours = { isDestroyed: () => false, send: () => undefined };
    const dispose = registerIpc({ ipcMain: ipcMain as never, dashboard: dash, window: () => ({ webContents: ours as never }), pageUrl: 'wxdesk://app/index.html' });
    try {
      const listAccounts = handlers.get(channelOf('listAccounts'))!;
      for (const [event, english] of [
        [{ sender: {}, senderFrame: { url: 'wxdesk://app/index.html' } }, /did not come from the WxDesk window/],
        [{ sender: ours, senderFrame: { url: 'https://evil.example/' } }, /not the WxDesk dashboard/],
      ] as const) {
        const r = await listAccounts(event);
        expect(r.ok).toBe(false);
        const v = (r as { error: ErrorView }).error;
        expect(v).toMatchObject({ code: 'FORBIDDEN', kind: 'input' });
        expect(v.message).toMatch(english);
        expect(v.zh).toBeDefined();
        expectChinese(v.zh!.message, 'zh.message');
        expectChinese(v.zh!.hint, 'zh.hint');
      }
    } finally {
      dispose();
    }
  });

  for (const [i, [method, args, english]] of cases.entries()) {
    it(`${i + 1}. ${method} ${english.source}`, async () => {
      const calls = fake.count();
      const handler = dash.handlers[method] as (...a: unknown[]) => Promise<unknown>;
      expectChineseRefusal(await refusal(() => handler(...args)), english);
      expect(fake.count()).toBe(calls);
    });
  }
});

describe('refusals of the safe-mode helpers the table does not reach', () => {
  const encrypt = encryptMessage({ aesKey: AES, appId: APPID, message: 'hi', random: RANDOM });
  const body = `<xml><ToUserName><![CDATA[gh_1]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
  const request = { token: 'tok', aesKey: AES, timestamp: '1414587457', nonce: 'n', msgSignature: '0'.repeat(40), body };
  const list: [string, () => unknown, RegExp][] = [
    ['a body without <Encrypt>', () => decryptRequest({ ...request, body: '<xml><Content>hi</Content></xml>' }), /no <Encrypt> element/],
    ['a msg_signature mismatch', () => decryptRequest(request), /msg_signature does not match[\s\S]*Check that the Token/],
    ['a msg_signature mismatch with its likely cause', () => decryptRequest({ ...request, timestamp: MS_TIMESTAMP }), /Likely cause: The timestamp/],
    ['a WeCom URL check mismatch', () => verifyWeComUrl({ token: 'tok', aesKey: AES, timestamp: '1', nonce: 'n', msgSignature: '0'.repeat(40), echostr: encrypt }), /msg_signature does not match/],
    ['a reply timestamp that is not seconds', () => encryptReply({ token: 'tok', aesKey: AES, appId: APPID, message: 'hi', timestamp: 'noon', nonce: 'n' }), /whole seconds/],
    ['a reply nonce that ends CDATA', () => encryptReply({ token: 'tok', aesKey: AES, appId: APPID, message: 'hi', timestamp: '1', nonce: ']]>' }), /CDATA section of the reply/],
    ['a message that is not text', () => encryptMessage({ aesKey: AES, appId: APPID, message: 1 as unknown as string }), /message to encrypt is missing/],
    ['an AppID that is not text', () => encryptMessage({ aesKey: AES, appId: undefined as unknown as string, message: 'hi' }), /AppID is missing/],
    ['a signed value that is not text', () => serverSignature({ token: undefined as unknown as string, timestamp: '1', nonce: 'n' }), /The Token is missing/],
    ['a wx.config without an AppID', () => wxConfigSnippet({ appId: '', ticket: 't', url: 'https://a.example/' }), /The AppID is empty/],
  ];
  for (const [name, call, english] of list) {
    it(name, async () => expectChineseRefusal(await refusal(call), english));
  }

  it('a mismatch names its likely cause in Chinese too', async () => {
    const v = await refusal(() => decryptRequest({ ...request, timestamp: MS_TIMESTAMP }));
    expect(v.zh!.message).toMatch(/可能的原因：时间戳 1414587457000 有 13 位/);
  });
});

// ---- b. the signature lab's causes, and the dictionaries ----------------------------------------

describe('every cause the signature lab names has its explanation in Chinese', () => {
  // Adding a code to CauseView fails to compile here until it has a case below.
  const CODES: Record<CauseView['code'], true> = {
    whitespace: true,
    milliseconds: true,
    fragment: true,
    'encoded-url': true,
    'numeric-sort': true,
    uppercase: true,
    'signature-of-other': true,
  };
  const TS = '1414587457';
  const jssdkOf = (url: string, ticket = 't') => sha1(`jsapi_ticket=${ticket}&noncestr=n&timestamp=${TS}&url=${url}`);
  const server = (token: string, timestamp: string, nonce: string, signature?: string) =>
    serverSignature({ token, timestamp, nonce, ...(signature === undefined ? {} : { signature }) }).causes;
  const lab: [string, () => CauseView[], CauseView['code'][]][] = [
    ['a Token with a trailing newline, signed without it', () => server('tok\n', TS, 'n', sha1(['tok', TS, 'n'].sort().join(''))), ['whitespace', 'signature-of-other']],
    ['a nonce starting with a tab and a non-breaking space', () => server('tok', TS, '\t n\u00a0'), ['whitespace']],
    ['a timestamp with a byte-order mark and a carriage return', () => server('tok', `\ufeff${TS}\r`, 'n'), ['whitespace']],
    ['a signature with a trailing newline', () => server('tok', TS, 'n', `${sha1(['tok', TS, 'n'].sort().join(''))}\n`), ['whitespace']],
    ['a value ending in an em space', () => server('tok\u2003', TS, 'n'), ['whitespace']],
    ['a millisecond timestamp', () => server('tok', MS_TIMESTAMP, 'n'), ['milliseconds']],
    ['a numeric sort', () => server('tok', TS, '9', sha1(['9', TS, 'tok'].join(''))), ['numeric-sort']],
    ['an upper-case signature', () => server('tok', TS, 'n', sha1(['tok', TS, 'n'].sort().join('')).toUpperCase()), ['uppercase']],
    ['a URL with its fragment, signed with it', () => jssdkSignature({ ...jssdk({ url: 'https://a.example/#top' }), signature: jssdkOf('https://a.example/#top') }).causes, ['fragment', 'signature-of-other']],
    ['a URL signed encoded', () => jssdkSignature({ ...jssdk({ url: 'https://a.example/?q=a b' }), signature: jssdkOf(encodeURIComponent('https://a.example/?q=a b')) }).causes, ['signature-of-other']],
    ['a URL signed decoded', () => jssdkSignature({ ...jssdk({ url: 'https://a.example/?q=a%20b' }), signature: jssdkOf('https://a.example/?q=a b') }).causes, ['signature-of-other']],
    ['a jsapi_ticket with a space, signed without it', () => jssdkSignature({ ...jssdk({ ticket: 't ' }), signature: jssdkOf('https://a.example/') }).causes, ['whitespace', 'signature-of-other']],
    ['a whole URL encoded', () => jssdkSignature(jssdk({ url: 'https%3A%2F%2Fa.example%2F' })).causes, ['encoded-url']],
    ['a URL with escapes of raw characters', () => jssdkSignature(jssdk({ url: 'https://a.example/?a%3Db' })).causes, ['encoded-url']],
  ];
  const seen = new Set<string>();

  for (const [name, causes, codes] of lab) {
    it(name, () => {
      const found = causes();
      expect(found.map((c) => c.code)).toEqual(codes);
      for (const c of found) {
        seen.add(c.code);
        expect(c.message).not.toMatch(HAN);
        expectChinese(c.zh, `${c.code} zh`);
      }
    });
  }

  it('the cases above name every code', () => {
    expect([...seen].sort()).toEqual(Object.keys(CODES).sort());
  });
});

describe('every value of the zh dictionaries is Chinese', () => {
  /** zh values that are names or code, the same in every language. */
  const NAMES = new Set(['WxDesk', 'English', 'wxdesk serve', 'stable_token', 'Token', 'AppID', 'AppSecret', 'EncodingAESKey', 'access_token', 'ticket', 'JS-SDK', 'jsapi_ticket', 'noncestr', 'msg_signature', 'errcode', 'rid']);

  // The strings are split by feature, each table in a strings.ts beside what shows it (so that a
  // tab's words load with the tab). Every such file under renderer/src is found here, and no table
  // may be made anywhere else.
  const SRC = fileURLToPath(new URL('../renderer/src/', import.meta.url));
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
  const files = sources(SRC);
  const tableFiles = files.filter((f) => basename(f) === 'strings.ts');
  type Table = Record<'en' | 'zh-CN', Record<string, string>>;
  const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && 'en' in v && 'zh-CN' in v;
  /** [file, export, table] for every table exported by a strings.ts. */
  async function tables(): Promise<[string, string, Table][]> {
    const found: [string, string, Table][] = [];
    for (const file of tableFiles) {
      // Loaded at run time: the renderer's modules are type-checked with the renderer's own settings.
      const mod = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) if (isTable(value)) found.push([relative(SRC, file), name, value]);
    }
    return found;
  }

  it('finds every table: each strings.ts makes one, and no other file makes any', async () => {
    const makers = files.filter((f) => !f.endsWith(join('i18n', 'define.ts')) && readFileSync(f, 'utf8').includes('defineStrings('));
    expect(makers.sort()).toEqual([...tableFiles].sort());
    const found = await tables();
    expect(found.map(([file]) => file).sort()).toEqual(tableFiles.map((f) => relative(SRC, f)).sort());
    // The shared table and one per area of the page at least (shell, accounts, form, token, settings, the three tabs).
    expect(found.length).toBeGreaterThanOrEqual(9);
  });

  it('a key is in one table only, with both languages', async () => {
    const owner = new Map<string, string>();
    const twice: string[] = [];
    for (const [file, name, table] of await tables()) {
      expect(Object.keys(table['zh-CN']).sort(), `${file} ${name}`).toEqual(Object.keys(table.en).sort());
      for (const key of Object.keys(table.en)) {
        const other = owner.get(key);
        if (other) twice.push(`${key}: ${other} and ${file}`);
        owner.set(key, file);
      }
    }
    expect(twice).toEqual([]);
  });

  it('has no English sentence, and only names or formats without Chinese', async () => {
    const misses: string[] = [];
    let checked = 0;
    for (const [file, , table] of await tables()) {
      for (const [key, value] of Object.entries(table['zh-CN'])) {
        checked++;
        const run = englishRun(value);
        if (run) misses.push(`${file} ${key}: English "${run}" in ${JSON.stringify(value)}`);
        else if (!HAN.test(value)) {
          const bare = value.replace(/\{\w+\}/g, '').trim();
          if (/[A-Za-z]{2,}/.test(bare) && !NAMES.has(bare)) misses.push(`${file} ${key}: no Chinese in ${JSON.stringify(value)}`);
        }
      }
    }
    expect(misses).toEqual([]);
    // Every string of the page was here before the split (406 keys); none may slip out of the check.
    expect(checked).toBeGreaterThanOrEqual(405);
  });
});
