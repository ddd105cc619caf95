// Coordination: concurrent callers share one piece of work (single flight), an account's upstream
// work runs one piece at a time in this process (a queue), and across processes under the
// backend's lock, which its owner keeps alive while it works.
import { toWxError } from '../errors';
import type { StateBackend } from '../state/backend';
import type { Lease } from '../state/lock';

export class Flight {
  private readonly pending = new Map<string, Promise<unknown>>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly backend: StateBackend) {}

  /** Joins the work under `key` if any is under way, else starts it; a synchronous throw becomes a rejection. */
  join<T>(key: string, start: () => Promise<T>): Promise<T> {
    const under = this.pending.get(key);
    if (under) return under as Promise<T>;
    let p: Promise<T>;
    try {
      p = start();
    } catch (e) {
      return Promise.reject(toWxError(e));
    }
    this.pending.set(key, p);
    const clear = () => {
      if (this.pending.get(key) === p) this.pending.delete(key);
    };
    p.then(clear, clear);
    return p;
  }

  isPending(key: string): boolean {
    return this.pending.has(key);
  }

  /** Resolves once no work is joined, queued or under way in this process (work started meanwhile included). */
  async settled(): Promise<void> {
    while (this.pending.size > 0 || this.queues.size > 0) await Promise.allSettled([...this.pending.values(), ...this.queues.values()]);
  }

  /** Whether any work for the account is queued or under way in this process. */
  busy(appId: string): boolean {
    return this.queues.has(appId);
  }

  /**
   * Runs fn after the account's earlier work, holding the account's cross-process lock. fn gets the
   * lease: one that was lost (taken over while we stalled) must not be written under.
   */
  locked<T>(appId: string, fn: (lease: Lease) => Promise<T>): Promise<T> {
    const run = async () => {
      const lease = await this.backend.lock(appId);
      try {
        return await fn(lease);
      } finally {
        lease.release();
      }
    };
    const prev = this.queues.get(appId) ?? Promise.resolve();
    const p = prev.then(run, run);
    const tail = p.catch(() => undefined);
    this.queues.set(appId, tail);
    void tail.then(() => {
      if (this.queues.get(appId) === tail) this.queues.delete(appId);
    });
    return p;
  }
}
