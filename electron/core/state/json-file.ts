// One JSON file kept as a parsed snapshot in memory. A read costs a stat (inode, size, mtime and
// ctime) at most once every 10 ms, so another process's write is seen within 10 ms and nothing on
// the hot path parses a file; a busy local endpoint pays for a stat per 10 ms, not per request (a
// stat costs about 5 µs, a cached answer about 25 µs). Decisions that another process may have made
// moot (compare-and-refresh under the lock) use fresh(), which always stats.
//
// Writes are transactions: under the store lock, the file is revalidated, changed and replaced with
// an atomic rename (mode 0600).
//
// A file that cannot be parsed, or that holds records of the wrong type, is moved aside to
// NAME.damaged-<time> (kept, never deleted), and what can be trusted is written in its place (see
// quarantine()); the move is reported.
import { chmodSync, closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync, writevSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RecordProblem, StoreNotice } from '../../contract';
import { WxError } from '../errors';
import { salvageJson } from './json-salvage';
import { withFileLock, withFileLockSync } from './lock';
import { privateDir } from './private-dir';

export interface JsonFileOptions<T> {
  path: string;
  /** The store lock shared by every file of the data dir. */
  lockPath: string;
  /** What an absent file holds. */
  empty: () => T;
  /**
   * The document if `value` has this file's shape (filled with defaults), else null: damaged. A
   * check may also drop records of the wrong type from it, naming each in `problems`: the file
   * is then damaged in part (moved aside, the rest written back).
   */
  check: (value: unknown, problems: RecordProblem[]) => T | null;
  /** How deep a container cut short by damage is still read in part (1: the document; 2: its maps too). */
  salvageDepth?: number;
  /** Writes the document; by default an atomic write of tab-indented JSON (conf's format), mode 0600. */
  write?: (doc: T) => void;
  onDamage?: (notice: StoreNotice) => void;
  /** false: skip the fsync (a record such as history, where a crash may lose the last line). */
  durable?: boolean;
  /**
   * The document's records (two levels down) are replaced, never changed in place: their text is
   * remembered between writes (see jsonBuffers).
   */
  immutableRecords?: boolean;
}

type StatKey = string;

function statKey(path: string): StatKey | null {
  const st = statSync(path, { throwIfNoEntry: false });
  // Times as the float milliseconds Node gives: their fraction carries the file system's precision.
  return st ? `${st.dev}:${st.ino}:${st.birthtimeMs}:${st.size}:${st.mtimeMs}:${st.ctimeMs}` : null;
}

/**
 * Which file a stat key is of, whatever was written into it: WxDesk replaces a file (a new inode,
 * born anew) on every write and never changes one in place, so the same identity means no WxDesk
 * process has written it since.
 */
const identity = (key: StatKey | null | undefined): string | undefined => key?.split(':', 3).join(':');

/** A data file others can read (written by an older version, by hand, or copied in) is made the owner's only. */
function narrow(path: string): void {
  const st = statSync(path, { throwIfNoEntry: false });
  if (st && (st.mode & 0o077) !== 0 && st.uid === process.getuid?.()) chmodSync(path, 0o600);
}

/** How long a stat vouches for the snapshot. */
export const REVALIDATE_MS = 10;

/**
 * JSON.stringify(doc, undefined, '\t'), the same text, as a list of buffers: one per record two
 * levels down (config.json's accounts, tokens, …), written with one writev. With a thousand accounts
 * the whole text is most of a megabyte; made as one string and one write buffer on every token write,
 * it was most of a start-up's work and what serve kept as resident memory long after.
 * `texts` remembers each record's bytes by the record object, for documents whose records are
 * replaced, never changed in place: a token write then serializes one record, not a thousand.
 */
export function jsonBuffers(doc: unknown, texts?: WeakMap<object, Buffer>): Buffer[] {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return [Buffer.from(JSON.stringify(doc, undefined, '\t'), 'utf8')];
  const top = doc as Record<string, unknown>;
  const keys = Object.keys(top).filter((k) => !skipped(top[k]));
  if (keys.length === 0) return [Buffer.from('{}')];
  // Sized once: a token write with a thousand accounts lists about four thousand pieces, and an
  // array grown push by push (with iterators and filtered key lists besides) was most of what a
  // start of a thousand accounts allocated.
  let pieces = 2;
  const inners: (string[] | null)[] = [];
  for (const k of keys) {
    const v = top[k];
    const inner = typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.keys(v) : null;
    inners.push(inner);
    pieces += inner ? 2 + 2 * inner.length : 1;
  }
  const out: Buffer[] = new Array<Buffer>(pieces);
  let at = 0;
  out[at++] = OPEN;
  for (let i = 0; i < keys.length; i++) {
    const v = top[keys[i]!];
    const head = `${i ? ',' : ''}\n\t${JSON.stringify(keys[i])}: `;
    const inner = inners[i]!;
    const records = v as Record<string, unknown>;
    let first = true;
    for (let n = 0; inner && n < inner.length; n++) {
      const j = inner[n]!;
      const record = records[j];
      if (skipped(record)) continue;
      if (first) out[at++] = Buffer.from(`${head}{`, 'utf8');
      else out[at++] = COMMA;
      first = false;
      const remember = texts !== undefined && typeof record === 'object' && record !== null;
      let bytes = remember ? texts.get(record) : undefined;
      if (bytes === undefined) {
        const text = `\n\t\t${JSON.stringify(j)}: ${JSON.stringify(record, undefined, '\t').replaceAll('\n', '\n\t\t')}`;
        bytes = remember ? unpooled(text) : Buffer.from(text, 'utf8');
        if (remember) texts.set(record, bytes);
      }
      out[at++] = bytes;
    }
    // Not an object, or one with nothing in it: as JSON.stringify writes it.
    out[at++] = first ? Buffer.from(head + JSON.stringify(v, undefined, '\t').replaceAll('\n', '\n\t'), 'utf8') : CLOSE_INNER;
  }
  out[at++] = CLOSE;
  out.length = at;
  return out;
}

const OPEN = Buffer.from('{');
const CLOSE_INNER = Buffer.from('\n\t}');
const CLOSE = Buffer.from('\n}');
const COMMA = Buffer.from(',');

/**
 * A remembered record's bytes in a memory block of their own. Buffer.from puts a short text in a
 * shared 8 KB slab, and one remembered record kept its whole slab alive: with a thousand accounts,
 * megabytes held for a few hundred bytes each.
 */
function unpooled(text: string): Buffer {
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text, 'utf8'));
  bytes.write(text, 'utf8');
  return bytes;
}

/** What JSON.stringify leaves out of an object. */
const skipped = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/**
 * One writev for every piece: libuv writes past IOV_MAX (1024 on Linux) in turns itself, so the
 * list is not copied into batches here.
 */
function writeAll(fd: number, bufs: Buffer[]): void {
  let size = 0;
  for (const b of bufs) size += b.length;
  const done = writevSync(fd, bufs);
  // A short write (rare on a regular file): the rest in one piece.
  if (done < size) writeSync(fd, Buffer.concat(bufs).subarray(done));
}

/** Writes text to path through a temp file and a rename: a crash never leaves half a file. */
export function writeAtomic(path: string, text: string | Buffer[], durable = true): void {
  privateDir(dirname(path));
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'w', 0o600);
    if (typeof text === 'string') writeSync(fd, text);
    else writeAll(fd, text);
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
  /** performance.now() of the last stat. */
  private checkedAt = Number.NEGATIVE_INFINITY;
  /** Grows whenever the snapshot is replaced, so derived indexes know when to rebuild. */
  version = 0;
  private readonly texts: WeakMap<object, Buffer> | undefined;

  constructor(private readonly opts: JsonFileOptions<T>) {
    this.path = opts.path;
    this.doc = opts.empty();
    this.texts = opts.immutableRecords ? new WeakMap() : undefined;
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
   * The file is written only if fn returns without throwing. Done at once when the lock is free;
   * a promise when another process holds it (waited for on timers, see withFileLock).
   */
  transact<R>(fn: (draft: T) => R): R | Promise<R> {
    return withFileLock(this.opts.lockPath, () => {
      this.revalidate(true);
      const draft = structuredClone(this.doc);
      const result = fn(draft);
      this.writeDoc(draft);
      return result;
    });
  }

  /**
   * transact() without the copy, for a large document changed a few keys at a time (config.json
   * with a thousand accounts: copying it on every token write was most of serve's start-up work and
   * memory). fn changes the snapshot itself and registers how to put each change back; if fn throws
   * or the write fails, the changes are undone, latest first, and nothing was written.
   */
  transactInPlace<R>(fn: (doc: T, onUndo: (undo: () => void) => void) => R): R | Promise<R> {
    return withFileLock(this.opts.lockPath, () => {
      this.revalidate(true);
      const doc = this.doc;
      const undos: (() => void)[] = [];
      try {
        const result = fn(doc, (undo) => undos.push(undo));
        this.writeDoc(doc);
        return result;
      } catch (e) {
        for (const undo of undos.reverse()) undo();
        this.version++;
        throw e;
      }
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
      writeAtomic(this.path, jsonBuffers(doc, this.texts), this.opts.durable !== false);
    }
    this.set(doc, statKey(this.path));
  }

  private set(doc: T, key: StatKey | null): void {
    this.doc = doc;
    this.key = key;
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
      narrow(this.path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return this.set(this.opts.empty(), null);
      throw new WxError('STORE_UNREADABLE', { detail: this.path, reason: (e as NodeJS.ErrnoException).code ?? String(e), cause: e });
    }
    const parsed = this.parse(text);
    // A key taken before the read may be older than what was read; the next read stats again and, at worst, parses once more.
    if (parsed.doc !== null && parsed.problems.length === 0) return this.set(parsed.doc, key);
    if (locked) return this.quarantine(key);
    try {
      withFileLockSync(this.opts.lockPath, () => this.quarantine(statKey(this.path)));
    } catch (e) {
      // A read cannot wait for the store lock: its holder repairs the file, or the next read does.
      if (!(this.key !== undefined && e instanceof WxError && e.code === 'STORE_BUSY')) throw e;
    }
  }

  private parse(text: string): { doc: T | null; problems: RecordProblem[] } {
    const problems: RecordProblem[] = [];
    try {
      return { doc: this.opts.check(JSON.parse(text), problems), problems };
    } catch {
      return { doc: null, problems };
    }
  }

  /**
   * Moves the damaged file aside, and writes back, in this order of preference:
   * - the file without its bad records, when it parsed and only some records were of the wrong type;
   * - this process's snapshot, only when it is provably the newest: the damaged file is the very
   *   file it was read from or written as (same identity), changed in place since, so no other
   *   process has written one since (an older snapshot would bring removed accounts back and drop
   *   added ones);
   * - the readable part of the damaged copy (whole records only);
   * - an empty document.
   */
  private quarantine(key: StatKey | null): void {
    if (key === null) return this.set(this.opts.empty(), null);
    // Another process may have repaired it meanwhile: look once more under the lock.
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return this.set(this.opts.empty(), null);
      throw new WxError('STORE_UNREADABLE', { detail: this.path, reason: (e as NodeJS.ErrnoException).code ?? String(e), cause: e });
    }
    const now = statKey(this.path);
    const again = this.parse(text);
    if (again.doc !== null && again.problems.length === 0) return this.set(again.doc, now);
    const at = Date.now();
    const movedTo = `${this.path}.damaged-${new Date(at).toISOString().replace(/[:.]/g, '-')}`;
    try {
      renameSync(this.path, movedTo);
      narrow(movedTo);
    } catch (e) {
      throw new WxError('STORE_UNREADABLE', { detail: this.path, reason: `damaged, and it could not be moved aside: ${(e as Error).message}`, cause: e });
    }
    let doc: T;
    let recovered: StoreNotice['recovered'];
    let records: RecordProblem[] | undefined;
    if (again.doc !== null) {
      [doc, recovered, records] = [again.doc, 'partial', again.problems];
    } else if (this.key !== undefined && identity(this.key) !== undefined && identity(this.key) === identity(now)) {
      [doc, recovered] = [this.doc, 'memory'];
    } else {
      const part = this.salvage(text);
      [doc, recovered] = part ? [part, 'partial'] : [this.opts.empty(), 'empty'];
    }
    this.opts.onDamage?.({ kind: 'damaged', file: this.path, movedTo, at, recovered, ...(records ? { records } : {}) });
    // Written back, so every process finds a usable file again.
    this.writeDoc(doc);
  }

  /** The readable part of a damaged text, if it holds anything an empty document does not. */
  private salvage(text: string): T | null {
    const value = salvageJson(text, this.opts.salvageDepth);
    if (value === undefined) return null;
    let doc: T | null = null;
    try {
      doc = this.opts.check(value, []);
    } catch {
      return null;
    }
    return doc !== null && JSON.stringify(doc) !== JSON.stringify(this.opts.empty()) ? doc : null;
  }
}
