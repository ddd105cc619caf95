// Lock files: one per account while a refresh is under way (so the desktop app, `wxdesk serve` and
// a one-off `wxdesk token` on one data dir make one upstream call between them), and one for the
// store's short read-modify-writes.
//
// The rules: a lock is created with O_EXCL (atomic on local file systems) and carries a random id;
// its owner touches it (mtime) while it works, so a slow refresh never looks abandoned; another
// process takes it over only when that heartbeat is stale or the owner's pid is gone; and every
// removal, a release or a takeover, happens under a short guard lock and removes the file only if
// it still carries the id the remover judged, so no process ever removes a lock it does not own.
import { closeSync, openSync, readFileSync, statSync, unlinkSync, utimesSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { WxError } from '../errors';
import { privateDir } from './private-dir';

/** A held lock. `lost` turns true if the lock was taken from us (we stalled past the stale limit). */
export interface Lease {
  release(): void;
  readonly lost: boolean;
}

export interface Locker {
  acquire(name: string): Promise<Lease>;
}

export interface FileLockOptions {
  /** A heartbeat older than this marks the lock abandoned. */
  staleMs?: number;
  /** How often the owner touches its lock (default: a quarter of staleMs). */
  heartbeatMs?: number;
  pollMs?: number;
  /** How long acquire() waits for a live owner before it gives up. */
  timeoutMs?: number;
}

interface Owner {
  id: string;
  pid: number;
  host: string;
}

const HOST = hostname();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): Owner | null {
  try {
    const o = JSON.parse(readFileSync(path, 'utf8')) as Partial<Owner>;
    return typeof o.id === 'string' ? (o as Owner) : null;
  } catch {
    return null;
  }
}

let created = 0;

/**
 * A lock id unique across processes and hosts: pid, a counter and random bits. It names an owner,
 * it guards nothing secret (node:crypto is not loaded for it: `wxdesk token` starts faster).
 */
function newId(): string {
  return `${process.pid.toString(36)}.${(++created).toString(36)}.${Math.random().toString(36).slice(2, 12)}`;
}

/** Creates the lock file if nobody holds it: our id, or null when it is taken. */
function tryCreate(path: string): string | null {
  const me: Owner = { id: newId(), pid: process.pid, host: HOST };
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw e;
  }
  try {
    writeSync(fd, JSON.stringify(me));
  } finally {
    closeSync(fd);
  }
  return me.id;
}

/**
 * The id of an abandoned lock ('' for a file with no readable owner), or null when the lock is
 * held by a live owner or is gone. Abandoned: the heartbeat (mtime) is older than staleMs, or the
 * owner ran on this host and its pid is gone.
 */
function abandoned(path: string, staleMs: number): string | null {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path).mtimeMs;
  } catch {
    return null;
  }
  const owner = readOwner(path);
  if (Date.now() - mtimeMs > staleMs) return owner?.id ?? '';
  // An unreadable file younger than staleMs is an owner caught between create and write.
  if (owner && owner.host === HOST && !alive(owner.pid)) return owner.id;
  return null;
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Removes the lock at `path` if it still carries `id` ('' = no readable owner). Serialized by a guard lock. */
function removeIf(path: string, id: string): boolean {
  return withGuard(`${path}.guard`, () => {
    const owner = readOwner(path);
    if ((owner?.id ?? '') !== id) return false;
    try {
      unlinkSync(path);
      return true;
    } catch {
      return false;
    }
  });
}

/** Removes the file at `path` if it carries `id`, without a guard: for the guard itself. */
function unlinkIf(path: string, id: string): void {
  if ((readOwner(path)?.id ?? '') !== id) return;
  try {
    unlinkSync(path);
  } catch {
    // Gone already.
  }
}

/**
 * Holds the lock file at `path` around fn, spinning synchronously while a live owner has it, and
 * taking over one abandoned for staleMs. `remove` takes a lock file away by its id.
 */
function holdSync<T>(path: string, fn: () => T, staleMs: number, timeoutMs: number, remove: (path: string, id: string) => unknown): T {
  const started = Date.now();
  for (;;) {
    const id = tryCreate(path);
    if (id) {
      try {
        return fn();
      } finally {
        remove(path, id);
      }
    }
    const stale = abandoned(path, staleMs);
    if (stale !== null) {
      remove(path, stale);
      continue;
    }
    if (Date.now() - started > timeoutMs) throw new WxError('LOCK_TIMEOUT');
    Atomics.wait(pause, 0, 0, 1);
  }
}

/**
 * The guard: held for microseconds around a check-and-unlink. Its own takeover is by age only (no
 * owner ever holds it for long), and its removal checks the id too; two waiters judging it stale
 * at once is the one race left, and it needs a process to die inside those microseconds first.
 */
function withGuard<T>(path: string, fn: () => T): T {
  return holdSync(path, fn, 2_000, 10_000, unlinkIf);
}

export class FileLock implements Locker {
  private readonly staleMs: number;
  private readonly heartbeatMs: number;
  private readonly pollMs: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly dir: string,
    opts: FileLockOptions = {},
  ) {
    this.staleMs = opts.staleMs ?? 30_000;
    this.heartbeatMs = opts.heartbeatMs ?? Math.max(10, Math.floor(this.staleMs / 4));
    this.pollMs = opts.pollMs ?? 20;
    // A live owner finishes a refresh within about two minutes (retry window plus timeouts).
    this.timeoutMs = opts.timeoutMs ?? 150_000;
  }

  async acquire(name: string): Promise<Lease> {
    privateDir(this.dir);
    const path = join(this.dir, `${name.replace(/[^A-Za-z0-9_-]/g, '_')}.lock`);
    const started = Date.now();
    for (;;) {
      const id = tryCreate(path);
      if (id) return this.lease(path, id);
      const stale = abandoned(path, this.staleMs);
      if (stale !== null) {
        removeIf(path, stale);
        continue;
      }
      if (Date.now() - started > this.timeoutMs) throw new WxError('LOCK_TIMEOUT');
      await new Promise((r) => setTimeout(r, this.pollMs));
    }
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
        const now = new Date();
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

/**
 * Runs fn while holding a lock file, synchronously: for the store's read-modify-writes, which take
 * well under a millisecond but must not interleave across processes. No heartbeat is needed: a
 * holder that stays longer than staleMs has crashed.
 */
export function withFileLockSync<T>(path: string, fn: () => T, opts: { staleMs?: number; timeoutMs?: number } = {}): T {
  privateDir(dirname(path));
  return holdSync(path, fn, opts.staleMs ?? 10_000, opts.timeoutMs ?? 15_000, removeIf);
}
