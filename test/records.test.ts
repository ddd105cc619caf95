// Records of the wrong type (issue 19, item 4). A token without a numeric expiresAt made the
// scheduler plan NaN; setTimeout(fn, NaN) fires after 1 ms, so the keeper called WeChat in a loop
// (666 calls in 2 s), through a 40164 hold. The store sets such records aside as damaged, with a
// notice naming the account and the field; and the keeper refuses a time that is not a number.
// These tests run on real timers: the loop only exists with real setTimeout (a fake clock never
// fires a timer set for NaN). Their timeouts are fault bounds, not performance claims.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FaultNotice, StoreNotice } from '../electron/contract';
import { Scheduler } from '../electron/core/keeper/scheduler';
import { createCore, type Core } from '../electron/core/services';
import { FileBackend } from '../electron/core/state/file-backend';
import { FakeClock } from './fixtures/clock';
import { APPID, OTHER_APPID, OTHER_SECRET, SECRET, tempDir } from './fixtures/core';
import { closedAfterEach } from './fixtures/cleanup';
import { FakeWeChat } from './fixtures/fake-wechat';

const { cores, fakes } = closedAfterEach();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const THIRD = 'wx00000000000000aa';
const FOURTH = 'wx00000000000000bb';
const SECRET3 = 'aa'.repeat(16);
const SECRET4 = 'bb'.repeat(16);

function open(dataDir: string): Core {
  const c = createCore({ dataDir, retry: { baseMs: 1, maxMs: 2 }, timeoutMs: 2_000 });
  cores.push(c);
  return c;
}

/** A data dir with accounts at the fake, each with a token; returns the dir. */
async function dataDirWith(fake: FakeWeChat, accounts: [string, string][]): Promise<string> {
  const dataDir = tempDir();
  const c = open(dataDir);
  for (const [appId, secret] of accounts) {
    fake.addAccount(appId, secret);
    await c.accounts.save({ appId, secret, apiBase: fake.url, mode: 'classic' });
    await c.keeper.get(appId);
  }
  await c.close();
  cores.splice(cores.indexOf(c), 1);
  return dataDir;
}

type Config = { accounts: Record<string, Record<string, unknown>>; tokens: Record<string, Record<string, unknown>>; lastError: Record<string, unknown>; settings: Record<string, unknown> };

/** Edits config.json as a person or another tool would (in place). */
function craft(dataDir: string, edit: (doc: Config) => void): string {
  const file = join(dataDir, 'config.json');
  const doc = JSON.parse(readFileSync(file, 'utf8')) as Config;
  edit(doc);
  const text = JSON.stringify(doc, undefined, '\t');
  writeFileSync(file, text);
  return text;
}

/** A 40164 stored for the account just now: a hold of 10 minutes. */
function standing40164(at: number) {
  return {
    at,
    trigger: 'timer',
    error: { code: 40164, kind: 'config', message: 'This machine’s IP 203.0.113.7 is not on the whitelist (40164).', hint: 'Add it.', ip: '203.0.113.7' },
  };
}

/** A fake WeChat API and a data dir whose four accounts hold a token from it. */
async function fourAccounts(): Promise<{ fake: FakeWeChat; dataDir: string }> {
  const fake = await FakeWeChat.start();
  fakes.push(fake);
  const dataDir = await dataDirWith(fake, [
    [APPID, SECRET],
    [OTHER_APPID, OTHER_SECRET],
    [THIRD, SECRET3],
    [FOURTH, SECRET4],
  ]);
  return { fake, dataDir };
}

describe('the store sets records of the wrong type aside', () => {
  it('tokens whose expiresAt is "soon", null or missing, and an account with a numeric label: set aside and named; the rest keeps working', async () => {
    const { fake, dataDir } = await fourAccounts();
    const good = JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8')) as Config;
    const text = craft(dataDir, (doc) => {
      doc.tokens[APPID]!.expiresAt = 'soon';
      doc.tokens[OTHER_APPID]!.expiresAt = null;
      delete doc.tokens[THIRD]!.expiresAt;
      doc.accounts[FOURTH]!.label = 5;
      doc.settings.endpointPort = 'x';
    });
    const backend = new FileBackend({ dataDir });
    const entries = backend.entries();
    // The accounts whose tokens were bad are kept, without a token; the bad account is not used.
    expect([...entries.keys()].sort()).toEqual([APPID, OTHER_APPID, THIRD].sort());
    for (const id of [APPID, OTHER_APPID, THIRD]) expect(entries.get(id)?.token).toBeUndefined();
    const [notice] = backend.notices() as StoreNotice[];
    expect(notice).toMatchObject({ kind: 'damaged', recovered: 'partial', file: join(dataDir, 'config.json') });
    expect(notice!.records).toEqual(
      expect.arrayContaining([
        { account: APPID, field: 'tokens.expiresAt' },
        { account: OTHER_APPID, field: 'tokens.expiresAt' },
        { account: THIRD, field: 'tokens.expiresAt' },
        { account: FOURTH, field: 'accounts.label' },
        { account: '', field: 'settings.endpointPort' },
      ]),
    );
    // The file as it was is kept byte for byte; config.json holds the rest, so no other process meets the bad records.
    expect(readFileSync(notice!.movedTo, 'utf8')).toBe(text);
    const again = new FileBackend({ dataDir });
    expect(again.entries().size).toBe(3);
    expect(again.notices()).toEqual([]);
    expect(again.entry(FOURTH)).toBeUndefined();
    expect(JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8')).tokens[FOURTH]).toEqual(good.tokens[FOURTH]);
    expect(readdirSync(dataDir).filter((f) => f.startsWith('config.json.damaged-'))).toHaveLength(1);
  });

  it('a real keeper on such a store: a 40164 hold still holds (no call at all), and an account without one fetches its token once', async () => {
    const { fake, dataDir } = await fourAccounts();
    const now = Date.now();
    craft(dataDir, (doc) => {
      doc.tokens[APPID]!.expiresAt = 'soon';
      doc.tokens[OTHER_APPID]!.expiresAt = null;
      delete doc.tokens[THIRD]!.expiresAt;
      for (const id of [APPID, OTHER_APPID, THIRD]) doc.lastError[id] = standing40164(now);
      doc.tokens[FOURTH]!.expiresAt = 'soon';
    });
    for (const id of [APPID, OTHER_APPID, THIRD]) fake.whitelist(id, '203.0.113.7');
    const before = fake.count();
    const c = open(dataDir);
    c.keeper.start();
    // Before the fix, this was a loop of hundreds of calls a second.
    await sleep(1_500);
    expect(fake.count() - before).toBe(1);
    expect(c.keeper.state(FOURTH).status).toBe('valid');
    for (const id of [APPID, OTHER_APPID, THIRD]) expect(c.keeper.state(id).lastError?.error.code).toBe(40164);
  });
});

describe('the keeper refuses a time that is not a number', () => {
  it('the scheduler plans NaN for its floor, not for 1 ms, and says so', () => {
    const clock = new FakeClock();
    const invalid: unknown[] = [];
    const s = new Scheduler(clock, () => undefined, (_key, at) => invalid.push(at));
    const at = s.plan('a', Number.NaN);
    expect(Number.isFinite(at)).toBe(true);
    expect(at).toBeGreaterThanOrEqual(clock.now());
    expect(invalid).toEqual([Number.NaN]);
    s.cancelAll();
  });

  it('a token of the wrong type that reached memory past the store\'s check (as a team mirror writes what Redis holds): the 40164 hold still holds, and the fault is a notice', async () => {
    const fake = await FakeWeChat.start();
    fakes.push(fake);
    const dataDir = await dataDirWith(fake, [[APPID, SECRET]]);
    fake.whitelist(APPID, '203.0.113.7');
    const c = open(dataDir);
    const now = Date.now();
    // update() stores what it is given: this process's snapshot now holds the bad token.
    await c.backend.update(APPID, (e) => e && { ...e, token: { ...e.token!, expiresAt: 'soon' as unknown as number }, lastError: standing40164(now) as never });
    const before = fake.count();
    c.keeper.start();
    await sleep(1_500);
    expect(fake.count() - before).toBe(0);
    const faults = c.backend.notices().filter((n): n is FaultNotice => n.kind === 'fault');
    expect(faults).toEqual([expect.objectContaining({ error: expect.objectContaining({ code: 'SCHEDULE_INVALID', message: expect.stringContaining(APPID) }) })]);
    expect(faults[0]!.error.zh?.message).toContain(APPID);
  });
});
