// Recovering a damaged data file (issue 19, item 7). A process's snapshot is written back only
// when it is provably the newest: the damaged file is the very file it read or wrote, changed in
// place (WxDesk always replaces a file, so no WxDesk process has written since). Otherwise the
// readable part of the damaged copy is kept (whole records only), or nothing; the notice says which.
// Two backends on one data dir stand for two processes, as in store.test.ts.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StoreNotice } from '../electron/contract';
import { FileBackend } from '../electron/core/state/file-backend';
import { salvageJson } from '../electron/core/state/json-salvage';
import type { AccountRecord } from '../electron/core/state/records';
import { removeTempDirs, tempDir } from './fixtures/core';

afterAll(() => removeTempDirs());

const account = (appId: string): AccountRecord => ({ appId, label: appId, serverToken: '', aesKey: '', mode: 'stable', apiBase: 'https://api.weixin.qq.com', autoRefresh: true, createdAt: 1, updatedAt: 1 });
const A = 'wx0123456789abcdef';
const B = 'wxfedcba9876543210';
const C = 'wx00000000000000cc';
/** Longer than the 10 ms a stat vouches for a snapshot. */
const aMoment = () => new Promise<void>((r) => setTimeout(r, 25));

/** Overwrites the start of the file in place (same inode): a tool writing over it, a crash of a non-atomic writer. */
function damageInPlace(file: string, junk: string): string {
  writeFileSync(file, junk, { flag: 'r+' });
  return readFileSync(file, 'utf8');
}

/** Replaces the file in one step (a new inode): another program saving its own, broken, copy. */
function replaceWith(file: string, text: string): void {
  writeFileSync(`${file}.tmp-test`, text);
  renameSync(`${file}.tmp-test`, file);
}

const only = (b: FileBackend) => b.notices() as StoreNotice[];

describe('a damaged file is recovered only from what can be trusted', () => {
  it('another process removed an account and added one since this one read: its old copy is not written back', async () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'config.json');
    const one = new FileBackend({ dataDir });
    const two = new FileBackend({ dataDir });
    await one.update(A, () => ({ account: account(A) }));
    await one.update(B, () => ({ account: account(B) }));
    expect(one.entries().size).toBe(2);
    // The other process removes B and adds C; then the file is cut short inside C's record.
    await two.update(B, () => undefined);
    await two.update(C, () => ({ account: account(C) }));
    const whole = readFileSync(file, 'utf8');
    const cut = whole.slice(0, whole.lastIndexOf('"updatedAt"'));
    writeFileSync(file, cut);
    await aMoment();
    // This process's copy (A, B) is older than the file: not restored. A, read whole, is kept; C, cut, is not.
    expect([...one.entries().keys()]).toEqual([A]);
    expect(only(one)[0]).toMatchObject({ kind: 'damaged', recovered: 'partial' });
    expect(readFileSync(only(one)[0]!.movedTo, 'utf8')).toBe(cut);
    expect([...new FileBackend({ dataDir }).entries().keys()]).toEqual([A]);
  });

  it('a file replaced by another program with a broken copy: not restored from memory; nothing readable is said to be empty', async () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'config.json');
    const one = new FileBackend({ dataDir });
    await one.update(A, () => ({ account: account(A) }));
    replaceWith(file, '{"accounts": {"wx');
    await aMoment();
    expect(one.entries().size).toBe(0);
    expect(only(one)[0]).toMatchObject({ kind: 'damaged', recovered: 'empty' });
  });

  it('the very file this process wrote, damaged in place: its copy is the newest and is written back', async () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'config.json');
    const one = new FileBackend({ dataDir });
    await one.update(A, () => ({ account: account(A) }));
    const damaged = damageInPlace(file, '\u0000\u0000garbage');
    await aMoment();
    expect([...one.entries().keys()]).toEqual([A]);
    expect(only(one)[0]).toMatchObject({ kind: 'damaged', recovered: 'memory' });
    expect(readFileSync(only(one)[0]!.movedTo, 'utf8')).toBe(damaged);
  });

  it('the file another process wrote and this one has read since, damaged in place: this copy is that file\'s, and is written back', async () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'config.json');
    const one = new FileBackend({ dataDir });
    const two = new FileBackend({ dataDir });
    await one.update(A, () => ({ account: account(A) }));
    await two.update(B, () => ({ account: account(B) }));
    await aMoment();
    expect(one.entries().size).toBe(2); // read after the other process's write
    damageInPlace(file, 'garbage');
    await aMoment();
    expect([...one.entries().keys()].sort()).toEqual([A, B].sort());
    expect(only(one)[0]).toMatchObject({ recovered: 'memory' });
  });

  it('an absent file is not a copy: a process that found no file and then meets a damaged one does not call empty "recovered from memory"', async () => {
    const dataDir = tempDir();
    mkdirSync(dataDir, { recursive: true });
    const one = new FileBackend({ dataDir });
    expect(one.entries().size).toBe(0); // no config.json yet
    writeFileSync(join(dataDir, 'config.json'), '{"accounts": [');
    await aMoment();
    expect(one.entries().size).toBe(0);
    expect(only(one)[0]).toMatchObject({ kind: 'damaged', recovered: 'empty' });
  });

  it('history files too: the readable attempts of a cut history file are kept', async () => {
    const dataDir = tempDir();
    const one = new FileBackend({ dataDir });
    const two = new FileBackend({ dataDir });
    await one.update(A, () => ({ account: account(A) }));
    const line = (at: number) => ({ at, mode: 'stable' as const, trigger: 'manual' as const, outcome: 'ok' as const, latencyMs: 1, attempts: 1 });
    for (let i = 1; i <= 3; i++) await two.appendHistory(A, line(i));
    const file = join(dataDir, 'history', `${A}.json`);
    const whole = readFileSync(file, 'utf8');
    replaceWith(file, whole.slice(0, whole.lastIndexOf('"attempts"')));
    expect(one.history(A)).toEqual([line(1), line(2)]);
    expect(only(one)[0]).toMatchObject({ file, recovered: 'partial' });
  });
});

describe('salvageJson', () => {
  it('keeps whole values read before the damage, and containers cut short only down to the depth asked for', () => {
    expect(salvageJson('{"a": {"x": 1, "y": {"deep": tr', 2)).toEqual({ a: { x: 1 } });
    expect(salvageJson('{"a": {"x": 1, "y": {"deep": tr', 1)).toEqual({});
    expect(salvageJson('[1, 2, {"k": "v"}, {"k": "cut', 1)).toEqual([1, 2, { k: 'v' }]);
    // A number at the cut may be missing digits: dropped.
    expect(salvageJson('{"a": 1, "b": 12', 1)).toEqual({ a: 1 });
    expect(salvageJson('{"s": "a\\"b", "t": "x\\', 1)).toEqual({ s: 'a"b' });
    expect(salvageJson('{"__proto__": {"polluted": true}, "z": ', 1)).toEqual(JSON.parse('{"__proto__": {"polluted": true}}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(salvageJson('garbage', 1)).toBeUndefined();
    expect(salvageJson('[['.repeat(100_000), 1)).toEqual([]);
  });
});

describe('secrets.json', () => {
  it('replaced by a copy cut short: the secrets read whole before the cut are kept, not this process\'s older set', async () => {
    const { FileSecretBox } = await import('../electron/core/secrets');
    const dataDir = tempDir();
    const notices: StoreNotice[] = [];
    const one = new FileSecretBox(dataDir, { onDamage: (n) => notices.push(n) });
    const two = new FileSecretBox(dataDir);
    one.set(A, 'a'.repeat(32));
    // Another process adds two secrets; its file is then replaced by a copy cut inside the last one.
    two.set(B, 'b'.repeat(32));
    two.set(C, 'c'.repeat(32));
    const whole = readFileSync(one.path, 'utf8');
    replaceWith(one.path, whole.slice(0, whole.indexOf('cccc')));
    await aMoment();
    expect([one.get(A), one.get(B), one.get(C)]).toEqual(['a'.repeat(32), 'b'.repeat(32), undefined]);
    expect(notices[0]).toMatchObject({ recovered: 'partial' });
  });
});
