// `wxdesk crypt sign|encrypt|decrypt|wecom-url`: WXBizMsgCrypt on the command line.
// Exit codes: 0 ok, 1 signature mismatch (or a non-input failure), 2 bad input or usage.
import { decryptMessage, encryptMessage } from '../core/msgcrypt';
import { msgSignature } from '../core/signature';
import { HELP, JSON_FLAG, SERVER_OPTIONS, dispatch, help, need, optional, parse, printSignature, type CliIo, type OptionSpec } from './lab';

const USAGE: Record<string, string> = {
  crypt: `Usage: wxdesk crypt <sign|encrypt|decrypt|wecom-url> [options]

  sign        msg_signature = sha1(sort(Token, timestamp, nonce, Encrypt))
  encrypt     WXBizMsgCrypt-encrypt a message
  decrypt     WXBizMsgCrypt-decrypt an Encrypt value
  wecom-url   WeCom (企业微信) URL check: verify msg_signature over the echostr, then decrypt it

Run "wxdesk crypt <command> --help" for the options of each.
`,
  'crypt sign': `Usage: wxdesk crypt sign --token T --timestamp TS --nonce N --encrypt B64 [--signature S] [--json]

  --token       the Token from the message push settings
  --timestamp   the timestamp query parameter
  --nonce       the nonce query parameter
  --encrypt     the Encrypt value of the body (WeCom URL check: the URL-decoded echostr)
  --signature   the msg_signature to check; a mismatch exits 1 and explains likely causes
  --json        print the whole explanation as one JSON object
`,
  'crypt encrypt': `Usage: wxdesk crypt encrypt --aes-key K --app-id ID --message M [--random R16] [--json]

  --aes-key     the 43-character EncodingAESKey
  --app-id      the AppID (WeCom: the CorpID) appended to the plaintext
  --message     the message to encrypt, taken byte for byte
  --random      16 ASCII characters for the random prefix (default: random), for reproducible output
  --json        print the ciphertext with its random prefix and padding as JSON
`,
  'crypt wecom-url': `Usage: wxdesk crypt wecom-url --token T --aes-key K --timestamp TS --nonce N --msg-signature S --echostr E [--corp-id ID] [--json]

WeCom signs its URL check like a message: msg_signature = sha1(sort(Token, timestamp, nonce, echostr)),
and the echostr is encrypted. This checks the signature, then prints the decrypted echostr: the
exact text your server must answer. A mismatch exits 1 with the likely causes.

  --token          the Token of the callback settings
  --aes-key        the 43-character EncodingAESKey
  --timestamp      the timestamp query parameter
  --nonce          the nonce query parameter
  --msg-signature  the msg_signature query parameter
  --echostr        the echostr query parameter, URL-decoded
  --corp-id        the CorpID the echostr must carry (checked when given)
  --json           print the signature steps and the decrypted echostr as JSON
`,
  'crypt decrypt': `Usage: wxdesk crypt decrypt --aes-key K --encrypt B64 [--app-id ID] [--json]

  --aes-key     the 43-character EncodingAESKey
  --encrypt     the base64 Encrypt value
  --app-id      the AppID the message must be addressed to (checked when given)
  --json        print message, appId, random prefix and padding as JSON (byte-exact message)
`,
};

export async function runCrypt(argv: string[], io: CliIo): Promise<number> {
  return dispatch('crypt', USAGE, argv, io, {
    sign: (args) => cryptSign(args, io),
    encrypt: (args) => cryptEncrypt(args, io),
    decrypt: (args) => cryptDecrypt(args, io),
    'wecom-url': (args) => cryptWeComUrl(args, io),
  });
}

const CRYPT_SIGN_OPTIONS = { ...SERVER_OPTIONS, encrypt: { type: 'string' } } as const satisfies OptionSpec;

async function cryptSign(args: string[], io: CliIo): Promise<number> {
  const command = 'crypt sign';
  const v = parse(command, args, CRYPT_SIGN_OPTIONS);
  if (!v) return help(io, USAGE, command);
  const signature = optional(v, 'signature');
  const explanation = msgSignature({
    token: need(v, 'token', command),
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
  message: { type: 'string' },
  random: { type: 'string' },
  ...JSON_FLAG,
  ...HELP,
} as const satisfies OptionSpec;

async function cryptEncrypt(args: string[], io: CliIo): Promise<number> {
  const command = 'crypt encrypt';
  const v = parse(command, args, ENCRYPT_OPTIONS);
  if (!v) return help(io, USAGE, command);
  const aesKey = need(v, 'aes-key', command);
  const appId = need(v, 'app-id', command);
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
  ...JSON_FLAG,
  ...HELP,
} as const satisfies OptionSpec;

async function cryptDecrypt(args: string[], io: CliIo): Promise<number> {
  const command = 'crypt decrypt';
  const v = parse(command, args, DECRYPT_OPTIONS);
  if (!v) return help(io, USAGE, command);
  const appId = optional(v, 'app-id');
  const result = decryptMessage({ aesKey: need(v, 'aes-key', command), encrypt: need(v, 'encrypt', command), ...(appId === undefined ? {} : { appId }) });
  // Plain mode adds one newline for the terminal; --json carries the message byte for byte.
  io.out(v.json === true ? `${JSON.stringify(result, null, 2)}\n` : `${result.message}\n`);
  return 0;
}

const WECOM_URL_OPTIONS = {
  token: { type: 'string' },
  'aes-key': { type: 'string' },
  timestamp: { type: 'string' },
  nonce: { type: 'string' },
  'msg-signature': { type: 'string' },
  echostr: { type: 'string' },
  'corp-id': { type: 'string' },
  ...JSON_FLAG,
  ...HELP,
} as const satisfies OptionSpec;

async function cryptWeComUrl(args: string[], io: CliIo): Promise<number> {
  const command = 'crypt wecom-url';
  const v = parse(command, args, WECOM_URL_OPTIONS);
  if (!v) return help(io, USAGE, command);
  const aesKey = need(v, 'aes-key', command);
  const echostr = need(v, 'echostr', command);
  const signature = msgSignature({
    token: need(v, 'token', command),
    timestamp: need(v, 'timestamp', command),
    nonce: need(v, 'nonce', command),
    encrypt: echostr,
    signature: need(v, 'msg-signature', command),
  });
  // A signature that does not match is a finding (exit 1), as everywhere in the lab; only then decrypt.
  if (!signature.match) return printSignature(io, signature, v.json === true);
  const corpId = optional(v, 'corp-id');
  const decrypted = decryptMessage({ aesKey, encrypt: echostr, ...(corpId === undefined ? {} : { appId: corpId }) });
  io.out(v.json === true ? `${JSON.stringify({ signature, echostr: decrypted.message, corpId: decrypted.appId }, null, 2)}\n` : `${decrypted.message}\n`);
  return 0;
}
