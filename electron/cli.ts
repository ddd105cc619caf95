// The `wxdesk` command: the same core as the desktop app, no Electron. Exit codes: 0 done,
// 1 the operation failed (WeChat or network said no, a signature did not match), 2 bad usage or input.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WxError, localeFrom, toWxError, type Locale } from './core/errors';
import { AccountInputError, type AccountInput, type AccountView } from './core/accounts';
import { createCore, type Core } from './core/services';
import { defaultDataDir, type TokenMode } from './core/store';
import { startHost } from './host/server';
import { runCrypt, runSign } from './cli-sign';
import { Dashboard } from './core/dashboard';
import { dashboardRoutes } from './host/dashboard-routes';
import { packageVersion, rendererDir } from './core/paths';
import { randomBytes } from 'node:crypto';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  env: NodeJS.ProcessEnv;
}

class UsageError extends Error {}

const HELP = `wxdesk: WeChat Official Account access_tokens, kept fresh for every tool on this machine.

Usage: wxdesk [--data-dir DIR] <command> [options]

Commands:
  accounts add      add an account (AppID, AppSecret, …)
  accounts update   change an account's settings
  accounts list     list accounts and their token status
  accounts remove   remove an account and everything kept for it
  token             print a valid access_token (cached, refreshed when needed)
  serve             keep tokens fresh and answer WeChat's token API locally
  sign              server URL and JS-SDK signatures, step by step
  crypt             safe-mode message signature, encrypt and decrypt

Global options:
  --data-dir DIR    where accounts and tokens live (env WXDESK_DATA_DIR;
                    default: the desktop app's data folder, ${defaultDataDir()})
  -h, --help        help for wxdesk or for a command

Run "wxdesk <command> --help" for a command's options.
`;

const ACCOUNT_OPTIONS = {
  'app-id': { type: 'string' },
  secret: { type: 'string' },
  label: { type: 'string' },
  'server-token': { type: 'string' },
  'aes-key': { type: 'string' },
  mode: { type: 'string' },
  'api-base': { type: 'string' },
  'auto-refresh': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

const ACCOUNTS_ADD_HELP = `Usage: wxdesk accounts add --app-id ID --secret S [options]
       wxdesk accounts update ID [options]

  --app-id ID          AppID: "wx" + 16 hex characters
  --secret S           AppSecret: 32 hex characters (kept in secrets.json, mode 0600; never shown again)
  --label L            a name for the account
  --server-token T     the Token of the server URL configuration (3–32 letters/digits)
  --aes-key K          EncodingAESKey (43 characters)
  --mode M             stable (default: never invalidates anyone else's token) or classic
  --api-base URL       default https://api.weixin.qq.com; also api2 / sh.api / sz.api / hk.api
                       .weixin.qq.com, or any http(s) URL (a proxy, a test server)
  --auto-refresh on|off  keep the token fresh on a timer while WxDesk runs (default on)
`;

const TOKEN_HELP = `Usage: wxdesk token [APPID] [--force] [--json]

Prints a valid access_token for the account (APPID may be left out when there is only one).
The cached token is used while it is valid; otherwise one upstream call fetches a new one.

  --force   a new token even though the current one is valid (stable mode: force_refresh,
            which invalidates the previous stable token; 20 a day, 30 s apart)
  --json    {"access_token","expires_in","expires_at","mode"}
`;

const SERVE_HELP = `Usage: wxdesk serve [--host 127.0.0.1] [--port 7300] [--json]

Keeps every auto-refresh account's token fresh and answers WeChat's own token API locally:
  GET  /cgi-bin/token?grant_type=client_credential&appid=…&secret=…
  POST /cgi-bin/stable_token   {"grant_type":"client_credential","appid":…,"secret":…}
  GET  /cgi-bin/ticket/getticket?access_token=…&type=jsapi|wx_card
Point a service's token URL (only that: other API paths are not served) at the printed URL.
Callers must present the account's real AppSecret.

  --host H   address to listen on (default 127.0.0.1; anything else exposes your tokens)
  --port P   port (default 7300; 0 picks a free one)
  --json     print {"url","port","key"} as the first line of stdout

The dashboard is served at the same address; open the printed URL (it carries this run's key).
`;

function fail(msg: string): never {
  throw new UsageError(msg);
}

function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (e) {
    // node:util's messages name the flag ("Unknown option '--x'"); keep them, drop its own advice.
    fail((e as Error).message.replace(/\. To specify a positional argument.*$/s, '.'));
  }
}

const LABELS = {
  en: { hint: 'hint', ip: 'ip to whitelist', said: 'wechat said' },
  'zh-CN': { hint: '提示', ip: '需加入白名单的 IP', said: '微信原文' },
} as const;

function describeError(e: WxError, locale: Locale): string {
  const { message, hint } = e.text(locale);
  const label = LABELS[locale];
  // WeChat's code always leads the line, where scripts can find it.
  const code = typeof e.code === 'number' ? `[${e.code}] ` : '';
  const lines = [`wxdesk: ${code}${message}`, `${label.hint}: ${hint}`];
  if (e.ip) lines.push(`${label.ip}: ${e.ip}`);
  if (e.errmsg) lines.push(`${label.said}: ${e.errmsg}`);
  return lines.join('\n') + '\n';
}

function onOff(v: string | undefined, flag: string): boolean | undefined {
  if (v === undefined) return undefined;
  if (/^(on|true|yes|1)$/i.test(v)) return true;
  if (/^(off|false|no|0)$/i.test(v)) return false;
  return fail(`${flag} takes on or off (got "${v}").`);
}

function mode(v: string | undefined): TokenMode | undefined {
  if (v === undefined || v === 'stable' || v === 'classic') return v;
  return fail(`--mode takes stable or classic (got "${v}").`);
}

function accountInput(values: Record<string, string | boolean | undefined>, appId: string): AccountInput {
  const s = (k: string) => values[k] as string | undefined;
  const input: AccountInput = { appId };
  const pairs: [keyof AccountInput, string | boolean | undefined][] = [
    ['secret', s('secret')],
    ['label', s('label')],
    ['serverToken', s('server-token')],
    ['aesKey', s('aes-key')],
    ['mode', mode(s('mode'))],
    ['apiBase', s('api-base')],
    ['autoRefresh', onOff(s('auto-refresh'), '--auto-refresh')],
  ];
  for (const [k, v] of pairs) if (v !== undefined) (input as unknown as Record<string, unknown>)[k] = v;
  return input;
}

function formatLeft(ms: number): string {
  if (ms <= 0) return 'expired';
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : `${m}m${String(s % 60).padStart(2, '0')}s`;
}

function pickAccount(core: Core, id: string | undefined): string {
  if (id) {
    core.accounts.require(id);
    return id;
  }
  const all = core.accounts.list();
  if (all.length === 1) return all[0]!.appId;
  if (all.length === 0) fail('No accounts yet. Add one with: wxdesk accounts add --app-id ID --secret S');
  return fail(`There are ${all.length} accounts; name one: wxdesk token APPID (${all.map((a) => a.appId).join(', ')}).`);
}

async function accountsCommand(core: () => Core, args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'add':
    case 'update': {
      const { values, positionals } = parse(rest, ACCOUNT_OPTIONS, sub === 'update');
      if (values.help) return io.out(ACCOUNTS_ADD_HELP), 0;
      const appId = (sub === 'update' ? positionals[0] ?? values['app-id'] : values['app-id'])?.trim();
      if (!appId) fail(sub === 'add' ? '--app-id is required (and --secret). See: wxdesk accounts add --help' : 'Name the account: wxdesk accounts update APPID [options]');
      const c = core();
      const exists = c.accounts.get(appId) !== undefined;
      if (sub === 'add' && exists) fail(`Account ${appId} already exists. Change it with: wxdesk accounts update ${appId} [options]`);
      if (sub === 'update' && !exists) throw new WxError('NO_ACCOUNT', { detail: appId });
      const view = c.accounts.save(accountInput(values, appId));
      c.keeper.accountChanged(view.appId);
      io.out(`${sub === 'add' ? 'Added' : 'Updated'} ${view.appId} (${view.label}), ${view.mode} mode, API ${view.apiBase}.\n`);
      return 0;
    }
    case 'list': {
      const { values } = parse(rest, { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
      if (values.help) return io.out('Usage: wxdesk accounts list [--json]\n'), 0;
      const c = core();
      const rows = c.accounts.list().map((a) => ({ account: a, state: c.keeper.state(a.appId) }));
      if (values.json) {
        const out = rows.map(({ account, state }) => ({
          ...account,
          token: { status: state.status, expiresAt: state.token?.expiresAt ?? null, lastError: state.lastError?.error ?? null },
        }));
        io.out(JSON.stringify(out, null, 2) + '\n');
        return 0;
      }
      if (rows.length === 0) return io.out('No accounts. Add one with: wxdesk accounts add --app-id ID --secret S\n'), 0;
      const now = c.keeper.now();
      const table = [['APPID', 'LABEL', 'MODE', 'SECRET', 'TOKEN', 'API'], ...rows.map(({ account: a, state: s }) => [
        a.appId,
        a.label,
        a.mode,
        a.hasSecret ? 'yes' : 'missing',
        s.token ? formatLeft(s.token.expiresAt - now) : s.lastError ? `error ${s.lastError.error.code}` : 'none',
        a.apiBase,
      ])];
      const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
      io.out(table.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n') + '\n');
      return 0;
    }
    case 'remove': {
      const { values, positionals } = parse(rest, { help: { type: 'boolean', short: 'h' } }, true);
      if (values.help) return io.out('Usage: wxdesk accounts remove APPID\n'), 0;
      const appId = positionals[0];
      if (!appId || positionals.length > 1) fail('Name one account: wxdesk accounts remove APPID');
      const c = core();
      if (!c.accounts.remove(appId)) throw new WxError('NO_ACCOUNT', { detail: appId });
      c.keeper.accountRemoved(appId);
      io.out(`Removed ${appId}.\n`);
      return 0;
    }
    case undefined:
    case '--help':
    case '-h':
      io.out(`Usage: wxdesk accounts add|update|list|remove …\n\n${ACCOUNTS_ADD_HELP}`);
      return sub === undefined ? 2 : 0;
    default:
      return fail(`Unknown accounts command "${sub}". Use add, update, list or remove.`);
  }
}

async function tokenCommand(core: () => Core, args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { force: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, true);
  if (values.help) return io.out(TOKEN_HELP), 0;
  if (positionals.length > 1) fail(`token takes one APPID (got ${positionals.join(' ')}).`);
  const c = core();
  const appId = pickAccount(c, positionals[0]);
  const rec = values.force ? await c.keeper.forceRefresh(appId) : await c.keeper.get(appId);
  if (values.json) {
    const now = c.keeper.now();
    io.out(JSON.stringify({ access_token: rec.token, expires_in: Math.max(0, Math.floor((rec.expiresAt - now) / 1000)), expires_at: new Date(rec.expiresAt).toISOString(), mode: rec.mode }) + '\n');
  } else {
    io.out(rec.token + '\n');
  }
  return 0;
}

/** One line per refresh or failure while `serve` runs in a terminal, so a person sees what happens. */
function logActivity(c: Core, io: Io, locale: Locale): void {
  const seen = new Map<string, number>();
  c.keeper.on('change', ({ appId, reason }) => {
    if (reason !== 'token') return;
    const last = c.keeper.history(appId)[0];
    if (!last || last.at <= (seen.get(appId) ?? 0)) return;
    seen.set(appId, last.at);
    const time = new Date(last.at).toLocaleTimeString('en-GB', { hour12: false });
    if (last.outcome === 'error' && last.error) {
      const text = WxError.fromView(last.error).text(locale);
      io.out(`${time} ${appId} ${last.trigger}: failed [${last.error.code}] ${text.message} ${text.hint}\n`);
    } else {
      const until = last.expiresAt ? new Date(last.expiresAt).toLocaleTimeString('en-GB', { hour12: false }) : '?';
      const what = last.outcome === 'ok' ? 'new token' : last.outcome === 'same' ? 'same token' : 'token from another WxDesk process';
      io.out(`${time} ${appId} ${last.trigger}: ${what} ${last.fingerprint ?? ''}, valid until ${until} (${last.latencyMs} ms)\n`);
    }
  });
}

async function serveCommand(core: () => Core, args: string[], io: Io, signal?: AbortSignal, locale: Locale = 'en'): Promise<number> {
  const { values } = parse(args, { host: { type: 'string' }, port: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) return io.out(SERVE_HELP), 0;
  const port = values.port === undefined ? 7300 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port takes a number from 0 to 65535 (got "${values.port}").`);
  const c = core();
  const key = randomBytes(24).toString('base64url');
  let endpointUrl: string | null = null;
  const dashboard = new Dashboard({ core: c, host: 'browser', version: packageVersion(), endpointUrl: () => endpointUrl });
  let host;
  try {
    host = await startHost({ core: c, host: values.host ?? '127.0.0.1', port, key, routes: [dashboardRoutes({ dashboard, key, staticDir: rendererDir() })] });
    endpointUrl = host.url;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') fail(`Port ${port} is in use (another wxdesk serve or the desktop app?). Pass --port, or --port 0 for a free one.`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') fail(`Cannot listen on ${values.host}: not an address of this machine.`);
    throw e;
  }
  c.keeper.start();
  if (values.json) {
    io.out(JSON.stringify({ url: host.url, port: host.port, key: host.key }) + '\n');
  } else {
    io.out(`WxDesk is serving on ${host.url} (data: ${c.dataDir})\n`);
    io.out(`  dashboard: ${host.url}/#key=${host.key}\n`);
    io.out(`  token endpoint: ${host.url}/cgi-bin/token  and  ${host.url}/cgi-bin/stable_token\n`);
    io.out(`  accounts: ${c.accounts.list().map((a) => a.appId).join(', ') || 'none yet (wxdesk accounts add …)'}\n`);
    if (!['127.0.0.1', 'localhost', '::1'].includes(values.host ?? '127.0.0.1')) {
      io.out(`  note: listening on ${values.host}: other machines can reach the token endpoint (they still need the AppSecret); the dashboard answers on loopback names only.\n`);
    }
    io.out('Press Ctrl+C to stop.\n');
    logActivity(c, io, locale);
  }
  await new Promise<void>((resolve) => {
    // Handlers come off again when serve ends: one left behind would keep the process from ending on a later SIGTERM.
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    signal?.addEventListener('abort', stop, { once: true });
  });
  c.keeper.stop();
  await host.close();
  return 0;
}

/** Runs one wxdesk command line; returns the exit code. */
export async function runCli(argv: string[], io: Io, signal?: AbortSignal): Promise<number> {
  const locale = localeFrom(io.env.LC_ALL || io.env.LC_MESSAGES || io.env.LANG);
  let opened: Core | undefined;
  try {
    // --data-dir may stand anywhere on the line.
    const args: string[] = [];
    let dataDir = io.env.WXDESK_DATA_DIR || undefined;
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '--data-dir') {
        const v = argv[++i];
        if (!v || v.startsWith('-')) fail('--data-dir needs a directory.');
        dataDir = v;
      } else if (a.startsWith('--data-dir=')) {
        dataDir = a.slice('--data-dir='.length);
        if (!dataDir) fail('--data-dir needs a directory.');
      } else args.push(a);
    }
    const core = () => (opened ??= createCore({ dataDir: dataDir ?? defaultDataDir(io.env) }));
    const [command, ...rest] = args;
    switch (command) {
      case 'accounts':
        return await accountsCommand(core, rest, io);
      case 'token':
        return await tokenCommand(core, rest, io);
      case 'serve':
        return await serveCommand(core, rest, io, signal, locale);
      case 'sign':
        return await runSign(rest, io, { ticketFor: async (appId) => (await core().keeper.ticket(appId, 'jsapi')).ticket });
      case 'crypt':
        return await runCrypt(rest, io);
      case undefined:
        io.err(HELP);
        return 2;
      case '-h':
      case '--help':
      case 'help':
        io.out(HELP);
        return 0;
      default:
        return fail(`Unknown command "${command}". Run wxdesk --help for the list.`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`wxdesk: ${e.message}\n`);
      return 2;
    }
    if (e instanceof AccountInputError) {
      io.err(`wxdesk: ${e.message}\n`);
      return 2;
    }
    const err = toWxError(e);
    io.err(describeError(err, locale));
    return err.kind === 'input' ? 2 : 1;
  } finally {
    await opened?.close();
  }
}

const isMain = (() => {
  try {
    return !!process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();

/** The process entry: bin/wxdesk.js calls it; dist/cli.js calls it when run directly. */
export async function main(): Promise<void> {
  process.exitCode = await runCli(process.argv.slice(2), { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), env: process.env });
}

if (isMain) await main();
