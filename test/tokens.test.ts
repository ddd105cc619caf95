// TokenKeeper against the fake WeChat API (a real HTTP server) and the real conf store on temp dirs.
// Timer behaviour runs on a FakeClock shared by the keeper and the fake, so expiry is exact.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WxError } from '../electron/core/errors';
import { createCore, type Core, type CoreOptions } from '../electron/core/services';
import type { TokenMode } from '../electron/core/state/records';
import { FakeClock, settle } from './fixtures/clock';
import { FakeWeChat, type Fault } from './fixtures/fake-wechat';

const APPID = 'wx00112233445566aa';
const SECRET = 'aa00112233445566778899aabbccddee';
const STABLE = '/cgi-bin/stable_token';
const CLASSIC = '/cgi-bin/token';

let dirs: string[] = [];
let cores: Core[] = [];
let fakes: FakeWeChat[] = [];

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'wxdesk-keeper-'));
  dirs.push(d);
  return d;
}

async function startFake(opts: { clock?: FakeClock; ttlSec?: number } = {}): Promise<FakeWeChat> {
  const fake = await FakeWeChat.start({ now: opts.clock?.now, ttlSec: opts.ttlSec });
  fake.addAccount(APPID, SECRET);
  fakes.push(fake);
  return fake;
}

function core(fake: FakeWeChat, opts: Partial<CoreOptions> & { mode?: TokenMode; autoRefresh?: boolean; add?: boolean } = {}): Core {
  const c = createCore({ dataDir: opts.dataDir ?? tempDir(), retry: { baseMs: 2, maxMs: 10 }, timeoutMs: 2_000, ...opts });
  cores.push(c);
  if (opts.add !== false) {
    void c.accounts.save({ appId: APPID, secret: SECRET, apiBase: fake.url, mode: opts.mode ?? 'stable', autoRefresh: opts.autoRefresh ?? true });
  }
  return c;
}

async function rejection(p: Promise<unknown>): Promise<WxError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(WxError);
    return e as WxError;
  }
  throw new Error('expected a rejection');
}

beforeEach(() => {
  dirs = [];
  cores = [];
  fakes = [];
});

afterEach(async () => {
  for (const c of cores) await c.close();
  for (const f of fakes) await f.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('get(): cache and single flight', () => {
  it.each<[TokenMode, string]>([
    ['stable', STABLE],
    ['classic', CLASSIC],
  ])('%s mode: the first call fetches, later calls answer from the store', async (mode, path) => {
    const fake = await startFake();
    const c = core(fake, { mode });
    const first = await c.keeper.get(APPID);
    expect(fake.isValid(first.token)).toBe(true);
    expect(first.mode).toBe(mode);
    const again = await c.keeper.get(APPID);
    expect(again.token).toBe(first.token);
    expect(fake.count(path)).toBe(1);
    expect(fake.count()).toBe(1);
  });

  it.each<TokenMode>(['stable', 'classic'])('%s mode: 500 concurrent callers on a cold account share one upstream call', async (mode) => {
    const fake = await startFake();
    fake.fail({ delayMs: 100 });
    const c = core(fake, { mode });
    const all = await Promise.all(Array.from({ length: 500 }, () => c.keeper.get(APPID)));
    expect(new Set(all.map((t) => t.token)).size).toBe(1);
    expect(fake.count()).toBe(1);
  });

  it('a restart on the same data dir answers from the persisted token with no upstream call', async () => {
    const fake = await startFake();
    const dataDir = tempDir();
    const a = core(fake, { dataDir });
    const t = await a.keeper.get(APPID);
    await a.close();
    const b = core(fake, { dataDir, add: false });
    expect((await b.keeper.get(APPID)).token).toBe(t.token);
    expect(fake.count()).toBe(1);
  });

  it('two keepers on one data dir (as two processes would be) make one upstream call between them', async () => {
    const fake = await startFake();
    fake.fail({ delayMs: 200 });
    const dataDir = tempDir();
    const a = core(fake, { dataDir });
    const b = core(fake, { dataDir, add: false });
    const [ta, tb] = await Promise.all([a.keeper.get(APPID), b.keeper.get(APPID)]);
    expect(ta.token).toBe(tb.token);
    expect(fake.count()).toBe(1);
  });

  it('a token about to expire is not handed out: it is refreshed first', async () => {
    const clock = new FakeClock();
    const fake = await startFake({ clock });
    const c = core(fake, { mode: 'classic', clock });
    const first = await c.keeper.get(APPID);
    clock.sleepFor(7200_000 - 30_000);
    const second = await c.keeper.get(APPID);
    expect(second.token).not.toBe(first.token);
    expect(fake.count(CLASSIC)).toBe(2);
  });
});

describe('faults', () => {
  const transient: Fault[] = ['busy', 'http500', 'truncated', 'html', 'reset'];
  it.each(transient)('transient fault %s is retried with backoff and ends in a token', async (fault) => {
    const fake = await startFake();
    fake.fail(fault, { times: 2 });
    const c = core(fake);
    const t = await c.keeper.get(APPID);
    expect(fake.isValid(t.token)).toBe(true);
    expect(fake.count()).toBe(3);
    const [entry] = c.keeper.history(APPID);
    expect(entry).toMatchObject({ outcome: 'ok', attempts: 3, trigger: 'demand' });
  });

  it('a hung connection times out and the retry gets a token', async () => {
    const fake = await startFake();
    fake.fail('hang');
    const c = core(fake, { timeoutMs: 300 });
    const t = await c.keeper.get(APPID);
    expect(fake.isValid(t.token)).toBe(true);
    expect(fake.count()).toBe(2);
  });

  it('retries are bounded: a fault that does not clear ends in an error after the configured attempts', async () => {
    const fake = await startFake();
    fake.fail('busy', { times: 10 });
    const c = core(fake, { retry: { attempts: 3, baseMs: 1, maxMs: 2 } });
    const err = await rejection(c.keeper.get(APPID));
    expect(err.code).toBe(-1);
    expect(fake.count()).toBe(3);
    expect(c.keeper.state(APPID).lastError?.error.code).toBe(-1);
  });

  it('40164 fails fast with the IP to whitelist, and demand callers get the stored error for a while', async () => {
    const clock = new FakeClock();
    const fake = await startFake({ clock });
    fake.whitelist(APPID, '203.0.113.7');
    const c = core(fake, { clock });
    const err = await rejection(c.keeper.get(APPID));
    expect(err.code).toBe(40164);
    expect(err.ip).toBe('203.0.113.7');
    expect(err.message).toContain('203.0.113.7');
    expect(err.hint).toMatch(/whitelist|白名单/i);
    expect(err.rid).toBeTruthy();
    expect(fake.count()).toBe(1);
    // Hammering get() does not hammer WeChat.
    const again = await rejection(c.keeper.get(APPID));
    expect(again.code).toBe(40164);
    expect(again.ip).toBe('203.0.113.7');
    expect(fake.count()).toBe(1);
    // Once whitelisted (and the quiet period is over), it works.
    fake.whitelist(APPID, null);
    clock.sleepFor(11_000);
    expect(fake.isValid((await c.keeper.get(APPID)).token)).toBe(true);
    expect(fake.count()).toBe(2);
  });

  it('45009 fails fast and names its code', async () => {
    const fake = await startFake();
    fake.fail({ errcode: 45009 }, { times: 5 });
    const c = core(fake);
    const err = await rejection(c.keeper.get(APPID));
    expect(err.code).toBe(45009);
    expect(err.kind).toBe('limit');
    expect(fake.count()).toBe(1);
  });

  it('a wrong AppSecret costs one call and is explained', async () => {
    const fake = await startFake();
    const c = createCore({ dataDir: tempDir(), retry: { baseMs: 1, maxMs: 2 } });
    cores.push(c);
    await c.accounts.save({ appId: APPID, secret: 'ffffffffffffffffffffffffffffffff', apiBase: fake.url });
    const err = await rejection(c.keeper.get(APPID));
    expect(err.code).toBe(40001);
    expect(err.kind).toBe('config');
    expect(err.message).toMatch(/AppSecret/);
    expect(err.text('zh-CN').message).toMatch(/AppSecret/);
    expect(fake.count()).toBe(1);
  });

  it('a failed refresh never discards a token that is still valid', async () => {
    const fake = await startFake();
    const c = core(fake, { mode: 'classic', retry: { attempts: 2, baseMs: 1, maxMs: 2 } });
    const good = await c.keeper.get(APPID);
    fake.fail('http500', { times: 2 });
    const err = await rejection(c.keeper.refresh(APPID, 'manual'));
    expect(err.code).toBe('HTTP_STATUS');
    expect(c.keeper.state(APPID).token?.token).toBe(good.token);
    expect(c.keeper.state(APPID).lastError?.error.code).toBe('HTTP_STATUS');
    expect((await c.keeper.get(APPID)).token).toBe(good.token);
    expect(fake.count()).toBe(3);
  });
});

describe('forced refresh', () => {
  it('stable: force_refresh issues a new token; WeChat limits are enforced locally before any call', async () => {
    const clock = new FakeClock();
    const fake = await startFake({ clock });
    const c = core(fake, { clock });
    const first = await c.keeper.get(APPID);
    const forced = await c.keeper.forceRefresh(APPID);
    expect(forced.token).not.toBe(first.token);
    expect(fake.isValid(first.token)).toBe(false);
    expect(fake.forceCount(APPID)).toBe(1);

    const tooSoon = await rejection(c.keeper.forceRefresh(APPID));
    expect(tooSoon.code).toBe('FORCE_COOLDOWN');
    expect(fake.count()).toBe(2);
    expect(c.keeper.forceQuota(APPID)).toMatchObject({ usedToday: 1, remaining: 19 });

    for (let i = 0; i < 19; i++) {
      clock.sleepFor(31_000);
      await c.keeper.forceRefresh(APPID);
    }
    clock.sleepFor(31_000);
    const quota = await rejection(c.keeper.forceRefresh(APPID));
    expect(quota.code).toBe('FORCE_QUOTA');
    expect(fake.count()).toBe(21);
    expect(c.keeper.forceQuota(APPID).remaining).toBe(0);

    // The count is per Beijing day.
    clock.sleepFor(24 * 3600_000);
    expect(c.keeper.forceQuota(APPID).remaining).toBe(20);
  });

  it('a forced refresh that fails leaves the still-valid token in service', async () => {
    const fake = await startFake();
    const c = core(fake);
    const good = await c.keeper.get(APPID);
    fake.fail({ errcode: 45009 });
    const err = await rejection(c.keeper.forceRefresh(APPID));
    expect(err.code).toBe(45009);
    expect((await c.keeper.get(APPID)).token).toBe(good.token);
    expect(fake.isValid(good.token)).toBe(true);
    // WeChat said the day's forces are used up: the local count agrees, so the next force costs nothing.
    expect(c.keeper.forceQuota(APPID).remaining).toBe(0);
    expect(fake.count()).toBe(2);
  });

  it('classic: force is a plain new token', async () => {
    const fake = await startFake();
    const c = core(fake, { mode: 'classic' });
    const a = await c.keeper.get(APPID);
    const b = await c.keeper.forceRefresh(APPID);
    expect(b.token).not.toBe(a.token);
    expect(fake.count(CLASSIC)).toBe(2);
  });
});

describe('refresh-ahead timers', () => {
  async function until(cond: () => boolean): Promise<void> {
    await vi.waitFor(() => expect(cond()).toBe(true), { timeout: 5_000, interval: 5 });
  }

  it('start() fetches a cold auto-refresh account at once', async () => {
    const clock = new FakeClock();
    const fake = await startFake({ clock });
    const c = core(fake, { clock });
    c.keeper.start();
    await clock.fireDue();
    await until(() => fake.count() === 1);
    await until(() => c.keeper.state(APPID).status === 'valid');
  });

  it('a start with many accounts due refreshes them 8 at a time; a caller waiting on a token does not queue behind them', async () => {
    const fake = await startFake();
    const c = core(fake, { add: false });
    const ids = Array.from({ length: 20 }, (_, i) => `wx${(0xa0 + i).toString(16)}${'0'.repeat(14)}`);
    for (const id of ids) {
      fake.addAccount(id, SECRET);
      await c.accounts.save({ appId: id, secret: SECRET, apiBase: fake.url, mode: 'stable', autoRefresh: true });
    }
    fake.fail({ delayMs: 400 }, { times: 20 });
    c.keeper.start();
    await until(() => fake.count() === 8);
    await new Promise((r) => setTimeout(r, 150));
    // Eight calls out, twelve accounts queued: none of them has been asked for.
    expect(fake.count()).toBe(8);
    const waiting = ids.find((id) => !fake.calls.some((call) => call.body.includes(id)))!;
    const token = await c.keeper.get(waiting);
    expect(token.token).toBeTruthy();
    await until(() => ids.every((id) => c.keeper.state(id).status === 'valid'));
    // One call per account: the queued timer refresh of the account asked for found its token.
    expect(fake.count()).toBe(20);
  });

  it('classic: refreshes about 5 minutes before expiry, not before', async () => {
    const clock = new FakeClock();
    const fake = await startFake({ clock });
    const c = core(fake, { mode: 'classic', clock });
    const first = await c.keeper.get(APPID);
    c.keeper.start();
    expect(c.keeper.state(APPID).nextRefreshAt).toBe(first.expiresAt - 300_000);
    await clock.advance(7200_000 - 301_000);
    await settle();
    expect(fake.count()).toBe(1);
    await clock.advance(2_000);
    await until(() => fake.count() === 2);
    await until(() => c.keeper.state(APPID).token?.token !== first.token);
    // The replaced token still works for its 5 minutes of overlap.
    expect(fake.isValid(first.token)).toBe(true);
  });

  it('stable: re-syncs once WeChat has rotated, and gets the next token', async () => {
    const clock = new FakeClock();
    const fake = await startFake({ clock });
    const c = core(fake, { clock });
    const first = await c.keeper.get(APPID);
    c.keeper.start();
    await clock.advance(7200_000 - 296_000);
    expect(fake.count()).toBe(1);
    await clock.advance(2_000);
    await until(() => fake.count() === 2);
    await until(() => c.keeper.state(APPID).token?.token !== first.token);
    expect(c.keeper.history(APPID)[0]).toMatchObject({ trigger: 'timer', outcome: 'ok' });
  });

  it('stable: when the same token comes back, it asks again a little later instead of looping', async () => {
    const clock = new FakeClock();
    // WeChat's clock falls 20 s behind ours after the first hour: at our 295 s left it still counts
    // 315 s, so it has not rotated and returns the same token.
    const start = clock.now();
    const lagging = { now: () => clock.now() - (clock.now() - start > 3600_000 ? 20_000 : 0) } as FakeClock;
    const fake = await startFake({ clock: lagging });
    const c = core(fake, { clock });
    const first = await c.keeper.get(APPID);
    c.keeper.start();
    await clock.advance(7200_000 - 295_000 + 1_000);
    await until(() => c.keeper.history(APPID).length === 2);
    expect(fake.count()).toBe(2);
    expect(c.keeper.state(APPID).token?.token).toBe(first.token);
    expect(c.keeper.history(APPID)[0]).toMatchObject({ outcome: 'same', trigger: 'timer' });
    await clock.advance(10_000);
    expect(fake.count()).toBe(2);
    await clock.advance(25_000);
    await until(() => fake.count() === 3);
    await until(() => c.keeper.state(APPID).token?.token !== first.token);
  });

  it('a machine that slept past expiry refreshes as soon as it wakes', async () => {
    const clock = new FakeClock();
    const fake = await startFake({ clock });
    const c = core(fake, { mode: 'classic', clock });
    const first = await c.keeper.get(APPID);
    c.keeper.start();
    clock.sleepFor(3 * 3600_000);
    await clock.fireDue();
    await until(() => fake.count() === 2);
    await until(() => c.keeper.state(APPID).token?.token !== first.token);
  });

  it('short lifetimes refresh at half-life rather than at once', async () => {
    const clock = new FakeClock();
    const fake = await startFake({ clock, ttlSec: 120 });
    const c = core(fake, { mode: 'classic', clock });
    const first = await c.keeper.get(APPID);
    c.keeper.start();
    expect(c.keeper.state(APPID).nextRefreshAt).toBe(first.obtainedAt + 60_000);
    await clock.advance(59_000);
    expect(fake.count()).toBe(1);
    await clock.advance(2_000);
    await until(() => fake.count() === 2);
  });

  it('after a configuration fault the timer waits for a person instead of retrying', async () => {
    const clock = new FakeClock();
    const fake = await startFake({ clock });
    // WeChat rejects the secret (AppSecret reset on mp.weixin.qq.com): only a new secret helps.
    fake.addAccount(APPID, 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee');
    const c = core(fake, { clock });
    c.keeper.start();
    await clock.fireDue();
    await until(() => fake.count() === 1);
    await until(() => c.keeper.state(APPID).lastError?.error.code === 40001);
    await clock.advance(3600_000);
    expect(fake.count()).toBe(1);
    // Saving the account (the person fixed something) plans again.
    fake.addAccount(APPID, SECRET);
    clock.sleepFor(1);
    // No call to the keeper: the account service announces the change.
    await c.accounts.save({ appId: APPID, label: 'fixed' });
    await clock.fireDue();
    await until(() => fake.count() === 2);
    await until(() => c.keeper.state(APPID).status === 'valid');
  });

  it('40164 is fixed on WeChat\'s side: the timer looks again every 10 minutes, not more', async () => {
    const clock = new FakeClock();
    const fake = await startFake({ clock });
    fake.whitelist(APPID, '198.51.100.4');
    const c = core(fake, { clock });
    c.keeper.start();
    await clock.fireDue();
    await until(() => c.keeper.state(APPID).lastError?.error.code === 40164);
    await clock.advance(9 * 60_000);
    expect(fake.count()).toBe(1);
    // The whitelist is fixed on mp.weixin.qq.com; nobody touches WxDesk.
    fake.whitelist(APPID, null);
    await clock.advance(2 * 60_000);
    await until(() => fake.count() === 2);
    await until(() => c.keeper.state(APPID).status === 'valid');
  });

  it('after a transient failure the timer tries again later with backoff', async () => {
    const clock = new FakeClock();
    const fake = await startFake({ clock });
    fake.fail('busy', { times: 2 });
    const c = core(fake, { clock, retry: { attempts: 1 } });
    c.keeper.start();
    await clock.fireDue();
    await until(() => c.keeper.history(APPID).length === 1);
    await clock.advance(14_000);
    expect(fake.count()).toBe(1);
    await clock.advance(2_000);
    await until(() => c.keeper.history(APPID).length === 2);
    expect(fake.count()).toBe(2);
    // The second failure waits twice as long (30 s from the moment it was recorded, which a faster
    // client records a fake second sooner: hence 28 s quiet, then the call by 31 s).
    await clock.advance(28_000);
    expect(fake.count()).toBe(2);
    await clock.advance(3_000);
    await until(() => fake.count() === 3);
    await until(() => c.keeper.state(APPID).status === 'valid');
  });
});

describe('changes while a refresh is out, and from other processes', () => {
  it('a secret fixed while the wrong-secret call is out: the stale 40001 is not kept, the new secret is used', async () => {
    const fake = await startFake();
    const c = createCore({ dataDir: tempDir(), retry: { baseMs: 1, maxMs: 2 } });
    cores.push(c);
    await c.accounts.save({ appId: APPID, secret: 'ffffffffffffffffffffffffffffffff', apiBase: fake.url });
    fake.fail({ delayMs: 300 });
    const pending = c.keeper.get(APPID);
    await vi.waitFor(() => expect(fake.count()).toBe(1));
    await c.accounts.save({ appId: APPID, secret: SECRET });
    const t = await pending;
    expect(fake.isValid(t.token)).toBe(true);
    expect(c.keeper.state(APPID).lastError).toBeUndefined();
    expect(c.keeper.history(APPID).map((h) => h.outcome)).toEqual(['ok']);
  });

  it('an account removed while its refresh is out gets nothing written back', async () => {
    const fake = await startFake();
    const c = core(fake);
    fake.fail({ delayMs: 300 });
    const pending = c.keeper.get(APPID);
    await vi.waitFor(() => expect(fake.count()).toBe(1));
    await c.accounts.remove(APPID);
    const err = await rejection(pending);
    expect(err.code).toBe('NO_ACCOUNT');
    expect(c.backend.entry(APPID)).toBeUndefined();
    expect(c.backend.history(APPID)).toEqual([]);
  });

  it('45009 is not asked again by every caller: demand callers get the stored error for a minute', async () => {
    const clock = new FakeClock();
    const fake = await startFake({ clock });
    fake.fail({ errcode: 45009 }, { times: 10 });
    const c = core(fake, { clock });
    for (let i = 0; i < 5; i++) expect((await rejection(c.keeper.get(APPID))).code).toBe(45009);
    expect(fake.count()).toBe(1);
    clock.sleepFor(61_000);
    expect((await rejection(c.keeper.get(APPID))).code).toBe(45009);
    expect(fake.count()).toBe(2);
  });

  it('a classic force cannot loop: 30 s apart, checked before any call', async () => {
    const clock = new FakeClock();
    const fake = await startFake({ clock });
    const c = core(fake, { mode: 'classic', clock });
    await c.keeper.forceRefresh(APPID);
    expect((await rejection(c.keeper.forceRefresh(APPID))).code).toBe('FORCE_COOLDOWN');
    expect(fake.count(CLASSIC)).toBe(1);
    clock.sleepFor(31_000);
    await c.keeper.forceRefresh(APPID);
    expect(fake.count(CLASSIC)).toBe(2);
  });

  it('a running keeper picks up a fix made by another process, and accounts it added', async () => {
    const clock = new FakeClock();
    const fake = await startFake({ clock });
    const dataDir = tempDir();
    const running = createCore({ dataDir, clock, retry: { baseMs: 1, maxMs: 2 } });
    cores.push(running);
    await running.accounts.save({ appId: APPID, secret: 'ffffffffffffffffffffffffffffffff', apiBase: fake.url });
    running.keeper.start();
    await clock.fireDue();
    await vi.waitFor(() => expect(running.keeper.state(APPID).lastError?.error.code).toBe(40001));
    await clock.advance(600_000);
    expect(fake.count()).toBe(1);
    // `wxdesk accounts update --secret` in another process:
    const cli = createCore({ dataDir, clock });
    cores.push(cli);
    clock.sleepFor(1);
    await cli.accounts.save({ appId: APPID, secret: SECRET });
    const other = 'wx00112233445566ab';
    fake.addAccount(other, SECRET);
    await cli.accounts.save({ appId: other, secret: SECRET, apiBase: fake.url });
    await clock.advance(31_000);
    await vi.waitFor(() => expect(running.keeper.state(APPID).status).toBe('valid'));
    await vi.waitFor(() => expect(running.keeper.state(other).status).toBe('valid'));
  });
});

describe('tickets renewed with the token', () => {
  it('a timer refresh renews a cached ticket that would expire before the new token', async () => {
    const clock = new FakeClock();
    const fake = await startFake({ clock });
    const c = core(fake, { mode: 'classic', clock });
    await c.keeper.get(APPID);
    const first = await c.keeper.ticket(APPID, 'jsapi');
    c.keeper.start();
    await clock.advance(7200_000 - 299_000);
    await vi.waitFor(() => expect(fake.count('/cgi-bin/ticket/getticket')).toBe(2), { timeout: 5_000, interval: 5 });
    await vi.waitFor(() => expect(c.backend.entry(APPID)?.tickets?.jsapi?.expiresAt).toBeGreaterThan(first.expiresAt), { timeout: 5_000, interval: 5 });
    // Asking now costs nothing: the renewed ticket is in the cache.
    await c.keeper.ticket(APPID, 'jsapi');
    expect(fake.count('/cgi-bin/ticket/getticket')).toBe(2);
  });
});

describe('history and state', () => {
  it('keeps the last 100 attempts, persisted, with tokens redacted', async () => {
    const fake = await startFake();
    const dataDir = tempDir();
    const c = core(fake, { mode: 'classic', dataDir });
    const tokens: string[] = [];
    for (let i = 0; i < 105; i++) tokens.push((await c.keeper.refresh(APPID, 'manual')).token);
    fake.fail({ errcode: 40013 });
    await rejection(c.keeper.refresh(APPID, 'manual'));
    const history = c.keeper.history(APPID);
    expect(history).toHaveLength(100);
    expect(history[0]).toMatchObject({ outcome: 'error', trigger: 'manual', error: { code: 40013 } });
    expect(history[1]).toMatchObject({ outcome: 'ok', mode: 'classic', attempts: 1 });
    expect(history[1]!.fingerprint).toMatch(/^[0-9a-f]{8}$/);
    // History has a file of its own, one per account: reading a token never parses it.
    const historyFile = join(dataDir, 'history', `${APPID}.json`);
    const onDisk = readFileSync(join(dataDir, 'config.json'), 'utf8') + readFileSync(historyFile, 'utf8');
    expect(JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8')).history).toBeUndefined();
    const persisted = JSON.parse(readFileSync(historyFile, 'utf8')) as unknown[];
    expect(persisted).toHaveLength(100);
    // Only the current token is stored; history never holds one.
    for (const t of tokens.slice(0, -1)) expect(onDisk).not.toContain(t);
    expect(JSON.stringify(persisted)).not.toContain(tokens.at(-1)!);
    expect(onDisk).not.toContain(SECRET);
  });

  it('emits change events as state changes', async () => {
    const fake = await startFake();
    const c = core(fake);
    const reasons: string[] = [];
    c.keeper.on('change', (e) => reasons.push(e.reason));
    await c.keeper.get(APPID);
    expect(reasons).toContain('refreshing');
    expect(reasons).toContain('token');
  });

  it('a new AppSecret, mode or API base retires the stored token', async () => {
    const fake = await startFake();
    const c = core(fake);
    await c.keeper.get(APPID);
    await c.accounts.save({ appId: APPID, mode: 'classic' });
    expect(c.keeper.state(APPID).status).toBe('none');
    await c.keeper.get(APPID);
    expect(fake.count(CLASSIC)).toBe(1);
  });
});

describe('compare-and-refresh and tickets', () => {
  it('refreshIfCurrent refreshes only when the failed token is still the stored one', async () => {
    const fake = await startFake();
    const c = core(fake, { mode: 'classic' });
    const a = await c.keeper.get(APPID);
    const b = await c.keeper.refreshIfCurrent(APPID, a.token);
    expect(b.token).not.toBe(a.token);
    const again = await c.keeper.refreshIfCurrent(APPID, a.token);
    expect(again.token).toBe(b.token);
    expect(fake.count(CLASSIC)).toBe(2);
  });

  it('tickets are cached and re-fetched with a fresh token when WeChat says the token is stale', async () => {
    const fake = await startFake();
    const c = core(fake, { mode: 'classic' });
    const t1 = await c.keeper.ticket(APPID, 'jsapi');
    const t2 = await c.keeper.ticket(APPID, 'jsapi');
    expect(t2.ticket).toBe(t1.ticket);
    expect(fake.count('/cgi-bin/ticket/getticket')).toBe(1);
    // Someone else fetched two classic tokens: ours is now invalid.
    const token = c.keeper.state(APPID).token!.token;
    const other = await fetch(`${fake.url}/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${SECRET}`);
    await other.text();
    await (await fetch(`${fake.url}/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${SECRET}`)).text();
    expect(fake.isValid(token)).toBe(false);
    await c.backend.update(APPID, (e) => e && { ...e, tickets: undefined });
    const t3 = await c.keeper.ticket(APPID, 'jsapi');
    expect(t3.ticket).toBeTruthy();
    expect(c.keeper.state(APPID).token!.token).not.toBe(token);
    expect(fake.isValid(c.keeper.state(APPID).token!.token)).toBe(true);
  });
});
