// What WxDesk keeps per account, as stored by every backend. Plain JSON values: the file backend
// writes them as they are, and a shared backend (Redis) would too.
import type { AccountView, HistoryView, ProbeMode, TicketView, TokenMode, Trigger } from '../../contract';
import type { WxErrorView } from '../errors';

export type { TokenMode, Trigger } from '../../contract';
export type TicketType = TicketView['type'];

/**
 * An account as stored: its view without `hasSecret` (the secret lives in a SecretBox), plus, for
 * team mode, a salted SHA-256 of the secret: a machine that shares the account but not its secret
 * still checks callers of its local token endpoint. The secret has 128 random bits, so one round of
 * SHA-256 with a salt is enough; the check never crosses to the renderer. `messageMode` is absent
 * from records written before it was kept (and from an older teammate's): they read as plain.
 */
export type AccountRecord = Omit<AccountView, 'hasSecret' | 'messageMode'> & { messageMode?: ProbeMode; secretCheck?: SecretCheck };

export interface SecretCheck {
  /** 16 random bytes, hex. */
  salt: string;
  /** sha256(salt + secret), hex. */
  sha256: string;
}

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
  /** Desktop: native notifications of errors the user must fix (default on). */
  notifications?: boolean;
  /** Desktop: open at login (default off). */
  startAtLogin?: boolean;
  /** Desktop: team mode through this Redis URL (applied at start). */
  teamRedisUrl?: string;
  /** Desktop: the window's last bounds and whether it was maximized. */
  window?: WindowState;
}

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

/** Everything kept for one account but its history and its secret: one record, changed as a whole. */
export interface AccountEntry {
  account: AccountRecord;
  token?: TokenRecord;
  tickets?: Partial<Record<TicketType, TicketRecord>>;
  /** Times of forced refreshes, for the local 20/day and 30 s accounting. */
  forced?: number[];
  lastError?: LastError;
}

/** Attempts kept per account. */
export const HISTORY_LIMIT = 100;
