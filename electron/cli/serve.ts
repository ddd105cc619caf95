// `wxdesk serve`: the keeper with its timers, the dashboard and the WeChat-compatible token
// endpoint on one local port, and a line in the terminal for each refresh, failure or damaged file.
import { randomBytes } from 'node:crypto';
import { fail, parse, type CliContext, type Io } from './common';
import { Dashboard } from '../core/dashboard';
import { WxError, type Locale } from '../core/errors';
import { packageVersion, rendererDir } from '../core/paths';
import type { Core } from '../core/services';
import { dashboardRoutes } from '../host/dashboard-routes';
import { reclaimer } from '../host/reclaim';
import { startHost } from '../host/server';

export const SERVE_HELP = `Usage: wxdesk serve [--host 127.0.0.1] [--port 7300] [--json]

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

export async function serveCommand(ctx: CliContext, args: string[], signal?: AbortSignal): Promise<number> {
  const { io, locale } = ctx;
  const { values } = parse(args, { host: { type: 'string' }, port: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) return io.out(SERVE_HELP), 0;
  const port = values.port === undefined ? 7300 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port takes a number from 0 to 65535 (got "${values.port}").`);
  // A start is a wave: reading every account and refreshing those due (host/reclaim.ts).
  const reclaim = reclaimer();
  reclaim.waveStarted();
  const c = await ctx.core();
  // Read the data now: a damaged file is moved aside and named on stderr before anything is served.
  c.backend.entries();
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
  c.keeper.on('waveStart', () => reclaim.waveStarted());
  c.keeper.on('waveEnd', (n) => reclaim.waveEnded(n));
  c.keeper.start();
  // Nothing due at start: the start's wave is over already.
  if (c.keeper.queued() === 0) reclaim.waveEnded(0);
  if (values.json) {
    io.out(JSON.stringify({ url: host.url, port: host.port, key: host.key }) + '\n');
  } else {
    io.out(`WxDesk is serving on ${host.url} (data: ${c.dataDir})\n`);
    io.out(`  dashboard: ${host.url}/#key=${host.key}\n`);
    io.out(`  token endpoint: ${host.url}/cgi-bin/token  and  ${host.url}/cgi-bin/stable_token\n`);
    io.out(`  accounts: ${c.accounts.list().map((a) => a.appId).join(', ') || 'none yet (wxdesk accounts add …)'}\n`);
    if (c.backend.shared) io.out(`  team mode: shared through ${c.backend.location}${c.backend.offline?.() ? ' (not reachable yet: serving this machine\'s copy, reconnecting)' : ''}\n`);
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
  reclaim.close();
  await host.close();
  return 0;
}

