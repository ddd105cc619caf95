// The known mistakes ("causes") the signature lab can name: how each is detected, and how it is said
// in English (`message`, what the CLI prints) and Chinese (`zh`, the dashboard's zh-CN UI); `code`
// is the stable key the UI titles it by. They live apart from signature.ts because their texts grow
// with every mistake the lab learns to name, while the signatures themselves do not change.
// Nothing here hashes: a cause that needs another digest (what a mistaken signer would have sent)
// is given the signing function, so this file never imports signature.ts.

import type { CauseView as Cause } from '../contract';

/** One value that takes part in a sorted signature; `field` names it in causes. */
export interface SignedPart {
  field: string;
  value: string;
}

/** A digest a mistaken signer would have produced, and the cause to report when it is the given one. */
interface Alternative {
  digest: string;
  cause: Cause;
}

// ---------------------------------------------------------------------------------------------
// Field names as the texts say them (signature.ts's missing-value errors use them too)

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

export const label = (field: string) => LABELS[field] ?? field;
export const labelZh = (field: string) => LABELS_ZH[field] ?? field;
/** Joins Chinese text and a name, with a space where a Latin letter or digit meets a Chinese character. */
export function zhJoin(a: string, b: string): string {
  const latin = /[A-Za-z0-9_]/;
  const han = /[\u4e00-\u9fff]/;
  const x = a.slice(-1);
  const y = b.slice(0, 1);
  return (latin.test(x) && han.test(y)) || (han.test(x) && latin.test(y)) ? `${a} ${b}` : `${a}${b}`;
}

// ---------------------------------------------------------------------------------------------
// Causes in the values themselves, shared by all three signatures

const EDGE_WHITESPACE = /^\s|\s$/;

// The whitespace people paste by accident, named in both languages; any other by its code point.
const CHAR_NAMES = new Map<string, [en: string, zh: string]>([
  [' ', ['a space', '空格']],
  ['\n', ['a newline', '换行符']],
  ['\r', ['a carriage return', '回车符']],
  ['\t', ['a tab', '制表符']],
  ['\u00a0', ['a non-breaking space', '不换行空格']],
  ['\ufeff', ['a byte-order mark (U+FEFF)', '字节顺序标记（U+FEFF）']],
]);

const codePoint = (ch: string) => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
const describeChar = (ch: string) => CHAR_NAMES.get(ch)?.[0] ?? codePoint(ch);
const describeCharZh = (ch: string) => CHAR_NAMES.get(ch)?.[1] ?? `字符 ${codePoint(ch)}`;

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

export function whitespaceCauses(parts: SignedPart[]): Cause[] {
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

export function millisecondCauses(parts: SignedPart[]): Cause[] {
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

// ---------------------------------------------------------------------------------------------
// Sorted signatures

/** What a signer that sorted numerically, or signed the values trimmed, would have sent; `sha1` hashes the joined text. */
export function sortedAlternatives(parts: SignedPart[], sorted: string[], sha1: (text: string) => string): Alternative[] {
  const alternatives: Alternative[] = [];
  const phpSorted = phpDefaultSort(parts.map((p) => p.value));
  if (phpSorted.some((v, i) => v !== sorted[i])) {
    alternatives.push({
      digest: sha1(phpSorted.join('')),
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
  const trimmed = trimmedAlternative(parts, (ps) => sha1(ps.map((p) => p.value).sort().join('')));
  if (trimmed) alternatives.push(trimmed);
  return alternatives;
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
// JS-SDK: the URL

export function fragmentCause(fragment: string): Cause {
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

export function encodedUrlCause(url: string): Cause | undefined {
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

/**
 * What a signer that used another form of the URL, or signed the values trimmed, would have sent.
 * `parts` are as entered (the URL with its #fragment), `url` is the one signed, `sign` signs parts.
 */
export function jssdkAlternatives(parts: SignedPart[], url: string, sign: (parts: SignedPart[]) => string): Alternative[] {
  const given = parts.find((p) => p.field === 'url')?.value ?? '';
  const withUrl = (u: string) => parts.map((p) => (p.field === 'url' ? { field: p.field, value: u } : p));
  const decoded = safeDecode(url);
  // The forms of the URL signers use by mistake, each with what to say when the given signature is its own.
  const forms: Array<[form: string, message: string, zh: string]> = [
    [
      given,
      'The given signature was computed over the URL with its #fragment kept. wx.config checks the URL without it: sign location.href.split(\'#\')[0].',
      '待校验的签名是对保留了 #片段的 URL 计算的。wx.config 校验的是去掉片段的 URL：请对 location.href.split(\'#\')[0] 签名。',
    ],
    [
      encodeURIComponent(url),
      'The given signature was computed over encodeURIComponent(url). Sign the URL raw, exactly as location.href shows it.',
      '待校验的签名是对 encodeURIComponent(url) 计算的。请对未经编码的 URL 签名，与 location.href 显示的完全一致。',
    ],
    [
      decoded,
      `The given signature matches the decoded URL ${decoded}. The signer and this check used different forms of the URL: sign exactly what location.href.split('#')[0] shows.`,
      `待校验的签名与解码后的 URL ${decoded} 一致。签名方与此处的校验用了不同形式的 URL：请严格按 location.href.split('#')[0] 的结果签名。`,
    ],
  ];
  const out: Alternative[] = [];
  for (const [form, message, zh] of forms) {
    if (form !== url) out.push({ digest: sign(withUrl(form)), cause: { code: 'signature-of-other', field: 'url', level: 'warning', message, zh } });
  }
  const trimmed = trimmedAlternative(withUrl(url), sign);
  if (trimmed) out.push(trimmed);
  return out;
}

// A pasted URL or query may hold a lone '%': keep the text as it is rather than refuse it.
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// ---------------------------------------------------------------------------------------------
// Comparing with the given signature

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

export function compareSignature(signature: string, digest: string, alternatives: Alternative[], causes: Cause[]): { expected: string; match: boolean; causes: Cause[] } {
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
