// The one interface through which accounts, tokens, tickets, force counts, errors, history, locks
// and change events are read and written. The keeper and the account service see only this.
//
// Reads are synchronous and come from memory (a backend keeps a local snapshot current), so the
// hot path never waits on I/O. Writes are asynchronous, so a networked backend fits behind the same
// methods: the file backend (file-backend.ts) does its work at once and resolves; a Redis backend
// would map them as DESIGN.md describes (a key per account, SET NX PX with a heartbeat for locks,
// pub/sub for changes).
import type { Notice } from '../../contract';
import type { Lease } from './lock';
import type { AccountEntry, HistoryEntry, Settings } from './records';

export interface StateBackend {
  /** Where the state lives, for people: a data dir, or a redacted server URL. */
  readonly location: string;
  /** Every account's entry, keyed by AppID (one Map, changed in place by this process's writes). */
  entries(): ReadonlyMap<string, AccountEntry>;
  /** Grows whenever entries() changes: what an index built from it is keyed on. */
  entriesVersion(): number;
  entry(appId: string): AccountEntry | undefined;
  /**
   * The entry as it is now, past the snapshot's 10 ms cache: for decisions that another
   * process may just have made moot (compare-and-refresh under the account's lock).
   */
  freshEntry(appId: string): AccountEntry | undefined;
  /**
   * Read-modify-write of one account's entry, atomic across processes: fn sees the latest entry
   * (undefined if none) and returns the next one (undefined deletes the entry). Resolves with what
   * was stored; rejects with STORE_WRITE when it could not be stored.
   */
  update(appId: string, fn: (current: AccountEntry | undefined) => AccountEntry | undefined): Promise<AccountEntry | undefined>;
  /** The account's recent attempts, oldest first (capped at HISTORY_LIMIT). */
  history(appId: string): readonly HistoryEntry[];
  appendHistory(appId: string, entry: HistoryEntry): Promise<void>;
  forgetHistory(appId: string): Promise<void>;
  /** This machine's settings (never shared). */
  settings(): Settings;
  updateSettings(patch: Partial<Settings>): Promise<Settings>;
  /** The cross-process (or cross-machine) lock for one account's refresh (or, named `<AppID>-ticket-<type>`, one ticket's fetch), kept alive while held. */
  lock(appId: string): Promise<Lease>;
  /**
   * Entries changed elsewhere (another process or machine): the listener gets their AppIDs
   * (removed ones included). Returns the unsubscribe.
   */
  watch(listener: (appIds: string[]) => void): () => void;
  /** Damaged data moved aside, and the like: what the user must be told. */
  notices(): readonly Notice[];
  onNotice(listener: (notice: Notice) => void): () => void;
  /** Team mode: the state is shared with other machines (a machine without the secret waits for a teammate's refresh). */
  readonly shared?: boolean;
  /** Team mode: the shared store cannot be reached now (classic tokens are not fetched then). */
  offline?(): boolean;
  close(): Promise<void>;
}
