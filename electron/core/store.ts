// Typed access to the one persisted document. The desktop app hands in an electron-store (a conf
// subclass); the CLI and `wxdesk serve` hand in a plain conf on the same directory, so all three
// share accounts, tokens and history. conf re-reads the file on every access (no cache), which is
// what lets several processes on one data dir see each other's tokens.
import Conf, { type Options } from 'conf';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { AccountView, HistoryView, TicketView, TokenMode, Trigger } from '../api';
import { WxError, type WxErrorView } from './errors';
import { withFileLockSync } from './lock';

export type { TokenMode, Trigger } from '../api';
export type TicketType = TicketView['type'];

/** An account as stored: its view without `hasSecret` (the secret lives in a SecretBox). */
export type AccountRecord = Omit<AccountView, 'hasSecret'>;

export interface TokenRecord {
  token: string;
  mode: TokenMode;
  obtainedAt: number;
  expiresAt: number;
  /** The apiBase the token came from: a token from a proxy or a test fake is not one for the real API. */
  apiBase: string;
}

export interface TicketRecord {
  ticket: string;
  /** The access_token it was fetched with. */
  forToken: string;
  obtainedAt: number;
  expiresAt: number;
}

/** One refresh attempt as kept in the history (the contract's HistoryView). */
export type HistoryEntry = HistoryView;

export interface LastError {
  at: number;
  trigger: Trigger;
  error: WxErrorView;
}

export interface Settings {
  locale?: 'auto' | 'en' | 'zh-CN';
  endpointEnabled?: boolean;
  endpointPort?: number;
}

export interface StoreSchema {
  accounts: Record<string, AccountRecord>;
  tokens: Record<string, TokenRecord>;
  tickets: Record<string, Partial<Record<TicketType, TicketRecord>>>;
  history: Record<string, HistoryEntry[]>;
  /** Times of forced stable_token refreshes, for the local 20/day and 30 s accounting. */
  forced: Record<string, number[]>;
  lastError: Record<string, LastError>;
  settings: Settings;
}

/** The part of conf (and electron-store) the core uses. */
export interface ConfLike {
  get<K extends keyof StoreSchema>(key: K): StoreSchema[K];
  set<K extends keyof StoreSchema>(key: K, value: StoreSchema[K]): void;
  readonly path: string;
}

export const HISTORY_LIMIT = 100;

const objectOf = { type: 'object' } as const;
export const storeSchema = {
  accounts: objectOf,
  tokens: objectOf,
  tickets: objectOf,
  history: objectOf,
  forced: objectOf,
  lastError: objectOf,
  settings: objectOf,
};
export const storeDefaults: StoreSchema = {
  accounts: {},
  tokens: {},
  tickets: {},
  history: {},
  forced: {},
  lastError: {},
  settings: {},
};

/**
 * Where the desktop app keeps its userData (Electron: appData/<app name>), so the CLI and
 * `wxdesk serve` find the same accounts without being told.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.WXDESK_DATA_DIR) return env.WXDESK_DATA_DIR;
  const home = homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'WxDesk');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'WxDesk');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'WxDesk');
}

/** Options shared by the Node conf and the desktop's electron-store, so both read one file the same way. */
export const confOptions = {
  configName: 'config',
  schema: storeSchema,
  defaults: storeDefaults,
  configFileMode: 0o600,
  cache: false,
};

/** A conf store in `dataDir` (the Node side: CLI, serve, tests). */
export function openConf(dataDir: string): ConfLike {
  try {
    // conf's option types expand dotted key paths of the schema; the plain document here does not need them.
    const options = { ...confOptions, cwd: dataDir, projectName: 'wxdesk' } as unknown as Options<StoreSchema>;
    return new Conf<StoreSchema>(options) as unknown as ConfLike;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new WxError('STORE_UNREADABLE', { detail: dataDir, reason: why, cause: e });
  }
}

/**
 * Typed reads and read-modify-writes over the store. Every read goes to the file; every write
 * holds a store-wide lock file, so processes sharing the data dir never overwrite each other.
 */
export class WxStore {
  private readonly lockPath: string;

  constructor(readonly conf: ConfLike) {
    this.lockPath = join(dirname(conf.path), 'locks', 'store.lock');
  }

  private write(fn: () => void): void {
    withFileLockSync(this.lockPath, fn);
  }

  get path(): string {
    return this.conf.path;
  }

  read<K extends keyof StoreSchema>(key: K): StoreSchema[K] {
    return this.conf.get(key) ?? storeDefaults[key];
  }

  /** Changes one entry of a keyed map; `undefined` from `fn` deletes it. */
  updateEntry<K extends Exclude<keyof StoreSchema, 'settings'>>(
    key: K,
    id: string,
    fn: (current: StoreSchema[K][string] | undefined) => StoreSchema[K][string] | undefined,
  ): void {
    this.write(() => {
      const map = { ...(this.read(key) as Record<string, StoreSchema[K][string]>) };
      const next = fn(map[id]);
      if (next === undefined) delete map[id];
      else map[id] = next;
      this.conf.set(key, map as StoreSchema[K]);
    });
  }

  entry<K extends Exclude<keyof StoreSchema, 'settings'>>(key: K, id: string): StoreSchema[K][string] | undefined {
    return (this.read(key) as Record<string, StoreSchema[K][string]>)[id];
  }

  settings(): Settings {
    return this.read('settings');
  }

  updateSettings(patch: Partial<Settings>): Settings {
    let next: Settings = {};
    this.write(() => {
      next = { ...this.settings(), ...patch };
      this.conf.set('settings', next);
    });
    return next;
  }

  /** Removes everything kept for an account. */
  forget(appId: string): void {
    for (const key of ['accounts', 'tokens', 'tickets', 'history', 'forced', 'lastError'] as const) {
      if (this.entry(key, appId) !== undefined) this.updateEntry(key, appId, () => undefined);
    }
  }
}
