// Where the data lives, and the options the desktop's electron-store opens config.json with. The
// store itself is the state layer (state/): this file only names places and formats.
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ConfigDoc } from './state/file-backend';

export type { AccountRecord, HistoryEntry, LastError, Settings, TicketRecord, TicketType, TokenMode, TokenRecord, Trigger } from './state/records';

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

/** The part of electron-store (a conf subclass) the desktop writes config.json through. */
export interface ConfLike {
  store: ConfigDoc;
  readonly path: string;
}

const objectOf = { type: 'object' } as const;

/**
 * Options for the desktop's electron-store on config.json: the same file, the same format (conf's
 * tab-indented JSON, mode 0600) as the Node side writes. History lives in history.json.
 */
export const confOptions = {
  configName: 'config',
  schema: { accounts: objectOf, tokens: objectOf, tickets: objectOf, forced: objectOf, lastError: objectOf, settings: objectOf },
  defaults: { accounts: {}, tokens: {}, tickets: {}, forced: {}, lastError: {}, settings: {} },
  configFileMode: 0o600,
};
