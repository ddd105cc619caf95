// Team mode against a real redis-server (started by the test on a free port) and the fake WeChat
// API: accounts shared between data dirs, secrets never in Redis, a data dir without the secret
// serving a teammate's token, one upstream call for several processes, and Redis going down and
// coming back while everything keeps serving.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createCore } from '../electron/core/services';
import { FileBackend } from '../electron/core/state/file-backend';
import { mergeEntries, openRedisBackend, redactRedisUrl } from '../electron/core/state/redis-backend';
import { APPID, SECRET, startServe, tempDir, wxdesk } from './fixtures/core';
import { teamMachine, teamSuite, until } from './fixtures/team';

const t = teamSuite();

/** A machine: its own data dir, team mode through the test's Redis. */
const machine = (dataDir?: string) => teamMachine(t.redis.url, t.cores, { dataDir });

describe('team mode', () => {
  it('an account added on one data dir appears on another; its secret never enters Redis', async () => {
    const a = await machine();
    const b = await machine();
    await a.accounts.save({ appId: APPID, secret: SECRET, label: 'Shop', apiBase: t.fake.url });
    await until(() => b.accounts.get(APPID)?.label === 'Shop');
    expect(b.accounts.get(APPID)).toMatchObject({ hasSecret: false });
    const client = new Redis(t.redis.url);
    const dump = JSON.stringify(await Promise.all((await client.keys('*')).map(async (k) => [k, (await client.type(k)) === 'string' ? await client.get(k) : await client.lrange(k, 0, -1)])));
    client.disconnect();
    expect(dump).toContain(APPID);
    expect(dump).not.toContain(SECRET);
    // The salted check of the secret is there instead.
    const check = a.backend.entry(APPID)!.account.secretCheck!;
    expect(check.sha256).toBe(createHash('sha256').update(check.salt + SECRET).digest('hex'));
    expect(JSON.stringify(b.accounts.list())).not.toContain(check.sha256);
  });

  it('a data dir without the secret gets the same token, and says a teammate refreshes it', async () => {
    const a = await machine();
    const b = await machine();
    await a.accounts.save({ appId: APPID, secret: SECRET, apiBase: t.fake.url });
    await until(() => !!b.backend.entry(APPID));
    const fromA = await a.keeper.get(APPID);
    await until(() => b.keeper.cached(APPID)?.token === fromA.token);
    expect((await b.keeper.get(APPID)).token).toBe(fromA.token);
    // Asked to refresh with no secret here: no upstream call, a plain answer, nothing written for the team.
    const calls = t.fake.count('/cgi-bin/stable_token');
    await expect(b.keeper.refresh(APPID, 'manual')).rejects.toMatchObject({ code: 'TEAM_NO_SECRET' });
    expect(t.fake.count('/cgi-bin/stable_token')).toBe(calls);
    expect(b.keeper.state(APPID).lastError?.error.message).toMatch(/refreshed by a teammate/);
    expect(a.keeper.state(APPID).lastError).toBeUndefined();
    expect(a.backend.history(APPID).some((h) => h.error)).toBe(false);
  });

  it('concurrent demands on three machines: one upstream call', async () => {
    const ms = [await machine(), await machine(), await machine()];
    await ms[0]!.accounts.save({ appId: APPID, secret: SECRET, apiBase: t.fake.url });
    for (const m of ms.slice(1)) {
      await until(() => !!m.backend.entry(APPID));
      await m.accounts.save({ appId: APPID, secret: SECRET });
    }
    await until(() => ms.every((m) => !!m.accounts.get(APPID)?.hasSecret));
    const before = t.fake.count('/cgi-bin/stable_token');
    const tokens = await Promise.all(Array.from({ length: 300 }, (_, i) => ms[i % 3]!.keeper.get(APPID)));
    expect(new Set(tokens.map((t) => t.token)).size).toBe(1);
    expect(t.fake.count('/cgi-bin/stable_token') - before).toBe(1);
  });

  it('Redis down: every machine keeps serving its token; classic accounts do not fetch; back up, they reconnect and reconcile', async () => {
    const a = await machine();
    const b = await machine();
    await a.accounts.save({ appId: APPID, secret: SECRET, apiBase: t.fake.url, mode: 'classic' });
    await until(() => !!b.backend.entry(APPID));
    a.keeper.start();
    const token = await a.keeper.get(APPID);
    await until(() => b.keeper.cached(APPID)?.token === token.token);

    await t.redis.stop();
    await until(() => a.shared.offline() && b.shared.offline());
    expect(a.backend.notices().some((n) => n.kind === 'connection' && n.state === 'down')).toBe(true);
    expect((await a.keeper.get(APPID)).token).toBe(token.token);
    expect((await b.keeper.get(APPID)).token).toBe(token.token);
    const calls = t.fake.count('/cgi-bin/token');
    await expect(a.keeper.refresh(APPID, 'manual')).rejects.toMatchObject({ code: 'TEAM_OFFLINE' });
    expect(t.fake.count('/cgi-bin/token')).toBe(calls);

    await t.redis.restart();
    await until(() => !a.shared.offline() && !b.shared.offline(), 20_000);
    expect(a.backend.notices().some((n) => n.kind === 'connection' && n.state === 'down')).toBe(false);
    // The wait that TEAM_OFFLINE set is over with the outage.
    await until(() => a.keeper.state(APPID).lastError?.error.code !== 'TEAM_OFFLINE');
    // Classic fetches work again, and the new token reaches the other machine.
    const next = await a.keeper.refresh(APPID, 'manual');
    expect(next.token).not.toBe(token.token);
    await until(() => b.keeper.cached(APPID)?.token === next.token);
  }, 60_000);

  it('a stable token fetched while Redis was down wins when it is back (the newest token)', async () => {
    const a = await machine();
    const b = await machine();
    await a.accounts.save({ appId: APPID, secret: SECRET, apiBase: t.fake.url });
    await until(() => !!b.backend.entry(APPID));
    const first = await a.keeper.get(APPID);
    await t.redis.stop();
    await until(() => a.shared.offline());
    t.fake.invalidate(APPID);
    // A forced stable refresh would retire the team's token: it waits for Redis.
    const forcedBefore = t.fake.forceCount(APPID);
    await expect(a.keeper.forceRefresh(APPID)).rejects.toMatchObject({ code: 'TEAM_OFFLINE' });
    expect(t.fake.forceCount(APPID)).toBe(forcedBefore);
    const offline = await a.keeper.refresh(APPID, 'manual');
    expect(offline.token).not.toBe(first.token);
    await t.redis.restart();
    await until(() => b.keeper.cached(APPID)?.token === offline.token, 20_000);
  }, 60_000);

  it("a teammate's new secret wins: an old secret on another machine neither overwrites the team's check nor is used or accepted", async () => {
    const NEW = 'aa'.repeat(16);
    const a = await machine();
    const b = await machine();
    await a.accounts.save({ appId: APPID, secret: SECRET, apiBase: t.fake.url });
    await until(() => !!b.backend.entry(APPID));
    await b.accounts.save({ appId: APPID, secret: SECRET });
    t.fake.addAccount(APPID, NEW);
    await a.accounts.save({ appId: APPID, secret: NEW });
    await until(() => !b.accounts.checkSecret(APPID, SECRET));
    // b restarts with its old secret: the team's check stays the new one.
    const c = await machine();
    const b2 = await machine(b.dataDir);
    await b2.accounts.ensureSecretChecks();
    await until(() => c.accounts.checkSecret(APPID, NEW));
    expect(c.accounts.checkSecret(APPID, SECRET)).toBe(false);
    expect(b2.accounts.storedSecret(APPID)).toBeUndefined();
    expect(b2.accounts.checkSecret(APPID, NEW)).toBe(true);
    expect(b2.accounts.checkSecret(APPID, SECRET)).toBe(false);
  });

  it('a machine started while Redis was down hears the team once it is up', async () => {
    const a = await machine();
    await a.accounts.save({ appId: APPID, secret: SECRET, apiBase: t.fake.url, label: 'before' });
    await t.redis.stop();
    const dataDir = tempDir();
    const late = createCore({ dataDir, backend: await openRedisBackend({ url: t.redis.url, local: new FileBackend({ dataDir }), waitMs: 300 }), files: new FileBackend({ dataDir }) });
    t.cores.push(late);
    expect(late.backend.offline?.()).toBe(true);
    await t.redis.restart();
    // Redis restarted empty: a's state is pushed again when a reconnects; the late machine sees it and later edits.
    await until(() => late.accounts.get(APPID)?.label === 'before', 20_000);
    await a.accounts.save({ appId: APPID, label: 'after' });
    await until(() => late.accounts.get(APPID)?.label === 'after');
  }, 60_000);

  it('an account removed while Redis was down stays removed for the team', async () => {
    const a = await machine();
    const b = await machine();
    await a.accounts.save({ appId: APPID, secret: SECRET, apiBase: t.fake.url });
    await until(() => !!b.backend.entry(APPID));
    // An outage that keeps Redis's data: every client cut off, and no command answered for 3 s.
    const admin = new Redis(t.redis.url);
    await admin.call('CLIENT', 'PAUSE', '3000', 'ALL');
    await admin.call('CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
    await admin.call('CLIENT', 'KILL', 'TYPE', 'pubsub');
    admin.disconnect();
    await until(() => a.shared.offline());
    await a.accounts.remove(APPID);
    await until(() => !a.shared.offline(), 20_000);
    await until(() => !b.backend.entry(APPID), 10_000);
    expect(a.backend.entry(APPID)).toBeUndefined();
  }, 60_000);

  it('a URL password is never shown', () => {
    expect(redactRedisUrl('redis://:s3cret@10.0.0.5:6379/2')).toBe('redis://:***@10.0.0.5:6379/2');
    expect(redactRedisUrl('rediss://user:pw@h:6380')).not.toContain('pw');
  });

  it('merging two views: newest record, newest token for the account as configured, newest error unless a newer token explains it', () => {
    const acct = (updatedAt: number, mode: 'stable' | 'classic' = 'stable') => ({ appId: APPID, label: String(updatedAt), serverToken: '', aesKey: '', mode, apiBase: 'https://api.weixin.qq.com', autoRefresh: true, createdAt: 1, updatedAt });
    const tok = (t: string, obtainedAt: number, mode: 'stable' | 'classic' = 'stable') => ({ token: t, mode, obtainedAt, expiresAt: obtainedAt + 7_200_000, apiBase: 'https://api.weixin.qq.com' });
    const m = mergeEntries({ account: acct(5), token: tok('old', 100), forced: [1] }, { account: acct(3), token: tok('new', 200), forced: [2], lastError: { at: 150, trigger: 'timer', error: { code: 'NETWORK', kind: 'transient', message: '', hint: '' } } });
    expect(m.account.label).toBe('5');
    expect(m.token?.token).toBe('new');
    expect(m.forced).toEqual([1, 2]);
    expect(m.lastError).toBeUndefined();
    expect(mergeEntries({ account: acct(5, 'classic') }, { account: acct(3), token: tok('stable-one', 200) }).token).toBeUndefined();
  });
});

describe('team mode from the command line', () => {
  it('wxdesk --redis: an account added in one data dir is listed in another; serve answers with the team token without the secret', async () => {
    const one = tempDir();
    const two = tempDir();
    const add = await wxdesk(one, ['--redis', t.redis.url, 'accounts', 'add', '--app-id', APPID, '--secret', SECRET, '--api-base', t.fake.url]);
    expect(add.code, add.stderr).toBe(0);
    const list = await wxdesk(two, ['--redis', t.redis.url, 'accounts', 'list', '--json']);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toMatchObject([{ appId: APPID, hasSecret: false }]);
    const token = (await wxdesk(one, ['--redis', t.redis.url, 'token'])).stdout.trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{140}$/);
    expect((await wxdesk(two, ['--redis', t.redis.url, 'token'])).stdout.trim()).toBe(token);

    const s = await startServe(two, ['--redis', t.redis.url]);
    t.served.push(s);
    const ok = await fetch(`${s.info.url}/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${SECRET}`);
    expect(await ok.json()).toMatchObject({ access_token: token });
    const wrong = await fetch(`${s.info.url}/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${'f'.repeat(32)}`);
    expect(await wrong.json()).toMatchObject({ errcode: 40125 });
  });

  it('three serve processes on three data dirs: 1,000 concurrent token requests, one upstream call; Redis stopped, all keep serving; restarted, they reconnect', async () => {
    const dirs = [tempDir(), tempDir(), tempDir()];
    const add = await wxdesk(dirs[0]!, ['--redis', t.redis.url, 'accounts', 'add', '--app-id', APPID, '--secret', SECRET, '--api-base', t.fake.url, '--mode', 'classic', '--auto-refresh', 'off']);
    expect(add.code, add.stderr).toBe(0);
    for (const d of dirs.slice(1)) expect((await wxdesk(d, ['--redis', t.redis.url, 'accounts', 'update', APPID, '--secret', SECRET])).code).toBe(0);
    const serves = await Promise.all(dirs.map((d) => startServe(d, ['--redis', t.redis.url])));
    t.served.push(...serves);
    const before = t.fake.count('/cgi-bin/token');
    // The one upstream call is slow, so requests on all three machines wait on it together.
    t.fake.fail({ delayMs: 400 }, { path: '/cgi-bin/token' });
    const url = (i: number) => `${serves[i % 3]!.info.url}/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${SECRET}`;
    const answers = await Promise.all(Array.from({ length: 1_000 }, (_, i) => fetch(url(i)).then((r) => r.json() as Promise<{ access_token?: string }>)));
    expect(new Set(answers.map((a) => a.access_token)).size).toBe(1);
    expect(answers[0]!.access_token).toMatch(/^[A-Za-z0-9_-]{140}$/);
    expect(t.fake.count('/cgi-bin/token') - before).toBe(1);

    await t.redis.stop();
    for (let i = 0; i < 3; i++) expect(await (await fetch(url(i))).json()).toMatchObject({ access_token: answers[0]!.access_token });
    await until(() => serves.every((s) => /cannot be reached/.test(s.stderr())), 20_000);
    await t.redis.restart();
    await until(() => serves.every((s) => /is back/.test(s.stderr())), 30_000);
    for (let i = 0; i < 3; i++) expect(await (await fetch(url(i))).json()).toMatchObject({ access_token: answers[0]!.access_token });
    expect(serves.every((s) => s.child.exitCode === null)).toBe(true);
  }, 90_000);

  it('a bad --redis URL is refused with exit 2; the password is never printed', async () => {
    const r = await wxdesk(tempDir(), ['--redis', 'http://x', 'token']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('redis:// or rediss://');
    const down = await wxdesk(tempDir(), ['--redis', 'redis://:hunter2@127.0.0.1:1/0', 'accounts', 'list']);
    expect(down.stderr).toMatch(/cannot be reached/);
    expect(down.stdout + down.stderr).not.toContain('hunter2');
  }, 30_000);
});
