// WeChat's three SHA-1 signatures (server URL check, safe-mode msg_signature, JS-SDK wx.config),
// computed step by step so a person can see where their own computation parts ways with WeChat's.
// Every function returns the intermediate values and the known mistakes it can detect ("causes").
// Each cause says it in English (`message`, what the CLI prints) and Chinese (`zh`, the dashboard's
// zh-CN UI); `code` is the stable key the UI titles it by.

import { createHash, randomBytes } from 'node:crypto';
import type { CallbackFieldsView, CauseView, JssdkView, SignatureView } from '../contract';
import { invalidInput } from './errors';

// The result shapes are the contract's (electron/contract/): the dashboard shows them as they are.
export type CauseCode = CauseView['code'];
export type Cause = CauseView;
export type SignatureExplanation = SignatureView;
export type JssdkExplanation = JssdkView;

/** One value that takes part in a sorted signature; `field` names it in causes. */
export interface SignedPart {
  field: string;
  value: string;
}

const LABELS: Record<string, string> = {
  token: 'Token',
  timestamp: 'timestamp',
  nonce: 'nonce',
  encrypt: 'Encrypt',
  echostr: 'echostr',
  ticket: 'jsapi_ticket',
  noncestr: 'noncestr',
  url: 'url',
  signature: 'signature',
  appId: 'AppID',
};

const LABELS_ZH: Record<string, string> = {
  ...LABELS,
  timestamp: '时间戳',
  url: 'URL',
  signature: '待校验的签名',
};

const label = (field: string) => LABELS[field] ?? field;
const labelZh = (field: string) => LABELS_ZH[field] ?? field;
/** Joins Chinese text and a name, with a space where a Latin letter or digit meets a Chinese character. */
function zhJoin(a: string, b: string): string {
  const latin = /[A-Za-z0-9_]/;
  const han = /[\u4e00-\u9fff]/;
  const x = a.slice(-1);
  const y = b.slice(0, 1);
  return (latin.test(x) && han.test(y)) || (han.test(x) && latin.test(y)) ? `${a} ${b}` : `${a}${b}`;
}

export function sha1Hex(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
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

  const alternatives: Alternative[] = [];
  const phpSorted = phpDefaultSort(values);
  if (phpSorted.some((v, i) => v !== sorted[i])) {
    alternatives.push({
      digest: sha1Hex(phpSorted.join('')),
      cause: {
        code: 'numeric-sort',
        level: 'warning',
        message:
          `The given signature is what a numeric sort produces (${phpSorted.join(', ')}). ` +
          `WeChat sorts the values as strings (${sorted.join(', ')}): in PHP use sort($parts, SORT_STRING).`,
        zh: `待校验的签名是按数字排序（${phpSorted.join(', ')}）得到的。微信按字符串排序（${sorted.join(', ')}）：PHP 中请使用 sort($parts, SORT_STRING)。`,
      },
    });
  }
  const trimmed = trimmedAlternative(parts, (ps) => sha1Hex(ps.map((p) => p.value).sort().join('')));
  if (trimmed) alternatives.push(trimmed);
  return { ...result, ...compareSignature(signature, digest, alternatives, causes) };
}

// PHP's sort() without SORT_STRING compares two numeric strings as numbers: the classic reason a
// PHP server disagrees with WeChat when the nonce has fewer digits than the timestamp.
function phpDefaultSort(values: string[]): string[] {
  const digits = /^\d+$/;
  return [...values].sort((a, b) => {
    if (digits.test(a) && digits.test(b)) {
      const x = BigInt(a);
      const y = BigInt(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    return a < b ? -1 : a > b ? 1 : 0;
  });
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

  const alternatives = jssdkAlternatives(input, url);
  return { ...result, ...compareSignature(input.signature, digest, alternatives, causes) };
}

function jssdkAlternatives(input: { ticket: string; noncestr: string; timestamp: string; url: string }, url: string): Alternative[] {
  const sign = (u: string) => sha1Hex(jssdkString(input.ticket, input.noncestr, input.timestamp, u));
  const other = (message: string, zh: string, digest: string): Alternative => ({ digest, cause: { code: 'signature-of-other', field: 'url', level: 'warning', message, zh } });
  const out: Alternative[] = [];
  if (url !== input.url) {
    out.push(
      other(
        'The given signature was computed over the URL with its #fragment kept. wx.config checks the URL without it: sign location.href.split(\'#\')[0].',
        '待校验的签名是对保留了 #片段的 URL 计算的。wx.config 校验的是去掉片段的 URL：请对 location.href.split(\'#\')[0] 签名。',
        sign(input.url),
      ),
    );
  }
  const encoded = encodeURIComponent(url);
  if (encoded !== url) {
    out.push(
      other(
        'The given signature was computed over encodeURIComponent(url). Sign the URL raw, exactly as location.href shows it.',
        '待校验的签名是对 encodeURIComponent(url) 计算的。请对未经编码的 URL 签名，与 location.href 显示的完全一致。',
        sign(encoded),
      ),
    );
  }
  const decoded = safeDecode(url);
  if (decoded !== url) {
    out.push(
      other(
        `The given signature matches the decoded URL ${decoded}. The signer and this check used different forms of the URL: sign exactly what location.href.split('#')[0] shows.`,
        `待校验的签名与解码后的 URL ${decoded} 一致。签名方与此处的校验用了不同形式的 URL：请严格按 location.href.split('#')[0] 的结果签名。`,
        sign(decoded),
      ),
    );
  }
  const parts: SignedPart[] = [
    { field: 'ticket', value: input.ticket },
    { field: 'noncestr', value: input.noncestr },
    { field: 'timestamp', value: input.timestamp },
    { field: 'url', value: url },
  ];
  const valueOf = (ps: SignedPart[], field: string) => ps.find((p) => p.field === field)?.value ?? '';
  const trimmed = trimmedAlternative(parts, (ps) =>
    sha1Hex(jssdkString(valueOf(ps, 'ticket'), valueOf(ps, 'noncestr'), valueOf(ps, 'timestamp'), valueOf(ps, 'url'))),
  );
  if (trimmed) out.push(trimmed);
  return out;
}

function fragmentCause(fragment: string): Cause {
  return {
    code: 'fragment',
    field: 'url',
    level: 'info',
    message: `The URL's fragment ${fragment} was removed before signing, as wx.config expects: sign location.href.split('#')[0].`,
    zh: `签名前已去掉 URL 的片段 ${fragment}，这正是 wx.config 的要求：请对 location.href.split('#')[0] 签名。`,
  };
}

// Characters that a page URL normally carries raw; seeing them escaped means the URL was encoded
// before signing, while WeChat signs the URL as location.href shows it.
const NORMALLY_RAW = /%(3A|2F|3F|3D|26)/gi;

function encodedUrlCause(url: string): Cause | undefined {
  if (/^https?%3A/i.test(url) || (!url.includes('://') && /%2F/i.test(url))) {
    return {
      code: 'encoded-url',
      field: 'url',
      level: 'warning',
      message: `The whole URL looks encodeURIComponent()'d. Sign the raw address (${safeDecode(url)}), exactly as location.href shows it.`,
      zh: `整个 URL 似乎经过了 encodeURIComponent() 编码。请对原始地址（${safeDecode(url)}）签名，与 location.href 显示的完全一致。`,
    };
  }
  const escapes = [...new Set([...url.matchAll(NORMALLY_RAW)].map((m) => m[0].toUpperCase()))];
  if (escapes.length === 0) return undefined;
  return {
    code: 'encoded-url',
    field: 'url',
    level: 'warning',
    message:
      `The URL contains ${escapes.join(', ')}: escapes of characters that are normally written raw. ` +
      'WeChat signs the URL exactly as location.href shows it; if the address bar shows these characters raw, sign them raw.',
    zh:
      `URL 中含有 ${escapes.join(', ')}：这些字符通常不转义、直接书写。微信按 location.href 显示的原样对 URL 签名；` +
      '如果地址栏中这些字符没有转义，签名时也不要转义。',
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// ---------------------------------------------------------------------------------------------
// Causes shared by all three signatures

interface Alternative {
  digest: string;
  cause: Cause;
}

const EDGE_WHITESPACE = /^\s|\s$/;

function describeChar(ch: string): string {
  switch (ch) {
    case ' ':
      return 'a space';
    case '\n':
      return 'a newline';
    case '\r':
      return 'a carriage return';
    case '\t':
      return 'a tab';
    case '\u00a0':
      return 'a non-breaking space';
    case '\ufeff':
      return 'a byte-order mark (U+FEFF)';
    default:
      return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  }
}

function describeCharZh(ch: string): string {
  switch (ch) {
    case ' ':
      return '空格';
    case '\n':
      return '换行符';
    case '\r':
      return '回车符';
    case '\t':
      return '制表符';
    case '\u00a0':
      return '不换行空格';
    case '\ufeff':
      return '字节顺序标记（U+FEFF）';
    default:
      return `字符 U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  }
}

function whereWhitespaceZh(value: string): string {
  const first = value[0] ?? '';
  const last = value[value.length - 1] ?? '';
  const at: string[] = [];
  if (/\s/.test(first)) at.push(`开头有${describeCharZh(first)}`);
  if (/\s/.test(last) && (value.length > 1 || at.length === 0)) at.push(`末尾有${describeCharZh(last)}`);
  return at.join('，');
}

function whereWhitespace(value: string): string {
  const first = value[0] ?? '';
  const last = value[value.length - 1] ?? '';
  const at: string[] = [];
  if (/\s/.test(first)) at.push(`starts with ${describeChar(first)}`);
  if (/\s/.test(last) && (value.length > 1 || at.length === 0)) at.push(`ends with ${describeChar(last)}`);
  return at.join(' and ');
}

function whitespaceCauses(parts: SignedPart[]): Cause[] {
  return parts
    .filter((p) => EDGE_WHITESPACE.test(p.value))
    .map((p) => ({
      code: 'whitespace' as const,
      field: p.field,
      level: 'warning' as const,
      message: `The ${label(p.field)} ${whereWhitespace(p.value)}. WeChat signs the exact characters, so it changes the signature: remove it (check the value saved on your server too).`,
      zh: `${zhJoin(labelZh(p.field), whereWhitespaceZh(p.value))}。微信按原样对每个字符签名，所以它会改变签名：请去掉（也请检查服务器上保存的值）。`,
    }));
}

function millisecondCauses(parts: SignedPart[]): Cause[] {
  return parts
    .filter((p) => p.field === 'timestamp' && /^\d{13}$/.test(p.value.trim()))
    .map((p) => {
      const seconds = p.value.trim().slice(0, 10);
      return {
        code: 'milliseconds' as const,
        field: p.field,
        level: 'warning' as const,
        message: `The timestamp ${p.value.trim()} has 13 digits: it is in milliseconds. WeChat uses seconds (${seconds}): Math.floor(Date.now() / 1000).`,
        zh: `时间戳 ${p.value.trim()} 有 13 位，单位是毫秒。微信使用的是秒（${seconds}）：Math.floor(Date.now() / 1000)。`,
      };
    });
}

/** The digest of the same inputs with edge whitespace removed, when any input had some. */
function trimmedAlternative(parts: SignedPart[], sign: (parts: SignedPart[]) => string): Alternative | undefined {
  const dirty = parts.filter((p) => EDGE_WHITESPACE.test(p.value));
  if (dirty.length === 0) return undefined;
  const names = dirty.map((p) => label(p.field)).join(', ');
  const namesZh = dirty.map((p) => labelZh(p.field)).join('、');
  return {
    digest: sign(parts.map((p) => ({ field: p.field, value: p.value.trim() }))),
    cause: {
      code: 'signature-of-other',
      level: 'warning',
      field: dirty[0]?.field,
      message: `The given signature is the signature of the values with the surrounding whitespace removed: the ${names} you entered carries extra spaces or newlines that the signer did not have. Remove them.`,
      zh: `待校验的签名是去掉首尾空白后的值算出的：你输入的 ${namesZh} 带有签名方没有的多余空格或换行。请去掉它们。`,
    },
  };
}

function compareSignature(signature: string, digest: string, alternatives: Alternative[], causes: Cause[]): { expected: string; match: boolean; causes: Cause[] } {
  // A pasted signature often drags a newline along; WeChat's own never has one, so compare the
  // hex itself but still say what was ignored.
  const given = signature.trim();
  const out = [...causes];
  if (given !== signature) {
    out.push({
      code: 'whitespace',
      field: 'signature',
      level: 'warning',
      message: `The signature ${whereWhitespace(signature)}; it was ignored for the comparison.`,
      zh: `待校验的签名${whereWhitespaceZh(signature)}；比较时已忽略。`,
    });
  }
  const match = given === digest;
  if (!match && given.toLowerCase() === digest) {
    out.push({
      code: 'uppercase',
      field: 'signature',
      level: 'warning',
      message: 'The given signature is the right digest in upper case. WeChat uses lowercase hex: compare lowercase strings.',
      zh: '待校验的签名是正确的摘要，只是写成了大写。微信使用小写十六进制：请按小写字符串比较。',
    });
  }
  if (!match) {
    for (const alt of alternatives) if (alt.digest === given.toLowerCase()) out.push(alt.cause);
  }
  return { expected: given, match, causes: out };
}

function requireValue(field: string, value: unknown): void {
  if (typeof value !== 'string') throw invalidInput(`The ${label(field)} is missing: enter it as text.`, `${zhJoin('缺少', labelZh(field))}：请以文本形式填写。`);
  if (value === '') throw invalidInput(`The ${label(field)} is empty: every value takes part in the signature, so enter it.`, `${zhJoin(labelZh(field), '为空')}：每个值都参与签名，请填写。`);
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

/**
 * A ready-to-paste `wx.config({...})` call for `url`, with the values used as comments. The ticket
 * is shown abbreviated: it belongs to the server, not to the page.
 */
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
export function parseCallback(input: string): CallbackFields {
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

const XML_TOKEN = /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(\/?)([A-Za-z_][\w:.-]*)[^>]*?(\/?)>|([^<]+)/g;

function xmlChildText(xml: string, name: string): string | undefined {
  let depth = 0;
  let captureAt = -1;
  let text = '';
  for (const m of xml.matchAll(XML_TOKEN)) {
    const [, cdata, closing, tag, selfClosing, chars] = m;
    if (cdata !== undefined) {
      if (captureAt >= 0 && depth === captureAt + 1) text += cdata;
    } else if (tag !== undefined) {
      if (closing) {
        depth -= 1;
        if (captureAt >= 0 && depth === captureAt) return text;
      } else if (selfClosing) {
        if (captureAt < 0 && depth <= 1 && tag === name) return '';
      } else {
        if (captureAt < 0 && depth <= 1 && tag === name) {
          captureAt = depth;
          text = '';
        }
        depth += 1;
      }
    } else if (chars !== undefined && captureAt >= 0 && depth === captureAt + 1 && chars.trim() !== '') {
      text += decodeEntities(chars.trim());
    }
  }
  return undefined;
}

function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e] ?? _);
}
