// Lock files: one per account while a refresh is under way (so the desktop app, `wxdesk serve` and
// a one-off `wxdesk token` on one data dir make one upstream call between them), one per ticket
// type while a ticket is fetched, and one for the store's short read-modify-writes.
//
// The rules (lock-file.ts): a lock is created with O_EXCL and carries a random id; its owner
// touches it while it works, so a slow refresh never looks abandoned; another process takes it
// over only when it has watched it unchanged for the stale limit, or the owner's pid is gone in the
// same PID namespace; a removal moves the file aside and removes it only if it still carries the id
// judged. Nothing here ever waits synchronously: a wait is a timer, capped; a caller that cannot
// wait (a read that finds a damaged file) is told STORE_BUSY at once.
import { utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { WxError } from '../errors';
import { abandoned, readOwner, removeIf, tryCreate } from './lock-file';
import { privateDir } from './private-dir';

export { pidNamespace } from './lock-file';

/** A held lock. `lost` turns true if the lock was taken from us (we stalled past the stale limit). */
export interface Lease {
  release(): void;
  readonly lost: boolean;
}

export interface Locker {
  acquire(name: string): Promise<Lease>;
}

export interface FileLockOptions {
  /** A lock seen unchanged (no heartbeat) for this long is abandoned. */
  staleMs?: number;
  /** How often the owner touches its lock (default: a quarter of staleMs). */
  heartbeatMs?: number;
  pollMs?: number;
  /** How long acquire() waits for a live owner before it gives up. */
  timeoutMs?: number;
  /** The wall clock the heartbeat writes (the machine's; a test sets one that is behind a reader's). */
  now?: () => number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Waits (on timers) until the lock file at `path` is ours: its id. The first try is made at once,
 * so an uncontended lock is taken in the caller's turn. `onTimeout` names the give-up.
 */
async function take(path: string, staleMs: number, pollMs: number, timeoutMs: number, onTimeout: () => WxError): Promise<string> {
  const started = performance.now();
  let pause = 1;
  for (;;) {
    const id = tryCreate(path);
    if (id) return id;
    const stale = abandoned(path, staleMs);
    if (stale !== null && removeIf(path, stale)) continue;
    if (performance.now() - started > timeoutMs) throw onTimeout();
    await sleep(pause);
    pause = Math.min(pause * 2, pollMs);
  }
}

export class FileLock implements Locker {
  private readonly staleMs: number;
  private readonly heartbeatMs: number;
  private readonly pollMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(
    private readonly dir: string,
    opts: FileLockOptions = {},
  ) {
    this.staleMs = opts.staleMs ?? 30_000;
    this.heartbeatMs = opts.heartbeatMs ?? Math.max(10, Math.floor(this.staleMs / 4));
    this.pollMs = opts.pollMs ?? 20;
    // A live owner finishes a refresh within about two minutes (retry window plus timeouts).
    this.timeoutMs = opts.timeoutMs ?? 150_000;
    this.now = opts.now ?? Date.now;
  }

  async acquire(name: string): Promise<Lease> {
    privateDir(this.dir);
    const path = join(this.dir, `${name.replace(/[^A-Za-z0-9_-]/g, '_')}.lock`);
    const id = await take(path, this.staleMs, this.pollMs, this.timeoutMs, () => new WxError('LOCK_TIMEOUT'));
    return this.lease(path, id);
  }

  private lease(path: string, id: string): Lease {
    let lost = false;
    let released = false;
    const beat = setInterval(() => {
      // Touch only our own lock: one that carries another id was taken from us.
      if (readOwner(path)?.id !== id) {
        lost = true;
        clearInterval(beat);
        return;
      }
      try {
        const now = new Date(this.now());
        utimesSync(path, now, now);
      } catch {
        lost = true;
        clearInterval(beat);
      }
    }, this.heartbeatMs);
    beat.unref();
    return {
      get lost() {
        return lost || released || readOwner(path)?.id !== id;
      },
      release: () => {
        if (released) return;
        released = true;
        clearInterval(beat);
        removeIf(path, id);
      },
    };
  }
}

export interface StoreLockOptions {
  /** A store lock seen unchanged this long is abandoned (no holder keeps it more than milliseconds). */
  staleMs?: number;
  /** How long withFileLock waits for a live holder before it gives up with STORE_BUSY. */
  timeoutMs?: number;
}

const STORE_STALE_MS = 10_000;
const STORE_TIMEOUT_MS = 15_000;

/** The data dir a store lock belongs to (…/locks/store.lock), for messages. */
const dataDirOf = (path: string) => dirname(dirname(path));

/**
 * Runs fn while holding the store lock, for a read-modify-write that takes well under a
 * millisecond but must not interleave across processes. When the lock is free, fn runs at once and
 * its result is returned (the write is done in the caller's turn); when it is held, a promise of
 * fn's result, after waiting on timers (STORE_BUSY past timeoutMs). fn is synchronous, so the lock
 * is never held across a turn and needs no heartbeat. A transaction started inside another one
 * (nested) waits for the outer one to end, never beside it.
 */
export function withFileLock<T>(path: string, fn: () => T, opts: StoreLockOptions = {}): T | Promise<T> {
  privateDir(dirname(path));
  const run = (id: string): T => {
    try {
      return fn();
    } finally {
      removeIf(path, id);
    }
  };
  const id = tryCreate(path);
  if (id) return run(id);
  const busy = () => new WxError('STORE_BUSY', { detail: dataDirOf(path) });
  return take(path, opts.staleMs ?? STORE_STALE_MS, 20, opts.timeoutMs ?? STORE_TIMEOUT_MS, busy).then(run);
}

/**
 * withFileLock for a caller that cannot wait (a synchronous read that finds a file to repair): fn
 * runs if the lock is free or abandoned, else STORE_BUSY is thrown at once. Never a spin: a nested
 * call, or one while another process writes, fails by name and the caller carries on without.
 */
export function withFileLockSync<T>(path: string, fn: () => T, opts: StoreLockOptions = {}): T {
  privateDir(dirname(path));
  let id = tryCreate(path);
  if (!id) {
    const stale = abandoned(path, opts.staleMs ?? STORE_STALE_MS);
    if (stale !== null && removeIf(path, stale)) id = tryCreate(path);
  }
  if (!id) throw new WxError('STORE_BUSY', { detail: dataDirOf(path) });
  try {
    return fn();
  } finally {
    removeIf(path, id);
  }
}
