// Issue 20, items 1a and 2: a secret is kept with the API base it was saved for, and is only ever
// sent there. The race: an account moved to another host with a new secret by another store
// instance (another process, in effect: its own snapshots) while refreshes run here; the other host
// must never receive the old secret.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { errorView } from '../electron/core/dashboard';
import { FileSecretBox } from '../electron/core/secrets';
import { createCore, type Core } from '../electron/core/services';
import { APPID, SECRET, removeTempDirs, tempDir } from './fixtures/core';
import { startRecordingApi, type RecordingApi } from './fixtures/recording-api';

const cores: Core[] = [];
const apis: RecordingApi[] = [];

afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  for (const a of apis.splice(0)) await a.close();
  removeTempDirs();
});

function core(dataDir: string): Core {
  const c = createCore({ dataDir, retry: { attempts: 1, baseMs: 5, maxMs: 20 }, timeoutMs: 2_000 });
  cores.push(c);
  return c;
}

async function api(name: string): Promise<RecordingApi> {
  const a = await startRecordingApi(name);
  apis.push(a);
  return a;
}

const secretNo = (i: number) => (i.toString(16).padStart(4, '0') + 'f'.repeat(28)).slice(0, 32);

describe('a secret is sent only to the API base it was saved for', () => {
  it('keeps the base beside the secret, and refuses an account whose base differs (SECRET_BASE_MISMATCH, both languages)', async () => {
    const dir = tempDir();
    const a = await api('a');
    const evil = await api('evil');
    const c = core(dir);
    await c.accounts.save({ appId: APPID, secret: SECRET, apiBase: a.url });
    const file = JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')) as { secrets: Record<string, string>; bases: Record<string, string> };
    expect(file.bases[APPID]).toBe(a.url);

    // The account's base changed behind the account service's back (a hand-edited or planted
    // config.json, a record from elsewhere): the secret stays home.
    await c.backend.update(APPID, (e) => e && { ...e, account: { ...e.account, apiBase: evil.url, updatedAt: e.account.updatedAt + 1 } });
    let err;
    try {
      await c.keeper.refresh(APPID, 'manual');
    } catch (e) {
      err = errorView(e);
    }
    expect(err?.code).toBe('SECRET_BASE_MISMATCH');
    expect(err?.message).toContain(evil.url);
    expect(err?.hint).toMatch(/enter the AppSecret again/i);
    expect(err?.zh?.hint).toMatch(/重新填写 AppSecret/);
    expect(evil.requests).toEqual([]);
    // The API console's clear_quota sends the secret too: refused alike.
    await expect(c.console.clearQuota(APPID)).rejects.toMatchObject({ code: 'SECRET_BASE_MISMATCH' });
    expect(evil.requests).toEqual([]);

    // Entering the secret for the new base is the user's own, local choice.
    await c.accounts.save({ appId: APPID, secret: SECRET, apiBase: evil.url });
    await c.keeper.refresh(APPID, 'manual');
    expect(evil.secrets()).toEqual([SECRET]);
  });

  it('a local move to one of WeChat\'s own bases (no new secret needed) moves the binding with it', async () => {
    const dir = tempDir();
    const c = core(dir);
    await c.accounts.save({ appId: APPID, secret: SECRET, apiBase: 'https://api.weixin.qq.com' });
    await c.accounts.save({ appId: APPID, apiBase: 'https://api2.weixin.qq.com' });
    expect(new FileSecretBox(dir).bound(APPID)).toEqual({ secret: SECRET, apiBase: 'https://api2.weixin.qq.com' });
  });

  it('a secret saved before bases were kept is bound, at its first read here, to the base the account has in this data dir', async () => {
    const dir = tempDir();
    const a = await api('a');
    const c = core(dir);
    await c.accounts.save({ appId: APPID, secret: SECRET, apiBase: a.url });
    c.keeper.stop();
    // An older version's secrets.json: the secret alone.
    const path = join(dir, 'secrets.json');
    const old = JSON.parse(readFileSync(path, 'utf8')) as { version: 1; secrets: Record<string, string> };
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, JSON.stringify({ version: 1, secrets: old.secrets }), { mode: 0o600 });
    const fresh = core(dir);
    expect(new FileSecretBox(dir).bound(APPID)).toEqual({ secret: SECRET });
    await fresh.keeper.refresh(APPID, 'manual');
    expect(a.secrets()).toEqual([SECRET]);
    expect(new FileSecretBox(dir).bound(APPID)).toEqual({ secret: SECRET, apiBase: a.url });
  });
});

describe('an upgrade with many secrets saved before bases were kept', () => {
  it('the first use binds every one of them in one write of secrets.json, not one write per account', async () => {
    const dir = tempDir();
    const a = await api('a');
    const c = core(dir);
    const ids = Array.from({ length: 60 }, (_, i) => `wx${(0xa000 + i).toString(16).padStart(16, '0')}`);
    for (const [i, id] of ids.entries()) await c.accounts.save({ appId: id, secret: secretNo(i), apiBase: a.url, autoRefresh: false });
    c.keeper.stop();
    const path = join(dir, 'secrets.json');
    const old = JSON.parse(readFileSync(path, 'utf8')) as { version: 1; secrets: Record<string, string> };
    const { statSync, writeFileSync } = await import('node:fs');
    writeFileSync(path, JSON.stringify({ version: 1, secrets: old.secrets }), { mode: 0o600 });
    const before = statSync(path).ino;
    const fresh = core(dir);
    await fresh.keeper.refresh(ids[0]!, 'manual');
    // The binding is written beside the refresh (it does not hold the refresh up): wait for the file.
    const box = new FileSecretBox(dir);
    for (let i = 0; i < 100 && box.bound(ids.at(-1)!, true)?.apiBase === undefined; i++) await new Promise((r) => setTimeout(r, 10));
    for (const [i, id] of ids.entries()) expect(box.bound(id, true)).toEqual({ secret: secretNo(i), apiBase: a.url });
    // One write: every write replaces the file (a new inode), so one write means one inode change in all,
    // and no further write for the next account's first use.
    const after = statSync(path).ino;
    expect(after).not.toBe(before);
    await fresh.keeper.refresh(ids[1]!, 'manual');
    expect(statSync(path).ino).toBe(after);
  });
});

describe('the race (item 2): a move with a new secret from another store instance while refreshes run', () => {
  it('the new host never receives the old secret, nor the old host the new one', async () => {
    const dir = tempDir();
    const hosts = [await api('a'), await api('b')];
    const here = core(dir);
    // Another process, in effect: its own snapshots of the same files.
    const there = core(dir);
    const savedFor = new Map<string, string>();
    const save = async (i: number) => {
      const secret = secretNo(i);
      savedFor.set(secret, hosts[i % 2]!.url);
      await there.accounts.save({ appId: APPID, secret, apiBase: hosts[i % 2]!.url });
    };
    await save(0);

    let moving = true;
    const refreshes = (async () => {
      while (moving) {
        await here.keeper.refresh(APPID, 'manual').catch(() => undefined);
      }
    })();
    const MOVES = 60;
    for (let i = 1; i <= MOVES; i++) {
      await save(i);
      // Let a few refreshes run against each move.
      await new Promise((r) => setTimeout(r, 4 + (i % 5)));
    }
    moving = false;
    await refreshes;

    const wrong = hosts.flatMap((h) => h.secrets().filter((s) => savedFor.get(s) !== h.url).map((s) => `${h.url} got ${s} (saved for ${savedFor.get(s)})`));
    expect(wrong).toEqual([]);
    // The harness did exercise both hosts.
    expect(hosts.every((h) => h.requests.length > 0)).toBe(true);
  }, 30_000);
});
