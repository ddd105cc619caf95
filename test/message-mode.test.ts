// The account's message mode (WeChat's 消息加解密方式, issue 21, item 1): kept in the record, checked
// on save, read as plain from records written before it was kept, carried in team mode, and the
// probe's default when a run names the account. A saved EncodingAESKey never means safe mode.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import type { StoreNotice } from '../electron/contract';
import { AccountInputError } from '../electron/core/accounts';
import { Dashboard } from '../electron/core/dashboard';
import { probeSettings } from '../electron/core/probe/input';
import { createCore, type Core } from '../electron/core/services';
import { FileBackend } from '../electron/core/state/file-backend';
import { entryProblem } from '../electron/core/state/team-guard';
import { CallbackServer, newAesKey } from './fixtures/callback-servers';
import { closedAfterEach } from './fixtures/cleanup';
import { APPID, SECRET, tempDir } from './fixtures/core';
import { FakeWeChat } from './fixtures/fake-wechat';

const { cores, fakes } = closedAfterEach();
const KEY = newAesKey();
const TOKEN = 'modeToken1';

function open(dataDir = tempDir()): Core {
  const c = createCore({ dataDir, retry: { baseMs: 1, maxMs: 2 }, timeoutMs: 2_000 });
  cores.push(c);
  return c;
}

async function withAccount(extra: Record<string, unknown> = {}): Promise<{ core: Core; dataDir: string }> {
  const fake = await FakeWeChat.start();
  fakes.push(fake);
  fake.addAccount(APPID, SECRET);
  const dataDir = tempDir();
  const core = open(dataDir);
  await core.accounts.save({ appId: APPID, secret: SECRET, apiBase: fake.url, serverToken: TOKEN, aesKey: KEY, ...extra });
  return { core, dataDir };
}

describe('the record', () => {
  it('a new account is plain, whatever key it keeps; a mode saved is kept, through edits and a restart', async () => {
    const { core, dataDir } = await withAccount();
    expect(core.accounts.get(APPID)).toMatchObject({ aesKey: KEY, messageMode: 'plain' });
    await core.accounts.save({ appId: APPID, messageMode: 'compatible' });
    await core.accounts.save({ appId: APPID, label: 'Renamed' });
    expect(core.accounts.get(APPID)).toMatchObject({ label: 'Renamed', messageMode: 'compatible' });
    await core.close();
    cores.splice(cores.indexOf(core), 1);
    const again = open(dataDir);
    expect(again.accounts.get(APPID)!.messageMode).toBe('compatible');
    expect(JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8')).accounts[APPID].messageMode).toBe('compatible');
  });

  it('a value other than plain, compatible or safe is refused by name, in English and Chinese, and nothing changes', async () => {
    const { core } = await withAccount({ messageMode: 'safe' });
    for (const bad of ['secure', 'compat', '', 1, null]) {
      const e = await core.accounts.save({ appId: APPID, messageMode: bad as never }).then(() => null, (x: unknown) => x);
      expect(e).toBeInstanceOf(AccountInputError);
      const err = e as AccountInputError;
      expect(err.fields.messageMode).toMatch(/plain .*compatible .*safe/);
      expect(err.fieldsZh.messageMode).toMatch(/明文模式.*兼容模式.*安全模式/);
    }
    expect(core.accounts.get(APPID)!.messageMode).toBe('safe');
  });

  it('a record written before the mode was kept reads as plain and is not set aside; a bad stored value is', async () => {
    const { core, dataDir } = await withAccount({ messageMode: 'safe' });
    await core.close();
    cores.splice(cores.indexOf(core), 1);
    const file = join(dataDir, 'config.json');
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    delete doc.accounts[APPID].messageMode;
    writeFileSync(file, JSON.stringify(doc));
    const notices: StoreNotice[] = [];
    const files = new FileBackend({ dataDir });
    files.onNotice((n) => notices.push(n as StoreNotice));
    expect(files.entry(APPID)).toBeDefined();
    await files.close();
    const old = open(dataDir);
    expect(old.accounts.get(APPID)).toMatchObject({ messageMode: 'plain', aesKey: KEY });
    expect(notices).toEqual([]);
    await old.close();
    cores.splice(cores.indexOf(old), 1);

    doc.accounts[APPID].messageMode = 'encrypted';
    writeFileSync(file, JSON.stringify(doc));
    const bad = new FileBackend({ dataDir });
    bad.onNotice((n) => notices.push(n as StoreNotice));
    expect(bad.entry(APPID)).toBeUndefined();
    await bad.close();
    expect(notices.flatMap((n) => n.records ?? [])).toContainEqual({ account: APPID, field: 'accounts.messageMode' });
  });

  it("team mode: a teammate's record without a mode is taken (plain); one with another word is refused", () => {
    const entry = (messageMode?: unknown) => ({
      account: { appId: APPID, label: 'x', serverToken: '', aesKey: '', mode: 'stable', apiBase: 'https://api.weixin.qq.com', autoRefresh: true, createdAt: 1, updatedAt: 2, ...(messageMode === undefined ? {} : { messageMode }) },
    });
    expect(entryProblem(APPID, entry())).toBeNull();
    expect(entryProblem(APPID, entry('safe'))).toBeNull();
    expect(entryProblem(APPID, entry('secure'))).toMatch(/messageMode/);
    expect(entryProblem(APPID, entry(3))).toMatch(/messageMode/);
  });
});

describe('the probe', () => {
  it('with a key and no mode, plain: a key is never taken for safe mode', () => {
    expect(probeSettings({ url: 'http://127.0.0.1:1/x', serverToken: TOKEN, aesKey: KEY, appId: APPID }).mode).toBe('plain');
  });

  it("through the dashboard, a run that names the account and leaves the mode out uses the account's mode", async () => {
    const { core } = await withAccount({ messageMode: 'safe' });
    const dash = new Dashboard({ core, host: 'browser', version: 'test' });
    const cb = await CallbackServer.start({ token: TOKEN, mode: 'safe', aesKey: KEY, appId: APPID });
    try {
      const report = await dash.handlers.probe({ url: cb.url, serverToken: TOKEN, account: APPID });
      expect(report).toMatchObject({ mode: 'safe', verdict: 'pass' });
      expect(cb.requests[2]!.query.encrypt_type).toBe('aes');
      await core.accounts.save({ appId: APPID, messageMode: 'plain' });
      const plain = await dash.handlers.probe({ url: cb.url, serverToken: TOKEN, account: APPID });
      expect(plain.mode).toBe('plain');
    } finally {
      await cb.close();
    }
  });
});

describe('team mode', () => {
  it('the mode set on one machine reaches the other through Redis', async () => {
    const { startRedis } = await import('./fixtures/redis-server');
    const { teamMachine, until } = await import('./fixtures/team');
    const redis = await startRedis();
    try {
      const fake = await FakeWeChat.start();
      fakes.push(fake);
      const a = await teamMachine(redis.url, cores);
      const b = await teamMachine(redis.url, cores);
      await a.accounts.save({ appId: APPID, secret: SECRET, apiBase: fake.url, messageMode: 'safe' });
      await until(() => b.accounts.get(APPID)?.messageMode === 'safe');
      await b.accounts.save({ appId: APPID, secret: SECRET, messageMode: 'compatible' });
      await until(() => a.accounts.get(APPID)?.messageMode === 'compatible');
      const client = new Redis(redis.url);
      expect(JSON.parse((await client.get(`wxdesk:acct:${APPID}`))!).account.messageMode).toBe('compatible');
      client.disconnect();
    } finally {
      for (const c of cores.splice(0)) await c.close();
      await redis.close();
    }
  }, 30_000);
});
