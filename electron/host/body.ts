// Request bodies for the headless host: read up to a limit, and past it not read at all. A body
// that is too large is answered, and its connection closed, rather than drained: node:http would
// otherwise keep reading (and discarding) the rest to keep the connection alive.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The largest body a route takes (a pasted raw request in the signature lab: 256 KB of text). */
export const MAX_BODY = 512 * 1024;

/**
 * The dashboard methods that carry a file (base64 inside the JSON): WeChat's largest upload, 10 MB,
 * is 13.4 MB as base64. Only these routes take more than MAX_BODY; each still checks the file's size
 * itself before anything is sent to WeChat.
 */
export const FILE_BODY = 14 * 1024 * 1024;
const FILE_ROUTES: ReadonlySet<string> = new Set(['/api/mediaUpload', '/api/consoleSend']);

/** The largest body the route of `url` (path and query) takes. */
export function bodyLimit(url: string | undefined): number {
  const path = (url ?? '/').split('?', 1)[0]!;
  return FILE_ROUTES.has(path) ? FILE_BODY : MAX_BODY;
}

/** The request body as text, or null once it passes `limit` bytes (the rest is left unread). */
export function readBody(req: IncomingMessage, limit = MAX_BODY): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size <= limit) {
        chunks.push(c);
        return;
      }
      req.off('data', onData);
      req.pause();
      resolve(null);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** How long a connection that still has body coming is kept half-closed, so the answer is read before the reset. */
const LINGER_MS = 1_000;

/** Ends the connection after the answer: a FIN first (the client reads the answer), the socket gone soon after, the rest never read. */
function endAfter(req: IncomingMessage, res: ServerResponse): void {
  res.once('finish', () => {
    const socket = req.socket;
    socket.end();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  });
}

/** The answer to a request whose body was refused: the connection ends with it. */
export function closeAfter(req: IncomingMessage, res: ServerResponse): void {
  if (!res.headersSent) res.setHeader('connection', 'close');
  endAfter(req, res);
}

/**
 * Every request: if it was answered with its body still unread (a route that takes none: the
 * classic token, getticket, 404, 401, 403), the connection ends after the answer. node:http would
 * otherwise read and discard the rest to keep the connection alive, however large (400 MB in 0.3 s).
 */
export function closeIfUnread(req: IncomingMessage, res: ServerResponse): void {
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) return;
  const writeHead = res.writeHead;
  // At the answer, if the body is not all in, say the connection closes (before headers go out).
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
    if (!req.complete && !res.headersSent) {
      res.setHeader('connection', 'close');
      endAfter(req, res);
    }
    return writeHead.apply(this, args);
  } as ServerResponse['writeHead'];
}

/** True when the request announces a body larger than its route takes. */
export function announcedTooLarge(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return length !== undefined && Number(length) > bodyLimit(req.url);
}
