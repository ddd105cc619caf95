// Issue 20, item 1: team mode must not move a secret. The red team's chain, end to end: a real
// redis-server, `wxdesk --redis … serve` holding an account's AppSecret, and a hostile HTTP server
// that records every request. Whoever can write to the team's Redis rewrites the account's record
// to point at the hostile server and PUBLISHes; the hostile server must hear nothing, the local
// endpoint keeps serving the real token, and a notice names who changed the record. Also: records
// from Redis are checked like input, the dashboard API cannot change the Redis URL, and the desktop's
// Redis password leaves config.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { secretCheckOf } from '../electron/core/accounts';
import { FileSecretBox } from '../electron/core/secrets';
import { createCore } from '../electron/core/services';
import { FileBackend } from '../electron/core/state/file-backend';
import type { AccountEntry } from '../electron/core/state/records';
import { openRedisBackend } from '../electron/core/state/redis-backend';
import { refusePulled } from '../electron/core/state/team-guard';
import { TEAM_PASSWORD_KEY, saveTeamRedisUrl, teamRedisUrl } from '../electron/core/team-url';
import { CONFIRM_BUTTON, teamUrlAnswer, teamUrlDialog } from '../electron/shell/team';
import { APPID, SECRET, startServe, tempDir, wxdesk, type Served } from './fixtures/core';
import { startRecordingApi, type RecordingApi } from './fixtures/recording-api';
import { teamSuite, until } from './fixtures/team';

const t = teamSuite();
let hostile: RecordingApi;

beforeEach(async () => {
  hostile = await startRecordingApi('evil');
});
afterEach(async () => {
  await hostile.close();
});

/** What someone with write access to the team's Redis does: rewrite the record, then announce it. */
async function tamper(change: (e: AccountEntry & { rev: number; from?: string }) => unknown): Promise<void> {
  const client = new Redis(t.redis.url);
  const key = `wxdesk:acct:${APPID}`;
  const cur = JSON.parse((await client.get(key))!) as AccountEntry & { rev: number; from?: string };
  await client.set(key, JSON.stringify(change(cur)));
  await client.publish('wxdesk:changes', JSON.stringify({ from: 'attacker', appId: APPID, what: 'entry' }));
  client.disconnect();
}

const tokenAt = async (s: Served) => (await (await fetch(`${s.info.url}/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${SECRET}`)).json()) as { access_token?: string; errcode?: number };

describe('a record in the team\'s Redis pointed at another host (the red team\'s chain)', () => {
  it('serve: the hostile host hears nothing, the endpoint keeps the real token, and a notice names who wrote the record', async () => {
    const dir = tempDir();
    const add = await wxdesk(dir, ['--redis', t.redis.url, 'accounts', 'add', '--app-id', APPID, '--secret', SECRET, '--api-base', t.fake.url]);
    expect(add.code, add.stderr).toBe(0);
    const s = await startServe(dir, ['--redis', t.redis.url]);
    t.served.push(s);
    const real = (await tokenAt(s)).access_token;
    expect(real).toBeTruthy();
    expect(t.fake.isValid(real!)).toBe(true);

    // The attacker's record: their host, a token the keeper must replace at once, a plausible author.
    await tamper((e) => ({ ...e, account: { ...e.account, apiBase: hostile.url, updatedAt: e.account.updatedAt + 60_000 }, token: undefined, rev: e.rev + 1, from: 'build-server-7' }));
    // Before the fix, the token-less record made serve refresh at once, from the hostile host, with the AppSecret.
    await until(() => hostile.requests.length > 0 || /refused a change/.test(s.stderr()));
    expect(hostile.secrets()).toEqual([]);
    expect(s.stderr()).toMatch(/refused a change to wx0123456789abcdef .*written by build-server-7.*points the account at http:\/\/127\.0\.0\.1/);
    // Demands and a forced refresh go on: they reach WeChat (the fake), never the hostile host.
    expect((await tokenAt(s)).access_token).toBe(real);
    const forced = await fetch(`${s.info.url}/cgi-bin/stable_token`, { method: 'POST', body: JSON.stringify({ grant_type: 'client_credential', appid: APPID, secret: SECRET, force_refresh: true }) });
    expect(((await forced.json()) as { access_token?: string }).access_token).toBeTruthy();
    // The same with plain http:// to a host that is not this machine (failing the input checks).
    await tamper((e) => ({ ...e, account: { ...e.account, apiBase: 'http://203.0.113.9:8080', updatedAt: e.account.updatedAt + 120_000 }, rev: e.rev + 1, from: 'laptop-of-mallory' }));
    await until(() => /refused a record of wx0123456789abcdef .*written by laptop-of-mallory: Plain http:\/\/ is accepted only for this machine/.test(s.stderr()));
    expect((await tokenAt(s)).access_token).toMatch(/^[A-Za-z0-9_-]+$/);
    // This data dir still has the account on WeChat's host, and the hostile host got nothing at all.
    const mirror = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { accounts: Record<string, { apiBase: string }> };
    expect(mirror.accounts[APPID]!.apiBase).toBe(t.fake.url);
    expect(hostile.requests).toEqual([]);
    expect(s.stderr()).not.toContain(SECRET);
  }, 30_000);

  it('serve: the dashboard API cannot point this machine at another Redis (saveSettings refuses teamRedisUrl), and config.json is unchanged', async () => {
    const dir = tempDir();
    expect((await wxdesk(dir, ['accounts', 'add', '--app-id', APPID, '--secret', SECRET, '--api-base', t.fake.url, '--auto-refresh', 'off'])).code).toBe(0);
    const s = await startServe(dir);
    t.served.push(s);
    const before = readFileSync(join(dir, 'config.json'), 'utf8');
    const r = await fetch(`${s.info.url}/api/saveSettings`, {
      method: 'POST',
      headers: { 'x-wxdesk-key': s.info.key, 'content-type': 'application/json' },
      body: JSON.stringify({ args: [{ teamRedisUrl: 'redis://:pw@203.0.113.7:6379/0' }] }),
    });
    const answer = (await r.json()) as { error?: { code: string; message: string; hint: string; zh?: { message: string } } };
    expect(answer.error).toMatchObject({ code: 'TEAM_URL_LOCAL_ONLY' });
    expect(answer.error!.hint).toMatch(/--redis URL/);
    expect(answer.error!.zh!.message).toMatch(/不能通过控制台 API 修改团队 Redis 地址/);
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(before);
    expect(before).not.toContain('203.0.113.7');
  });

  it('in process: a record with a new secret check (a teammate\'s new secret) is taken; the old secret here is then not the team\'s and is not sent', async () => {
    const dir = tempDir();
    const local = new FileBackend({ dataDir: dir });
    const shared = await openRedisBackend({ url: t.redis.url, local, waitMs: 5_000, from: 'this-machine' });
    const c = createCore({ dataDir: dir, backend: shared, files: local, retry: { attempts: 1 }, timeoutMs: 2_000 });
    t.cores.push(c);
    await c.accounts.save({ appId: APPID, secret: SECRET, apiBase: t.fake.url });
    const other = 'abcdef0123456789abcdef0123456789';
    const client = new Redis(t.redis.url);
    const raw = JSON.parse((await client.get(`wxdesk:acct:${APPID}`))!) as { from?: string };
    client.disconnect();
    expect(raw.from).toBe('this-machine');
    await tamper((e) => ({ ...e, account: { ...e.account, apiBase: hostile.url, secretCheck: secretCheckOf(other), updatedAt: e.account.updatedAt + 1 }, rev: e.rev + 1, from: 'teammate' }));
    await until(() => c.backend.entry(APPID)?.account.apiBase === hostile.url);
    await expect(c.keeper.refresh(APPID, 'manual')).rejects.toMatchObject({ code: 'TEAM_NO_SECRET' });
    expect(hostile.requests).toEqual([]);
    expect(shared.notices().filter((n) => n.kind === 'refused')).toEqual([]);
  });
});

describe('records from Redis are checked like input', () => {
  const entry = (over: Partial<AccountEntry['account']> = {}): AccountEntry => ({
    account: { appId: APPID, label: 'Shop', serverToken: '', aesKey: '', mode: 'stable', apiBase: 'https://api.weixin.qq.com', autoRefresh: true, createdAt: 1, updatedAt: 2, ...over },
  });
  const held = { secret: SECRET, apiBase: 'https://api.weixin.qq.com' };

  it('refuses what `accounts add` refuses, and malformed shapes', () => {
    const bad: [unknown, RegExp][] = [
      [entry({ apiBase: 'http://203.0.113.9' }), /Plain http/],
      [entry({ apiBase: 'ftp://x' }), /http or https/],
      [entry({ apiBase: 'https://u:p@api.example' }), /credentials/],
      [entry({ apiBase: 'https://api.example/' }), /stored form/],
      [entry({ appId: 'wxFFFF' }), /appId is not/],
      [entry({ label: 'x'.repeat(65) }), /Label is too long/],
      [entry({ serverToken: 'a b' }), /Token must be/],
      [entry({ mode: 'fast' as never }), /mode/],
      [entry({ autoRefresh: 'yes' as never }), /autoRefresh/],
      [entry({ secretCheck: { salt: 'x', sha256: 'y' } }), /secretCheck/],
      [{ ...entry(), token: { token: 5 } }, /token is malformed/],
      [{ ...entry(), forced: ['now'] }, /forced/],
      ['{"not": "json"', /not an account entry/],
      [null, /not an account entry/],
    ];
    for (const [e, why] of bad) expect(refusePulled(APPID, e as AccountEntry, undefined, undefined)?.detail, JSON.stringify(e)).toMatch(why);
    expect(refusePulled(APPID, entry(), undefined, undefined)).toBeNull();
    expect(refusePulled(APPID, undefined, entry(), held)).toBeNull();
  });

  it('refuses a new API base for a secret held here, even one of WeChat\'s own; takes it when the record carries another secret\'s check', () => {
    expect(refusePulled(APPID, entry({ apiBase: 'https://evil.example' }), entry(), held)).toEqual({ reason: 'moves-secret', detail: 'https://evil.example' });
    expect(refusePulled(APPID, entry({ apiBase: 'https://api2.weixin.qq.com', secretCheck: secretCheckOf(SECRET) }), entry(), held)?.reason).toBe('moves-secret');
    expect(refusePulled(APPID, entry({ apiBase: 'https://evil.example', secretCheck: secretCheckOf('f'.repeat(32)) }), entry(), held)).toBeNull();
    // No secret here: nothing to move.
    expect(refusePulled(APPID, entry({ apiBase: 'https://evil.example' }), entry(), undefined)).toBeNull();
    // An old secret without a base: the base this data dir has is the reference.
    expect(refusePulled(APPID, entry({ apiBase: 'https://evil.example' }), entry(), { secret: SECRET })?.reason).toBe('moves-secret');
  });
});

describe('the desktop\'s team Redis URL', () => {
  it('its password is kept with the secrets; a config.json with the password in its URL is migrated once', async () => {
    const dir = tempDir();
    const files = new FileBackend({ dataDir: dir });
    const box = new FileSecretBox(dir);
    await files.updateSettings({ teamRedisUrl: 'redis://:s3cr%40t@10.0.0.5:6379/2' });
    expect(await teamRedisUrl(files, box)).toBe('redis://:s3cr%40t@10.0.0.5:6379/2');
    const config = readFileSync(join(dir, 'config.json'), 'utf8');
    expect(config).not.toContain('s3cr');
    expect(JSON.parse(config).settings.teamRedisUrl).toBe('redis://10.0.0.5:6379/2');
    expect(box.get(TEAM_PASSWORD_KEY)).toBe('s3cr%40t');
    // Once: a second start reads the same URL from the two places.
    expect(await teamRedisUrl(new FileBackend({ dataDir: dir }), new FileSecretBox(dir))).toBe('redis://:s3cr%40t@10.0.0.5:6379/2');
    // A confirmed change: a URL without a password drops the old one; leaving drops everything.
    await saveTeamRedisUrl(files, box, 'rediss://t.redis.internal:6380/0');
    expect(await teamRedisUrl(files, box)).toBe('rediss://t.redis.internal:6380/0');
    await saveTeamRedisUrl(files, box, 'redis://:pw@10.0.0.6:6379');
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).not.toContain(':pw@');
    await saveTeamRedisUrl(files, box, '');
    expect(await teamRedisUrl(files, box)).toBeUndefined();
    expect(box.get(TEAM_PASSWORD_KEY)).toBeUndefined();
  });

  it('is changed only by a click on the confirm button of a native dialog that names the Redis without its password', () => {
    const d = teamUrlDialog('redis://:hunter2@10.0.0.5:6379/0', 'en');
    expect(d.message).toContain('redis://:***@10.0.0.5:6379/0');
    expect(JSON.stringify(d)).not.toContain('hunter2');
    expect(d.buttons[CONFIRM_BUTTON]).toBe('Use this Redis');
    // Cancel is the default and Esc's answer.
    expect(d.defaultId).not.toBe(CONFIRM_BUTTON);
    expect(d.cancelId).not.toBe(CONFIRM_BUTTON);
    expect(teamUrlDialog('', 'zh-CN').message).toBe('退出团队模式？');
    for (const response of [0, 2, -1]) expect(() => teamUrlAnswer('redis://10.0.0.5', response)).toThrow(/not confirmed/);
    expect(teamUrlAnswer(' redis://10.0.0.5 ', CONFIRM_BUTTON)).toBe('redis://10.0.0.5');
    for (const bad of ['http://10.0.0.5', 6379, null, 'redis://']) expect(() => teamUrlDialog(bad, 'en')).toThrow(/redis:\/\//);
  });
});
