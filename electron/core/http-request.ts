// One HTTP(S) request on node:http, for the WeChat client. node:http is already loaded by every
// process that serves (the endpoint, the dashboard); undici would add about 20 MB of resident memory
// to `wxdesk serve` for the same request (its llhttp WASM parser), a third of a bare server's.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface HttpAnswer {
  status: number;
  contentType: string;
  body: Buffer;
  /** True when the body was longer than maxBody and cut there. */
  truncated: boolean;
}

export interface HttpOptions {
  /** No progress for this long, while connecting, waiting for the answer or reading it, ends the call. */
  idleMs: number;
  /** The whole call, however it trickles. */
  deadlineMs: number;
  /** Bytes of body kept; the rest is not read. */
  maxBody: number;
}

/** A request's failure: `code` says what (ETIMEDOUT-like codes contain TIMEOUT). */
export class HttpFault extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpFault';
  }
}

/** Keep-alive connections for one client: one agent per scheme, made at the first request. */
export class HttpAgents {
  private http: HttpAgent | undefined;
  private https: HttpsAgent | undefined;

  for(protocol: string): HttpAgent {
    if (protocol === 'https:') return (this.https ??= new HttpsAgent({ keepAlive: true }));
    return (this.http ??= new HttpAgent({ keepAlive: true }));
  }

  close(): void {
    this.http?.destroy();
    this.https?.destroy();
  }
}

/** Sends one request and reads its answer; any transport fault rejects with an HttpFault. */
export function httpSend(
  agents: HttpAgents,
  req: { method: 'GET' | 'POST'; url: string; body?: string | Buffer; contentType?: string },
  opts: HttpOptions,
): Promise<HttpAnswer> {
  return new Promise<HttpAnswer>((resolve, reject) => {
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      reject(new HttpFault('INVALID_URL', `not a URL: ${req.url}`));
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      reject(new HttpFault('INVALID_URL', `not an http(s) URL: ${req.url}`));
      return;
    }
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      fn();
    };
    const fault = (code: string, message: string) => finish(() => reject(new HttpFault(code, message)));
    const body = req.body === undefined ? undefined : typeof req.body === 'string' ? Buffer.from(req.body, 'utf8') : req.body;
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const out = send(url, {
      method: req.method,
      agent: agents.for(url.protocol),
      headers: body ? { 'content-type': req.contentType ?? 'application/json', 'content-length': body.length } : {},
    });
    const deadline = setTimeout(() => {
      fault('DEADLINE_TIMEOUT', `no complete answer within ${opts.deadlineMs} ms`);
      out.destroy();
    }, opts.deadlineMs);
    // The socket's idle timer runs while connecting, while waiting for the headers and between chunks.
    out.setTimeout(opts.idleMs, () => {
      fault('IDLE_TIMEOUT', `nothing for ${opts.idleMs} ms`);
      out.destroy();
    });
    out.on('error', (e: NodeJS.ErrnoException) => fault(e.code ?? 'NETWORK', e.message));
    out.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const done = () =>
        finish(() =>
          resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks), truncated }),
        );
      res.on('data', (chunk: Buffer) => {
        if (truncated) return;
        if (size + chunk.length > opts.maxBody) {
          chunks.push(chunk.subarray(0, opts.maxBody - size));
          truncated = true;
          done();
          // The rest is not read: this connection is not reused.
          out.destroy();
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', done);
      res.on('error', (e: NodeJS.ErrnoException) => fault(e.code ?? 'ECONNRESET', e.message));
      res.on('close', () => {
        if (!res.complete) fault('ECONNRESET', 'the connection closed before the answer was complete');
      });
    });
    out.end(body);
  });
}
