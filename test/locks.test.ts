// The lock layer under the faults it meets in life: a full disk (a real tmpfs, filled), an empty
// lock file a crash left, a reader whose clock is far ahead of the owner's, and an owner in another
// PID namespace (a container sharing the hostname and the volume) whose pid means nothing here.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../electron/core/services';
import { FileLock, pidNamespace, withFileLock } from '../electron/core/state/lock';
import { APPID, SECRET, removeTempDirs, tempDir } from './fixtures/core';
import { FakeWeChat } from './fixtures/fake-wechat';

afterAll(() => removeTempDirs());

/** Counts event-loop turns while `during` runs and reports the longest gap between two (a frozen loop shows as one long gap). */
async function loopGaps<T>(during: () => Promise<T>): Promise<{ result: PromiseSettledResult<T>; longestGapMs: number; ticks: number }> {
  let last = performance.now();
  let longestGapMs = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
    ticks++;
  }, 2);
  const [result] = await Promise.allSettled([during()]);
  await new Promise((r) => setTimeout(r, 10));
  clearInterval(timer);
  longestGapMs = Math.max(longestGapMs, performance.now() - last);
  return { result, longestGapMs, ticks };
}

// ---- a real full disk -------------------------------------------------------------------------

/** A 1 MiB tmpfs at a fresh folder, or why one cannot be mounted here (CI containers lack CAP_SYS_ADMIN). */
function mountTmpfs(): { dir: string } | { skip: string } {
  const dir = tempDir('wxdesk-tmpfs-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=0700', 'tmpfs', dir], { stdio: 'pipe' });
    return { dir };
  } catch (e) {
    return { skip: `a tmpfs cannot be mounted here (${String((e as { stderr?: Buffer }).stderr ?? e).trim() || 'mount failed'}); the full-disk tests need root or CAP_SYS_ADMIN` };
  }
}

/** Writes into `dir` until the file system says ENOSPC. */
function fill(dir: string): void {
  const fd = openSync(join(dir, 'filler'), 'w');
  try {
    for (const size of [64 * 1024, 4096, 1]) {
      const chunk = Buffer.alloc(size, 1);
      for (;;) {
        try {
          writeSync(fd, chunk);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw e;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}

const tmpfs = mountTmpfs();
const skipReason = 'skip' in tmpfs ? tmpfs.skip : undefined;
if (skipReason) console.warn(`test/locks.test.ts: full-disk tests skipped: ${skipReason}`);

describe('a full disk (a real 1 MiB tmpfs, filled)', () => {
  const root = 'dir' in tmpfs ? tmpfs.dir : '';
  let fake: FakeWeChat;
  let core: Core;
  let token: string;
  const data = join(root, 'data');

  beforeAll(async () => {
    if (skipReason) return;
    fake = await FakeWeChat.start();
    fake.addAccount(APPID, SECRET);
    mkdirSync(data, { mode: 0o700 });
    core = createCore({ dataDir: data, retry: { baseMs: 1, maxMs: 2 }, timeoutMs: 2_000 });
    await core.accounts.save({ appId: APPID, secret: SECRET, apiBase: fake.url, mode: 'classic' });
    token = (await core.keeper.get(APPID)).token;
    fill(root);
  });

  afterAll(async () => {
    if (skipReason) return;
    await core.close();
    await fake.close();
    execFileSync('umount', [root]);
  });

  const lockFiles = () => readdirSync(join(data, 'locks'));

  it.skipIf(skipReason !== undefined)('a lock that cannot be written is removed and named: STORE_WRITE, the folder, "disk full"', async () => {
    const locks = join(data, 'locks');
    await expect(new FileLock(locks).acquire('acct')).rejects.toMatchObject({ code: 'STORE_WRITE', message: expect.stringContaining(`${locks} (disk full)`) });
    expect(lockFiles()).toEqual([]);
    const store = join(locks, 'store.lock');
    // Twice: an empty lock left by the first would make the second wait for it.
    for (let i = 0; i < 2; i++) {
      const { result, longestGapMs } = await loopGaps(async () => withFileLock(store, () => 'ran'));
      expect(result).toMatchObject({ status: 'rejected', reason: { code: 'STORE_WRITE', message: expect.stringContaining('disk full') } });
      expect(longestGapMs, 'the event loop was blocked').toBeLessThan(200);
    }
    expect(lockFiles()).toEqual([]);
  }, 5_000);

  it.skipIf(skipReason !== undefined)('the keeper serves the token it holds, fails a refresh by name at once, and never freezes the event loop', async () => {
    const { result, longestGapMs, ticks } = await loopGaps(async () => {
      const held = await core.keeper.get(APPID);
      const refresh = await Promise.allSettled([core.keeper.refresh(APPID, 'manual')]);
      const again = await core.keeper.get(APPID);
      await core.backend.update(APPID, (e) => e).catch((e: unknown) => e);
      return { held: held.token, refresh: refresh[0], again: again.token };
    });
    expect(result.status).toBe('fulfilled');
    const r = (result as PromiseFulfilledResult<{ held: string; refresh: PromiseSettledResult<unknown>; again: string }>).value;
    expect(r.held).toBe(token);
    expect(r.again).toBe(token);
    expect(r.refresh).toMatchObject({ status: 'rejected', reason: { code: 'STORE_WRITE', message: expect.stringContaining('disk full') } });
    expect(core.keeper.state(APPID).lastError?.error.code).toBe('STORE_WRITE');
    // No upstream call without the account's lock (a classic fetch would retire the token others hold).
    expect(fake.count()).toBe(1);
    expect(longestGapMs, `the event loop was blocked (${ticks} turns)`).toBeLessThan(200);
    expect(lockFiles()).toEqual([]);
  }, 5_000);
});

// ---- locks judged by what their owner does ----------------------------------------------------

describe('an abandoned lock is judged by its owner, not by the reader\'s clock', () => {
  it('an empty lock file a crash left (between create and write) is cleared within about a second, on timers', async () => {
    const path = join(tempDir(), 'locks', 'store.lock');
    mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
    writeFileSync(path, '');
    const { result, longestGapMs } = await loopGaps(async () => withFileLock(path, () => 'ran'));
    expect(result).toEqual({ status: 'fulfilled', value: 'ran' });
    expect(longestGapMs, 'the event loop was blocked').toBeLessThan(200);
  }, 3_000);

  it('a live owner whose clock is an hour behind the reader\'s (a reader whose clock jumped forward) keeps its lock', async () => {
    const locks = join(tempDir(), 'locks');
    const owner = new FileLock(locks, { staleMs: 300, heartbeatMs: 30, now: () => Date.now() - 3_600_000 });
    const reader = new FileLock(locks, { staleMs: 300, pollMs: 10, timeoutMs: 1_200 });
    const held = await owner.acquire('acct');
    try {
      await expect(reader.acquire('acct')).rejects.toMatchObject({ code: 'LOCK_TIMEOUT' });
      expect(held.lost).toBe(false);
    } finally {
      held.release();
    }
    (await reader.acquire('acct')).release();
  }, 5_000);

  it('an owner in another PID namespace (a container with the same hostname) is not robbed because its pid is unknown here', async () => {
    const locks = join(tempDir(), 'locks');
    mkdirSync(locks, { recursive: true, mode: 0o700 });
    const file = join(locks, 'acct.lock');
    // A pid that is surely not running in this namespace: a process that has just exited.
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const lock = new FileLock(locks, { staleMs: 60_000, pollMs: 10, timeoutMs: 300 });
    writeFileSync(file, JSON.stringify({ id: 'other-ns', pid: gone, host: hostname(), ns: 'another-boot/pid:[4026532999]' }));
    await expect(lock.acquire('acct')).rejects.toMatchObject({ code: 'LOCK_TIMEOUT' });
    // The same owner in this namespace is known gone, and its lock is taken over at once.
    rmSync(file);
    const here = pidNamespace();
    writeFileSync(file, JSON.stringify({ id: 'this-ns', pid: gone, host: hostname(), ...(here === null ? {} : { ns: here }) }));
    (await lock.acquire('acct')).release();
  });
});
