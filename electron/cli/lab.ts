// What `wxdesk sign` and `wxdesk crypt` share: dispatch to a subcommand, strict option parsing with
// errors that name the flag, usage errors (exit 2) with a pointer to --help, and the printing of a
// signature check. Plain mode prints the bare result on stdout so it can be piped; explanations go
// to stderr. io.out / io.err receive complete text, newline included (process.stdout.write semantics).

import { parseArgs } from 'node:util';
import { WxError } from '../core/errors';
import type { Cause } from '../core/signature';

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;
export type Values = Record<string, string | boolean | undefined>;

/** Wrong command line: exit 2 with a pointer to the command's --help. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command: string,
  ) {
    super(message);
  }
}

export const HELP = { help: { type: 'boolean', short: 'h' } } as const satisfies OptionSpec;
export const JSON_FLAG = { json: { type: 'boolean' } } as const satisfies OptionSpec;

/** The query of a signed request: sign server, crypt sign. */
export const SERVER_OPTIONS = {
  token: { type: 'string' },
  timestamp: { type: 'string' },
  nonce: { type: 'string' },
  signature: { type: 'string' },
  ...JSON_FLAG,
  ...HELP,
} as const satisfies OptionSpec;

/** Runs `group name …`: the group's usage for no name or --help, the named command otherwise. */
export async function dispatch(group: string, usage: Record<string, string>, argv: string[], io: CliIo, commands: Record<string, (args: string[]) => Promise<number>>): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined) {
      io.err(usage[group] ?? '');
      return 2;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
      io.out(usage[group] ?? '');
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
export function parse(command: string, args: string[], options: OptionSpec): Values | undefined {
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

export function need(values: Values, name: string, command: string): string {
  const v = values[name];
  if (typeof v !== 'string') throw new UsageError(`"${command}" needs --${name}`, command);
  return v;
}

export function optional(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
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

export function printSignature(io: CliIo, explanation: Checked, json: boolean): number {
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
