// A lock file per account, so that the desktop app, `wxdesk serve` and a one-off `wxdesk token` on
// one data dir make one upstream call between them. O_EXCL creation is atomic on local file
// systems; a lock whose owner died (same host, pid gone) or that is older than staleMs is taken over.
import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
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
    // Longer than the longest refresh (all retries of hung connections), so a live owner is never robbed.
    this.staleMs = opts.staleMs ?? 120_000;
    this.pollMs = opts.pollMs ?? 20;
    this.timeoutMs = opts.timeoutMs ?? 150_000;
  }

  async acquire(name: string): Promise<() => void> {
    mkdirSync(this.dir, { recursive: true });
    const path = join(this.dir, `${name.replace(/[^A-Za-z0-9_-]/g, '_')}.lock`);
    const me: Owner = { pid: process.pid, host: hostname(), at: Date.now() };
    const started = Date.now();
    for (;;) {
      try {
        const fd = openSync(path, 'wx', 0o600);
        writeSync(fd, JSON.stringify(me));
        closeSync(fd);
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
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      if (this.isStale(path)) {
        try {
          unlinkSync(path);
        } catch {
          // Another waiter removed it first; try to create it again.
        }
        continue;
      }
      if (Date.now() - started > this.timeoutMs) throw new WxError('LOCK_TIMEOUT');
      await new Promise((r) => setTimeout(r, this.pollMs));
    }
  }

  private isStale(path: string): boolean {
    let owner: Owner;
    try {
      owner = JSON.parse(readFileSync(path, 'utf8')) as Owner;
    } catch {
      // Gone already, or caught between its owner's create and write. A file that stays unreadable
      // (its owner crashed in between) is stale after a few seconds.
      try {
        return Date.now() - statSync(path).mtimeMs > 5_000;
      } catch {
        return false;
      }
    }
    if (Date.now() - owner.at > this.staleMs) return true;
    return owner.host === hostname() && !alive(owner.pid);
  }
}
