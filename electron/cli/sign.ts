// `wxdesk sign …` and `wxdesk crypt …`: the signature and WXBizMsgCrypt tools on the command line.
// Plain mode prints the bare result on stdout so it can be piped; explanations go to stderr.
// Exit codes: 0 ok, 1 signature mismatch (or a non-input failure), 2 bad input or usage.
// io.out / io.err receive complete text, newline included (process.stdout.write semantics).

import { parseArgs } from 'node:util';
import { WxError, type Locale } from '../core/errors';
import { parseArgsError, unknownCommand } from './args';
import { SIGN_USAGE } from './sign-help';
import { decryptMessage, encryptMessage } from '../core/msgcrypt';
import { jssdkSignature, msgSignature, serverSignature } from '../core/signature';
import type { Cause } from '../core/signature';

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  /** The language of everything said (default en); runSign and runCrypt set it from their options. */
  locale?: Locale;
}

export interface SignOptions {
  /** The language of messages and help (LANG=zh_CN: zh-CN). */
  locale?: Locale;
  /** Reads the cached jsapi_ticket of an account, for `sign jssdk --app-id`. */
  ticketFor?: (appId: string) => Promise<string>;
}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;
type Values = Record<string, string | boolean | undefined>;

/** Wrong command line: exit 2 with a pointer to the command's --help; zh is the message in Chinese. */
class UsageError extends Error {
  constructor(
    message: string,
    readonly command: string,
    readonly zh: string,
  ) {
    super(message);
  }
}

const usage = (io: CliIo, command: string) => SIGN_USAGE[io.locale ?? 'en'][command] ?? '';


const HELP = { help: { type: 'boolean', short: 'h' } } as const satisfies OptionSpec;
const JSON_FLAG = { json: { type: 'boolean' } } as const satisfies OptionSpec;

export async function runSign(argv: string[], out: CliIo, opts: SignOptions = {}): Promise<number> {
  const io: CliIo = { out: out.out, err: out.err, locale: opts.locale ?? out.locale ?? 'en' };
  return dispatch('sign', argv, io, {
    server: (args) => signServer(args, io),
    jssdk: (args) => signJssdk(args, io, opts),
  });
}

export async function runCrypt(argv: string[], out: CliIo, opts: Pick<SignOptions, 'locale'> = {}): Promise<number> {
  const io: CliIo = { out: out.out, err: out.err, locale: opts.locale ?? out.locale ?? 'en' };
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
      io.err(usage(io, group));
      return 2;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
      io.out(usage(io, group));
      return 0;
    }
    const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (!command) {
      const list = Object.keys(commands).join(', ');
      const said = unknownCommand(name, Object.keys(commands), { en: `unknown command "${group} ${name}" (expected ${list}).`, zh: `未知命令 "${group} ${name}"（可用：${list}）。` });
      throw new UsageError(said.en, group, said.zh);
    }
    return await command(rest);
  } catch (e) {
    return report(e, io);
  }
}

function report(e: unknown, io: CliIo): number {
  const zh = io.locale === 'zh-CN';
  if (e instanceof UsageError) {
    io.err(`wxdesk: ${zh ? e.zh : e.message}\n`);
    io.err(zh ? `提示：运行 "wxdesk ${e.command} --help" 查看用法。\n` : `hint: run "wxdesk ${e.command} --help" for usage.\n`);
    return 2;
  }
  if (e instanceof WxError) {
    const { message, hint } = e.text(io.locale ?? 'en');
    io.err(`wxdesk: ${message}\n`);
    io.err(zh ? `提示：${hint}\n` : `hint: ${hint}\n`);
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
    const said = parseArgsError(e, options);
    throw new UsageError(said.en, command, said.zh);
  }
  return values.help ? undefined : values;
}


function need(values: Values, name: string, command: string): string {
  const v = values[name];
  if (typeof v !== 'string') throw new UsageError(`"${command}" needs --${name}`, command, `"${command}" 需要 --${name}`);
  return v;
}

function optional(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

function help(io: CliIo, command: string): number {
  io.out(usage(io, command));
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
  const zh = io.locale === 'zh-CN';
  io.out(`${explanation.digest}\n`);
  if (failed) {
    const given = explanation.expected ?? '';
    io.err(zh ? `wxdesk: 签名不一致：--signature 为 ${given}，而这些输入算出的签名是 ${explanation.digest}。\n` : `wxdesk: signature mismatch: --signature is ${given}, but the inputs sign to ${explanation.digest}.\n`);
  }
  printCauses(io, explanation.causes);
  if (failed && !explanation.causes.some((c) => c.level === 'warning')) {
    io.err(zh ? '提示：没有已知的错误能解释它；请把每个值与对方所用的逐字节比较（先比较 Token）。\n' : 'hint: no known mistake explains it; compare each value byte for byte with what the other side used (the Token first).\n');
  }
  return failed ? 1 : 0;
}

function printCauses(io: CliIo, causes: Cause[]): void {
  const zh = io.locale === 'zh-CN';
  for (const c of causes) {
    if (zh) io.err(`${c.level === 'info' ? '说明' : '原因'}（${c.code}）：${c.zh}\n`);
    else io.err(`${c.level === 'info' ? 'note' : 'cause'} (${c.code}): ${c.message}\n`);
  }
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
  throw new UsageError('Give --ticket T, or --app-id ID to use that account\'s cached jsapi_ticket', command, '请给出 --ticket T，或用 --app-id ID 使用该账号缓存的 jsapi_ticket');
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
