// What a probe run is given, checked before anything is sent: a bad URL, Token or key is an input
// error that names the field and what to type, never a failed check.
import type { AccountView, ProbeInput, ProbeMode } from '../../contract';
import { invalidInput } from '../errors';
import { parseAesKey } from '../msgcrypt';
import { checkAppId, checkServerToken } from '../validate';

export interface ProbeSettings {
  url: URL;
  serverToken: string;
  mode: ProbeMode;
  /** Set in safe and compatible mode. */
  aesKey?: string;
  appId?: string;
  message: string;
  timeoutMs: number;
  account?: string;
  runId?: string;
}

export const DEFAULT_MESSAGE = 'Hello from WxDesk';
export const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_TIMEOUT_MS = 60_000;
const MIN_TIMEOUT_MS = 1_000;

const FIELDS: Record<keyof ProbeInput, 'string' | 'number'> = {
  url: 'string',
  serverToken: 'string',
  aesKey: 'string',
  appId: 'string',
  mode: 'string',
  message: 'string',
  timeoutMs: 'number',
  account: 'string',
  runId: 'string',
};

/** The callback URL as the probe will call it, or an error that says what is wrong with it. */
export function callbackUrl(text: string): URL {
  const v = text.trim();
  if (v === '') throw invalidInput('The callback URL is empty: give the URL your server answers WeChat on, e.g. http://127.0.0.1:8080/wechat.', '回调 URL 为空：请填写你的服务器接收微信请求的 URL，例如 http://127.0.0.1:8080/wechat。');
  if (v.length > 2048) throw invalidInput('The callback URL is longer than 2048 characters.', '回调 URL 超过 2048 个字符。');
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) {
    throw invalidInput(`The callback URL "${short(v)}" has no scheme: write it in full, e.g. http://${short(v)}.`, `回调 URL "${short(v)}" 缺少协议：请写完整，例如 http://${short(v)}。`);
  }
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    throw invalidInput(`"${short(v)}" is not a valid URL.`, `"${short(v)}" 不是合法的 URL。`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalidInput(`The callback URL must be http:// or https://, not ${url.protocol}//.`, `回调 URL 只能使用 http:// 或 https://，不能是 ${url.protocol}//。`);
  if (url.username || url.password) throw invalidInput('The callback URL carries a user name or password: WeChat never sends one, so leave it out.', '回调 URL 中带有用户名或密码：微信从不发送这些，请去掉。');
  if (url.hash) throw invalidInput('The callback URL has a #fragment: it is never sent to a server, so leave it out.', '回调 URL 带有 #片段：片段不会发送给服务器，请去掉。');
  return url;
}

/** Checks an untrusted ProbeInput (from a renderer, the CLI or a test) and fills in the defaults. */
export function probeSettings(v: unknown): ProbeSettings {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalidInput('Expected the probe settings: url, serverToken and, for safe mode, aesKey and appId.', '应传入探测设置：url、serverToken，安全模式还需要 aesKey 和 appId。');
  const input: Partial<ProbeInput> = {};
  for (const [k, val] of Object.entries(v)) {
    if (!Object.hasOwn(FIELDS, k)) throw invalidInput(`Unknown probe field ${JSON.stringify(short(k))}.`, `未知的探测字段 ${JSON.stringify(short(k))}。`);
    if (val === undefined || val === null) continue;
    const type = FIELDS[k as keyof ProbeInput];
    if (typeof val !== type) throw invalidInput(`Probe field "${k}" must be a ${type}.`, `探测字段 "${k}" 应为${type === 'number' ? '数字' : '文本'}。`);
    if (typeof val === 'string' && val.length > 4096) throw invalidInput(`Probe field "${k}" is too long.`, `探测字段 "${k}" 过长。`);
    (input as Record<string, unknown>)[k] = val;
  }
  if (input.url === undefined) throw invalidInput('The probe needs the callback URL.', '探测需要回调 URL。');
  const url = callbackUrl(input.url);

  const serverToken = input.serverToken ?? '';
  if (serverToken === '') throw invalidInput('The probe needs the Token (令牌) configured for this URL: WeChat signs every request with it.', '探测需要为此 URL 配置的 Token（令牌）：微信用它为每个请求签名。');
  const tokenProblem = checkServerToken(serverToken);
  if (tokenProblem) throw invalidInput(tokenProblem.en, tokenProblem.zh);

  const aesKey = input.aesKey === '' ? undefined : input.aesKey;
  // Never guessed from a key: WeChat's settings page shows an EncodingAESKey even in plain mode, and
  // a safe-mode run against a plain server passed (issue 21, item 1). The account's mode is filled in
  // by withAccount; with neither, WeChat's default.
  const mode: ProbeMode = input.mode ?? 'plain';
  if (mode !== 'plain' && mode !== 'safe' && mode !== 'compatible') throw invalidInput(`Mode must be plain, safe or compatible, not ${JSON.stringify(short(String(mode)))}.`, `模式只能是 plain、safe 或 compatible，不能是 ${JSON.stringify(short(String(mode)))}。`);
  const settings: ProbeSettings = { url, serverToken, mode, message: input.message ?? DEFAULT_MESSAGE, timeoutMs: input.timeoutMs ?? DEFAULT_TIMEOUT_MS };
  if (mode !== 'plain') {
    if (!aesKey) throw invalidInput(`${mode === 'safe' ? 'Safe' : 'Compatible'} mode needs the EncodingAESKey (消息加解密密钥) of the account.`, `${mode === 'safe' ? '安全' : '兼容'}模式需要该账号的 EncodingAESKey（消息加解密密钥）。`);
    parseAesKey(aesKey);
    const appId = input.appId ?? '';
    if (appId === '') throw invalidInput('Safe and compatible mode need the AppID: it is sealed inside every encrypted message.', '安全模式和兼容模式需要 AppID：每条加密消息里都带有它。');
    const appIdProblem = checkAppId(appId);
    if (appIdProblem) throw invalidInput(appIdProblem.en, appIdProblem.zh, appIdProblem.hint);
    settings.aesKey = aesKey;
    settings.appId = appId;
  }

  if (settings.message === '') throw invalidInput('The message to push is empty: WeChat never pushes an empty text message.', '要推送的消息为空：微信从不推送空的文本消息。');
  if (settings.message.length > 2048) throw invalidInput('The message to push is longer than 2048 characters (WeChat limits a text message to 2048).', '要推送的消息超过 2048 个字符（微信文本消息最长 2048 个字符）。');
  if (settings.message.includes(']]>')) throw invalidInput('The message cannot contain "]]>": it would end the CDATA section it is sent in.', '消息中不能含有 "]]>"：它会提前结束承载消息的 CDATA 段。');
  const t = settings.timeoutMs;
  if (!Number.isInteger(t) || t < MIN_TIMEOUT_MS || t > MAX_TIMEOUT_MS) throw invalidInput(`The timeout is whole milliseconds from ${MIN_TIMEOUT_MS} to ${MAX_TIMEOUT_MS}.`, `超时时间应为 ${MIN_TIMEOUT_MS} 到 ${MAX_TIMEOUT_MS} 之间的整数毫秒。`);
  if (input.account !== undefined) {
    const p = checkAppId(input.account);
    if (p) throw invalidInput(p.en, p.zh, p.hint);
    settings.account = input.account;
  }
  if (input.runId !== undefined) {
    if (!/^[\w-]{1,64}$/.test(input.runId)) throw invalidInput('runId is 1 to 64 letters, digits, "-" or "_".', 'runId 应为 1 到 64 个字母、数字、"-" 或 "_"。');
    settings.runId = input.runId;
  }
  return settings;
}

/** What a saved account gives a probe: its callback URL, Token, key, AppID and message mode. */
export type ProbeAccount = Pick<AccountView, 'appId' | 'serverToken' | 'aesKey' | 'messageMode' | 'callbackUrl'>;

/**
 * A probe input naming an account (`account`), with what it leaves out taken from the account: the
 * mode is the account's message mode (WeChat's 消息加解密方式), never a guess from its key. Anything
 * else (not an object, no account, an unknown account) is passed on as it is, for probeSettings to judge.
 */
export function withAccount(v: unknown, find: (appId: string) => ProbeAccount | undefined): unknown {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
  const input = v as Partial<ProbeInput>;
  const a = typeof input.account === 'string' ? find(input.account) : undefined;
  if (!a) return v;
  const out: Partial<ProbeInput> = { ...input };
  out.url ??= a.callbackUrl ?? '';
  if (!out.serverToken) out.serverToken = a.serverToken;
  out.mode ??= a.messageMode;
  if (out.mode !== 'plain') {
    if (!out.aesKey && a.aesKey) out.aesKey = a.aesKey;
    out.appId ??= a.appId;
  }
  return out;
}

function short(v: string): string {
  return v.length > 60 ? `${v.slice(0, 60)}…` : v;
}
