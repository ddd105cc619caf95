// The team-wide lock of one account's refresh, in Redis: SET NX PX with a random id, kept alive by
// a compare-and-PEXPIRE heartbeat while its owner works, released by a compare-and-DEL, so only the
// owner's id ever extends or removes it (as lock.ts does with files). A heartbeat that finds another
// id marks the lease lost.
//
// A SET NX that timed out (a frozen Redis) may still run once Redis answers again, leaving a lock
// nobody owns; likewise a release that timed out. Their ids are kept, and releaseUnsure() deletes
// those locks (only if they still hold our id) once Redis answers: on the same connection, after
// every command sent before it, so the late SET NX has run by then.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Clock } from '../clock';
import { WxError } from '../errors';
import type { Lease } from './lock';

/** Heartbeat: extend only our own lock. */
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
/** Release: delete only our own lock. */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export interface RedisLockOptions {
  cmd: Redis;
  clock: Clock;
  /** Key prefix; the lock of `name` is `<prefix>lock:<name>`. */
  prefix: string;
  /** A lock whose owner stopped renewing it is free after this long. */
  ttlMs: number;
  /** How long acquiring may wait for a live owner before LOCK_TIMEOUT. */
  waitMs: number;
}

export class RedisLock {
  /** Locks that may be ours without anyone holding them: key → ids. */
  private readonly unsure = new Map<string, Set<string>>();

  constructor(private readonly opts: RedisLockOptions) {}

  /** Resolves once held; rejects with LOCK_TIMEOUT, or with Redis's own error when it cannot be asked. */
  async acquire(name: string): Promise<Lease> {
    const { cmd, clock, ttlMs, waitMs } = this.opts;
    const key = `${this.opts.prefix}lock:${name}`;
    const id = randomBytes(12).toString('hex');
    const started = clock.now();
    for (;;) {
      let answer: string | null;
      try {
        answer = await cmd.set(key, id, 'PX', ttlMs, 'NX');
      } catch (e) {
        // Unanswered is not refused: it may yet run.
        this.remember(key, id);
        throw e;
      }
      if (answer === 'OK') break;
      if (clock.now() - started > waitMs) throw new WxError('LOCK_TIMEOUT');
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 50));
    }
    let lost = false;
    const beat = setInterval(() => {
      cmd.eval(RENEW, 1, key, id, String(ttlMs)).then(
        (n) => {
          if (n === 0) lost = true;
        },
        () => undefined,
      );
    }, ttlMs / 4);
    beat.unref();
    return {
      get lost() {
        return lost;
      },
      release: () => {
        clearInterval(beat);
        void cmd.eval(RELEASE, 1, key, id).catch(() => this.remember(key, id));
      },
    };
  }

  /** Deletes every lock a timed-out acquire or release may have left, where it still holds our id. Rejects if Redis cannot be asked (kept for next time). */
  async releaseUnsure(): Promise<void> {
    for (const [key, ids] of this.unsure) {
      for (const id of ids) {
        await this.opts.cmd.eval(RELEASE, 1, key, id);
        ids.delete(id);
      }
      this.unsure.delete(key);
    }
  }

  private remember(key: string, id: string): void {
    let ids = this.unsure.get(key);
    if (!ids) this.unsure.set(key, (ids = new Set()));
    ids.add(id);
  }
}
