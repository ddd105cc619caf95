// Request bodies for the headless host: read up to a limit, and past it not read at all. A body
// that is too large is answered, and its connection closed, rather than drained: node:http would
// otherwise keep reading (and discarding) the rest to keep the connection alive.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The largest body any route takes (a pasted raw request in the signature lab: 256 KB of text). */
export const MAX_BODY = 512 * 1024;

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

/** The answer to a request whose body was refused: the connection ends with it. */
export function closeAfter(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('connection', 'close');
  res.once('finish', () => req.socket.destroy());
}

/** True when the request announces a body larger than any route takes. */
export function announcedTooLarge(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return length !== undefined && Number(length) > MAX_BODY;
}
