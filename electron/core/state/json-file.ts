// One JSON file kept as a parsed snapshot in memory. A read costs a stat (inode, size, mtime and
// ctime) at most once every 10 ms, so another process's write is seen within 10 ms and nothing on
// the hot path parses a file; a busy local endpoint pays for a stat per 10 ms, not per request (a
// stat costs about 5 µs, a cached answer about 25 µs). Decisions that another process may have made
// moot (compare-and-refresh under the lock) use fresh(), which always stats.
//
// Writes are transactions: under the store lock, the file is revalidated, changed and replaced with
// an atomic rename (mode 0600).
//
// A file that cannot be parsed is moved aside to NAME.damaged-<time> (kept, never deleted), the
// last good snapshot (or an empty document) is written in its place, and the move is reported.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { StoreNotice } from '../../contract';
import { WxError } from '../errors';
import { withFileLockSync } from './lock';
import { privateDir } from './private-dir';

export interface JsonFileOptions<T> {
  path: string;
  /** The store lock shared by every file of the data dir. */
  lockPath: string;
  /** What an absent file holds. */
  empty: () => T;
  /** The document if `value` has this file's shape (filled with defaults), else null: damaged. */
  check: (value: unknown) => T | null;
  /** Writes the document; by default an atomic write of tab-indented JSON (conf's format), mode 0600. */
  write?: (doc: T) => void;
  onDamage?: (notice: StoreNotice) => void;
  /** false: skip the fsync (a record such as history, where a crash may lose the last line). */
  durable?: boolean;
  /**
   * The private copy a transaction changes (default: structuredClone). A document whose parts are
   * replaced rather than changed in place can copy only what holds them.
   */
  draft?: (doc: T) => T;
}

type StatKey = string;

function statKey(path: string): StatKey | null {
  const st = statSync(path, { throwIfNoEntry: false });
  // Times as the float milliseconds Node gives: their fraction carries the file system's precision.
  return st ? `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}` : null;
}

/** How long a stat vouches for the snapshot. */
export const REVALIDATE_MS = 10;

/** Writes text to path through a temp file and a rename: a crash never leaves half a file. */
export function writeAtomic(path: string, text: string, durable = true): void {
  privateDir(dirname(path));
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'w', 0o600);
    writeSync(fd, text);
    if (durable) fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // Never created.
    }
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new WxError('STORE_WRITE', { detail: path, reason: why, cause: e });
  }
}

export class JsonFile<T> {
  readonly path: string;
  private doc: T;
  private key: StatKey | null | undefined;
  private good = false;
  /** performance.now() of the last stat. */
  private checkedAt = Number.NEGATIVE_INFINITY;
  /** Grows whenever the snapshot is replaced, so derived indexes know when to rebuild. */
  version = 0;

  constructor(private readonly opts: JsonFileOptions<T>) {
    this.path = opts.path;
    this.doc = opts.empty();
  }

  /** The current document. Read-only: change it with transact(). */
  read(): T {
    if (performance.now() - this.checkedAt >= REVALIDATE_MS) this.revalidate();
    return this.doc;
  }

  /** Revalidates now, however recently it was checked (before a decision another process may have changed). */
  fresh(): T {
    this.revalidate();
    return this.doc;
  }

  /**
   * Read-modify-write under the store lock. fn gets a private copy; what it returns is the result.
   * The file is written only if fn returns without throwing.
   */
  transact<R>(fn: (draft: T) => R): R {
    return withFileLockSync(this.opts.lockPath, () => {
      this.revalidate(true);
      const draft = this.opts.draft ? this.opts.draft(this.doc) : structuredClone(this.doc);
      const result = fn(draft);
      this.writeDoc(draft);
      return result;
    });
  }

  private writeDoc(doc: T): void {
    if (this.opts.write) {
      try {
        this.opts.write(doc);
      } catch (e) {
        if (e instanceof WxError) throw e;
        const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
        throw new WxError('STORE_WRITE', { detail: this.path, reason: why, cause: e });
      }
    } else {
      writeAtomic(this.path, JSON.stringify(doc, undefined, '\t'), this.opts.durable !== false);
    }
    this.set(doc, statKey(this.path));
  }

  private set(doc: T, key: StatKey | null): void {
    this.doc = doc;
    this.key = key;
    this.good = true;
    this.version++;
  }

  private revalidate(locked = false): void {
    this.checkedAt = performance.now();
    const key = statKey(this.path);
    if (key === this.key) return;
    if (key === null) {
      this.set(this.opts.empty(), null);
      return;
    }
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return this.set(this.opts.empty(), null);
      throw new WxError('STORE_UNREADABLE', { detail: this.path, reason: (e as NodeJS.ErrnoException).code ?? String(e), cause: e });
    }
    let parsed: T | null = null;
    try {
      parsed = this.opts.check(JSON.parse(text));
    } catch {
      parsed = null;
    }
    // A key taken before the read may be older than what was read; the next read stats again and, at worst, parses once more.
    if (parsed !== null) return this.set(parsed, key);
    if (locked) this.quarantine(key);
    else withFileLockSync(this.opts.lockPath, () => this.quarantine(statKey(this.path)));
  }

  /** Moves the damaged file aside and carries on with the last good snapshot, written back, or an empty document. */
  private quarantine(key: StatKey | null): void {
    if (key === null) return this.set(this.opts.empty(), null);
    // Another process may have repaired it meanwhile: look once more under the lock.
    try {
      const again = this.opts.check(JSON.parse(readFileSync(this.path, 'utf8')));
      if (again !== null) return this.set(again, statKey(this.path));
    } catch {
      // Still damaged.
    }
    const at = Date.now();
    const movedTo = `${this.path}.damaged-${new Date(at).toISOString().replace(/[:.]/g, '-')}`;
    try {
      renameSync(this.path, movedTo);
    } catch (e) {
      throw new WxError('STORE_UNREADABLE', { detail: this.path, reason: `damaged, and it could not be moved aside: ${(e as Error).message}`, cause: e });
    }
    const recovered = this.good ? this.doc : this.opts.empty();
    this.opts.onDamage?.({ kind: 'damaged', file: this.path, movedTo, at, recovered: this.good ? 'memory' : 'empty' });
    // Written back, so every process finds a usable file again.
    this.writeDoc(recovered);
  }
}

