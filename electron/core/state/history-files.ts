// History as one small file per account (history/<AppID>.json, at most HISTORY_LIMIT attempts), so
// recording an attempt rewrites that account's lines only. One history.json for every account grew
// to megabytes with a thousand accounts and was parsed, copied and rewritten whole on every attempt.
// Only a few accounts' files are kept parsed in memory: the dashboard reads one account at a time.
import { existsSync, readFileSync, renameSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { StoreNotice } from '../../contract';
import { WxError } from '../errors';
import { JsonFile, writeAtomic } from './json-file';
import { withFileLock, withFileLockSync } from './lock';
import { HISTORY_LIMIT, type HistoryEntry } from './records';

/** Parsed files kept in memory, least recently used dropped first. */
const KEPT = 16;

const checkList = (v: unknown): HistoryEntry[] | null => (Array.isArray(v) ? (v as HistoryEntry[]) : null);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class HistoryFiles {
  private readonly dir: string;
  private readonly legacy: string;
  private readonly files = new Map<string, JsonFile<HistoryEntry[]>>();
  private migrated = false;

  constructor(
    dataDir: string,
    private readonly lockPath: string,
    private readonly onDamage: (n: StoreNotice) => void,
  ) {
    this.dir = join(dataDir, 'history');
    this.legacy = join(dataDir, 'history.json');
  }

  /** The account's attempts, oldest first; [] when none are kept. */
  read(appId: string): readonly HistoryEntry[] {
    this.migrate();
    return this.file(appId).read();
  }

  append(appId: string, entry: HistoryEntry): void | Promise<void> {
    const write = () =>
      this.file(appId).transact((list) => {
        list.push(entry);
        list.splice(0, Math.max(0, list.length - HISTORY_LIMIT));
      });
    const split = this.migrateForWrite();
    return split ? split.then(write) : write();
  }

  forget(appId: string): void | Promise<void> {
    const remove = () => {
      this.files.delete(appId);
      return withFileLock(this.lockPath, () => {
        try {
          unlinkSync(this.pathOf(appId));
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        }
      });
    };
    const split = this.migrateForWrite();
    return split ? split.then(remove) : remove();
  }

  /**
   * Writes the lists of accounts that have no file yet. The caller holds the store lock (the
   * config.json transaction that moves pre-v2 history out of config.json).
   */
  importLocked(lists: Record<string, HistoryEntry[]>): void {
    for (const [appId, list] of Object.entries(lists)) {
      if (!Array.isArray(list) || list.length === 0 || existsSync(this.pathOf(appId))) continue;
      writeAtomic(this.pathOf(appId), JSON.stringify(list.slice(-HISTORY_LIMIT), undefined, '\t'), false);
    }
    this.files.clear();
  }

  /**
   * history.json (one file for every account, before per-account files) is split once, under the
   * store lock. Reads are synchronous and cannot wait for it: while another process writes, the
   * split is left to the next look (false). Writes wait for it (migrateForWrite), so no account's
   * file is made before its old lines are in it.
   */
  private migrate(): boolean {
    if (this.migrated) return true;
    if (existsSync(this.legacy)) {
      try {
        withFileLockSync(this.lockPath, () => this.splitLocked());
      } catch (e) {
        if (e instanceof WxError && e.code === 'STORE_BUSY') return false;
        throw e;
      }
    }
    this.migrated = true;
    return true;
  }

  private migrateForWrite(): Promise<void> | undefined {
    if (this.migrate()) return undefined;
    return Promise.resolve(withFileLock(this.lockPath, () => this.splitLocked())).then(() => {
      this.migrated = true;
    });
  }

  /** Splits history.json; the store lock is held. */
  private splitLocked(): void {
    const legacy = this.legacy;
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(legacy, 'utf8'));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return; // Another process split it meanwhile.
      doc = undefined;
    }
    if (isObject(doc)) {
      this.importLocked(doc as Record<string, HistoryEntry[]>);
      unlinkSync(legacy);
    } else {
      // Unreadable: kept aside, never deleted, and said; the accounts start a new history.
      const at = Date.now();
      const movedTo = `${legacy}.damaged-${new Date(at).toISOString().replace(/[:.]/g, '-')}`;
      renameSync(legacy, movedTo);
      this.onDamage({ kind: 'damaged', file: legacy, movedTo, at, recovered: 'empty' });
    }
  }

  private pathOf(appId: string): string {
    // AppIDs are checked (wx + 16 hex) before they are stored; encoded all the same, a name is never a path.
    return join(this.dir, `${encodeURIComponent(appId)}.json`);
  }

  private file(appId: string): JsonFile<HistoryEntry[]> {
    let f = this.files.get(appId);
    if (f) {
      this.files.delete(appId);
    } else {
      f = new JsonFile({ path: this.pathOf(appId), lockPath: this.lockPath, empty: () => [], check: checkList, onDamage: this.onDamage, durable: false });
      if (this.files.size >= KEPT) this.files.delete(this.files.keys().next().value!);
    }
    this.files.set(appId, f);
    return f;
  }
}
