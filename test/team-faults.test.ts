// Team mode under the faults of issue 19 (items 1, 6, 9), against a real redis-server and the fake
// WeChat API: a Redis that stops answering (SIGSTOP), a machine cut off while a teammate removes an
// account (its Redis user disabled by ACL, so the rest of the team stays connected), a removal made
// by a short-lived CLI process while Redis is out of reach, an unreadable value in Redis, and the
// pure rules of merging two views and spacing reconnects.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { systemClock } from '../electron/core/clock';
import { mergeEntries } from '../electron/core/state/merge';
import { RedisEntries } from '../electron/core/state/redis-entries';
import { reconnectDelay } from '../electron/core/state/redis-link';
import type { AccountEntry } from '../electron/core/state/records';
import { APPID, OTHER_APPID, OTHER_SECRET, SECRET, startServe, tempDir, wxdesk } from './fixtures/core';
import { teamMachine, teamSuite, until } from './fixtures/team';

const t = teamSuite();
let admin: Redis;

beforeEach(async () => {
  admin = new Redis(t.redis.url);
  // A second Redis user, so one machine can be cut off while the others stay connected.
  await admin.call('ACL', 'SETUSER', 'alice', 'on', '>alice-pw', '~*', '&*', '+@all');
});
// Runs before the suite's own cleanup (hooks after a test run last-registered first): a frozen
// Redis is thawed before any machine is closed.
afterEach(async () => {
  t.redis.thaw();
  await admin.call('ACL', 'SETUSER', 'alice', 'on');
  admin.disconnect();
});

const aliceUrl = () => t.redis.url.replace('redis://', 'redis://alice:alice-pw@');

/** Alice's connections closed and refused (her machine cannot reach Redis; Redis keeps its data). */
async function cutOffAlice(): Promise<void> {
  await admin.call('ACL', 'SETUSER', 'alice', 'off');
  await admin.call('CLIENT', 'KILL', 'USER', 'alice');
}

/** A machine: its own data dir, team mode through the test's Redis; commands unanswered for 300 ms put it offline. */
const machine = (opts: { url?: string; dataDir?: string } = {}) => teamMachine(opts.url ?? t.redis.url, t.cores, { dataDir: opts.dataDir, commandTimeoutMs: 300 });

describe('a Redis that stops answering (SIGSTOP)', () => {
  it('two machines: offline at the first unanswered command, no second classic token, no orphan lock; thawed, pending writes arrive', async () => {
    const a = await machine();
    const b = await machine();
    await a.accounts.save({ appId: APPID, secret: SECRET, apiBase: t.fake.url, mode: 'classic' });
    await until(() => !!b.backend.entry(APPID));
    await b.accounts.save({ appId: APPID, secret: SECRET });
    const token = await a.keeper.get(APPID);
    await until(() => b.keeper.cached(APPID)?.token === token.token);
    t.fake.addAccount(OTHER_APPID, OTHER_SECRET);
    const before = t.fake.count('/cgi-bin/token');

    t.redis.freeze();
    try {
      const t0 = Date.now();
      const tries = await Promise.allSettled([a.keeper.refresh(APPID, 'manual'), b.keeper.refresh(APPID, 'manual')]);
      // A fault bound, not a performance claim: the old code waited out a 5 s timeout, then fetched.
      expect(Date.now() - t0).toBeLessThan(3_000);
      expect(a.shared.offline() && b.shared.offline()).toBe(true);
      for (const t of tries) expect(t).toMatchObject({ status: 'rejected', reason: { code: 'TEAM_OFFLINE' } });
      expect(t.fake.count('/cgi-bin/token') - before).toBeLessThanOrEqual(1);
      expect(new Set([a.keeper.cached(APPID)?.token, b.keeper.cached(APPID)?.token]).size).toBe(1);
      expect(a.backend.notices().some((n) => n.kind === 'connection' && n.state === 'down')).toBe(true);
      // Offline writes: an edit on one machine, a new stable account (and its token: stable goes on) on the other.
      await a.accounts.save({ appId: APPID, label: 'edited while frozen' });
      await b.accounts.save({ appId: OTHER_APPID, secret: OTHER_SECRET, apiBase: t.fake.url });
      const stable = await b.keeper.get(OTHER_APPID);
      expect(stable.token).toBeTruthy();
      t.redis.thaw();
      await until(() => !a.shared.offline() && !b.shared.offline(), 10_000);
      expect(t.fake.count('/cgi-bin/token') - before).toBeLessThanOrEqual(1);
      await until(() => b.accounts.get(APPID)?.label === 'edited while frozen');
      await until(() => a.keeper.cached(OTHER_APPID)?.token === stable.token);
      // The SET NX that timed out ran once Redis thawed; its lock was ours, and released.
      await until(async () => (await admin.keys('wxdesk:lock:*')).length === 0, 3_000);
      expect(new Set([a.keeper.cached(APPID)?.token, b.keeper.cached(APPID)?.token]).size).toBe(1);
    } finally {
      t.redis.thaw();
    }
    // Back to normal: the classic refresh works again, under the team's lock.
    const next = await a.keeper.refresh(APPID, 'manual');
    await until(() => b.keeper.cached(APPID)?.token === next.token);
  }, 30_000);
});

describe('removals in team mode (tombstones)', () => {
  it('a machine cut off while a teammate removes the account does not push it back, whatever it wrote meanwhile', async () => {
    const a = await machine({ url: aliceUrl() });
    const b = await machine();
    await a.accounts.save({ appId: APPID, secret: SECRET, apiBase: t.fake.url });
    await until(() => !!b.backend.entry(APPID));
    await cutOffAlice();
    await until(() => a.shared.offline());
    await b.accounts.remove(APPID);
    // Offline writes on the cut-off machine: a stable token (the keeper's own write) and an edit.
    await a.keeper.refresh(APPID, 'manual');
    await a.accounts.save({ appId: APPID, label: 'edited while cut off' });
    await admin.call('ACL', 'SETUSER', 'alice', 'on');
    await until(() => !a.shared.offline(), 15_000);
    expect(await admin.get(`wxdesk:acct:${APPID}`)).toBeNull();
    expect(a.backend.entry(APPID)).toBeUndefined();
    expect(b.backend.entry(APPID)).toBeUndefined();
  }, 30_000);

  it('the compare-and-set refuses to write back a removed account, and takes one created after the removal', async () => {
    const a = await machine();
    await a.accounts.save({ appId: APPID, secret: SECRET, apiBase: t.fake.url });
    const old = a.backend.entry(APPID)!;
    await a.accounts.remove(APPID);
    expect(await admin.get(`wxdesk:gone:${APPID}`)).not.toBeNull();
    const entries = new RedisEntries({ cmd: admin, clock: systemClock, prefix: 'wxdesk:', channel: 'wxdesk:changes', me: 'test' });
    expect(await entries.update(APPID, () => old)).toBeUndefined();
    expect(await admin.get(`wxdesk:acct:${APPID}`)).toBeNull();
    const now = Date.now() + 1;
    const anew: AccountEntry = { account: { ...old.account, createdAt: now, updatedAt: now } };
    expect(await entries.update(APPID, () => anew)).toEqual(anew);
    expect(JSON.parse((await admin.get(`wxdesk:acct:${APPID}`))!)).toMatchObject({ account: { createdAt: now } });
  });

  it('`wxdesk accounts remove` while Redis cannot be reached survives that process: the serve on the same data dir pushes the removal, never pulls the account back', async () => {
    const dir = tempDir();
    const url = aliceUrl();
    const add = await wxdesk(dir, ['--redis', url, 'accounts', 'add', '--app-id', APPID, '--secret', SECRET, '--api-base', t.fake.url]);
    expect(add.code, add.stderr).toBe(0);
    const s = await startServe(dir, ['--redis', url]);
    t.served.push(s);
    await cutOffAlice();
    await until(() => /cannot be reached/.test(s.stderr()), 10_000);
    const rm = await wxdesk(dir, ['--redis', url, 'accounts', 'remove', APPID]);
    expect(rm.code, rm.stderr).toBe(0);
    expect(rm.stderr).toMatch(/cannot be reached/);
    // Still in Redis: the removal waits on disk, in the mirror.
    expect(await admin.get(`wxdesk:acct:${APPID}`)).not.toBeNull();
    await admin.call('ACL', 'SETUSER', 'alice', 'on');
    await until(() => /is back/.test(s.stderr()), 20_000);
    const config = () => JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { accounts: Record<string, unknown>; teamPending?: unknown };
    // Pushed, then the mark cleared.
    await until(async () => (await admin.get(`wxdesk:acct:${APPID}`)) === null && config().teamPending === undefined, 5_000);
    expect(Object.keys(config().accounts)).not.toContain(APPID);
    expect(await admin.get(`wxdesk:gone:${APPID}`)).not.toBeNull();
    expect(s.child.exitCode).toBeNull();
  }, 60_000);
});

describe('an unreadable value in Redis', () => {
  it('is skipped and reported by key; the rest of the team syncs and stays online, with no SCAN loop', async () => {
    const a = await machine();
    await a.accounts.save({ appId: APPID, secret: SECRET, apiBase: t.fake.url, label: 'good' });
    const bad = 'wxdesk:acct:wx00000000000000bad';
    await admin.set(bad, '{"account": not json');
    await admin.set('wxdesk:acct:wx0000000000000list', '[1,2]');
    const c = await machine();
    expect(c.shared.offline()).toBe(false);
    expect(c.accounts.get(APPID)?.label).toBe('good');
    const notices = c.backend.notices().filter((n) => n.kind === 'team-entry');
    expect(notices.map((n) => n.kind === 'team-entry' && n.key).sort()).toEqual(['wxdesk:acct:wx0000000000000list', bad].sort());
    expect(notices[0]).toMatchObject({ error: { code: 'TEAM_BAD_ENTRY' } });
    expect(c.backend.notices().some((n) => n.kind === 'connection')).toBe(false);
    // No full SCAN again and again because of it.
    const scans = async () => Number(/cmdstat_scan:calls=(\d+)/.exec(await admin.info('commandstats'))?.[1] ?? 0);
    const first = await scans();
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await scans()).toBe(first);
    // Edits still flow both ways.
    await a.accounts.save({ appId: APPID, label: 'edited' });
    await until(() => c.accounts.get(APPID)?.label === 'edited');
  }, 20_000);
});

describe('merging two views of an account', () => {
  const check = (n: string) => ({ salt: n.repeat(32), sha256: n.repeat(64) });
  const acct = (updatedAt: number, extra: object = {}) => ({ appId: APPID, label: 'x', serverToken: '', aesKey: '', mode: 'stable' as const, apiBase: 'https://api.weixin.qq.com', autoRefresh: true, createdAt: 1, updatedAt, ...extra });
  const tok = (t: string, obtainedAt: number) => ({ token: t, mode: 'stable' as const, obtainedAt, expiresAt: obtainedAt + 7_200_000, apiBase: 'https://api.weixin.qq.com' });

  it("a token fetched with a secret a teammate replaced never wins, however new", () => {
    const team: AccountEntry = { account: acct(10, { secretCheck: check('b') }), token: tok('new-secret', 100) };
    const mine: AccountEntry = { account: acct(5, { secretCheck: check('a') }), token: tok('old-secret', 200) };
    expect(mergeEntries(team, mine).token?.token).toBe('new-secret');
    expect(mergeEntries(mine, team).token?.token).toBe('new-secret');
    // Nothing from the new secret yet: no token rather than the old secret's.
    expect(mergeEntries({ account: team.account }, mine).token).toBeUndefined();
    // The same secret (same check): the newest token wins as before.
    expect(mergeEntries({ ...team, account: acct(10, { secretCheck: check('a') }) }, mine).token?.token).toBe('old-secret');
  });

  it('a tie on updatedAt keeps what either side added (a probed callback URL, a secret check), the same whichever side comes first', () => {
    const team: AccountEntry = { account: acct(7, { secretCheck: check('a') }) };
    const mine: AccountEntry = { account: acct(7, { callbackUrl: 'https://cb.example/wx' }) };
    const m = mergeEntries(team, mine);
    expect(m.account).toMatchObject({ callbackUrl: 'https://cb.example/wx', secretCheck: check('a') });
    expect(mergeEntries(mine, team).account).toEqual(m.account);
    // Both set, differently: one deterministic pick, on both machines.
    const x = mergeEntries({ account: acct(7, { label: 'one' }) }, { account: acct(7, { label: 'two' }) });
    const y = mergeEntries({ account: acct(7, { label: 'two' }) }, { account: acct(7, { label: 'one' }) });
    expect(x.account.label).toBe(y.account.label);
  });
});

describe('reconnect delays', () => {
  it('grow with the attempts up to 10 s, each spread at random over its upper half (so machines do not reconnect in step)', () => {
    expect(reconnectDelay(1, () => 0)).toBe(250);
    expect(reconnectDelay(1, () => 1)).toBe(500);
    expect(reconnectDelay(100, () => 0)).toBe(5_000);
    expect(reconnectDelay(100, () => 1)).toBe(10_000);
    const spread = new Set(Array.from({ length: 50 }, () => reconnectDelay(4)));
    expect(spread.size).toBeGreaterThan(10);
    for (const d of spread) expect(d >= 1_000 && d <= 2_000).toBe(true);
  });
});
