// `wxdesk sign server|jssdk`: the server URL and JS-SDK signatures on the command line.
// Exit codes: 0 ok, 1 signature mismatch (or a non-input failure), 2 bad input or usage.
import { jssdkSignature, serverSignature } from '../core/signature';
import { fail } from './common';
import { HELP, JSON_FLAG, SERVER_OPTIONS, accountOf, dispatch, help, need, optional, parse, printSignature, tokenOf, type CliIo, type LabOptions, type OptionSpec, type Values } from './lab';
import { SIGN_USAGE } from './sign-help';

export type { CliIo } from './lab';

export interface SignOptions extends LabOptions {
  /** Reads the cached jsapi_ticket of an account, for `sign jssdk --app-id` (or --account). */
  ticketFor?: (appId: string) => Promise<string>;
}

export async function runSign(argv: string[], io: CliIo, opts: SignOptions = {}): Promise<number> {
  const locale = opts.locale ?? 'en';
  const usage = SIGN_USAGE[locale];
  return dispatch('sign', usage, argv, io, locale, {
    server: (args) => signServer(args, io, opts),
    jssdk: (args) => signJssdk(args, io, opts),
  });
}

async function signServer(args: string[], io: CliIo, opts: SignOptions): Promise<number> {
  const command = 'sign server';
  const v = parse(args, SERVER_OPTIONS);
  if (!v) return help(io, SIGN_USAGE[opts.locale ?? 'en'], command);
  const account = await accountOf(v, opts);
  const signature = optional(v, 'signature');
  const explanation = serverSignature({
    token: tokenOf(v, account, command),
    timestamp: need(v, 'timestamp', command),
    nonce: need(v, 'nonce', command),
    ...(signature === undefined ? {} : { signature }),
  });
  return printSignature(io, explanation, v.json === true, opts.locale);
}

const JSSDK_OPTIONS = {
  ticket: { type: 'string' },
  'app-id': { type: 'string' },
  account: { type: 'string' },
  noncestr: { type: 'string' },
  timestamp: { type: 'string' },
  url: { type: 'string' },
  signature: { type: 'string' },
  ...JSON_FLAG,
  ...HELP,
} as const satisfies OptionSpec;

async function signJssdk(args: string[], io: CliIo, opts: SignOptions): Promise<number> {
  const command = 'sign jssdk';
  const v = parse(args, JSSDK_OPTIONS);
  if (!v) return help(io, SIGN_USAGE[opts.locale ?? 'en'], command);
  const ticket = await ticketOf(v, opts);
  const signature = optional(v, 'signature');
  const explanation = jssdkSignature({
    ticket,
    noncestr: need(v, 'noncestr', command),
    timestamp: need(v, 'timestamp', command),
    url: need(v, 'url', command),
    ...(signature === undefined ? {} : { signature }),
  });
  return printSignature(io, explanation, v.json === true, opts.locale);
}

async function ticketOf(v: Values, opts: SignOptions): Promise<string> {
  const ticket = optional(v, 'ticket');
  if (ticket !== undefined) return ticket;
  const appId = optional(v, 'app-id') ?? (await accountOf(v, opts))?.appId;
  if (appId !== undefined && opts.ticketFor) return opts.ticketFor(appId);
  return fail('Give --ticket T, or --app-id ID (or --account [APPID]) to use that account\'s cached jsapi_ticket', '请给出 --ticket T，或用 --app-id ID（或 --account [APPID]）使用该账号缓存的 jsapi_ticket');
}
