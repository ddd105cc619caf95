// `wxdesk serve`: the keeper with its timers, the dashboard and the WeChat-compatible token
// endpoint on one local port, and a line in the terminal for each refresh, failure or damaged file.
import { randomBytes } from 'node:crypto';
import { fail, parse, type CliContext, type Io } from './common';
import { Dashboard } from '../core/dashboard';
import { WxError, type Locale } from '../core/errors';
import { packageVersion, rendererDir } from '../core/paths';
import type { Core } from '../core/services';
import type { Trigger } from '../contract';
import { dashboardRoutes } from '../host/dashboard-routes';
import { reclaimer } from '../host/reclaim';
import { startHost } from '../host/server';

export const SERVE_HELP: Record<Locale, string> = {
  en: `Usage: wxdesk serve [--host 127.0.0.1] [--port 7300] [--json]

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
`,
  'zh-CN': `用法：wxdesk serve [--host 127.0.0.1] [--port 7300] [--json]

为每个开启自动刷新的账号保持 token 有效，并在本机应答微信自己的 token 接口：
  GET  /cgi-bin/token?grant_type=client_credential&appid=…&secret=…
  POST /cgi-bin/stable_token   {"grant_type":"client_credential","appid":…,"secret":…}
  GET  /cgi-bin/ticket/getticket?access_token=…&type=jsapi|wx_card
把服务的 token 地址（仅此一项：不提供其他接口路径）指向打印出的 URL。
调用方必须提供账号真实的 AppSecret。

  --host H   监听地址（默认 127.0.0.1；其他地址会把 token 暴露出去）
  --port P   端口（默认 7300；0 表示任选一个空闲端口）
  --json     在 stdout 第一行打印 {"url","port","key"}

控制台在同一地址提供；打开打印出的 URL（其中带有本次运行的密钥）。
`,
};

/** What started a refresh, in Chinese (English prints the contract's word). */
const TRIGGER_ZH: Record<Trigger, string> = { demand: '按需', timer: '定时', manual: '手动', force: '强制', stale: '失效重取', ticket: '票据' };

const OUTCOME = {
  en: { ok: 'new token', same: 'same token', other: 'token from another WxDesk process' },
  'zh-CN': { ok: '新 token', same: '同一 token', other: '来自另一个 WxDesk 进程的 token' },
};

/** The lines `serve` starts with, in the person's language. */
const SERVING = {
  en: {
    serving: (url: string, dir: string) => `WxDesk is serving on ${url} (data: ${dir})\n`,
    dashboard: (url: string) => `  dashboard: ${url}\n`,
    endpoint: (url: string) => `  token endpoint: ${url}/cgi-bin/token  and  ${url}/cgi-bin/stable_token\n`,
    accounts: (ids: string) => `  accounts: ${ids || 'none yet (wxdesk accounts add …)'}\n`,
    team: (where: string, offline: boolean) => `  team mode: shared through ${where}${offline ? " (not reachable yet: serving this machine's copy, reconnecting)" : ''}\n`,
    exposed: (host: string) => `  note: listening on ${host}: other machines can reach the token endpoint (they still need the AppSecret); the dashboard answers on loopback names only.\n`,
    stop: 'Press Ctrl+C to stop.\n',
  },
  'zh-CN': {
    serving: (url: string, dir: string) => `WxDesk 正在 ${url} 提供服务（数据目录：${dir}）\n`,
    dashboard: (url: string) => `  控制台：${url}\n`,
    endpoint: (url: string) => `  token 接口：${url}/cgi-bin/token 和 ${url}/cgi-bin/stable_token\n`,
    accounts: (ids: string) => `  账号：${ids || '还没有（wxdesk accounts add …）'}\n`,
    team: (where: string, offline: boolean) => `  团队模式：通过 ${where} 共享${offline ? '（暂时无法连接：使用本机副本，正在重连）' : ''}\n`,
    exposed: (host: string) => `  注意：正在监听 ${host}：其他机器可以访问 token 接口（仍需 AppSecret）；控制台只应答本机回环地址。\n`,
    stop: '按 Ctrl+C 停止。\n',
  },
} satisfies Record<Locale, unknown>;

/** One line per refresh or failure while `serve` runs in a terminal, so a person sees what happens. */
function logActivity(c: Core, io: Io, locale: Locale): void {
  const seen = new Map<string, number>();
  c.keeper.on('change', ({ appId, reason }) => {
    if (reason !== 'token') return;
    const last = c.keeper.history(appId)[0];
    if (!last || last.at <= (seen.get(appId) ?? 0)) return;
    seen.set(appId, last.at);
    const time = new Date(last.at).toLocaleTimeString('en-GB', { hour12: false });
    const zh = locale === 'zh-CN';
    if (last.outcome === 'error' && last.error) {
      const text = WxError.fromView(last.error).text(locale);
      io.out(`${time} ${appId} ${zh ? TRIGGER_ZH[last.trigger] : last.trigger}: ${zh ? '失败' : 'failed'} [${last.error.code}] ${text.message} ${text.hint}\n`);
    } else {
      const until = last.expiresAt ? new Date(last.expiresAt).toLocaleTimeString('en-GB', { hour12: false }) : '?';
      const what = OUTCOME[locale][last.outcome === 'ok' ? 'ok' : last.outcome === 'same' ? 'same' : 'other'];
      if (zh) io.out(`${time} ${appId} ${TRIGGER_ZH[last.trigger]}：${what} ${last.fingerprint ?? ''}，有效至 ${until}（${last.latencyMs} ms）\n`);
      else io.out(`${time} ${appId} ${last.trigger}: ${what} ${last.fingerprint ?? ''}, valid until ${until} (${last.latencyMs} ms)\n`);
    }
  });
}

export async function serveCommand(ctx: CliContext, args: string[], signal?: AbortSignal): Promise<number> {
  const { io, locale } = ctx;
  const { values } = parse(args, { host: { type: 'string' }, port: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) return io.out(SERVE_HELP[locale]), 0;
  const port = values.port === undefined ? 7300 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port takes a number from 0 to 65535 (got "${values.port}").`, `--port 应为 0 到 65535 之间的数字（收到 "${values.port}"）。`);
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
    if (code === 'EADDRINUSE') fail(`Port ${port} is in use (another wxdesk serve or the desktop app?). Pass --port, or --port 0 for a free one.`, `端口 ${port} 已被占用（是否有另一个 wxdesk serve 或桌面应用？）。请用 --port 换一个，或用 --port 0 任选空闲端口。`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') fail(`Cannot listen on ${values.host}: not an address of this machine.`, `无法监听 ${values.host}：它不是本机的地址。`);
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
    const say = SERVING[locale];
    io.out(say.serving(host.url, c.dataDir));
    io.out(say.dashboard(`${host.url}/#key=${host.key}`));
    io.out(say.endpoint(host.url));
    io.out(say.accounts(c.accounts.list().map((a) => a.appId).join(', ')));
    if (c.backend.shared) io.out(say.team(c.backend.location, !!c.backend.offline?.()));
    if (!['127.0.0.1', 'localhost', '::1'].includes(values.host ?? '127.0.0.1')) io.out(say.exposed(values.host ?? ''));
    io.out(say.stop);
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

