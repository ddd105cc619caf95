// `wxdesk sign server|jssdk`: the server URL and JS-SDK signatures on the command line.
// Exit codes: 0 ok, 1 signature mismatch (or a non-input failure), 2 bad input or usage.
import { jssdkSignature, serverSignature } from '../core/signature';
import { HELP, JSON_FLAG, SERVER_OPTIONS, UsageError, dispatch, help, need, optional, parse, printSignature, type CliIo, type OptionSpec, type Values } from './lab';

export type { CliIo } from './lab';

export interface SignOptions {
  /** Reads the cached jsapi_ticket of an account, for `sign jssdk --app-id`. */
  ticketFor?: (appId: string) => Promise<string>;
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
};

export async function runSign(argv: string[], io: CliIo, opts: SignOptions = {}): Promise<number> {
  return dispatch('sign', USAGE, argv, io, {
    server: (args) => signServer(args, io),
    jssdk: (args) => signJssdk(args, io, opts),
  });
}

async function signServer(args: string[], io: CliIo): Promise<number> {
  const command = 'sign server';
  const v = parse(command, args, SERVER_OPTIONS);
  if (!v) return help(io, USAGE, command);
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
  if (!v) return help(io, USAGE, command);
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
