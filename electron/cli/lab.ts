// What `wxdesk sign` and `wxdesk crypt` share: dispatch to a subcommand, strict option parsing with
// errors that name the flag, usage errors (exit 2) with a pointer to --help, and the printing of a
// signature check. Plain mode prints the bare result on stdout so it can be piped; explanations go
// to stderr. io.out / io.err receive complete text, newline included (process.stdout.write semantics).

import { parseArgs } from 'node:util';
import { WxError, type Locale } from '../core/errors';
import type { Cause } from '../core/signature';
import { UsageError, fail, serverTokenFlag } from './common';
import { parseArgsError, unknownCommand } from './args';

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;
export type Values = Record<string, string | boolean | undefined>;

/** What `--account [APPID]` takes from a saved account. */
export interface LabAccount {
  appId: string;
  /** '' when none is saved. */
  serverToken: string;
  /** '' when none is saved. */
  aesKey: string;
}

export interface LabOptions {
  /** The language of messages (LANG=zh_CN: zh-CN). */
  locale?: Locale;
  /** The saved account for `--account [APPID]`: the one named, or the only one. */
  account?: (appId: string | undefined) => Promise<LabAccount>;
}

export const HELP = { help: { type: 'boolean', short: 'h' } } as const satisfies OptionSpec;
export const JSON_FLAG = { json: { type: 'boolean' } } as const satisfies OptionSpec;

/** The query of a signed request: sign server, crypt sign. */
export const SERVER_OPTIONS = {
  'server-token': { type: 'string' },
  token: { type: 'string' },
  timestamp: { type: 'string' },
  nonce: { type: 'string' },
  signature: { type: 'string' },
  account: { type: 'string' },
  ...JSON_FLAG,
  ...HELP,
} as const satisfies OptionSpec;

/** Runs `group name …`: the group's usage for no name or --help, the named command otherwise. */
export async function dispatch(
  group: string,
  usage: Record<string, string>,
  argv: string[],
  io: CliIo,
  locale: Locale,
  commands: Record<string, (args: string[]) => Promise<number>>,
): Promise<number> {
  const [name, ...rest] = argv;
  let command = group;
  try {
    if (name === undefined) {
      io.err(usage[group] ?? '');
      return 2;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
      io.out(usage[group] ?? '');
      return 0;
    }
    const run = Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (!run) {
      const list = Object.keys(commands).join(', ');
      const said = unknownCommand(name, Object.keys(commands), { en: `unknown command "${group} ${name}" (expected ${list}).`, zh: `未知命令 "${group} ${name}"（可用：${list}）。` });
      fail(said.en, said.zh);
    }
    command = `${group} ${name}`;
    return await run(rest);
  } catch (e) {
    return report(e, io, command, locale);
  }
}

function report(e: unknown, io: CliIo, command: string, locale: Locale): number {
  const zh = locale === 'zh-CN';
  if (e instanceof UsageError) {
    io.err(`wxdesk: ${zh && e.zh ? e.zh : e.message}\n`);
    io.err(zh ? `提示: 运行 "wxdesk ${command} --help" 查看用法。\n` : `hint: run "wxdesk ${command} --help" for usage.\n`);
    return 2;
  }
  if (e instanceof WxError) {
    const { message, hint } = e.text(locale);
    io.err(`wxdesk: ${message}\n`);
    io.err(`${zh ? '提示' : 'hint'}: ${hint}\n`);
    return e.kind === 'input' ? 2 : 1;
  }
  throw e;
}

/**
 * parseArgs in strict mode, with its errors said again in both languages, naming the flag (and the
 * close one, for an unknown option: args.ts). A bare
 * `--account` (last, or before another option) is `--account=`: the only account.
 */
export function parse(args: string[], options: OptionSpec): Values | undefined {
  let values: Values;
  const given = args.map((a, i) => (a === '--account' && 'account' in options && (i + 1 === args.length || args[i + 1]!.startsWith('-')) ? '--account=' : a));
  try {
    values = parseArgs({ args: given, options, strict: true, allowPositionals: false }).values as Values;
  } catch (e) {
    const said = parseArgsError(e, options);
    fail(said.en, said.zh);
  }
  return values.help ? undefined : values;
}

export function need(values: Values, name: string, command: string): string {
  const v = values[name];
  if (typeof v !== 'string') fail(`"${command}" needs --${name}`, `"${command}" 需要 --${name}`);
  return v;
}

export function optional(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** The account of `--account [APPID]`, when it was given. */
export async function accountOf(values: Values, opts: LabOptions): Promise<LabAccount | undefined> {
  const id = optional(values, 'account');
  if (id === undefined) return undefined;
  if (!opts.account) fail('--account reads the saved accounts, which this run cannot open.', '--account 需要读取已保存的账号，而本次运行无法打开它们。');
  return opts.account(id.trim() || undefined);
}

/** The Token: --server-token (or its alias --token), else the account's saved one. */
export function tokenOf(values: Values, account: LabAccount | undefined, command: string): string {
  const given = serverTokenFlag(values);
  if (given !== undefined) return given;
  if (!account) fail(`"${command}" needs --server-token (or its alias --token), or --account [APPID] to use a saved account's Token.`, `"${command}" 需要 --server-token（或其别名 --token），或用 --account [APPID] 使用已保存账号的 Token。`);
  if (account.serverToken) return account.serverToken;
  return fail(
    `Account ${account.appId} has no Token saved: give --server-token T, or save it with: wxdesk accounts update ${account.appId} --server-token T`,
    `账号 ${account.appId} 没有保存 Token：请给出 --server-token T，或先保存：wxdesk accounts update ${account.appId} --server-token T`,
  );
}

/** The EncodingAESKey: --aes-key, else the account's saved one. */
export function aesKeyOf(values: Values, account: LabAccount | undefined, command: string): string {
  const given = optional(values, 'aes-key');
  if (given !== undefined || !account) return given ?? need(values, 'aes-key', command);
  if (account.aesKey) return account.aesKey;
  return fail(
    `Account ${account.appId} has no EncodingAESKey saved: give --aes-key K, or save it with: wxdesk accounts update ${account.appId} --aes-key K`,
    `账号 ${account.appId} 没有保存 EncodingAESKey：请给出 --aes-key K，或先保存：wxdesk accounts update ${account.appId} --aes-key K`,
  );
}

export function help(io: CliIo, usage: Record<string, string>, command: string): number {
  io.out(usage[command] ?? '');
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Output of signature checks

export interface Checked {
  digest: string;
  expected?: string;
  match?: boolean;
  causes: Cause[];
}

export function printSignature(io: CliIo, explanation: Checked, json: boolean, locale: Locale = 'en'): number {
  const failed = explanation.match === false;
  if (json) {
    io.out(`${JSON.stringify(explanation, null, 2)}\n`);
    return failed ? 1 : 0;
  }
  const zh = locale === 'zh-CN';
  io.out(`${explanation.digest}\n`);
  if (failed) {
    const given = explanation.expected ?? '';
    io.err(zh ? `wxdesk: 签名不一致：--signature 为 ${given}，而这些输入算出的签名是 ${explanation.digest}。\n` : `wxdesk: signature mismatch: --signature is ${given}, but the inputs sign to ${explanation.digest}.\n`);
  }
  printCauses(io, explanation.causes, zh);
  if (failed && !explanation.causes.some((c) => c.level === 'warning')) {
    io.err(zh ? '提示: 没有已知的错误能解释它；请把每个值与对方所用的逐字节比较（先比较 Token）。\n' : 'hint: no known mistake explains it; compare each value byte for byte with what the other side used (the Token first).\n');
  }
  return failed ? 1 : 0;
}

function printCauses(io: CliIo, causes: Cause[], zh: boolean): void {
  for (const c of causes) {
    if (zh) io.err(`${c.level === 'info' ? '说明' : '原因'}（${c.code}）：${c.zh}\n`);
    else io.err(`${c.level === 'info' ? 'note' : 'cause'} (${c.code}): ${c.message}\n`);
  }
}
