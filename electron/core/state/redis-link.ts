// How team mode finds the shared Redis again. A Redis that stops answering (SIGSTOP, a long Lua
// script, a paused VM) keeps its TCP connection, so no event says it is gone or back: a command that
// fails or times out puts the backend offline, and only a command that succeeds brings it back. While
// offline, a PING goes out now and then, with backoff and jitter, so a team of machines does not
// knock in step; the reconnects of a closed socket use the same delays.

/** The wait before the n-th retry (1-based): 0.5 s, 1 s, … up to 10 s, each spread over its upper half at random. */
export function reconnectDelay(times: number, random: () => number = Math.random): number {
  const base = Math.min(500 * Math.max(1, times), 10_000);
  return Math.round(base / 2 + (random() * base) / 2);
}

/** ioredis's options for both connections (the subscriber then queues its commands while disconnected). */
export function connectionOptions(commandTimeoutMs: number) {
  return {
    lazyConnect: true,
    // Fail at once while disconnected: nothing waits on Redis, the mirror answers.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 5_000,
    // A Redis that stops answering (frozen, a network partition) must not hold anything up: a
    // command it leaves unanswered this long puts the backend offline.
    commandTimeout: commandTimeoutMs,
    keepAlive: 10_000,
    // Reconnect with backoff and jitter, for ever: about 0.5 s, 1 s, … 10 s.
    retryStrategy: (times: number) => reconnectDelay(times),
  };
}

export interface ProbeOptions {
  /** One command to Redis; resolves if it answered. */
  ping: () => Promise<unknown>;
  /** Redis answered: sync and go online (a failure there calls start() again). */
  answered: () => void;
  random?: () => number;
}

/** The PING loop while offline: one timer at a time, its delay growing until an answer. */
export class Probe {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private tries = 0;
  private stopped = false;

  constructor(private readonly opts: ProbeOptions) {}

  /** Looks again after the next delay (no-op if a look is already planned). */
  start(): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => void this.look(), reconnectDelay(++this.tries, this.opts.random));
    this.timer.unref();
  }

  /** Online again: the next outage starts from the shortest delay. */
  reset(): void {
    this.tries = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  close(): void {
    this.stopped = true;
    this.reset();
  }

  private async look(): Promise<void> {
    this.timer = undefined;
    try {
      await this.opts.ping();
    } catch {
      return this.start();
    }
    if (!this.stopped) this.opts.answered();
  }
}
