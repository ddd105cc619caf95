// WeChat's three SHA-1 signatures (server URL check, safe-mode msg_signature, JS-SDK wx.config),
// computed step by step so a person can see where their own computation parts ways with WeChat's.
// Every function returns the intermediate values and the known mistakes it can detect ("causes");
// signature-causes.ts detects them and says each in English and Chinese.

import { createHash, randomBytes } from 'node:crypto';
import type { CallbackFieldsView, CauseView, JssdkView, SignatureView } from '../contract';
import { invalidInput } from './errors';
import {
  compareSignature,
  encodedUrlCause,
  fragmentCause,
  jssdkAlternatives,
  label,
  labelZh,
  millisecondCauses,
  safeDecode,
  sortedAlternatives,
  whitespaceCauses,
  zhJoin,
  type SignedPart,
} from './signature-causes';

// The result shapes are the contract's (electron/contract/): the dashboard shows them as they are.
export type CauseCode = CauseView['code'];
export type Cause = CauseView;
export type SignatureExplanation = SignatureView;
export type JssdkExplanation = JssdkView;
export type { SignedPart } from './signature-causes';

export function sha1Hex(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

function requireValue(field: string, value: unknown): void {
  if (typeof value !== 'string') throw invalidInput(`The ${label(field)} is missing: enter it as text.`, `${zhJoin('缺少', labelZh(field))}：请以文本形式填写。`);
  if (value === '') throw invalidInput(`The ${label(field)} is empty: every value takes part in the signature, so enter it.`, `${zhJoin(labelZh(field), '为空')}：每个值都参与签名，请填写。`);
}

// ---------------------------------------------------------------------------------------------
// Sorted signatures: server `signature` and safe-mode `msg_signature`.

/** signature = sha1(sort([Token, timestamp, nonce]).join('')): the URL check and every push. */
export function serverSignature(input: { token: string; timestamp: string; nonce: string; signature?: string }): SignatureExplanation {
  return explainSortedSignature(
    [
      { field: 'token', value: input.token },
      { field: 'timestamp', value: input.timestamp },
      { field: 'nonce', value: input.nonce },
    ],
    input.signature,
  );
}

/** msg_signature = sha1(sort([Token, timestamp, nonce, Encrypt]).join('')): safe and compatible mode. */
export function msgSignature(input: { token: string; timestamp: string; nonce: string; encrypt: string; signature?: string }): SignatureExplanation {
  return explainSortedSignature(
    [
      { field: 'token', value: input.token },
      { field: 'timestamp', value: input.timestamp },
      { field: 'nonce', value: input.nonce },
      { field: 'encrypt', value: input.encrypt },
    ],
    input.signature,
  );
}

/** The building block of both sorted signatures (WeCom's URL check signs echostr as the 4th part). */
export function explainSortedSignature(parts: SignedPart[], signature?: string): SignatureExplanation {
  for (const p of parts) requireValue(p.field, p.value);
  const values = parts.map((p) => p.value);
  const sorted = [...values].sort();
  const joined = sorted.join('');
  const digest = sha1Hex(joined);
  const causes = [...whitespaceCauses(parts), ...millisecondCauses(parts)];
  const result: SignatureExplanation = { parts: values, sorted, joined, digest, causes };
  if (signature === undefined) return result;

  const alternatives = sortedAlternatives(parts, sorted, sha1Hex);
  return { ...result, ...compareSignature(signature, digest, alternatives, causes) };
}

// ---------------------------------------------------------------------------------------------
// JS-SDK

const jssdkString = (ticket: string, noncestr: string, timestamp: string, url: string) =>
  `jsapi_ticket=${ticket}&noncestr=${noncestr}&timestamp=${timestamp}&url=${url}`;

/** signature = sha1("jsapi_ticket=…&noncestr=…&timestamp=…&url=…"), url without its #fragment. */
export function jssdkSignature(input: { ticket: string; noncestr: string; timestamp: string; url: string; signature?: string }): JssdkExplanation {
  const parts: SignedPart[] = [
    { field: 'ticket', value: input.ticket },
    { field: 'noncestr', value: input.noncestr },
    { field: 'timestamp', value: input.timestamp },
    { field: 'url', value: input.url },
  ];
  for (const p of parts) requireValue(p.field, p.value);
  const hash = input.url.indexOf('#');
  const url = hash >= 0 ? input.url.slice(0, hash) : input.url;
  const joined = jssdkString(input.ticket, input.noncestr, input.timestamp, url);
  const digest = sha1Hex(joined);
  const causes = [...whitespaceCauses(parts), ...millisecondCauses(parts)];
  if (hash >= 0) causes.push(fragmentCause(input.url.slice(hash)));
  const encoded = encodedUrlCause(url);
  if (encoded) causes.push(encoded);
  const result: JssdkExplanation = { url, joined, digest, causes };
  if (input.signature === undefined) return result;

  const alternatives = jssdkAlternatives(parts, url, signJssdk);
  return { ...result, ...compareSignature(input.signature, digest, alternatives, causes) };
}

/** The JS-SDK digest of parts named by field: the causes re-sign other forms of the same input. */
function signJssdk(parts: SignedPart[]): string {
  const valueOf = (field: string) => parts.find((p) => p.field === field)?.value ?? '';
  return sha1Hex(jssdkString(valueOf('ticket'), valueOf('noncestr'), valueOf('timestamp'), valueOf('url')));
}

// ---------------------------------------------------------------------------------------------
// wx.config snippet

const DEFAULT_JS_API_LIST = ['updateAppMessageShareData', 'updateTimelineShareData'];
const NONCE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 16 letters and digits: the shape the official samples use, safe in any URL or string. */
export function randomNonce(length = 16): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += NONCE_ALPHABET[b % NONCE_ALPHABET.length];
  return out;
}

/** wx.config's timestamp: whole seconds (now when left out), or an error that names the mistake. */
export function wxConfigTimestamp(given: string | number | undefined): string {
  const timestamp = String(given ?? Math.floor(Date.now() / 1000));
  if (!/^\d{1,12}$/.test(timestamp)) {
    const ms = /^\d{13}$/.test(timestamp);
    throw invalidInput(
      ms
        ? `The timestamp ${timestamp} is in milliseconds: wx.config needs seconds (${timestamp.slice(0, 10)}).`
        : `The timestamp "${timestamp}" is not a whole number of seconds: use Math.floor(Date.now() / 1000).`,
      ms
        ? `时间戳 ${timestamp} 的单位是毫秒：wx.config 需要秒（${timestamp.slice(0, 10)}）。`
        : `时间戳 "${timestamp}" 不是整数秒：请使用 Math.floor(Date.now() / 1000)。`,
    );
  }
  return timestamp;
}

/**
 * A ready-to-paste `wx.config({...})` call for `url`, with the values used as comments. The ticket
 * is shown abbreviated: it belongs to the server, not to the page.
 */
export function wxConfigSnippet(input: {
  appId: string;
  ticket: string;
  url: string;
  noncestr?: string;
  timestamp?: string | number;
  jsApiList?: string[];
}): string {
  requireValue('appId', input.appId);
  const noncestr = input.noncestr ?? randomNonce();
  const timestamp = wxConfigTimestamp(input.timestamp);
  const sig = jssdkSignature({ ticket: input.ticket, noncestr, timestamp, url: input.url });
  const jsApiList = input.jsApiList ?? DEFAULT_JS_API_LIST;
  const shortTicket = input.ticket.length > 8 ? `${input.ticket.slice(0, 8)}…` : input.ticket;
  const lines = [
    `// wx.config for ${JSON.stringify(sig.url)}`,
    '// Values used:',
    `//   url        ${JSON.stringify(sig.url)}`,
    `//   noncestr   ${JSON.stringify(noncestr)}`,
    `//   timestamp  ${timestamp} (${new Date(Number(timestamp) * 1000).toISOString()})`,
    `//   ticket     ${JSON.stringify(shortTicket)} (kept out of the page)`,
    `//   signature  sha1("jsapi_ticket=…&noncestr=${noncestr}&timestamp=${timestamp}&url=${JSON.stringify(sig.url).slice(1, -1)}")`,
  ];
  if (!/^wx[0-9a-f]{16}$/.test(input.appId)) lines.push(`// warning: ${JSON.stringify(input.appId)} does not look like an AppID ("wx" + 16 hex characters).`);
  for (const c of sig.causes) lines.push(`// ${c.level === 'info' ? 'note' : 'warning'}: ${c.message.replace(/\s+/g, ' ')}`);
  lines.push(
    'wx.config({',
    '  debug: false,',
    `  appId: ${JSON.stringify(input.appId)},`,
    `  timestamp: ${timestamp},`,
    `  nonceStr: ${JSON.stringify(noncestr)},`,
    `  signature: ${JSON.stringify(sig.digest)},`,
    `  jsApiList: ${JSON.stringify(jsApiList)},`,
    '});',
  );
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Reading a pasted callback

export type CallbackFields = CallbackFieldsView;

const QUERY_FIELDS = ['signature', 'msg_signature', 'timestamp', 'nonce', 'echostr', 'openid', 'encrypt_type'] as const;
type QueryField = (typeof QUERY_FIELDS)[number];
const isQueryField = (k: string): k is QueryField => (QUERY_FIELDS as readonly string[]).includes(k);

/**
 * Fills signature fields from what a developer pastes: a callback URL, a bare query string, or a
 * raw HTTP request (request line, headers, blank line, body). Query values are URL-decoded.
 */
/** A pasted request is a few KB; anything near this is not one (and a paste is never worth a long wait). */
export const MAX_PASTE = 1 << 20;

export function parseCallback(input: string): CallbackFields {
  if (input.length > MAX_PASTE) throw invalidInput(`The paste is ${input.length} characters long; a callback request is a few KB. Paste the URL, query string or request only.`, `粘贴的内容有 ${input.length} 个字符，而回调请求通常只有几 KB。请只粘贴 URL、查询字符串或请求本身。`);
  const text = input.replace(/^\ufeff/, '').trim();
  if (text === '') throw invalidInput('Nothing to read: paste a callback URL, a query string or a raw HTTP request.', '没有可读取的内容：请粘贴回调 URL、查询字符串或原始 HTTP 请求。');
  const { query, body } = splitPaste(text);
  const fields: CallbackFields = {};
  for (const [key, value] of queryPairs(query)) {
    if (isQueryField(key) && fields[key] === undefined) fields[key] = value;
  }
  if (body !== '') {
    const encrypt = bodyField(body, 'Encrypt');
    if (encrypt !== undefined) fields.encrypt = encrypt;
    const to = bodyField(body, 'ToUserName');
    if (to !== undefined) fields.toUserName = to;
  }
  if (Object.keys(fields).length === 0) {
    throw invalidInput(
      'No callback fields found: paste the full callback URL (with ?signature=…&timestamp=…&nonce=…), its query string, or the raw HTTP request.',
      '未找到回调字段：请粘贴完整的回调 URL（带 ?signature=…&timestamp=…&nonce=…）、它的查询字符串或原始 HTTP 请求。',
    );
  }
  return fields;
}

function splitPaste(text: string): { query: string; body: string } {
  const newline = text.search(/\r?\n/);
  const firstLine = newline < 0 ? text : text.slice(0, newline);
  const rest = newline < 0 ? '' : text.slice(newline).replace(/^\r?\n/, '');
  const requestLine = /^[A-Z]+\s+(\S+)\s+HTTP\/[\d.]+$/.exec(firstLine.trim());
  if (requestLine) {
    const blank = rest.search(/\r?\n\r?\n/);
    const body = blank < 0 ? '' : rest.slice(blank).replace(/^\r?\n\r?\n/, '');
    return { query: queryOf(requestLine[1] ?? ''), body };
  }
  if (firstLine.startsWith('<') || firstLine.startsWith('{')) return { query: '', body: text };
  return { query: queryOf(firstLine.trim()), body: rest };
}

function queryOf(target: string): string {
  const noFragment = target.split('#')[0] ?? '';
  const q = noFragment.indexOf('?');
  if (q >= 0) return noFragment.slice(q + 1);
  return noFragment.includes('=') && !noFragment.includes('://') ? noFragment : '';
}

function queryPairs(query: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const piece of query.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const key = eq < 0 ? piece : piece.slice(0, eq);
    const raw = eq < 0 ? '' : piece.slice(eq + 1);
    // '+' stays '+': no callback field contains spaces, while a base64 echostr does contain '+'.
    pairs.push([safeDecode(key), safeDecode(raw)]);
  }
  return pairs;
}

/**
 * The text of a top-level element of a WeChat push body (XML), or a string property of the JSON
 * data format. CDATA sections are opaque, so a user's message text cannot fake an <Encrypt>.
 */
export function bodyField(body: string, name: string): string | undefined {
  const text = body.trim();
  if (text.startsWith('{')) return jsonField(text, name);
  return xmlChildText(text, name);
}

function jsonField(text: string, name: string): string | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && Object.hasOwn(value, name)) {
      const field = (value as Record<string, unknown>)[name];
      return typeof field === 'string' ? field : undefined;
    }
  } catch {
    // Not JSON after all: nothing to read.
  }
  return undefined;
}

type XmlToken = { cdata: string } | { tag: string; closing: boolean; selfClosing: boolean } | { chars: string };

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[\w:.-]/;

/**
 * The pasted body as XML tokens, in one pass: CDATA, comments and processing instructions (skipped),
 * tags, and text between them. A search for a terminator that fails once is never repeated, so
 * `<a<a<a…` with no `>` costs one scan, not one per `<` (a regex did: 262 KB took 13 s, and the
 * main process answered nothing else meanwhile). A `<` that starts nothing is skipped, like the
 * regex it replaces did.
 */
function* xmlTokens(xml: string): Generator<XmlToken> {
  const none = new Set<string>();
  const find = (what: string, from: number) => {
    if (none.has(what)) return -1;
    const at = xml.indexOf(what, from);
    if (at < 0) none.add(what);
    return at;
  };
  let i = 0;
  while (i < xml.length) {
    if (xml[i] !== '<') {
      const next = xml.indexOf('<', i);
      const end = next < 0 ? xml.length : next;
      yield { chars: xml.slice(i, end) };
      i = end;
      continue;
    }
    const skip = (opener: string, closer: string) => {
      if (!xml.startsWith(opener, i)) return -1;
      const end = find(closer, i + opener.length);
      return end < 0 ? -1 : end + closer.length;
    };
    if (xml.startsWith('<![CDATA[', i)) {
      const end = find(']]>', i + 9);
      if (end >= 0) {
        yield { cdata: xml.slice(i + 9, end) };
        i = end + 3;
        continue;
      }
    }
    const past = Math.max(skip('<!--', '-->'), skip('<?', '?>'));
    if (past >= 0) {
      i = past;
      continue;
    }
    const closing = xml[i + 1] === '/';
    let n = i + (closing ? 2 : 1);
    if (NAME_START.test(xml[n] ?? '')) {
      const start = n;
      while (n < xml.length && NAME_CHAR.test(xml[n]!)) n++;
      const gt = find('>', n);
      if (gt >= 0) {
        yield { tag: xml.slice(start, n), closing, selfClosing: xml[gt - 1] === '/' };
        i = gt + 1;
        continue;
      }
    }
    i += 1; // A '<' that starts nothing.
  }
}

function xmlChildText(xml: string, name: string): string | undefined {
  let depth = 0;
  let captureAt = -1;
  let text = '';
  for (const t of xmlTokens(xml)) {
    if ('cdata' in t) {
      if (captureAt >= 0 && depth === captureAt + 1) text += t.cdata;
    } else if ('tag' in t) {
      if (t.closing) {
        depth -= 1;
        if (captureAt >= 0 && depth === captureAt) return text;
      } else if (t.selfClosing) {
        if (captureAt < 0 && depth <= 1 && t.tag === name) return '';
      } else {
        if (captureAt < 0 && depth <= 1 && t.tag === name) {
          captureAt = depth;
          text = '';
        }
        depth += 1;
      }
    } else if (captureAt >= 0 && depth === captureAt + 1 && t.chars.trim() !== '') {
      text += decodeEntities(t.chars.trim());
    }
  }
  return undefined;
}

function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e] ?? _);
}
