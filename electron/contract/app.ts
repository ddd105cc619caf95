// The dashboard as a whole: where it runs, its settings, and the notices about its data.

import type { ErrorView, Lang } from './common';
import type { ConnectionNotice, RefusedRecordNotice, TeamEntryNotice } from './team';

export interface SettingsView {
  /** 'auto' follows the system / browser language. */
  locale: 'auto' | Lang;
  /** The desktop app's local WeChat-compatible endpoint. */
  endpointEnabled: boolean;
  endpointPort: number;
  /** Desktop: a native notification when a refresh fails with an error the user must fix (once per error). */
  notifications: boolean;
  /** Desktop: start WxDesk at login. */
  startAtLogin: boolean;
  /**
   * Desktop: the team's Redis URL (team mode), its password masked; '' when off. Saved as typed
   * (write-only, like a secret) and applied at the next start.
   */
  teamRedisUrl: string;
}

export interface AppInfo {
  version: string;
  host: 'electron' | 'browser';
  dataDir: string;
  /** How AppSecrets are protected here: 'keychain', 'obfuscated', 'file-0600'. */
  secretProtection: string;
  /** Base URL of the running WeChat-compatible token endpoint, if any. */
  endpointUrl: string | null;
  officialApiBases: readonly string[];
  /** Things the user must know about the data: damaged files moved aside, with where the copy is. */
  notices: Notice[];
  /** Team mode: the Redis the state is shared through (password masked), and whether it is reachable now. */
  team: { server: string; online: boolean } | null;
}

export type Notice = StoreNotice | ConnectionNotice | RefusedRecordNotice | TeamEntryNotice | FaultNotice;

/**
 * A fault WxDesk carried on through that the user should know of: a part that failed while
 * handling a change, a file it cannot read, a record of the wrong type that reached the keeper.
 * Told once per fault (a repeat updates `at`).
 */
export interface FaultNotice {
  kind: 'fault';
  at: number;
  error: ErrorView;
}

/** A data file that could not be parsed: moved aside (kept, never deleted), and what WxDesk carried on with. */
export interface StoreNotice {
  kind: 'damaged';
  /** The file that was damaged (absolute path). */
  file: string;
  /** Where the damaged copy is kept. */
  movedTo: string;
  at: number;
  /**
   * What was written back in its place. 'memory': the copy this process held, only when no other
   * process can have written the file since it was read (the damaged file is the same file,
   * changed in place); 'partial': the readable part of the damaged file (whole records only);
   * 'empty': nothing could be kept.
   */
  recovered: 'memory' | 'partial' | 'empty';
  /** The file was read, but these records in it were not usable: set aside, the rest kept. */
  records?: RecordProblem[];
}

/** A stored record set aside as damaged: whose it is and which field was wrong. */
export interface RecordProblem {
  /** The AppID ('' for the settings). */
  account: string;
  /** The map and field at fault, e.g. 'tokens.expiresAt'. */
  field: string;
}

export interface AppApi {
  info(): Promise<AppInfo>;
  getSettings(): Promise<SettingsView>;
  saveSettings(patch: Partial<SettingsView>): Promise<SettingsView>;
}

export const APP_METHODS = ['info', 'getSettings', 'saveSettings'] as const satisfies readonly (keyof AppApi)[];
