// The requests WeChat sends to a callback URL, built as WeChat builds them: the URL check (GET with
// signature, timestamp, nonce, echostr) and pushes (POST with signature, timestamp, nonce, openid;
// in safe and compatible mode also encrypt_type=aes and msg_signature over the body's Encrypt).
import { randomBytes, randomInt } from 'node:crypto';
import { shellQuote } from '../shell-quote';
import { encryptMessage } from '../msgcrypt';
import { msgSignature, serverSignature, sha1Hex } from '../signature';
import type { ProbeSettings } from './input';

/** Who talks in this run's messages: the account (ToUserName) and one follower (FromUserName). */
export interface Parties {
  /** The account's original ID, gh_ + 12 hex, as WeChat puts it in ToUserName. */
  account: string;
  /** A follower's openid: 28 characters, as WeChat's. */
  openid: string;
}

export interface Outgoing {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A push as sent, and the plaintext fields a reply is judged against. */
export interface Push extends Outgoing {
  /** The message XML before encryption (what the server should read). */
  plain: string;
  msgId?: string;
}

const OPENID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function newParties(): Parties {
  let openid = 'o';
  for (const b of randomBytes(27)) openid += OPENID_ALPHABET[b % OPENID_ALPHABET.length];
  return { account: `gh_${randomBytes(6).toString('hex')}`, openid };
}

/** n random digits, the first not 0 (WeChat's echostr, nonce and MsgId are numbers as text). */
export function digits(n: number): string {
  let out = String(randomInt(1, 10));
  while (out.length < n) out += String(randomInt(0, 10));
  return out;
}

const seconds = (nowMs: number) => String(Math.floor(nowMs / 1000));

function withQuery(base: URL, params: [string, string][]): string {
  const url = new URL(base);
  for (const [k, v] of params) url.searchParams.append(k, v);
  return url.toString();
}

const GET_HEADERS = { accept: '*/*', 'user-agent': 'Mozilla/4.0' };
const POST_HEADERS = { ...GET_HEADERS, 'content-type': 'text/xml' };

/** The URL check: a signed GET whose echostr must come back byte for byte. */
export function urlCheck(s: ProbeSettings, nowMs: number, forged = false): Outgoing & { echostr: string } {
  const timestamp = seconds(nowMs);
  const nonce = digits(10);
  const echostr = digits(19);
  const right = serverSignature({ token: s.serverToken, timestamp, nonce }).digest;
  // A forged signature has the right shape (40 hex) and is signed with something else than the Token.
  const signature = forged ? sha1Hex(`forged:${right}:${nonce}`) : right;
  const url = withQuery(s.url, [
    ['signature', signature],
    ['echostr', echostr],
    ['timestamp', timestamp],
    ['nonce', nonce],
  ]);
  return { method: 'GET', url, headers: { ...GET_HEADERS }, body: '', echostr };
}

const cdata = (v: string) => `<![CDATA[${v}]]>`;

export function textMessage(p: Parties, nowMs: number, content: string, msgId: string): string {
  return (
    `<xml><ToUserName>${cdata(p.account)}</ToUserName><FromUserName>${cdata(p.openid)}</FromUserName>` +
    `<CreateTime>${seconds(nowMs)}</CreateTime><MsgType>${cdata('text')}</MsgType><Content>${cdata(content)}</Content>` +
    `<MsgId>${msgId}</MsgId></xml>`
  );
}

export function subscribeEvent(p: Parties, nowMs: number): string {
  return (
    `<xml><ToUserName>${cdata(p.account)}</ToUserName><FromUserName>${cdata(p.openid)}</FromUserName>` +
    `<CreateTime>${seconds(nowMs)}</CreateTime><MsgType>${cdata('event')}</MsgType><Event>${cdata('subscribe')}</Event></xml>`
  );
}

/**
 * A push of `plain` as WeChat sends it in the run's mode. `encrypt` reuses a ciphertext (a retry
 * carries the same body as the first try; only the query is signed anew).
 */
export function push(s: ProbeSettings, p: Parties, nowMs: number, plain: string, encrypt?: string, forged = false): Push & { encrypt?: string } {
  const timestamp = seconds(nowMs);
  const nonce = digits(10);
  // Forged (an attacker's push): the right shape (40 hex), signed with something else than the Token.
  const sign = (digest: string) => (forged ? sha1Hex(`forged:${digest}:${nonce}`) : digest);
  const params: [string, string][] = [
    ['signature', sign(serverSignature({ token: s.serverToken, timestamp, nonce }).digest)],
    ['timestamp', timestamp],
    ['nonce', nonce],
    ['openid', p.openid],
  ];
  if (s.mode === 'plain' || !s.aesKey || !s.appId) {
    return { method: 'POST', url: withQuery(s.url, params), headers: { ...POST_HEADERS }, body: plain, plain };
  }
  const sealed = encrypt ?? encryptMessage({ aesKey: s.aesKey, appId: s.appId, message: plain });
  params.push(['encrypt_type', 'aes'], ['msg_signature', sign(msgSignature({ token: s.serverToken, timestamp, nonce, encrypt: sealed }).digest)]);
  const body =
    s.mode === 'safe'
      ? `<xml><ToUserName>${cdata(p.account)}</ToUserName><Encrypt>${cdata(sealed)}</Encrypt></xml>`
      : plain.replace(/<\/xml>$/, `<Encrypt>${cdata(sealed)}</Encrypt></xml>`);
  return { method: 'POST', url: withQuery(s.url, params), headers: { ...POST_HEADERS }, body, plain, encrypt: sealed };
}

/** The same request as a curl command line (single-quoted for a POSIX shell). */
export function curlOf(r: Outgoing): string {
  const q = shellQuote;
  const parts = ['curl', '-sS', '-i'];
  if (r.method !== 'GET') parts.push('-X', r.method);
  parts.push(q(r.url));
  for (const [k, v] of Object.entries(r.headers)) if (k !== 'accept' && k !== 'user-agent') parts.push('-H', q(`${k}: ${v}`));
  if (r.body !== '') parts.push('--data-binary', q(r.body));
  return parts.join(' ');
}
