// What the Probe tab shows of a report, computed apart from React: the raw HTTP text of a request
// (what "Copy request" copies) and the one-line outcome of a run.
import type { ProbeExchange, ProbeReport } from '../../../../electron/contract';

/** A request as it went over the wire: request line, Host, headers, Content-Length, body (CRLF line ends). */
export function rawRequest(req: ProbeExchange['request']): string {
  const url = new URL(req.url);
  const lines = [`${req.method} ${url.pathname}${url.search} HTTP/1.1`, `Host: ${url.host}`];
  for (const [k, v] of Object.entries(req.headers)) lines.push(`${k}: ${v}`);
  if (req.method === 'POST') lines.push(`content-length: ${new TextEncoder().encode(req.body).length}`);
  return `${lines.join('\r\n')}\r\n\r\n${req.body}`;
}

/** A response as received: status line, headers, body. */
export function rawResponse(res: NonNullable<ProbeExchange['response']>): string {
  const head = [`HTTP/1.1 ${res.status}`, ...Object.entries(res.headers).map(([k, v]) => `${k}: ${v}`)];
  return `${head.join('\r\n')}\r\n\r\n${res.body}`;
}

/** How many checks ended each way so far. */
export function tally(report: ProbeReport): { passed: number; warned: number; failed: number; skipped: number } {
  const n = (v: string) => report.checks.filter((c) => c.verdict === v).length;
  return { passed: n('pass'), warned: n('warning'), failed: n('fail'), skipped: n('skipped') };
}

/** A run id for the progress events (randomUUID needs a secure context; 127.0.0.1 and the app are). */
export function newRunId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
