// The file backend: config.json (accounts, tokens, tickets, force counts, last errors, settings;
// conf's format, so the desktop's electron-store writes the same file), a JsonFile snapshot, and
// history/<AppID>.json (attempts, capped; history-files.ts); one lock file per account under locks/. Another process's
// changes are seen at the next read (a stat) and announced by a one-second poll while someone
// watches.
import { join } from 'node:path';
import type { FaultNotice, Notice, RecordProblem, StoreNotice } from '../../contract';
import { WxError, toWxError } from '../errors';
import { GuardedEmitter } from '../guarded-emitter';
import { systemClock, unrefTimer, type Clock, type TimerHandle } from '../clock';
import type { StateBackend } from './backend';
import { HistoryFiles } from './history-files';
import { JsonFile } from './json-file';
import { checkPrivateDir } from './private-dir';
import { FileLock, type Lease, type Locker } from './lock';
import { checkSettings, dropBadRecords } from './record-check';
import { type AccountEntry, type AccountRecord, type HistoryEntry, type LastError, type Settings, type TicketRecord, type TicketType, type TokenRecord } from './records';

/** config.json as conf writes it: one map per kind of record, keyed by AppID. */
export interface ConfigDoc {
  accounts: Record<string, AccountRecord>;
  tokens: Record<string, TokenRecord>;
  tickets: Record<string, Partial<Record<TicketType, TicketRecord>>>;
  forced: Record<string, number[]>;
  lastError: Record<string, LastError>;
  settings: Settings;
  /** Before core v2, history lived here; it is moved to history.json on the first write. */
  history?: Record<string, HistoryEntry[]>;
  /** Team mode: accounts changed here while the team's Redis was down, to push when it is back. */
  teamPending?: Record<string, PendingMark>;
}

/**
 * Team mode: an account written to this mirror while Redis was down (`at`), or removed then
 * (`removed`: a tombstone, so the removal is pushed rather than the account pulled back). Kept in
 * config.json with the write itself, so any process on this data dir pushes it, not only the one
 * that made it.
 */
export interface PendingMark {
  at: number;
  removed?: true;
}

/** Distinct faults kept as notices. */
const FAULTS_KEPT = 20;

const MAPS = ['accounts', 'tokens', 'tickets', 'forced', 'lastError', 'settings'] as const;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function emptyConfig(): ConfigDoc {
  return { accounts: {}, tokens: {}, tickets: {}, forced: {}, lastError: {}, settings: {} };
}

/**
 * The document if it has config.json's shape (missing maps filled in), else null. Records whose
 * fields are of the wrong type are dropped from it and named in `problems` (record-check.ts).
 */
export function checkConfig(v: unknown, problems: RecordProblem[] = []): ConfigDoc | null {
  if (!isObject(v)) return null;
  const doc = { ...emptyConfig(), ...v } as ConfigDoc;
  for (const k of MAPS) if (!isObject(doc[k])) return null;
  if (doc.history !== undefined && !isObject(doc.history)) return null;
  dropBadRecords(doc, problems);
  checkSettings(doc.settings as Record<string, unknown>, problems);
  return doc;
}

const own = <T>(map: Record<string, T>, key: string): T | undefined => (Object.hasOwn(map, key) ? map[key] : undefined);

/** One account's entry, composed from the document's maps. */
export function entryOf(doc: ConfigDoc, appId: string): AccountEntry | undefined {
  const account = own(doc.accounts, appId);
  if (!account) return undefined;
  const e: AccountEntry = { account };
  const token = own(doc.tokens, appId);
  const tickets = own(doc.tickets, appId);
  const forced = own(doc.forced, appId);
  const lastError = own(doc.lastError, appId);
  if (token) e.token = token;
  if (tickets) e.tickets = tickets;
  if (forced) e.forced = forced;
  if (lastError) e.lastError = lastError;
  return e;
}

function putEntry(doc: ConfigDoc, appId: string, e: AccountEntry | undefined): void {
  const set = <T>(map: Record<string, T>, v: T | undefined) => {
    if (v === undefined) delete map[appId];
    else map[appId] = v;
  };
  set(doc.accounts, e?.account);
  set(doc.tokens, e?.token);
  set(doc.tickets, e?.tickets);
  set(doc.forced, e?.forced);
  set(doc.lastError, e?.lastError);
}

export interface FileBackendOptions {
  dataDir: string;
  /** The desktop writes config.json through its electron-store; by default an atomic write. */
  writeConfig?: (doc: ConfigDoc) => void;
  locker?: Locker;
  /** How often watchers look for other processes' changes (default 1 s). */
  pollMs?: number;
  /** Timers for the poll (tests move time by hand). */
  clock?: Clock;
}

export class FileBackend implements StateBackend {
  readonly location: string;
  readonly lockPath: string;
  readonly config: JsonFile<ConfigDoc>;
  private readonly historyFiles: HistoryFiles;
  private readonly locker: Locker;
  private readonly events = new GuardedEmitter<{ notice: [Notice]; change: [string[]] }>();
  private readonly noticeList: Notice[] = [];
  private readonly pollMs: number;
  private cache: { version: number; map: Map<string, AccountEntry> } | undefined;
  private readonly clock: Clock;
  private poll: TimerHandle | undefined;
  private watchedVersion = -1;
  private watchedEntries = new Map<string, string>();

  constructor(opts: FileBackendOptions) {
    // Before anything in it is read: files another user could have placed are never trusted.
    checkPrivateDir(opts.dataDir);
    this.location = opts.dataDir;
    this.lockPath = join(opts.dataDir, 'locks', 'store.lock');
    this.pollMs = opts.pollMs ?? 1_000;
    this.clock = opts.clock ?? systemClock;
    const onDamage = (n: StoreNotice) => this.notice(n);
    this.config = new JsonFile({ path: join(opts.dataDir, 'config.json'), lockPath: this.lockPath, empty: emptyConfig, check: checkConfig, salvageDepth: 2, write: opts.writeConfig, onDamage, immutableRecords: true });
    this.historyFiles = new HistoryFiles(opts.dataDir, this.lockPath, onDamage);
    this.locker = opts.locker ?? new FileLock(join(opts.dataDir, 'locks'));
    // A change or notice listener that throws is a notice. One that throws on a notice is only listed
    // (telling it again would throw again).
    this.events.onListenerError = (e, event) => (event === 'notice' ? this.noticeList.push(this.faultNotice(e)) : this.fault(e));
  }

  /** Reports a damaged file: kept in the list and told to listeners (the dashboard, serve's log, the CLI). */
  notice(n: StoreNotice | FaultNotice): void {
    this.noticeList.push(n);
    this.events.emit('notice', n);
  }

  /**
   * Records a fault WxDesk carried on through as a notice: told once, a repeat only moves its time
   * (a fault met on every poll is one notice, not one a second); the oldest go past FAULTS_KEPT.
   */
  fault(e: unknown): void {
    const { error, at } = this.faultNotice(e);
    const same = this.noticeList.find((n): n is FaultNotice => n.kind === 'fault' && n.error.code === error.code && n.error.message === error.message);
    if (same) {
      same.at = at;
      return;
    }
    const faults = this.noticeList.filter((n) => n.kind === 'fault');
    if (faults.length >= FAULTS_KEPT) this.noticeList.splice(this.noticeList.indexOf(faults[0]!), 1);
    this.notice({ kind: 'fault', at, error });
  }

  private faultNotice(e: unknown): FaultNotice {
    return { kind: 'fault', at: this.clock.now(), error: toWxError(e).view() };
  }

  entries(): ReadonlyMap<string, AccountEntry> {
    const doc = this.config.read();
    if (this.cache?.version !== this.config.version) {
      const map = new Map<string, AccountEntry>();
      for (const appId of Object.keys(doc.accounts)) map.set(appId, entryOf(doc, appId)!);
      this.cache = { version: this.config.version, map };
    }
    return this.cache.map;
  }

  entriesVersion(): number {
    this.entries();
    return this.cache!.version;
  }

  entry(appId: string): AccountEntry | undefined {
    return this.entries().get(appId);
  }

  freshEntry(appId: string): AccountEntry | undefined {
    this.config.fresh();
    return this.entry(appId);
  }

  /**
   * Team mode: `opts.pending` (Redis down) marks the write in the same transaction, to be pushed
   * later; `opts.unlessPending` (a copy from Redis) leaves an account with such a mark as it is.
   */
  async update(appId: string, fn: (current: AccountEntry | undefined) => AccountEntry | undefined, opts?: { pending?: boolean; unlessPending?: boolean }): Promise<AccountEntry | undefined> {
    // The cache of entries is carried over (one slot changed) when it was current before this write.
    const cache = this.cache?.version === this.config.version ? this.cache : undefined;
    let written: ConfigDoc | undefined;
    const done = this.config.transactInPlace((doc, onUndo) => {
      written = doc;
      this.migrateHistory(doc, onUndo);
      const current = entryOf(doc, appId);
      if (opts?.unlessPending && isObject(doc.teamPending) && Object.hasOwn(doc.teamPending, appId)) return current;
      // fn gets a copy: the records in the document are replaced, never changed in place.
      const result = fn(current && structuredClone(current));
      onUndo(() => putEntry(doc, appId, current));
      putEntry(doc, appId, result);
      if (opts?.pending && (result || current)) this.markPending(doc, appId, result ? { at: this.clock.now() } : { at: this.clock.now(), removed: true }, onUndo);
      return result;
    });
    // Written in this turn unless another process held the store lock: the cache follows at once.
    const next = done instanceof Promise ? await done : done;
    const version = this.config.version;
    if (cache && written && this.cache === cache && cache.version + 1 === version) {
      // Changed in place: a copy of a thousand entries per token write was a third of what a
      // start with a thousand accounts allocated. Indexes built from the map key on the version.
      const entry = entryOf(written, appId);
      if (entry) cache.map.set(appId, entry);
      else cache.map.delete(appId);
      cache.version = version;
    }
    // Watchers hear of other processes' changes, not of this one's.
    if (this.poll !== undefined) {
      if (next) this.watchedEntries.set(appId, JSON.stringify(entryOf(this.config.read(), appId)));
      else this.watchedEntries.delete(appId);
    }
    return next;
  }

  /** Team mode: the accounts changed here while Redis was down and not pushed yet (as on disk now). */
  pending(): ReadonlyMap<string, PendingMark> {
    const marks = this.config.fresh().teamPending;
    const out = new Map<string, PendingMark>();
    if (!isObject(marks)) return out;
    for (const [appId, m] of Object.entries(marks)) if (isObject(m) && typeof m.at === 'number') out.set(appId, m.removed === true ? { at: m.at, removed: true } : { at: m.at });
    return out;
  }

  /** Team mode: the mark is pushed; removed unless a newer one replaced it meanwhile. */
  async clearPending(appId: string, mark: PendingMark): Promise<void> {
    const now = this.config.fresh().teamPending;
    if (!isObject(now) || !Object.hasOwn(now, appId)) return;
    this.config.transactInPlace((doc, onUndo) => {
      const cur = isObject(doc.teamPending) ? own(doc.teamPending, appId) : undefined;
      if (cur?.at === mark.at && !!cur.removed === !!mark.removed) this.markPending(doc, appId, undefined, onUndo);
    });
  }

  private markPending(doc: ConfigDoc, appId: string, mark: PendingMark | undefined, onUndo: (undo: () => void) => void): void {
    const before = doc.teamPending;
    const marks = { ...(isObject(before) ? before : {}) };
    if (mark) marks[appId] = mark;
    else delete marks[appId];
    if (Object.keys(marks).length) doc.teamPending = marks;
    else delete doc.teamPending;
    onUndo(() => {
      if (before === undefined) delete doc.teamPending;
      else doc.teamPending = before;
    });
  }

  /** History moves out of config.json, so reading a token never parses it (the store lock is held here). */
  private migrateHistory(doc: ConfigDoc, onUndo: (undo: () => void) => void): void {
    if (doc.history === undefined) return;
    const legacy = doc.history;
    delete doc.history;
    onUndo(() => {
      doc.history = legacy;
    });
    this.historyFiles.importLocked(legacy);
  }

  /** The account's attempts; a history file that cannot be read is a notice and no attempts (history is a record, not state). */
  history(appId: string): readonly HistoryEntry[] {
    let list: readonly HistoryEntry[];
    try {
      list = this.historyFiles.read(appId);
    } catch (e) {
      this.fault(e);
      return [];
    }
    return list.length > 0 ? list : (own(this.config.read().history ?? {}, appId) ?? list);
  }

  async appendHistory(appId: string, entry: HistoryEntry): Promise<void> {
    // Pre-v2 lines still in config.json move out first, with the config write that moves them.
    if (this.config.read().history !== undefined) await this.updateSettings({});
    await this.historyFiles.append(appId, entry);
  }

  async forgetHistory(appId: string): Promise<void> {
    await this.historyFiles.forget(appId);
  }

  settings(): Settings {
    return this.config.read().settings;
  }

  async updateSettings(patch: Partial<Settings>): Promise<Settings> {
    return this.config.transactInPlace((doc, onUndo) => {
      this.migrateHistory(doc, onUndo);
      const before = doc.settings;
      onUndo(() => {
        doc.settings = before;
      });
      doc.settings = { ...before, ...patch };
      return doc.settings;
    });
  }

  lock(appId: string): Promise<Lease> {
    return this.locker.acquire(appId);
  }

  watch(listener: (appIds: string[]) => void): () => void {
    this.events.on('change', listener);
    if (this.poll === undefined) {
      this.remember();
      this.schedulePoll();
    }
    return () => {
      this.events.off('change', listener);
      if (this.events.listenerCount('change') === 0) this.stopPoll();
    };
  }

  private schedulePoll(): void {
    this.poll = this.clock.setTimeout(() => {
      try {
        this.look();
      } catch (e) {
        // Nothing a poll meets may end the process (it runs in a timer): recorded, and looked at again.
        this.fault(e);
      }
      if (this.poll !== undefined) this.schedulePoll();
    }, this.pollMs);
    unrefTimer(this.poll);
  }

  private stopPoll(): void {
    if (this.poll !== undefined) this.clock.clearTimeout(this.poll);
    this.poll = undefined;
  }

  private remember(): void {
    this.watchedVersion = this.config.version;
    this.watchedEntries = new Map([...this.entries()].map(([id, e]) => [id, JSON.stringify(e)]));
  }

  /** One poll: which entries differ from what watchers were last told about. */
  private look(): void {
    try {
      this.config.fresh();
      this.entries();
    } catch (e) {
      // Unreadable for now: a notice (once), and the poll looks again.
      this.fault(e instanceof WxError ? e : new WxError('STORE_UNREADABLE', { detail: this.config.path, reason: (e as Error).message, cause: e }));
      return;
    }
    if (this.config.version === this.watchedVersion) return;
    const before = this.watchedEntries;
    this.remember();
    const changed = new Set<string>();
    for (const [id, json] of this.watchedEntries) if (before.get(id) !== json) changed.add(id);
    for (const id of before.keys()) if (!this.watchedEntries.has(id)) changed.add(id);
    if (changed.size > 0) this.events.emit('change', [...changed]);
  }

  notices(): readonly Notice[] {
    return this.noticeList;
  }

  onNotice(listener: (notice: Notice) => void): () => void {
    this.events.on('notice', listener);
    return () => this.events.off('notice', listener);
  }

  async close(): Promise<void> {
    this.stopPoll();
    this.events.removeAllListeners();
  }
}
