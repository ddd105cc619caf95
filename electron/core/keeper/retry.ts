// Retries of one upstream call for transient faults: exponential backoff with jitter, bounded in
// attempts and in time, so a refresh always ends (and the lock's owner is never mistaken for dead).
import { sleep, type Clock } from '../clock';
import { toWxError } from '../errors';

export interface RetryPolicy {
  /** Upstream attempts per refresh, the first included. */
  attempts: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseMs: 500, maxMs: 8_000 };
/** No new attempt starts this long after the first. */
export const RETRY_WINDOW_MS = 60_000;

export async function withRetry<T>(clock: Clock, policy: RetryPolicy, random: () => number, call: (attempt: number) => Promise<T>): Promise<T> {
  const began = clock.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(attempt);
    } catch (e) {
      const err = toWxError(e);
      if (err.kind !== 'transient' || err.code === 'STORE_WRITE' || attempt >= policy.attempts || clock.now() - began > RETRY_WINDOW_MS) throw err;
      // Jitter, so several processes recovering together do not align.
      const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
      await sleep(clock, cap / 2 + (random() * cap) / 2);
    }
  }
}
