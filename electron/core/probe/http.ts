// Sends one probe request and keeps exactly what happened: the answer as received (status, headers,
// body up to 64 KB), or why there was none. Redirects are not followed (WeChat does not follow
// them); every request has a deadline, so a server that never answers costs one timeout, no more.
import type { Dispatcher } from 'undici';
import type { ProbeExchange } from '../../contract';
import { curlOf, type Outgoing } from './wire';

const SHOWN_BODY = 64 * 1024;

type Undici = typeof import('undici');
let undici: Promise<Undici> | undefined;
const loadUndici = () => (undici ??= import('undici'));

/** A connection pool for one run: closed when the run ends, so no socket outlives it. */
export async function probeAgent(timeoutMs: number): Promise<Dispatcher> {
  const { Agent } = await loadUndici();
  return new Agent({ connect: { timeout: timeoutMs }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs, keepAliveTimeout: 1_000 });
}

export async function send(out: Outgoing, dispatcher: Dispatcher, timeoutMs: number): Promise<ProbeExchange> {
  const { request } = await loadUndici();
  const exchange: ProbeExchange = { request: { ...out, curl: curlOf(out) }, ms: 0 };
  const t0 = performance.now();
  try {
    const res = await request(out.url, {
      method: out.method,
      headers: out.headers,
      ...(out.method === 'POST' ? { body: out.body } : {}),
      dispatcher,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      // A body that trickles in would reset bodyTimeout forever: one deadline for the whole answer.
      signal: AbortSignal.timeout(timeoutMs),
    });
    const { body, truncated } = await readShown(res.body);
    exchange.response = { status: res.statusCode, headers: flatHeaders(res.headers), body, ...(truncated ? { truncated } : {}) };
  } catch (e) {
    exchange.error = networkFault(e, timeoutMs);
  }
  exchange.ms = Math.round(performance.now() - t0);
  return exchange;
}

async function readShown(body: Dispatcher.ResponseData['body']): Promise<{ body: string; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size > SHOWN_BODY) {
      body.destroy();
      return { body: Buffer.concat(chunks).subarray(0, SHOWN_BODY).toString('utf8'), truncated: true };
    }
  }
  // Buffer decoding keeps a leading BOM as U+FEFF: it is one of the mistakes to name.
  return { body: Buffer.concat(chunks).toString('utf8'), truncated: false };
}

function flatHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** Why no answer came, with a code the checks turn into advice. */
function networkFault(e: unknown, timeoutMs: number): { code: string; message: string } {
  const err = e as { code?: string; name?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = err?.code ?? err?.cause?.code ?? '';
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError' || /TIMEOUT/.test(code)) {
    return { code: 'TIMEOUT', message: `no answer within ${(timeoutMs / 1000).toFixed(0)} s` };
  }
  return { code: code || 'NETWORK', message: err?.cause?.message ?? err?.message ?? String(e) };
}
