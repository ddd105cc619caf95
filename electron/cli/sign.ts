// `wxdesk sign server|jssdk`: the server URL and JS-SDK signatures on the command line.
// Exit codes: 0 ok, 1 signature mismatch (or a non-input failure), 2 bad input or usage.
import { jssdkSignature, serverSignature } from '../core/signature';
import { fail } from './common';
import { HELP, JSON_FLAG, SERVER_OPTIONS, accountOf, dispatch, help, need, optional, parse, printSignature, tokenOf, type CliIo, type LabOptions, type OptionSpec, type Values } from './lab';

export type { CliIo } from './lab';

export interface SignOptions extends LabOptions {
  /** Reads the cached jsapi_ticket of an account, for `sign jssdk --app-id` (or --account). */
  ticketFor?: (appId: string) => Promise<string>;
}

const USAGE: Record<string, string> = {
  sign: `Usage: wxdesk sign <server|jssdk> [options]

  server   signature = sha1(sort(Token, timestamp, nonce)): the URL check and every push
  jssdk    wx.config signature = sha1("jsapi_ticket=…&noncestr=…&timestamp=…&url=…")

Run "wxdesk sign <command> --help" for the options of each.
`,
  'sign server': `Usage: wxdesk sign server --server-token T --timestamp TS --nonce N [--signature S] [--json]
       wxdesk sign server --account [APPID] --timestamp TS --nonce N [--signature S] [--json]

  --server-token T  the Token from the message push (服务器配置) settings;
                    --token T is an alias
  --account [APPID] use the Token saved with the account (the only one when APPID is left
                    out); --server-token still wins
  --timestamp       the timestamp query parameter
  --nonce           the nonce query parameter
  --signature       the signature to check; a mismatch exits 1 and explains likely causes
  --json            print the whole explanation as one JSON object
`,
  'sign jssdk': `Usage: wxdesk sign jssdk --ticket T --noncestr N --timestamp TS --url U [--signature S] [--json]
       wxdesk sign jssdk --app-id ID|--account [APPID] --noncestr N --timestamp TS --url U [...]

  --ticket          the jsapi_ticket
  --app-id ID       use the cached jsapi_ticket of this saved account (fetched when needed)
  --account [APPID] the same, for the account named (the only one when APPID is left out)
  --noncestr        the nonceStr passed to wx.config
  --timestamp       the timestamp passed to wx.config, in seconds
  --url             the page URL (location.href); its #fragment is removed before signing
  --signature       the signature to check; a mismatch exits 1 and explains likely causes
  --json            print the whole explanation as one JSON object
`,
};

export async function runSign(argv: string[], io: CliIo, opts: SignOptions = {}): Promise<number> {
  return dispatch('sign', USAGE, argv, io, opts.locale ?? 'en', {
    server: (args) => signServer(args, io, opts),
    jssdk: (args) => signJssdk(args, io, opts),
  });
}

async function signServer(args: string[], io: CliIo, opts: SignOptions): Promise<number> {
  const command = 'sign server';
  const v = parse(args, SERVER_OPTIONS);
  if (!v) return help(io, USAGE, command);
  const account = await accountOf(v, opts);
  const signature = optional(v, 'signature');
  const explanation = serverSignature({
    token: tokenOf(v, account, command),
    timestamp: need(v, 'timestamp', command),
    nonce: need(v, 'nonce', command),
    ...(signature === undefined ? {} : { signature }),
  });
  return printSignature(io, explanation, v.json === true);
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
  if (!v) return help(io, USAGE, command);
  const ticket = await ticketOf(v, opts);
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

async function ticketOf(v: Values, opts: SignOptions): Promise<string> {
  const ticket = optional(v, 'ticket');
  if (ticket !== undefined) return ticket;
  const appId = optional(v, 'app-id') ?? (await accountOf(v, opts))?.appId;
  if (appId !== undefined && opts.ticketFor) return opts.ticketFor(appId);
  return fail('Give --ticket T, or --app-id ID (or --account [APPID]) to use that account\'s cached jsapi_ticket', '请给出 --ticket T，或用 --app-id ID（或 --account [APPID]）使用该账号缓存的 jsapi_ticket');
}
