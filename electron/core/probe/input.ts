// What a probe run is given, checked before anything is sent: a bad URL, Token or key is an input
// error that names the field and what to type, never a failed check.
import type { ProbeInput, ProbeMode } from '../../api';
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
  if (v === '') throw invalidInput('The callback URL is empty: give the URL your server answers WeChat on, e.g. http://127.0.0.1:8080/wechat.');
  if (v.length > 2048) throw invalidInput('The callback URL is longer than 2048 characters.');
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) {
    throw invalidInput(`The callback URL "${short(v)}" has no scheme: write it in full, e.g. http://${short(v)}.`);
  }
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    throw invalidInput(`"${short(v)}" is not a valid URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalidInput(`The callback URL must be http:// or https://, not ${url.protocol}//.`);
  if (url.username || url.password) throw invalidInput('The callback URL carries a user name or password: WeChat never sends one, so leave it out.');
  if (url.hash) throw invalidInput('The callback URL has a #fragment: it is never sent to a server, so leave it out.');
  return url;
}

/** Checks an untrusted ProbeInput (from a renderer, the CLI or a test) and fills in the defaults. */
export function probeSettings(v: unknown): ProbeSettings {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalidInput('Expected the probe settings: url, serverToken and, for safe mode, aesKey and appId.');
  const input: Partial<ProbeInput> = {};
  for (const [k, val] of Object.entries(v)) {
    if (!Object.hasOwn(FIELDS, k)) throw invalidInput(`Unknown probe field ${JSON.stringify(short(k))}.`);
    if (val === undefined || val === null) continue;
    const type = FIELDS[k as keyof ProbeInput];
    if (typeof val !== type) throw invalidInput(`Probe field "${k}" must be a ${type}.`);
    if (typeof val === 'string' && val.length > 4096) throw invalidInput(`Probe field "${k}" is too long.`);
    (input as Record<string, unknown>)[k] = val;
  }
  if (input.url === undefined) throw invalidInput('The probe needs the callback URL.');
  const url = callbackUrl(input.url);

  const serverToken = input.serverToken ?? '';
  if (serverToken === '') throw invalidInput('The probe needs the Token (令牌) configured for this URL: WeChat signs every request with it.');
  const tokenProblem = checkServerToken(serverToken);
  if (tokenProblem) throw invalidInput(tokenProblem.en);

  const aesKey = input.aesKey === '' ? undefined : input.aesKey;
  const mode: ProbeMode = input.mode ?? (aesKey ? 'safe' : 'plain');
  if (mode !== 'plain' && mode !== 'safe' && mode !== 'compatible') throw invalidInput(`Mode must be plain, safe or compatible, not ${JSON.stringify(short(String(mode)))}.`);
  const settings: ProbeSettings = { url, serverToken, mode, message: input.message ?? DEFAULT_MESSAGE, timeoutMs: input.timeoutMs ?? DEFAULT_TIMEOUT_MS };
  if (mode !== 'plain') {
    if (!aesKey) throw invalidInput(`${mode === 'safe' ? 'Safe' : 'Compatible'} mode needs the EncodingAESKey (消息加解密密钥) of the account.`);
    parseAesKey(aesKey);
    const appId = input.appId ?? '';
    if (appId === '') throw invalidInput('Safe and compatible mode need the AppID: it is sealed inside every encrypted message.');
    const appIdProblem = checkAppId(appId);
    if (appIdProblem) throw invalidInput(appIdProblem.en);
    settings.aesKey = aesKey;
    settings.appId = appId;
  }

  if (settings.message === '') throw invalidInput('The message to push is empty: WeChat never pushes an empty text message.');
  if (settings.message.length > 2048) throw invalidInput('The message to push is longer than 2048 characters (WeChat limits a text message to 2048).');
  if (settings.message.includes(']]>')) throw invalidInput('The message cannot contain "]]>": it would end the CDATA section it is sent in.');
  const t = settings.timeoutMs;
  if (!Number.isInteger(t) || t < MIN_TIMEOUT_MS || t > MAX_TIMEOUT_MS) throw invalidInput(`The timeout is whole milliseconds from ${MIN_TIMEOUT_MS} to ${MAX_TIMEOUT_MS}.`);
  if (input.account !== undefined) {
    const p = checkAppId(input.account);
    if (p) throw invalidInput(p.en);
    settings.account = input.account;
  }
  if (input.runId !== undefined) {
    if (!/^[\w-]{1,64}$/.test(input.runId)) throw invalidInput('runId is 1 to 64 letters, digits, "-" or "_".');
    settings.runId = input.runId;
  }
  return settings;
}

function short(v: string): string {
  return v.length > 60 ? `${v.slice(0, 60)}…` : v;
}
