// `wxdesk sign …` and `wxdesk crypt …`: the signature and WXBizMsgCrypt tools on the command line.
// Plain mode prints the bare result on stdout so it can be piped; explanations go to stderr.
// Exit codes: 0 ok, 1 signature mismatch (or a non-input failure), 2 bad input or usage.
// io.out / io.err receive complete text, newline included (process.stdout.write semantics).

import { parseArgs } from 'node:util';
import { WxError } from '../core/errors';
import { decryptMessage, encryptMessage } from '../core/msgcrypt';
import { jssdkSignature, msgSignature, serverSignature } from '../core/signature';
import type { Cause } from '../core/signature';

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

export interface SignOptions {
  /** Reads the cached jsapi_ticket of an account, for `sign jssdk --app-id`. */
  ticketFor?: (appId: string) => Promise<string>;
}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;
type Values = Record<string, string | boolean | undefined>;

/** Wrong command line: exit 2 with a pointer to the command's --help. */
class UsageError extends Error {
  constructor(
    message: string,
    readonly command: string,
  ) {
    super(message);
  }
}

const USAGE: Record<string, string> = {
  sign: `Usage: wxdesk sign <server|jssdk> [options]

  server   signature = sha1(sort(Token, timestamp, nonce)): the URL check and every push
  jssdk    wx.config signature = sha1("jsapi_ticket=…&noncestr=…&timestamp=…&url=…")

Run "wxdesk sign <command> --help" for the options of each.
`,
  'sign server': `Usage: wxdesk sign server --token T --timestamp TS --nonce N [--signature S] [--json]

  --token       the Token from the message push (服务器配置) settings
  --timestamp   the timestamp query parameter
  --nonce       the nonce query parameter
  --signature   the signature to check; a mismatch exits 1 and explains likely causes
  --json        print the whole explanation as one JSON object
`,
  'sign jssdk': `Usage: wxdesk sign jssdk --ticket T --noncestr N --timestamp TS --url U [--signature S] [--json]

  --ticket      the jsapi_ticket
  --noncestr    the nonceStr passed to wx.config
  --timestamp   the timestamp passed to wx.config, in seconds
  --url         the page URL (location.href); its #fragment is removed before signing
  --signature   the signature to check; a mismatch exits 1 and explains likely causes
  --json        print the whole explanation as one JSON object
`,
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

const HELP = { help: { type: 'boolean', short: 'h' } } as const satisfies OptionSpec;
const JSON_FLAG = { json: { type: 'boolean' } } as const satisfies OptionSpec;

export async function runSign(argv: string[], io: CliIo, opts: SignOptions = {}): Promise<number> {
  return dispatch('sign', argv, io, {
    server: (args) => signServer(args, io),
    jssdk: (args) => signJssdk(args, io, opts),
  });
}

export async function runCrypt(argv: string[], io: CliIo): Promise<number> {
  return dispatch('crypt', argv, io, {
    sign: (args) => cryptSign(args, io),
    encrypt: (args) => cryptEncrypt(args, io),
    decrypt: (args) => cryptDecrypt(args, io),
    'wecom-url': (args) => cryptWeComUrl(args, io),
  });
}

async function dispatch(group: string, argv: string[], io: CliIo, commands: Record<string, (args: string[]) => Promise<number>>): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined) {
      io.err(USAGE[group] ?? '');
      return 2;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
      io.out(USAGE[group] ?? '');
      return 0;
    }
    const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (!command) throw new UsageError(`unknown command "${group} ${name}" (expected ${Object.keys(commands).join(', ')})`, group);
    return await command(rest);
  } catch (e) {
    return report(e, io);
  }
}

function report(e: unknown, io: CliIo): number {
  if (e instanceof UsageError) {
    io.err(`wxdesk: ${e.message}\n`);
    io.err(`hint: run "wxdesk ${e.command} --help" for usage.\n`);
    return 2;
  }
  if (e instanceof WxError) {
    io.err(`wxdesk: ${e.message}\n`);
    io.err(`hint: ${e.hint}\n`);
    return e.kind === 'input' ? 2 : 1;
  }
  throw e;
}

/** parseArgs in strict mode, with its errors turned into sentences that name the flag. */
function parse(command: string, args: string[], options: OptionSpec): Values | undefined {
  let values: Values;
  try {
    values = parseArgs({ args, options, strict: true, allowPositionals: false }).values as Values;
  } catch (e) {
    throw new UsageError(describeParseError(e), command);
  }
  return values.help ? undefined : values;
}

function describeParseError(e: unknown): string {
  const code = (e as { code?: string }).code ?? '';
  const message = e instanceof Error ? e.message : String(e);
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  const flag = quoted.split(' ')[0] ?? quoted;
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${flag}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${quoted}": every value is given with its --option`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return message.includes('argument missing')
        ? `option ${flag} needs a value`
        : message.includes('ambiguous')
          ? `the value of ${flag} starts with "-": write it as ${flag}=VALUE`
          : `option ${flag} does not take a value`;
    default:
      return message;
  }
}

function need(values: Values, name: string, command: string): string {
  const v = values[name];
  if (typeof v !== 'string') throw new UsageError(`"${command}" needs --${name}`, command);
  return v;
}

function optional(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

function help(io: CliIo, command: string): number {
  io.out(USAGE[command] ?? '');
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Output of signature checks

interface Checked {
  digest: string;
  expected?: string;
  match?: boolean;
  causes: Cause[];
}

function printSignature(io: CliIo, explanation: Checked, json: boolean): number {
  const failed = explanation.match === false;
  if (json) {
    io.out(`${JSON.stringify(explanation, null, 2)}\n`);
    return failed ? 1 : 0;
  }
  io.out(`${explanation.digest}\n`);
  if (failed) io.err(`wxdesk: signature mismatch: --signature is ${explanation.expected ?? ''}, but the inputs sign to ${explanation.digest}.\n`);
  printCauses(io, explanation.causes);
  if (failed && !explanation.causes.some((c) => c.level === 'warning')) {
    io.err('hint: no known mistake explains it; compare each value byte for byte with what the other side used (the Token first).\n');
  }
  return failed ? 1 : 0;
}

function printCauses(io: CliIo, causes: Cause[]): void {
  for (const c of causes) io.err(`${c.level === 'info' ? 'note' : 'cause'} (${c.code}): ${c.message}\n`);
}

// ---------------------------------------------------------------------------------------------
// Commands

const SERVER_OPTIONS = {
  token: { type: 'string' },
  timestamp: { type: 'string' },
  nonce: { type: 'string' },
  signature: { type: 'string' },
  ...JSON_FLAG,
  ...HELP,
} as const satisfies OptionSpec;

async function signServer(args: string[], io: CliIo): Promise<number> {
  const command = 'sign server';
  const v = parse(command, args, SERVER_OPTIONS);
  if (!v) return help(io, command);
  const signature = optional(v, 'signature');
  const explanation = serverSignature({
    token: need(v, 'token', command),
    timestamp: need(v, 'timestamp', command),
    nonce: need(v, 'nonce', command),
    ...(signature === undefined ? {} : { signature }),
  });
  return printSignature(io, explanation, v.json === true);
}

const JSSDK_OPTIONS = {
  ticket: { type: 'string' },
  'app-id': { type: 'string' },
  noncestr: { type: 'string' },
  timestamp: { type: 'string' },
  url: { type: 'string' },
  signature: { type: 'string' },
  ...JSON_FLAG,
  ...HELP,
} as const satisfies OptionSpec;

async function signJssdk(args: string[], io: CliIo, opts: SignOptions): Promise<number> {
  const command = 'sign jssdk';
  const v = parse(command, args, JSSDK_OPTIONS);
  if (!v) return help(io, command);
  const ticket = await ticketOf(v, opts, command);
  const signature = optional(v, 'signature');
  const explanation = jssdkSignature({
    ticket,
    noncestr: need(v, 'noncestr', command),
    timestamp: need(v, 'timestamp', command),
    url: need(v, 'url', command),
    ...(signature === undefined ? {} : { signature }),
  });
  return printSignature(io, explanation, v.json === true);
}

async function ticketOf(v: Values, opts: SignOptions, command: string): Promise<string> {
  const ticket = optional(v, 'ticket');
  if (ticket !== undefined) return ticket;
  const appId = optional(v, 'app-id');
  if (appId !== undefined && opts.ticketFor) return opts.ticketFor(appId);
  throw new UsageError('Give --ticket T, or --app-id ID to use that account\'s cached jsapi_ticket', command);
}

const CRYPT_SIGN_OPTIONS = { ...SERVER_OPTIONS, encrypt: { type: 'string' } } as const satisfies OptionSpec;

async function cryptSign(args: string[], io: CliIo): Promise<number> {
  const command = 'crypt sign';
  const v = parse(command, args, CRYPT_SIGN_OPTIONS);
  if (!v) return help(io, command);
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
  if (!v) return help(io, command);
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
  if (!v) return help(io, command);
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
  if (!v) return help(io, command);
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
