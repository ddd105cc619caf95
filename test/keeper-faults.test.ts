// Faults that used to spin or flood: every outcome, unexpected exceptions included, must end in a
// recorded error and a wait. Time runs on a FakeClock, so "an hour" is exact and the number of
// upstream calls in it is the measure.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createCore, type Core, type CoreOptions } from '../electron/core/services';
import { FileLock } from '../electron/core/state/lock';
import type { TokenMode } from '../electron/core/state/records';
import type { WeChatApi } from '../electron/core/wechat';
import { FakeClock } from './fixtures/clock';
import { APPID, SECRET, tempDir } from './fixtures/core';
import { closedAfterEach } from './fixtures/cleanup';
import { FakeWeChat } from './fixtures/fake-wechat';

const { cores, fakes } = closedAfterEach();

async function startFake(clock?: FakeClock): Promise<FakeWeChat> {
  const fake = await FakeWeChat.start({ now: clock?.now });
  fake.addAccount(APPID, SECRET);
  fakes.push(fake);
  return fake;
}

async function core(fake: FakeWeChat | null, opts: Partial<CoreOptions> & { mode?: TokenMode } = {}): Promise<Core> {
  const c = createCore({ dataDir: opts.dataDir ?? tempDir(), retry: { baseMs: 1, maxMs: 2 }, timeoutMs: 2_000, ...opts });
  cores.push(c);
  await c.accounts.save({ appId: APPID, secret: SECRET, apiBase: fake?.url ?? 'http://127.0.0.1:9', mode: opts.mode ?? 'stable' });
  return c;
}

/** Moves the clock an hour in one-minute steps, firing every timer on the way. */
async function anHour(clock: FakeClock): Promise<void> {
  for (let i = 0; i < 60; i++) await clock.advance(60_000);
}

describe('the scheduler always waits', () => {
  it('a secret removed under a running keeper: nothing goes upstream, the error is stored and shown, the timer idles', async () => {
    const clock = new FakeClock();
    const fake = await startFake(clock);
    const c = await core(fake, { clock });
    rmSync(join(c.dataDir, 'secrets.json'));
    await new Promise((r) => setTimeout(r, 25)); // removed by a person or another process: seen within 10 ms
    c.keeper.start();
    await clock.fireDue();
    await vi.waitFor(() => expect(c.keeper.state(APPID).lastError?.error.code).toBe('NO_SECRET'));
    await anHour(clock);
    expect(fake.count()).toBe(0);
    // Looked at again now and then (a secret file restored by hand counts), never in a loop.
    const attempts = c.keeper.history(APPID).length;
    expect(attempts).toBeGreaterThanOrEqual(1);
    expect(attempts).toBeLessThanOrEqual(7);
    expect(clock.pending().length).toBeLessThanOrEqual(2);
    // Saving the secret again frees it at once.
    await c.accounts.save({ appId: APPID, secret: SECRET });
    await clock.advance(1_000); // the scheduler's floor: one second after its last look
    await vi.waitFor(() => expect(c.keeper.state(APPID).status).toBe('valid'));
    expect(fake.count()).toBe(1);
  });

  it('an exception that is not a WeChat error is recorded and backed off, not retried in a loop', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const broken: WeChatApi = {
      classicToken: async () => {
        calls++;
        throw new TypeError("Cannot read properties of undefined (reading 'access_token')");
      },
      stableToken: async () => {
        calls++;
        throw new TypeError("Cannot read properties of undefined (reading 'access_token')");
      },
      ticket: async () => {
        throw new TypeError('unused');
      },
    };
    const c = await core(null, { clock, client: broken });
    c.keeper.start();
    await clock.fireDue();
    await vi.waitFor(() => expect(c.keeper.state(APPID).lastError?.error.code).toBe('INTERNAL'));
    await anHour(clock);
    // Backoff 15 s, 30 s, 1, 2, 4 min, then every 5 min: about 15 in an hour, not thousands.
    expect(calls).toBeGreaterThan(3);
    expect(calls).toBeLessThanOrEqual(20);
    expect(c.keeper.state(APPID).lastError?.error.message).toMatch(/internal error/);
  });

  it.each<TokenMode>(['classic', 'stable'])('%s: a store that cannot be written costs one upstream call per token lifetime, serves the token from memory, and says why', async (mode) => {
    const clock = new FakeClock();
    const fake = await startFake(clock);
    const dataDir = tempDir();
    let diskFull = false;
    const writes = { failed: 0 };
    const c = await core(fake, {
      clock,
      mode,
      dataDir,
      writeConfig: (doc) => {
        if (diskFull) {
          writes.failed++;
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        }
        // The real writer, through a path the test controls.
        rmSync(join(dataDir, 'config.json'), { force: true });
        writeFileSync(join(dataDir, 'config.json'), JSON.stringify(doc), { mode: 0o600 });
      },
    });
    diskFull = true;
    c.keeper.start();
    await clock.fireDue();
    await vi.waitFor(() => expect(c.keeper.state(APPID).lastError?.error.code).toBe('STORE_WRITE'));
    expect(fake.count()).toBe(1);
    // Callers get the token that could not be written, without another call.
    const t = await c.keeper.get(APPID);
    expect(fake.isValid(t.token)).toBe(true);
    expect(c.keeper.state(APPID).token?.token).toBe(t.token);
    await anHour(clock);
    expect(fake.count()).toBe(1);
    // Over a whole lifetime and the next one: one call per token, not a flood.
    await anHour(clock);
    await anHour(clock);
    expect(fake.count()).toBeLessThanOrEqual(2);
    expect(writes.failed).toBeGreaterThan(0);
    // Space again: the next refresh stores its token and the error clears.
    diskFull = false;
    await c.keeper.refresh(APPID, 'manual');
    expect(c.keeper.state(APPID).lastError).toBeUndefined();
    expect(c.backend.entry(APPID)?.token?.token).toBe(c.keeper.state(APPID).token?.token);
  });
});

describe('locks with a heartbeat', () => {
  it('a refresh slower than the stale limit keeps its lock: no second owner, one upstream call', async () => {
    const fake = await startFake();
    const dataDir = tempDir();
    const lock = () => new FileLock(join(dataDir, 'locks'), { staleMs: 200, heartbeatMs: 40, pollMs: 10 });
    const a = await core(fake, { dataDir, locker: lock() });
    const b = createCore({ dataDir, retry: { baseMs: 1, maxMs: 2 }, locker: lock() });
    cores.push(b);
    // The upstream answer takes five stale limits.
    fake.fail({ delayMs: 1_000 });
    const [ta, tb] = await Promise.all([a.keeper.get(APPID), b.keeper.get(APPID)]);
    expect(ta.token).toBe(tb.token);
    expect(fake.count()).toBe(1);
  });
});

describe('a lock taken over, and tokens stored out of order', () => {
  it('a refresh whose lock was taken over while it stalled does not store: the new owner\'s token stays', async () => {
    const fake = await startFake();
    const dataDir = tempDir();
    const locks = join(dataDir, 'locks');
    // A's heartbeat is far slower than the stale limit: a process that stalled (suspended) with the lock.
    const a = await core(fake, { dataDir, mode: 'classic', locker: new FileLock(locks, { staleMs: 150, heartbeatMs: 10_000, pollMs: 10 }) });
    const b = createCore({ dataDir, retry: { baseMs: 1, maxMs: 2 }, locker: new FileLock(locks, { staleMs: 150, heartbeatMs: 30, pollMs: 10 }) });
    cores.push(b);
    fake.fail({ delayMs: 800 });
    const slow = a.keeper.refresh(APPID, 'manual');
    await vi.waitFor(() => expect(fake.count()).toBe(1));
    // B finds the lock unchanged past the stale limit, takes it over, and stores its token first.
    const tb = await b.keeper.refresh(APPID, 'manual');
    expect(b.backend.freshEntry(APPID)?.token?.token).toBe(tb.token);
    const ta = await slow;
    expect(fake.count()).toBe(2);
    // A's answer came after B's write, under a lease it no longer held: not stored, and A's caller
    // gets the token the store holds.
    expect(a.backend.freshEntry(APPID)?.token?.token).toBe(tb.token);
    expect(ta.token).toBe(tb.token);
  });

  it('a token obtained earlier than the stored one never replaces it (compare-and-set on obtainedAt)', async () => {
    const fake = await startFake();
    const dataDir = tempDir();
    const early = new FakeClock();
    const late = new FakeClock(early.now() + 60_000);
    // Two lock folders: two owners at once, as when a lock was taken over between the check and the write.
    const a = await core(fake, { dataDir, mode: 'classic', clock: early, locker: new FileLock(join(dataDir, 'locks-a')) });
    const b = createCore({ dataDir, clock: late, retry: { baseMs: 1, maxMs: 2 }, locker: new FileLock(join(dataDir, 'locks-b')) });
    cores.push(b);
    fake.fail({ delayMs: 500 });
    const slow = a.keeper.refresh(APPID, 'manual');
    await vi.waitFor(() => expect(fake.count()).toBe(1));
    const tb = await b.keeper.refresh(APPID, 'manual');
    const ta = await slow;
    expect(ta.token).toBe(tb.token); // A answers with the newer stored token
    const stored = a.backend.freshEntry(APPID)?.token;
    expect(stored?.token).toBe(tb.token);
    expect(stored?.obtainedAt).toBe(late.now());
  });
});

describe('tickets across processes', () => {
  it('two keepers on one data dir whose ticket is due together make one getticket call between them', async () => {
    const fake = await startFake();
    const dataDir = tempDir();
    const a = await core(fake, { dataDir });
    const b = createCore({ dataDir, retry: { baseMs: 1, maxMs: 2 } });
    cores.push(b);
    await a.keeper.get(APPID);
    await vi.waitFor(() => expect(b.keeper.cached(APPID)).toBeDefined());
    // Slow enough that the second keeper asks while the first call is out.
    fake.fail({ delayMs: 300 }, { path: '/cgi-bin/ticket/getticket' });
    const [ta, tb] = await Promise.all([a.keeper.ticket(APPID, 'jsapi'), b.keeper.ticket(APPID, 'jsapi')]);
    expect(tb.ticket).toBe(ta.ticket);
    expect(fake.count('/cgi-bin/ticket/getticket')).toBe(1);
  });
});
