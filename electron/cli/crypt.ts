// `wxdesk crypt sign|encrypt|decrypt|wecom-url`: WXBizMsgCrypt on the command line.
// Exit codes: 0 ok, 1 signature mismatch (or a non-input failure), 2 bad input or usage.
import { decryptMessage, encryptMessage } from '../core/msgcrypt';
import { msgSignature } from '../core/signature';
import { WxError } from '../core/errors';
import { HELP, JSON_FLAG, SERVER_OPTIONS, accountOf, aesKeyOf, dispatch, help, need, optional, parse, printSignature, tokenOf, type CliIo, type LabOptions, type OptionSpec } from './lab';
import { SIGN_USAGE } from './sign-help';

export async function runCrypt(argv: string[], io: CliIo, opts: LabOptions = {}): Promise<number> {
  const locale = opts.locale ?? 'en';
  const usage = SIGN_USAGE[locale];
  return dispatch('crypt', usage, argv, io, locale, {
    sign: (args) => cryptSign(args, io, opts),
    encrypt: (args) => cryptEncrypt(args, io, opts),
    decrypt: (args) => cryptDecrypt(args, io, opts),
    'wecom-url': (args) => cryptWeComUrl(args, io, opts),
  });
}

const CRYPT_SIGN_OPTIONS = { ...SERVER_OPTIONS, encrypt: { type: 'string' } } as const satisfies OptionSpec;

async function cryptSign(args: string[], io: CliIo, opts: LabOptions): Promise<number> {
  const command = 'crypt sign';
  const v = parse(args, CRYPT_SIGN_OPTIONS);
  if (!v) return help(io, SIGN_USAGE[opts.locale ?? 'en'], command);
  const account = await accountOf(v, opts);
  const signature = optional(v, 'signature');
  const explanation = msgSignature({
    token: tokenOf(v, account, command),
    timestamp: need(v, 'timestamp', command),
    nonce: need(v, 'nonce', command),
    encrypt: need(v, 'encrypt', command),
    ...(signature === undefined ? {} : { signature }),
  });
  return printSignature(io, explanation, v.json === true, opts.locale);
}

const ENCRYPT_OPTIONS = {
  'aes-key': { type: 'string' },
  'app-id': { type: 'string' },
  account: { type: 'string' },
  message: { type: 'string' },
  random: { type: 'string' },
  ...JSON_FLAG,
  ...HELP,
} as const satisfies OptionSpec;

async function cryptEncrypt(args: string[], io: CliIo, opts: LabOptions): Promise<number> {
  const command = 'crypt encrypt';
  const v = parse(args, ENCRYPT_OPTIONS);
  if (!v) return help(io, SIGN_USAGE[opts.locale ?? 'en'], command);
  const account = await accountOf(v, opts);
  const aesKey = aesKeyOf(v, account, command);
  const appId = optional(v, 'app-id') ?? account?.appId ?? need(v, 'app-id', command);
  const random = optional(v, 'random');
  const encrypt = encryptMessage({ aesKey, appId, message: need(v, 'message', command), ...(random === undefined ? {} : { random }) });
  if (v.json === true) {
    // Decrypting back reports the prefix and padding actually used, and proves the round trip.
    const { random: prefix, padding } = decryptMessage({ aesKey, encrypt, appId });
    io.out(`${JSON.stringify({ encrypt, appId, random: prefix, padding }, null, 2)}\n`);
  } else {
    io.out(`${encrypt}\n`);
  }
  return 0;
}

const DECRYPT_OPTIONS = {
  'aes-key': { type: 'string' },
  encrypt: { type: 'string' },
  'app-id': { type: 'string' },
  account: { type: 'string' },
  ...JSON_FLAG,
  ...HELP,
} as const satisfies OptionSpec;

async function cryptDecrypt(args: string[], io: CliIo, opts: LabOptions): Promise<number> {
  const command = 'crypt decrypt';
  const v = parse(args, DECRYPT_OPTIONS);
  if (!v) return help(io, SIGN_USAGE[opts.locale ?? 'en'], command);
  const account = await accountOf(v, opts);
  const appId = optional(v, 'app-id') ?? account?.appId;
  const result = decryptMessage({ aesKey: aesKeyOf(v, account, command), encrypt: need(v, 'encrypt', command) });
  // Another AppID inside is a finding about the message (exit 1), not a wrong command line.
  if (appId !== undefined && result.appId !== appId) throw new WxError('APPID_MISMATCH', { detail: result.appId, reason: appId });
  // Plain mode adds one newline for the terminal; --json carries the message byte for byte.
  io.out(v.json === true ? `${JSON.stringify(result, null, 2)}\n` : `${result.message}\n`);
  return 0;
}

const WECOM_URL_OPTIONS = {
  'server-token': { type: 'string' },
  token: { type: 'string' },
  'aes-key': { type: 'string' },
  account: { type: 'string' },
  timestamp: { type: 'string' },
  nonce: { type: 'string' },
  'msg-signature': { type: 'string' },
  echostr: { type: 'string' },
  'corp-id': { type: 'string' },
  ...JSON_FLAG,
  ...HELP,
} as const satisfies OptionSpec;

async function cryptWeComUrl(args: string[], io: CliIo, opts: LabOptions): Promise<number> {
  const command = 'crypt wecom-url';
  const v = parse(args, WECOM_URL_OPTIONS);
  if (!v) return help(io, SIGN_USAGE[opts.locale ?? 'en'], command);
  const account = await accountOf(v, opts);
  const aesKey = aesKeyOf(v, account, command);
  const echostr = need(v, 'echostr', command);
  const signature = msgSignature({
    token: tokenOf(v, account, command),
    timestamp: need(v, 'timestamp', command),
    nonce: need(v, 'nonce', command),
    encrypt: echostr,
    signature: need(v, 'msg-signature', command),
  });
  // A signature that does not match is a finding (exit 1), as everywhere in the lab; only then decrypt.
  if (!signature.match) return printSignature(io, signature, v.json === true, opts.locale);
  const corpId = optional(v, 'corp-id');
  const decrypted = decryptMessage({ aesKey, encrypt: echostr });
  if (corpId !== undefined && decrypted.appId !== corpId) throw new WxError('APPID_MISMATCH', { variant: 'APPID_MISMATCH@corp', detail: decrypted.appId, reason: corpId });
  io.out(v.json === true ? `${JSON.stringify({ signature, echostr: decrypted.message, corpId: decrypted.appId }, null, 2)}\n` : `${decrypted.message}\n`);
  return 0;
}
