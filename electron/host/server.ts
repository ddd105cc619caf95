// The headless host behind `wxdesk serve`: one node:http server that answers WeChat's token paths
// from the keeper and (through `extraRoutes`) the dashboard. Loopback by default.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Core } from '../core/services';
import { announcedTooLarge, bodyLimit, closeAfter, closeIfUnread } from './body';
import { LIMITS, capPeers, serverTimeouts, type ConnectionLimits } from './peers';
import { TokenEndpoint } from './token-endpoint';

/** A further handler: answers and returns true, or returns false to pass the request on. */
export type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> | boolean;

export interface HostOptions {
  core: Core;
  host?: string;
  port?: number;
  /** The per-run key the dashboard API requires; random when omitted. */
  key?: string;
  routes?: Route[];
  /** Slow-client time limits and the per-peer cap (tests shorten them). */
  limits?: Partial<ConnectionLimits>;
}

export interface Host {
  server: Server;
  url: string;
  port: number;
  key: string;
  close(): Promise<void>;
}

export function startHost(opts: HostOptions): Promise<Host> {
  const endpoint = new TokenEndpoint(opts.core);
  const routes: Route[] = opts.routes ?? [];
  const key = opts.key ?? randomBytes(24).toString('base64url');
  const internalError = (res: ServerResponse, e: unknown) => {
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`WxDesk internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  };
  /** Everything but an answer the endpoint gave at once: an endpoint answer still under way, the routes, 404. */
  const rest = async (req: IncomingMessage, res: ServerResponse, raw: string, pending: Promise<boolean> | false) => {
    try {
      if (pending !== false && (await pending)) return;
      // A target URL cannot parse (`//[`, `//`): a bad request, not our fault.
      const url = URL.canParse(raw, 'http://localhost') && !raw.startsWith('//') ? new URL(raw, 'http://localhost') : null;
      if (!url) {
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Bad request: the request target is not a path.\n');
        return;
      }
      for (const route of routes) if (await route(req, res, url)) return;
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found. WxDesk answers /cgi-bin/token, /cgi-bin/stable_token and /cgi-bin/ticket/getticket.\n');
    } catch (e) {
      internalError(res, e);
    }
  };
  // The listener itself is synchronous: a held token is answered without a promise per request.
  const limits: ConnectionLimits = { ...LIMITS, ...opts.limits };
  const server = createServer(serverTimeouts(limits), (req, res) => {
    const raw = req.url ?? '/';
    closeIfUnread(req, res);
    if (announcedTooLarge(req)) {
      closeAfter(req, res);
      res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`Refused: a request body here may be ${bodyLimit(raw) / 1024} KB at most.\n`);
      return;
    }
    let answered: boolean | Promise<boolean>;
    try {
      answered = endpoint.handle(req, res, raw);
    } catch (e) {
      internalError(res, e);
      return;
    }
    if (answered !== true) void rest(req, res, raw, answered);
  });
  // Local services open many connections at once when they all start together.
  server.maxConnections = 10_000;
  capPeers(server, limits);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 7300, backlog: 4096 }, () => {
      server.off('error', reject);
      const { port, address } = server.address() as AddressInfo;
      const shown = address.includes(':') ? `[${address}]` : address;
      resolve({
        server,
        port,
        key,
        url: `http://${shown === '0.0.0.0' || shown === '[::]' ? '127.0.0.1' : shown}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
