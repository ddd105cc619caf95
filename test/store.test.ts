// The state layer on disk: snapshots that see other processes' writes, transactions that lose
// nothing when several processes write at once, damaged files moved aside and never lost, history
// out of the hot document, and lock files with a heartbeat.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notice, StoreNotice } from '../electron/contract';
import { FileSecretBox } from '../electron/core/secrets';
import { FileBackend } from '../electron/core/state/file-backend';
import { jsonBuffers, writeAtomic } from '../electron/core/state/json-file';
import { FileLock, withFileLock, withFileLockSync } from '../electron/core/state/lock';
import type { AccountRecord } from '../electron/core/state/records';
import { defaultDataDir } from '../electron/core/store';

let dir: string;
let writer: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wxdesk-store-'));
  // Inside the checkout, so the bundle's bare imports resolve from node_modules.
  const cache = join(__dirname, '..', 'node_modules', '.cache', 'wxdesk-test');
  mkdirSync(cache, { recursive: true });
  writer = join(cache, 'store-writer.mjs');
  await build({ entryPoints: [join(__dirname, 'fixtures', 'store-writer.ts')], outfile: writer, bundle: true, platform: 'node', format: 'esm', packages: 'external', absWorkingDir: join(__dirname, '..'), logLevel: 'silent' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(dataDir: string, prefix: string, count: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, dataDir, prefix, String(count)], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? -1));
  });
}

const account = (appId: string, updatedAt = 1): AccountRecord => ({
  appId,
  label: appId,
  serverToken: '',
  aesKey: '',
  mode: 'stable',
  apiBase: 'https://api.weixin.qq.com',
  autoRefresh: true,
  createdAt: 1,
  updatedAt,
});
const A = 'wx0123456789abcdef';
const B = 'wxfedcba9876543210';
/** Longer than the 10 ms a stat vouches for a snapshot. */
const aMoment = () => new Promise<void>((r) => setTimeout(r, 25));
const damagedCopies = (d: string, name: string) => readdirSync(d).filter((f) => f.startsWith(`${name}.damaged-`));

describe('FileBackend', () => {
  it('three processes writing different entries at once lose none of them', async () => {
    const dataDir = join(dir, 'race');
    const codes = await Promise.all([run(dataDir, 'a', 150), run(dataDir, 'b', 150), run(dataDir, 'c', 150)]);
    expect(codes).toEqual([0, 0, 0]);
    const entries = new FileBackend({ dataDir }).entries();
    expect(entries.size).toBe(450);
    expect(entries.get('b149')?.forced).toEqual([149]);
  });

  it("sees another process's write within 10 ms, and re-parses only when the file changed", async () => {
    const dataDir = join(dir, 'snapshot');
    const one = new FileBackend({ dataDir });
    const two = new FileBackend({ dataDir });
    await one.update(A, () => ({ account: account(A) }));
    expect(two.entry(A)?.account.appId).toBe(A);
    const before = two.entries();
    await aMoment();
    expect(two.entries()).toBe(before); // unchanged file: the same snapshot, no parse
    // Within the 10 ms a stat vouches for, a read costs no stat at all; fresh() always looks.
    await one.update(A, (e) => e && { ...e, token: { token: 'T1', mode: 'stable', obtainedAt: 1, expiresAt: 2, apiBase: 'https://api.weixin.qq.com' } });
    await aMoment();
    expect(two.entry(A)?.token?.token).toBe('T1');
    expect(two.freshEntry(A)?.token?.token).toBe('T1');
  });

  it('keeps history out of config.json, capped, and moves old history out on the first write', async () => {
    const dataDir = join(dir, 'history');
    mkdirSync(dataDir, { recursive: true });
    const legacy = Array.from({ length: 3 }, (_, i) => ({ at: i, mode: 'stable', trigger: 'timer', outcome: 'ok', latencyMs: 1, attempts: 1 }));
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ accounts: { [A]: account(A) }, history: { [A]: legacy } }));
    const b = new FileBackend({ dataDir });
    expect(b.history(A)).toHaveLength(3);
    for (let i = 0; i < 105; i++) await b.appendHistory(A, { at: 100 + i, mode: 'stable', trigger: 'manual', outcome: 'ok', latencyMs: 1, attempts: 1 });
    await b.update(A, (e) => e);
    const config = JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(config.history).toBeUndefined();
    const history = b.history(A);
    expect(history).toHaveLength(100);
    expect(history.at(-1)?.at).toBe(204);
    // A migration that took the store lock inside its own transaction waited 10 s for it to look stale.
  }, 1_000);

  it('keeps a history file per account: recording an attempt rewrites that account\'s lines only', async () => {
    const dataDir = join(dir, 'history-per-account');
    const b = new FileBackend({ dataDir });
    await b.update(A, () => ({ account: account(A) }));
    await b.update(B, () => ({ account: account(B) }));
    const line = (at: number) => ({ at, mode: 'stable' as const, trigger: 'manual' as const, outcome: 'ok' as const, latencyMs: 1, attempts: 1 });
    await b.appendHistory(A, line(1));
    const fileB = join(dataDir, 'history', `${B}.json`);
    await b.appendHistory(B, line(2));
    const before = readFileSync(fileB, 'utf8');
    await b.appendHistory(A, line(3));
    expect(readFileSync(fileB, 'utf8')).toBe(before);
    expect(JSON.parse(readFileSync(join(dataDir, 'history', `${A}.json`), 'utf8'))).toEqual([line(1), line(3)]);
    expect(existsSync(join(dataDir, 'history.json'))).toBe(false);
    // Another process reads the same lines; a removed account's file goes with it.
    expect(new FileBackend({ dataDir }).history(A)).toEqual([line(1), line(3)]);
    await b.forgetHistory(A);
    expect(existsSync(join(dataDir, 'history', `${A}.json`))).toBe(false);
    expect(b.history(A)).toEqual([]);
    expect(b.history(B)).toEqual([line(2)]);
  });

  it('writes the same text as JSON.stringify with tabs, in pieces (conf reads it; no write holds the whole text at once)', () => {
    const docs: unknown[] = [
      {},
      [],
      null,
      'text',
      { accounts: {}, tokens: {}, settings: { locale: 'zh-CN' } },
      { a: { x: { deep: [1, { y: '多行\n文字' }], u: undefined } }, b: [], c: { gone: undefined }, d: 1, e: undefined, f: { g: {} } },
      { accounts: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`wx${i.toString(16).padStart(16, '0')}`, { appId: 'x', n: i, list: [i, 'a\tb'], nested: { k: null } }])) },
    ];
    const text = (doc: unknown, texts?: WeakMap<object, Buffer>) => Buffer.concat(jsonBuffers(doc, texts)).toString('utf8');
    for (const doc of docs) expect(text(doc)).toBe(JSON.stringify(doc, undefined, '\t'));
    // With remembered texts: the same text, and a replaced record is written anew.
    const texts = new WeakMap<object, Buffer>();
    const doc = { accounts: { a: { n: 1 }, b: { n: 2 } } };
    expect(text(doc, texts)).toBe(JSON.stringify(doc, undefined, '\t'));
    doc.accounts.b = { n: 3 };
    expect(text(doc, texts)).toBe(JSON.stringify(doc, undefined, '\t'));
    const big = docs.at(-1)!;
    expect(Math.max(...jsonBuffers(big).map((p) => p.length))).toBeLessThan(200);
    // A remembered record's bytes own their memory: a shared 8 KB slab kept alive per record was
    // megabytes of serve's resident memory with a thousand accounts.
    const kept = new WeakMap<object, Buffer>();
    jsonBuffers(big, kept);
    const record = Object.values((big as { accounts: Record<string, object> }).accounts)[7]!;
    const bytes = kept.get(record)!;
    expect(bytes.buffer.byteLength).toBe(bytes.length);
    // Far more pieces than one writev takes (IOV_MAX, 1024 on Linux): the file holds every one, in order.
    const many = { accounts: Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`wx${i}`, { n: i }])), tokens: Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`wx${i}`, { t: String(i) }])) };
    const file = join(mkdtempSync(join(tmpdir(), 'wxdesk-writev-')), 'config.json');
    writeAtomic(file, jsonBuffers(many, new WeakMap()));
    expect(readFileSync(file, 'utf8')).toBe(JSON.stringify(many, undefined, '\t'));
    rmSync(dirname(file), { recursive: true });
  });

  it('a change whose write fails is undone in memory too: the snapshot stays what the file holds', async () => {
    const dataDir = join(dir, 'undo');
    let refuse = false;
    const b = new FileBackend({
      dataDir,
      writeConfig: (doc) => {
        if (refuse) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
        writeFileSync(join(dataDir, 'config.json'), JSON.stringify(doc));
      },
    });
    mkdirSync(dataDir, { recursive: true });
    await b.update(A, () => ({ account: account(A) }));
    const before = structuredClone(b.entry(A));
    refuse = true;
    await expect(b.update(A, (e) => e && { ...e, token: { token: 'T', mode: 'stable', obtainedAt: 1, expiresAt: 2, apiBase: 'https://api.weixin.qq.com' } })).rejects.toMatchObject({ code: 'STORE_WRITE' });
    await expect(b.update(B, () => ({ account: account(B) }))).rejects.toMatchObject({ code: 'STORE_WRITE' });
    await expect(b.updateSettings({ locale: 'en' })).rejects.toMatchObject({ code: 'STORE_WRITE' });
    expect(b.entry(A)).toEqual(before);
    expect(b.entry(B)).toBeUndefined();
    expect(b.settings().locale).toBeUndefined();
    // A callback that throws changes nothing either.
    refuse = false;
    await expect(b.update(A, () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(b.entry(A)).toEqual(before);
  });

  it('splits the one history.json of earlier versions into a file per account, once', async () => {
    const dataDir = join(dir, 'history-split');
    mkdirSync(dataDir, { recursive: true });
    const lines = (n: number) => Array.from({ length: n }, (_, i) => ({ at: i, mode: 'stable', trigger: 'timer', outcome: 'ok', latencyMs: 1, attempts: 1 }));
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ accounts: { [A]: account(A), [B]: account(B) } }));
    writeFileSync(join(dataDir, 'history.json'), JSON.stringify({ [A]: lines(3), [B]: lines(120) }));
    const b = new FileBackend({ dataDir });
    expect(b.history(A)).toHaveLength(3);
    expect(b.history(B)).toHaveLength(100);
    expect(existsSync(join(dataDir, 'history.json'))).toBe(false);
    expect(readdirSync(join(dataDir, 'history')).sort()).toEqual([`${A}.json`, `${B}.json`].sort());
    expect(new FileBackend({ dataDir }).history(A)).toEqual(lines(3));
  }, 1_000);

  it('moves a damaged config.json aside, keeps it byte for byte, and carries on with the last good copy', async () => {
    const dataDir = join(dir, 'damaged');
    const notices: Notice[] = [];
    const b = new FileBackend({ dataDir });
    b.onNotice((n) => notices.push(n));
    await b.update(A, () => ({ account: account(A) }));
    const file = join(dataDir, 'config.json');
    const garbage = '{"accounts": {"wx…": ';
    writeFileSync(file, garbage);
    await aMoment();
    expect(b.entry(A)?.account.appId).toBe(A);
    const [copy] = damagedCopies(dataDir, 'config.json');
    expect(readFileSync(join(dataDir, copy!), 'utf8')).toBe(garbage);
    expect(notices).toEqual([{ kind: 'damaged', file, movedTo: join(dataDir, copy!), at: expect.any(Number), recovered: 'memory' }]);
    expect(b.notices()).toHaveLength(1);
    // What it recovered is on disk again, for every other process too.
    expect(new FileBackend({ dataDir }).entry(A)?.account.appId).toBe(A);
  });

  it('a process that never saw a good copy starts empty, and says so; the damaged copy is kept', () => {
    const dataDir = join(dir, 'damaged-cold');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'config.json'), '[1, 2');
    const b = new FileBackend({ dataDir });
    expect(b.entries().size).toBe(0);
    expect(b.notices()[0]).toMatchObject({ kind: 'damaged', recovered: 'empty' });
    expect(readFileSync((b.notices()[0] as StoreNotice).movedTo, 'utf8')).toBe('[1, 2');
    // A document of the wrong shape counts as damaged too.
    writeFileSync(join(dataDir, 'config.json'), '{"accounts": []}');
    expect(new FileBackend({ dataDir }).entries().size).toBe(0);
    expect(damagedCopies(dataDir, 'config.json')).toHaveLength(2);
  });

  it('a damaged secrets.json is moved aside too, and the secrets held in memory are written back', () => {
    const dataDir = join(dir, 'secrets-damaged');
    const notices: StoreNotice[] = [];
    const box = new FileSecretBox(dataDir, { onDamage: (n) => notices.push(n) });
    box.set(A, '0123456789abcdef0123456789abcdef');
    writeFileSync(box.path, 'not json');
    return aMoment().then(() => {
      expect(box.get(A)).toBe('0123456789abcdef0123456789abcdef');
      expect(notices[0]?.file).toBe(box.path);
      expect(readFileSync(notices[0]!.movedTo, 'utf8')).toBe('not json');
      expect(new FileSecretBox(dataDir).get(A)).toBe('0123456789abcdef0123456789abcdef');
    });
  });

  it('a write that fails is reported as STORE_WRITE, and the snapshot keeps what was there', async () => {
    const dataDir = join(dir, 'write-fails');
    let fail = false;
    const b = new FileBackend({
      dataDir,
      writeConfig: (doc) => {
        if (fail) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
        writeFileSync(join(dataDir, 'config.json'), JSON.stringify(doc));
      },
    });
    mkdirSync(dataDir, { recursive: true });
    await b.update(A, () => ({ account: account(A) }));
    fail = true;
    await expect(b.update(B, () => ({ account: account(B) }))).rejects.toMatchObject({ code: 'STORE_WRITE' });
    expect(b.entry(B)).toBeUndefined();
    expect(b.entry(A)).toBeDefined();
  });

  it('watchers hear of other processes\' changes, not of their own', async () => {
    const dataDir = join(dir, 'watch');
    const mine = new FileBackend({ dataDir, pollMs: 20 });
    const other = new FileBackend({ dataDir });
    const heard: string[][] = [];
    const off = mine.watch((ids) => heard.push(ids));
    await mine.update(A, () => ({ account: account(A) }));
    await new Promise((r) => setTimeout(r, 80));
    expect(heard).toEqual([]);
    await other.update(B, () => ({ account: account(B) }));
    await expect.poll(() => heard).toEqual([[B]]);
    off();
    await mine.close();
  });
});

describe('lock files', () => {
  it('a lock kept alive by its heartbeat is never taken over, however long the work takes', async () => {
    const locks = join(dir, 'locks-heartbeat');
    const owner = new FileLock(locks, { staleMs: 150, heartbeatMs: 30 });
    const waiter = new FileLock(locks, { staleMs: 150, pollMs: 10, timeoutMs: 5_000 });
    const held = await owner.acquire('acct');
    let got = false;
    const second = waiter.acquire('acct').then((l) => {
      got = true;
      return l;
    });
    await new Promise((r) => setTimeout(r, 600)); // four stale limits
    expect(got).toBe(false);
    expect(held.lost).toBe(false);
    held.release();
    (await second).release();
    expect(got).toBe(true);
  });

  it('a lock whose heartbeat stopped is taken over, and its old owner learns it lost the lock and removes nothing', async () => {
    const locks = join(dir, 'locks-stale');
    // A heartbeat far slower than the stale limit: an owner that stalled (a laptop asleep).
    const stalled = new FileLock(locks, { staleMs: 100, heartbeatMs: 10_000 });
    const next = new FileLock(locks, { staleMs: 100, pollMs: 10 });
    const old = await stalled.acquire('acct');
    const taken = await next.acquire('acct');
    expect(old.lost).toBe(true);
    expect(taken.lost).toBe(false);
    old.release();
    const file = join(locks, 'acct.lock');
    expect(existsSync(file)).toBe(true); // still the new owner's
    taken.release();
    expect(existsSync(file)).toBe(false);
  });

  it('a store transaction waits for the lock and never runs beside another', async () => {
    const path = join(dir, 'locks-sync', 'store.lock');
    const order: string[] = [];
    let waited: unknown;
    withFileLockSync(path, () => {
      order.push('outer');
      // A caller that cannot wait is told so by name, at once (it used to spin until the lock looked stale).
      expect(() => withFileLockSync(path, () => order.push('inner'), { timeoutMs: 50 })).toThrow(/has not let go of its store lock/);
      // One that can wait runs once the lock is free: on a timer, never beside the holder.
      waited = withFileLock(path, () => order.push('waited'));
      expect(waited).toBeInstanceOf(Promise);
    });
    withFileLockSync(path, () => order.push('after'));
    await waited;
    expect(order).toEqual(['outer', 'after', 'waited']);
  });
});

describe('defaultDataDir', () => {
  it("is the desktop app's userData folder on each platform, unless WXDESK_DATA_DIR says otherwise", () => {
    expect(defaultDataDir({ HOME: '/home/u', XDG_CONFIG_HOME: '/home/u/.cfg' }, 'linux')).toBe('/home/u/.cfg/WxDesk');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32')).toMatch(/Roaming.WxDesk$/);
    expect(defaultDataDir({}, 'darwin')).toMatch(/Library.Application Support.WxDesk$/);
    expect(defaultDataDir({ WXDESK_DATA_DIR: '/tmp/x' }, 'linux')).toBe('/tmp/x');
  });
});
