// Follows the server-sent events of `wxdesk serve` over fetch (EventSource cannot send the key
// header). Reconnects with backoff; after a reconnect the caller re-fetches what it may have missed.
// Plain fetch and streams, no DOM: it runs the same in Node tests.
import type { DashboardEvent } from '../../electron/contract';

export interface FollowOptions {
  url: string;
  headers: Record<string, string>;
  signal: AbortSignal;
  onEvent(e: DashboardEvent): void;
  /** The stream is back after a break: events may have been missed. */
  onReconnect(): void;
  /** The server refused the key (401). */
  onRefused?(): void;
  minDelayMs?: number;
  maxDelayMs?: number;
}

export function isDashboardEvent(v: unknown): v is DashboardEvent {
  if (typeof v !== 'object' || v === null) return false;
  const type = (v as { type?: unknown }).type;
  if (type === 'accounts' || type === 'settings' || type === 'notice') return true;
  // (A 'menu' event's change is read by its listener: one it does not know reads the live menu again.)
  if (type === 'token' || type === 'console' || type === 'simulator' || type === 'menu' || type === 'chores') return typeof (v as { appId?: unknown }).appId === 'string';
  if (type === 'command') {
    const c = (v as { command?: { name?: unknown } }).command;
    return typeof c === 'object' && c !== null && typeof c.name === 'string';
  }
  if (type !== 'probe') return false;
  const report = (v as { report?: unknown }).report;
  return typeof report === 'object' && report !== null && Array.isArray((report as { plan?: unknown }).plan) && Array.isArray((report as { checks?: unknown }).checks);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/** Reads a text/event-stream body and hands each event's `data:` payload to `onData`, until it ends. */
export async function readEventStream(body: ReadableStream<Uint8Array>, onData: (data: string) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      const data = block
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n');
      if (data) onData(data);
    }
  }
}

/** Runs until `signal` aborts. */
export async function followEvents(opts: FollowOptions): Promise<void> {
  const { signal } = opts;
  const minDelay = opts.minDelayMs ?? 1000;
  const maxDelay = opts.maxDelayMs ?? 30_000;
  let delay = minDelay;
  let connectedBefore = false;
  while (!signal.aborted) {
    try {
      const res = await fetch(opts.url, { headers: { accept: 'text/event-stream', ...opts.headers }, credentials: 'omit', signal });
      if (res.status === 401) opts.onRefused?.();
      if (res.ok && res.body) {
        if (connectedBefore) opts.onReconnect();
        connectedBefore = true;
        delay = minDelay;
        await readEventStream(res.body, (data) => {
          let parsed: unknown;
          try {
            parsed = JSON.parse(data);
          } catch {
            return;
          }
          if (isDashboardEvent(parsed)) opts.onEvent(parsed);
        });
      } else {
        await res.body?.cancel();
      }
    } catch {
      // Network gone or aborted: the loop decides.
    }
    if (signal.aborted) return;
    await sleep(delay, signal);
    delay = Math.min(delay * 2, maxDelay);
  }
}
