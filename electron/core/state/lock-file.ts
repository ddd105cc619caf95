// One lock file: created with O_EXCL (atomic on local file systems), carrying its owner's id, pid,
// host and PID namespace; judged abandoned only by what its owner does, never by the reader's clock;
// removed only by the one who judged it, and only while it still carries the id that was judged.
//
// - A lock that cannot be written (a full disk, a read-only or foreign folder) is removed at once
//   and reported as STORE_WRITE naming the folder: an empty lock file left behind looked like an
//   owner caught between create and write, and every later writer waited on it.
// - Abandoned: the owner's process is gone (same host and same PID namespace only: a container
//   sharing the hostname and the volume has pids of its own), or the file has not changed (the
//   owner's heartbeat touches it) for staleMs as this process has watched it, on its monotonic
//   clock. A reader whose wall clock jumps forward, or a file's mtime far in the past, proves nothing.
import { closeSync, linkSync, openSync, readFileSync, readlinkSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { WxError } from '../errors';

export interface Owner {
  id: string;
  pid: number;
  host: string;
  /** Boot id and PID namespace (Linux); absent where /proc does not say. */
  ns?: string;
}

const HOST = hostname();

/** An unreadable lock file (no owner written yet) is an owner caught between create and write for this long at most. */
const UNREADABLE_GRACE_MS = 1_000;

let namespace: string | null | undefined;

/** This process's PID namespace on this boot ("<boot id>/pid:[inode]"), or null where /proc does not tell (macOS, Windows). */
export function pidNamespace(): string | null {
  if (namespace === undefined) {
    try {
      namespace = `${readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()}/${readlinkSync('/proc/self/ns/pid')}`;
    } catch {
      namespace = null;
    }
  }
  return namespace;
}

/** Whether the owner's pid means a process here: the same host, and the same PID namespace on the same boot. */
function samePidSpace(owner: Owner): boolean {
  return owner.host === HOST && (owner.ns ?? null) === pidNamespace();
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readOwner(path: string): Owner | null {
  try {
    const o = JSON.parse(readFileSync(path, 'utf8')) as Partial<Owner>;
    return typeof o.id === 'string' ? (o as Owner) : null;
  } catch {
    return null;
  }
}

let created = 0;

/**
 * A lock id unique across processes and hosts: pid, a counter and random bits. It names an owner,
 * it guards nothing secret (node:crypto is not loaded for it: `wxdesk token` starts faster).
 */
export function newId(): string {
  return `${process.pid.toString(36)}.${(++created).toString(36)}.${Math.random().toString(36).slice(2, 12)}`;
}

const REASONS: Record<string, string> = { ENOSPC: 'disk full', EDQUOT: 'disk quota full', EROFS: 'read-only file system', EACCES: 'permission denied', EPERM: 'permission denied' };

/** STORE_WRITE for a lock that could not be made, naming its folder and the cause in words. */
function lockWriteError(path: string, e: unknown): WxError {
  const code = (e as NodeJS.ErrnoException).code;
  const reason = (code && REASONS[code]) ?? code ?? (e as Error).message;
  return new WxError('STORE_WRITE', { detail: dirname(path), reason, cause: e });
}

/** Creates the lock file if nobody holds it: our id, or null when it is taken. Throws STORE_WRITE, leaving no file, when it cannot be written. */
export function tryCreate(path: string): string | null {
  const me: Owner = { id: newId(), pid: process.pid, host: HOST };
  const ns = pidNamespace();
  if (ns !== null) me.ns = ns;
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw lockWriteError(path, e);
  }
  const text = Buffer.from(JSON.stringify(me));
  try {
    try {
      if (writeSync(fd, text) !== text.length) throw Object.assign(new Error('short write'), { code: 'ENOSPC' });
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    // Ours since the O_EXCL open, microseconds ago, and still empty or partial: nobody else's.
    try {
      unlinkSync(path);
    } catch {
      // Gone already.
    }
    throw lockWriteError(path, e);
  }
  forget(path);
  return me.id;
}

/** What this process has watched of each lock file it waits on: its state and since when (monotonic). */
const watched = new Map<string, { state: string; since: number }>();

function forget(path: string): void {
  watched.delete(path);
}

/**
 * The id of an abandoned lock ('' for a file with no readable owner), or null when the lock may
 * still be held or is gone. A first look never finds a lock abandoned unless its owner's process
 * is known gone: staleness is time this process has seen the file unchanged.
 */
export function abandoned(path: string, staleMs: number): string | null {
  let st;
  try {
    st = statSync(path);
  } catch {
    forget(path);
    return null;
  }
  const owner = readOwner(path);
  if (owner && samePidSpace(owner) && !alive(owner.pid)) return owner.id;
  // ctime too: it moves with every touch, whatever time the owner's clock gives the mtime.
  const state = `${st.ino}:${st.mtimeMs}:${st.ctimeMs}:${owner?.id ?? ''}`;
  const now = performance.now();
  const seen = watched.get(path);
  if (seen?.state !== state) {
    watched.set(path, { state, since: now });
    return null;
  }
  const limit = owner ? staleMs : Math.min(staleMs, UNREADABLE_GRACE_MS);
  return now - seen.since >= limit ? (owner?.id ?? '') : null;
}

/**
 * Removes the lock at `path` if it still carries `id` ('' = no readable owner). The file is moved
 * aside first (atomic), then judged: one that is not the lock judged (a new owner's, made since)
 * is linked back unless yet another lock was made meanwhile, and that owner then finds its lease
 * lost. No guard lock, so nothing here ever waits.
 */
export function removeIf(path: string, id: string): boolean {
  const aside = `${path}.${newId()}.gone`;
  try {
    renameSync(path, aside);
  } catch {
    return false; // Gone already, or the folder cannot be changed.
  }
  const ours = (readOwner(aside)?.id ?? '') === id;
  if (ours) forget(path);
  else {
    try {
      linkSync(aside, path);
    } catch {
      // Another lock was made meanwhile: the owner of the one moved aside learns it lost it.
    }
  }
  try {
    unlinkSync(aside);
  } catch {
    // Gone already.
  }
  return ours;
}
