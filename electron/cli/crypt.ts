// `wxdesk crypt sign|encrypt|decrypt|wecom-url`: WXBizMsgCrypt on the command line.
// Exit codes: 0 ok, 1 signature mismatch (or a non-input failure), 2 bad input or usage.
import { decryptMessage, encryptMessage } from '../core/msgcrypt';
import { msgSignature } from '../core/signature';
import { WxError } from '../core/errors';
import { HELP, JSON_FLAG, SERVER_OPTIONS, accountOf, aesKeyOf, dispatch, help, need, optional, parse, printSignature, tokenOf, type CliIo, type LabOptions, type OptionSpec } from './lab';

const USAGE: Record<string, string> = {
  crypt: `Usage: wxdesk crypt <sign|encrypt|decrypt|wecom-url> [options]

  sign        msg_signature = sha1(sort(Token, timestamp, nonce, Encrypt))
  encrypt     WXBizMsgCrypt-encrypt a message
  decrypt     WXBizMsgCrypt-decrypt an Encrypt value
  wecom-url   WeCom (企业微信) URL check: verify msg_signature over the echostr, then decrypt it

Run "wxdesk crypt <command> --help" for the options of each.
`,
  'crypt sign': `Usage: wxdesk crypt sign --server-token T --timestamp TS --nonce N --encrypt B64 [--signature S] [--json]

  --server-token T  the Token from the message push settings; --token T is an alias
  --account [APPID] use the Token saved with the account (the only one when APPID is left
                    out); --server-token still wins
  --timestamp       the timestamp query parameter
  --nonce           the nonce query parameter
  --encrypt         the Encrypt value of the body (WeCom URL check: the URL-decoded echostr)
  --signature       the msg_signature to check; a mismatch exits 1 and explains likely causes
  --json            print the whole explanation as one JSON object
`,
  'crypt encrypt': `Usage: wxdesk crypt encrypt --aes-key K --app-id ID --message M [--random R16] [--json]
       wxdesk crypt encrypt --account [APPID] --message M [...]

  --aes-key K       the 43-character EncodingAESKey
  --app-id ID       the AppID (WeCom: the CorpID) appended to the plaintext
  --account [APPID] use the EncodingAESKey and AppID saved with the account (the only one when
                    APPID is left out); --aes-key and --app-id still win
  --message         the message to encrypt, taken byte for byte
  --random          16 ASCII characters for the random prefix (default: random), for reproducible output
  --json            print the ciphertext with its random prefix and padding as JSON
`,
  'crypt wecom-url': `Usage: wxdesk crypt wecom-url --server-token T --aes-key K --timestamp TS --nonce N --msg-signature S --echostr E [--corp-id ID] [--json]

WeCom signs its URL check like a message: msg_signature = sha1(sort(Token, timestamp, nonce, echostr)),
and the echostr is encrypted. This checks the signature, then prints the decrypted echostr: the
exact text your server must answer. A mismatch exits 1 with the likely causes, and so does an
echostr sealed for another CorpID than --corp-id.

  --server-token T  the Token of the callback settings; --token T is an alias
  --aes-key K       the 43-character EncodingAESKey
  --account [APPID] use the Token and EncodingAESKey saved with the account (flags still win)
  --timestamp       the timestamp query parameter
  --nonce           the nonce query parameter
  --msg-signature   the msg_signature query parameter
  --echostr         the echostr query parameter, URL-decoded
  --corp-id         the CorpID the echostr must carry (checked when given)
  --json            print the signature steps and the decrypted echostr as JSON
`,
  'crypt decrypt': `Usage: wxdesk crypt decrypt --aes-key K --encrypt B64 [--app-id ID] [--json]
       wxdesk crypt decrypt --account [APPID] --encrypt B64 [--json]

  --aes-key K       the 43-character EncodingAESKey
  --encrypt         the base64 Encrypt value
  --app-id ID       the AppID the message must be sealed for (checked when given): a message
                    sealed for another AppID exits 1 and names both
  --account [APPID] use the EncodingAESKey and AppID saved with the account (the only one when
                    APPID is left out); --aes-key and --app-id still win
  --json            print message, appId, random prefix and padding as JSON (byte-exact message)
`,
};

export async function runCrypt(argv: string[], io: CliIo, opts: LabOptions = {}): Promise<number> {
  return dispatch('crypt', USAGE, argv, io, opts.locale ?? 'en', {
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
  if (!v) return help(io, USAGE, command);
  const account = await accountOf(v, opts);
  const signature = optional(v, 'signature');
  const explanation = msgSignature({
    token: tokenOf(v, account, command),
    timestamp: need(v, 'timestamp', command),
    nonce: need(v, 'nonce', command),
    encrypt: need(v, 'encrypt', command),
    ...(signature === undefined ? {} : { signature }),
  });
  return printSignature(io, explanation, v.json === true);
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
  if (!v) return help(io, USAGE, command);
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
  if (!v) return help(io, USAGE, command);
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
  if (!v) return help(io, USAGE, command);
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
  if (!signature.match) return printSignature(io, signature, v.json === true);
  const corpId = optional(v, 'corp-id');
  const decrypted = decryptMessage({ aesKey, encrypt: echostr });
  if (corpId !== undefined && decrypted.appId !== corpId) throw new WxError('APPID_MISMATCH', { variant: 'APPID_MISMATCH@corp', detail: decrypted.appId, reason: corpId });
  io.out(v.json === true ? `${JSON.stringify({ signature, echostr: decrypted.message, corpId: decrypted.appId }, null, 2)}\n` : `${decrypted.message}\n`);
  return 0;
}
