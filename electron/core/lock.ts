// A lock file per account, so that the desktop app, `wxdesk serve` and a one-off `wxdesk token` on
// one data dir make one upstream call between them. O_EXCL creation is atomic on local file
// systems; a lock whose owner died (same host, pid gone) or that is older than staleMs is taken over.
import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { WxError } from './errors';

export interface Locker {
  acquire(name: string): Promise<() => void>;
}

export interface FileLockOptions {
  staleMs?: number;
  pollMs?: number;
  timeoutMs?: number;
}

interface Owner {
  pid: number;
  host: string;
  at: number;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class FileLock implements Locker {
  private readonly staleMs: number;
  private readonly pollMs: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly dir: string,
    opts: FileLockOptions = {},
  ) {
    // Longer than the longest refresh (no attempt starts after 60 s; one call is capped at 20 s), so a
    // live owner is never robbed.
    this.staleMs = opts.staleMs ?? 120_000;
    this.pollMs = opts.pollMs ?? 20;
    this.timeoutMs = opts.timeoutMs ?? 150_000;
  }

  async acquire(name: string): Promise<() => void> {
    mkdirSync(this.dir, { recursive: true });
    const path = join(this.dir, `${name.replace(/[^A-Za-z0-9_-]/g, '_')}.lock`);
    const started = Date.now();
    for (;;) {
      const release = tryLock(path);
      if (release) return release;
      const stale = staleOwner(path, this.staleMs);
      if (stale) {
        takeOver(path, stale);
        continue;
      }
      if (Date.now() - started > this.timeoutMs) throw new WxError('LOCK_TIMEOUT');
      await new Promise((r) => setTimeout(r, this.pollMs));
    }
  }
}

/** Creates the lock file if nobody holds it; returns its release, or null when it is taken. */
function tryLock(path: string): (() => void) | null {
  const me: Owner = { pid: process.pid, host: hostname(), at: Date.now() };
  try {
    const fd = openSync(path, 'wx', 0o600);
    writeSync(fd, JSON.stringify(me));
    closeSync(fd);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw e;
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    try {
      const owner = JSON.parse(readFileSync(path, 'utf8')) as Owner;
      if (owner.pid === me.pid && owner.at === me.at && owner.host === me.host) unlinkSync(path);
    } catch {
      // Already gone (taken over as stale): nothing to release.
    }
  };
}

/**
 * Removes a lock judged stale. Moved aside first (rename is atomic), then checked: if what was
 * moved is not the owner that was judged dead (another waiter took the lock over in between and
 * created a fresh one), it is put back where it was.
 */
function takeOver(path: string, judged: Owner | 'unreadable'): void {
  const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    renameSync(path, aside);
  } catch {
    return; // Gone already: another waiter took it over.
  }
  let moved: Owner | null = null;
  try {
    moved = JSON.parse(readFileSync(aside, 'utf8')) as Owner;
  } catch {
    moved = null;
  }
  const same = judged === 'unreadable' ? moved === null : moved !== null && moved.pid === judged.pid && moved.at === judged.at && moved.host === judged.host;
  if (!same) {
    try {
      linkSync(aside, path); // Fails if someone holds the path now: then that holder is the owner.
    } catch {
      // Nothing to restore.
    }
  }
  try {
    unlinkSync(aside);
  } catch {
    // Already removed.
  }
}

/** The owner of a stale lock (died on this host, older than staleMs, or unreadable for seconds), or null. */
function staleOwner(path: string, staleMs: number): Owner | 'unreadable' | null {
  let owner: Owner;
  try {
    owner = JSON.parse(readFileSync(path, 'utf8')) as Owner;
  } catch {
    // Gone already, or caught between its owner's create and write. A file that stays unreadable
    // (its owner crashed in between) is stale after a few seconds.
    try {
      return Date.now() - statSync(path).mtimeMs > 5_000 ? 'unreadable' : null;
    } catch {
      return null;
    }
  }
  if (Date.now() - owner.at > staleMs) return owner;
  return owner.host === hostname() && !alive(owner.pid) ? owner : null;
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Runs fn while holding a lock file, synchronously: for the store's read-modify-writes, which take
 * well under a millisecond but must not interleave across processes.
 */
export function withFileLockSync<T>(path: string, fn: () => T, opts: { staleMs?: number; timeoutMs?: number } = {}): T {
  mkdirSync(join(path, '..'), { recursive: true });
  const staleMs = opts.staleMs ?? 10_000;
  const started = Date.now();
  for (;;) {
    const release = tryLock(path);
    if (release) {
      try {
        return fn();
      } finally {
        release();
      }
    }
    const stale = staleOwner(path, staleMs);
    if (stale) {
      takeOver(path, stale);
      continue;
    }
    if (Date.now() - started > (opts.timeoutMs ?? 15_000)) throw new WxError('LOCK_TIMEOUT');
    Atomics.wait(pause, 0, 0, 2);
  }
}
