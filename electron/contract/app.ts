// The dashboard as a whole: where it runs, its settings, and the notices about its data.

import type { Lang } from './common';
import type { ConnectionNotice, TeamEntryNotice } from './team';

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

export type Notice = StoreNotice | ConnectionNotice | TeamEntryNotice;

/** A data file that could not be parsed: moved aside (kept, never deleted), and what WxDesk carried on with. */
export interface StoreNotice {
  kind: 'damaged';
  /** The file that was damaged (absolute path). */
  file: string;
  /** Where the damaged copy is kept. */
  movedTo: string;
  at: number;
  /** 'memory': the last good copy this process held was written back; 'empty': it started afresh. */
  recovered: 'memory' | 'empty';
}

export interface AppApi {
  info(): Promise<AppInfo>;
  getSettings(): Promise<SettingsView>;
  saveSettings(patch: Partial<SettingsView>): Promise<SettingsView>;
}

export const APP_METHODS = ['info', 'getSettings', 'saveSettings'] as const satisfies readonly (keyof AppApi)[];
