// The dashboard over HTTP for `wxdesk serve`: the built renderer at `/`, one POST route per
// DashboardApi method at /api/<method>, server-sent events at /api/events. The same handler table
// as IPC. Guards: a per-run key (header x-wxdesk-key), a loopback Host header (DNS rebinding) and
// our own Origin (CSRF).
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve } from 'node:path';
import { DASHBOARD_METHODS, type DashboardMethod } from '../contract';
import { errorView, type Dashboard } from '../core/dashboard';
import { invalidInput } from '../core/errors';
import { resolveUnder } from '../core/paths';
import { sameText } from '../core/same-text';
import { CSP } from './csp';
import { bodyLimit, closeAfter, readBody } from './body';
import { isLoopbackPeer } from './peers';
import type { Route } from './server';

export const KEY_HEADER = 'x-wxdesk-key';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);


export const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export const mimeOf = (file: string) => MIME[extname(file)] ?? 'application/octet-stream';

export { isLoopbackPeer };

const methods = new Set<string>(DASHBOARD_METHODS);

function hostName(host: string | undefined): string | undefined {
  if (!host) return undefined;
  const m = /^(\[[^\]]+\]|[^:]+)(?::\d+)?$/.exec(host.toLowerCase());
  return m?.[1];
}

function sameKey(given: string | undefined, key: string): boolean {
  return !!given && sameText(given, key);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function refuse(res: ServerResponse, status: number, message: string): void {
  send(res, status, { error: { code: 'FORBIDDEN', kind: 'input', message, hint: 'Open the dashboard with the URL that `wxdesk serve` printed.' } });
}

export interface DashboardRoutesOptions {
  dashboard: Dashboard;
  key: string;
  /** The built renderer (dist/renderer). */
  staticDir: string;
}

export function dashboardRoutes(opts: DashboardRoutesOptions): Route {
  const root = resolve(opts.staticDir);
  const clients = new Set<ServerResponse>();

  return async (req, res, url) => {
    // Whatever --host says, the dashboard is this machine's only: a client elsewhere can send any
    // Host header, but not a loopback address of its own.
    if (!isLoopbackPeer(req.socket.remoteAddress)) {
      refuse(res, 403, 'Refused: the dashboard answers only on this machine (a loopback address).');
      return true;
    }
    // DNS rebinding: a page on evil.example whose name resolves to 127.0.0.1 still sends its own Host.
    const host = hostName(req.headers.host);
    if (!host || !LOOPBACK_HOSTS.has(host)) {
      refuse(res, 403, 'Refused: the dashboard answers only on localhost, 127.0.0.1 or [::1].');
      return true;
    }
    const isApi = url.pathname === '/api' || url.pathname.startsWith('/api/');
    if (!isApi) return serveStatic(root, req, res, url);

    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host}`) {
      refuse(res, 403, 'Refused: request from another origin.');
      return true;
    }
    const given = req.headers[KEY_HEADER];
    if (!sameKey(Array.isArray(given) ? given[0] : given, opts.key)) {
      refuse(res, 401, 'Refused: missing or wrong dashboard key.');
      return true;
    }

    if (url.pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      clients.add(res);
      const off = opts.dashboard.subscribe((e) => res.write(`data: ${JSON.stringify(e)}\n\n`));
      const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
      ping.unref();
      req.on('close', () => {
        off();
        clearInterval(ping);
        clients.delete(res);
      });
      return true;
    }

    const name = url.pathname.slice('/api/'.length);
    if (req.method !== 'POST' || !methods.has(name)) {
      send(res, 404, { error: errorView(invalidInput(`No dashboard method "${name}" (POST /api/<method>).`, `没有名为 "${name}" 的控制台方法（POST /api/<method>）。`)) });
      return true;
    }
    const limit = bodyLimit(url.pathname);
    const raw = await readBody(req, limit);
    if (raw === null) {
      closeAfter(req, res);
      send(res, 413, { error: errorView(invalidInput(`The request is larger than ${limit / 1024} KB.`, `请求超过 ${limit / 1024} KB。`)) });
      return true;
    }
    let args: unknown;
    try {
      args = raw ? (JSON.parse(raw) as { args?: unknown }).args ?? [] : [];
    } catch {
      send(res, 400, { error: errorView(invalidInput('The request body must be JSON: {"args": [...]}.', '请求体应为 JSON：{"args": [...]}。')) });
      return true;
    }
    if (!Array.isArray(args)) {
      send(res, 400, { error: errorView(invalidInput('"args" must be an array.', '"args" 应为数组。')) });
      return true;
    }
    try {
      const value = await opts.dashboard.handlers[name as DashboardMethod](...args);
      // A method that answers nothing (Promise<void>) still carries "value": JSON drops an undefined
      // one, and the page's bridge takes an answer without it as one it does not understand.
      send(res, 200, { value: value === undefined ? null : value });
    } catch (e) {
      // The call reached the handler: the transport did its job, so 200 with the error as a value
      // (like the IPC envelope). 4xx stays for requests refused before any handler runs.
      send(res, 200, { error: errorView(e) });
    }
    return true;
  };
}

function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const file = resolveUnder(root, url.pathname);
  if (!file) return false;
  if (!existsSync(file) || !statSync(file).isFile()) {
    if (url.pathname === '/' || url.pathname === '/index.html') {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The dashboard is not built. Run `npm run build` in the WxDesk checkout, then reload.\n');
      return true;
    }
    return false;
  }
  const isPage = extname(file) === '.html';
  res.writeHead(200, {
    'content-type': mimeOf(file),
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': isPage ? 'no-store' : 'public, max-age=3600',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
  return true;
}
