// WXBizMsgCrypt: the AES envelope of safe-mode pushes and replies (Official Accounts, Mini Programs,
// the open platform and WeCom all share it).
//   AESKey    = base64decode(EncodingAESKey + "="), 32 bytes; IV = AESKey[0..16]
//   plaintext = random(16) ‖ uint32be(byte length of msg) ‖ msg (UTF-8) ‖ AppID
//   padding   = PKCS#7 to 32-byte blocks, so pad bytes run 1..32
// Padding is added and removed by hand: a library's 16-byte PKCS#7 rejects real WeChat data whose
// pad byte is above 16.

import { createCipheriv, createDecipheriv } from 'node:crypto';
import { WxError, invalidInput } from './errors';
import { bodyField, explainSortedSignature, msgSignature, randomNonce } from './signature';
import type { SignatureExplanation } from './signature';

const PAD_BLOCK = 32;
const RANDOM_BYTES = 16;
const HEADER_BYTES = RANDOM_BYTES + 4;

export interface DecryptedMessage {
  /** The message exactly as sent: never trimmed (XML and JSON bodies carry newlines). */
  message: string;
  /** The AppID (or WeCom CorpID / SuiteID) at the end of the plaintext. */
  appId: string;
  /** The 16 random leading bytes, hex. */
  random: string;
  /** The value of the pad byte, 1..32. */
  padding: number;
}

// ---------------------------------------------------------------------------------------------
// Keys and base64

function describeChar(ch: string): string {
  if (ch === ' ') return 'a space';
  if (ch === '\n' || ch === '\r') return 'a line break';
  if (ch === '\t') return 'a tab';
  if (/\s/.test(ch)) return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  return `"${ch}"`;
}

function describeCharZh(ch: string): string {
  if (ch === ' ') return '空格';
  if (ch === '\n' || ch === '\r') return '换行符';
  if (ch === '\t') return '制表符';
  if (/\s/.test(ch)) return `字符 U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  return `"${ch}"`;
}

/** EncodingAESKey (43 base64 characters) → the 32-byte AES key. */
export function parseAesKey(encodingAesKey: string): Buffer {
  const key = encodingAesKey;
  if (typeof key !== 'string' || key === '') throw invalidInput('The EncodingAESKey is empty: copy the 43-character key from the message push (服务器配置) settings.', 'EncodingAESKey 为空：请从消息推送（服务器配置）设置中复制 43 个字符的密钥。');
  if (key.length === 44 && key.endsWith('=')) {
    throw invalidInput(
      'The EncodingAESKey is 43 characters without a trailing "=": remove the "=" at the end (WxDesk adds it when decoding).',
      'EncodingAESKey 是 43 个字符，末尾不带 "="：请去掉末尾的 "="（WxDesk 解码时会自动补上）。',
    );
  }
  const bad = key.search(/[^A-Za-z0-9+/]/);
  if (bad >= 0) {
    throw invalidInput(
      `The EncodingAESKey may only use letters, digits, + and /, but position ${bad + 1} is ${describeChar(key[bad] ?? '')}. ` +
        'Copy the key again from the message push settings.',
      `EncodingAESKey 只能包含字母、数字、+ 和 /，但第 ${bad + 1} 位是${describeCharZh(key[bad] ?? '')}。请从消息推送设置中重新复制密钥。`,
    );
  }
  if (key.length !== 43) {
    throw invalidInput(
      `The EncodingAESKey must be 43 characters, but it has ${key.length}. Copy the whole key from the message push settings.`,
      `EncodingAESKey 应为 43 个字符，当前为 ${key.length} 个。请从消息推送设置中复制完整的密钥。`,
    );
  }
  const bytes = Buffer.from(`${key}=`, 'base64');
  if (bytes.length !== 32) throw invalidInput(`The EncodingAESKey decodes to ${bytes.length} bytes instead of 32: copy the key again.`, `EncodingAESKey 解码后是 ${bytes.length} 字节而不是 32 字节：请重新复制密钥。`);
  return bytes;
}

/** Strict base64 → bytes, with the reason a value is not a WXBizMsgCrypt ciphertext. */
function decodeCiphertext(value: string, name: string): Buffer {
  if (typeof value !== 'string' || value === '') throw invalidInput(`The ${name} value is empty: paste the base64 text from the request.`, `${name} 的值为空：请粘贴请求中的 base64 文本。`);
  if (value.includes(' ')) {
    throw invalidInput(
      `The ${name} value contains a space at position ${value.indexOf(' ') + 1}: a "+" was probably turned into a space by URL or form decoding. Put the "+" back, or copy the raw value.`,
      `${name} 的值在第 ${value.indexOf(' ') + 1} 位含有空格：很可能是 URL 或表单解码把 "+" 变成了空格。请把 "+" 改回来，或复制原始值。`,
    );
  }
  if (/%[0-9A-Fa-f]{2}/.test(value)) throw invalidInput(`The ${name} value is still URL-encoded (it contains %xx escapes): decode it once before decrypting.`, `${name} 的值仍是 URL 编码的（含有 %xx 转义）：请先解码一次再解密。`);
  if (/[-_]/.test(value)) throw invalidInput(`The ${name} value uses the URL-safe base64 alphabet (- and _); WeChat's ciphertext uses + and /.`, `${name} 的值用的是 URL 安全的 base64 字母表（- 和 _）；微信的密文使用 + 和 /。`);
  const bad = value.search(/[^A-Za-z0-9+/=]|=(?=[^=])/);
  if (bad >= 0) {
    throw invalidInput(
      `The ${name} value is not base64: position ${bad + 1} is ${describeChar(value[bad] ?? '')}. Copy the value again without surrounding quotes, tags or line breaks.`,
      `${name} 的值不是 base64：第 ${bad + 1} 位是${describeCharZh(value[bad] ?? '')}。请重新复制该值，不要带上两侧的引号、标签或换行。`,
    );
  }
  if (value.length % 4 !== 0) {
    throw invalidInput(
      `The ${name} value has ${value.length} characters, not a multiple of 4: it was cut short or lost its trailing "=".`,
      `${name} 的值有 ${value.length} 个字符，不是 4 的倍数：它被截短了，或丢了末尾的 "="。`,
    );
  }
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length % 16 !== 0 || bytes.length < PAD_BLOCK) {
    throw invalidInput(
      `The ${name} value decodes to ${bytes.length} bytes, not a whole number of AES blocks (16 bytes, at least 32): it was cut, or it is not a WXBizMsgCrypt ciphertext.`,
      `${name} 的值解码后是 ${bytes.length} 字节，不是整数个 AES 块（每块 16 字节，至少 32 字节）：它被截断了，或者不是 WXBizMsgCrypt 密文。`,
    );
  }
  return bytes;
}

function randomPrefix(random: Buffer | string | undefined): Buffer {
  // Letters and digits, like the official samples: some decoders read the prefix as text.
  const bytes = random === undefined ? Buffer.from(randomNonce(RANDOM_BYTES), 'utf8') : Buffer.isBuffer(random) ? random : Buffer.from(random, 'utf8');
  if (bytes.length !== RANDOM_BYTES) {
    throw invalidInput(
      `The random prefix must be exactly 16 bytes (16 ASCII characters), but it is ${bytes.length} bytes.`,
      `随机前缀必须正好是 16 字节（16 个 ASCII 字符），当前为 ${bytes.length} 字节。`,
    );
  }
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// Encrypt / decrypt

/** base64( AES-256-CBC( random ‖ len ‖ message ‖ appId ‖ pad32 ) ). */
export function encryptMessage(input: { aesKey: string; appId: string; message: string; random?: Buffer | string }): string {
  const key = parseAesKey(input.aesKey);
  if (typeof input.message !== 'string') throw invalidInput('The message to encrypt is missing.', '缺少要加密的消息。');
  if (typeof input.appId !== 'string') throw invalidInput('The AppID is missing: it is appended to every encrypted message.', '缺少 AppID：每条加密消息的末尾都带有它。');
  const message = Buffer.from(input.message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(message.length);
  const content = Buffer.concat([randomPrefix(input.random), length, message, Buffer.from(input.appId, 'utf8')]);
  const pad = PAD_BLOCK - (content.length % PAD_BLOCK);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([content, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}

const WRONG_KEY = 'The EncodingAESKey is most likely wrong (or the Encrypt value was cut or changed): check it against the message push settings, including a key changed recently.';
const WRONG_KEY_ZH = '很可能是 EncodingAESKey 不对（或 Encrypt 的值被截断或改动过）：请对照消息推送设置检查，包括最近是否更换过密钥。';
/** The hint of a ciphertext that does not open: specific, in place of the generic "correct the value". */
const WRONG_KEY_HINT = {
  en: 'Copy the EncodingAESKey again from the account\'s 服务器配置 and the Encrypt value whole from the request.',
  zh: '请从账号的「服务器配置」重新复制 EncodingAESKey，并从请求中完整复制 Encrypt 的值。',
};
const APPID_HINT = {
  en: 'Leave AppID empty to read the message anyway, or use the AppID of the account this EncodingAESKey belongs to.',
  zh: '清空 AppID 即可照样读出消息，或填写此 EncodingAESKey 所属账号的 AppID。',
};

export function decryptMessage(input: { aesKey: string; encrypt: string; appId?: string }): DecryptedMessage {
  const key = parseAesKey(input.aesKey);
  const data = decodeCiphertext(input.encrypt, 'Encrypt');
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(data), decipher.final()]);

  const pad = plain[plain.length - 1] ?? 0;
  if (pad < 1 || pad > PAD_BLOCK || !plain.subarray(plain.length - pad).every((b) => b === pad)) {
    const hex = pad.toString(16).padStart(2, '0');
    throw invalidInput(`Decryption produced invalid padding (last byte 0x${hex}). ${WRONG_KEY}`, `解密得到的填充无效（最后一个字节为 0x${hex}）。${WRONG_KEY_ZH}`, WRONG_KEY_HINT);
  }
  const content = plain.subarray(0, plain.length - pad);
  if (content.length < HEADER_BYTES) {
    throw invalidInput(`Decryption produced ${content.length} bytes, too few for the 20-byte header. ${WRONG_KEY}`, `解密只得到 ${content.length} 字节，不够 20 字节的头部。${WRONG_KEY_ZH}`, WRONG_KEY_HINT);
  }
  const length = content.readUInt32BE(RANDOM_BYTES);
  if (HEADER_BYTES + length > content.length) {
    throw invalidInput(
      `The decrypted length field says ${length} bytes, but only ${content.length - HEADER_BYTES} follow. ${WRONG_KEY}`,
      `解密后的长度字段为 ${length} 字节，但其后只有 ${content.length - HEADER_BYTES} 字节。${WRONG_KEY_ZH}`,
      WRONG_KEY_HINT,
    );
  }
  const result: DecryptedMessage = {
    message: content.subarray(HEADER_BYTES, HEADER_BYTES + length).toString('utf8'),
    appId: content.subarray(HEADER_BYTES + length).toString('utf8'),
    random: content.subarray(0, RANDOM_BYTES).toString('hex'),
    padding: pad,
  };
  if (input.appId !== undefined && input.appId !== result.appId) {
    throw invalidInput(
      `The message was encrypted for AppID "${result.appId}", not "${input.appId}". The key is right but belongs to another account (or, for WeCom, another CorpID/SuiteID): check which AppID this EncodingAESKey is configured for.`,
      `这条消息是为 AppID "${result.appId}" 加密的，而不是 "${input.appId}"。密钥本身没错，但属于另一个账号（企业微信则是另一个 CorpID/SuiteID）：请检查此 EncodingAESKey 配置在哪个 AppID 下。`,
      APPID_HINT,
    );
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Envelopes

const cdata = (text: string) => `<![CDATA[${text}]]>`;

/** The encrypted reply a server sends back: Encrypt, its msg_signature, TimeStamp and Nonce. */
export function encryptReply(input: {
  token: string;
  aesKey: string;
  appId: string;
  message: string;
  timestamp: string;
  nonce: string;
  random?: Buffer | string;
}): { xml: string; encrypt: string; msgSignature: string } {
  if (!/^\d+$/.test(input.timestamp)) throw invalidInput(`The reply timestamp must be whole seconds (digits only), not "${input.timestamp}".`, `回复的时间戳必须是整数秒（只含数字），当前为 "${input.timestamp}"。`);
  if (input.nonce.includes(']]>')) throw invalidInput('The nonce cannot contain "]]>": it would end the CDATA section of the reply.', 'nonce 中不能含有 "]]>"：它会提前结束回复中的 CDATA 段。');
  const encrypt = encryptMessage(input);
  const { digest } = msgSignature({ token: input.token, timestamp: input.timestamp, nonce: input.nonce, encrypt });
  const xml =
    `<xml><Encrypt>${cdata(encrypt)}</Encrypt><MsgSignature>${cdata(digest)}</MsgSignature>` +
    `<TimeStamp>${input.timestamp}</TimeStamp><Nonce>${cdata(input.nonce)}</Nonce></xml>`;
  return { xml, encrypt, msgSignature: digest };
}

export interface DecryptedRequest {
  signature: SignatureExplanation;
  /** The Encrypt value read from the body. */
  encrypt: string;
  decrypted: DecryptedMessage;
}

/**
 * Checks msg_signature over the body's <Encrypt> (safe or compatible mode, XML or JSON body), then
 * decrypts it. A mismatch is an error carrying the explanation as its `cause`.
 */
export function decryptRequest(input: {
  token: string;
  aesKey: string;
  appId?: string;
  timestamp: string;
  nonce: string;
  msgSignature: string;
  body: string;
}): DecryptedRequest {
  const encrypt = bodyField(input.body, 'Encrypt');
  if (encrypt === undefined) {
    throw invalidInput(
      'The body has no <Encrypt> element: the account is in plaintext mode (encrypt_type is missing or "raw"), or the body was cut.',
      '请求体中没有 <Encrypt> 元素：该账号处于明文模式（encrypt_type 缺失或为 "raw"），或者请求体被截断了。',
    );
  }
  parseAesKey(input.aesKey);
  decodeCiphertext(encrypt, 'Encrypt');
  const signature = msgSignature({ token: input.token, timestamp: input.timestamp, nonce: input.nonce, encrypt, signature: input.msgSignature });
  if (!signature.match) throw mismatch(signature, 'Token, timestamp, nonce and Encrypt', 'Token、timestamp、nonce 和 Encrypt');
  const decrypted = decryptMessage({ aesKey: input.aesKey, encrypt, ...(input.appId === undefined ? {} : { appId: input.appId }) });
  return { signature, encrypt, decrypted };
}

/**
 * WeCom's callback URL check: msg_signature signs the (URL-decoded) echostr as the fourth value,
 * and the answer is the decrypted echostr.
 */
export function verifyWeComUrl(input: {
  token: string;
  aesKey: string;
  timestamp: string;
  nonce: string;
  msgSignature: string;
  echostr: string;
  corpId?: string;
}): { signature: SignatureExplanation; echostr: string; corpId: string; decrypted: DecryptedMessage } {
  parseAesKey(input.aesKey);
  decodeCiphertext(input.echostr, 'echostr');
  const signature = explainSortedSignature(
    [
      { field: 'token', value: input.token },
      { field: 'timestamp', value: input.timestamp },
      { field: 'nonce', value: input.nonce },
      { field: 'echostr', value: input.echostr },
    ],
    input.msgSignature,
  );
  if (!signature.match) throw mismatch(signature, 'Token, timestamp, nonce and echostr', 'Token、timestamp、nonce 和 echostr');
  const decrypted = decryptMessage({ aesKey: input.aesKey, encrypt: input.echostr, ...(input.corpId === undefined ? {} : { appId: input.corpId }) });
  return { signature, echostr: decrypted.message, corpId: decrypted.appId, decrypted };
}

function mismatch(signature: SignatureExplanation, inputs: string, inputsZh: string): WxError {
  const warnings = signature.causes.filter((c) => c.level === 'warning');
  const causes = warnings.map((c) => ` Likely cause: ${c.message}`);
  const causesZh = warnings.map((c) => `可能的原因：${c.zh}`);
  return new WxError('INVALID_INPUT', {
    detail:
      `msg_signature does not match: the request carries ${signature.expected ?? '(none)'}, but ${inputs} sign to ${signature.digest}.` +
      (causes.length > 0 ? causes.join('') : ' Check that the Token is the one configured for this URL and that timestamp and nonce come from the same request.'),
    detailZh:
      `msg_signature 不一致：请求中带的是 ${signature.expected ?? '（无）'}，而 ${inputsZh} 算出的签名是 ${signature.digest}。` +
      (causesZh.length > 0 ? causesZh.join('') : '请确认 Token 是为此 URL 配置的那个，且 timestamp 和 nonce 来自同一个请求。'),
    cause: signature,
  });
}

