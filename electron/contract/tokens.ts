// Tokens: the live access_token of an account, its refreshes, their history and how it is copied.

import type { ErrorView } from './common';
import type { TokenMode } from './accounts';

export type TokenStatus = 'none' | 'valid' | 'expiring' | 'expired';
export type Trigger = 'demand' | 'timer' | 'manual' | 'force' | 'stale' | 'ticket';

export interface ForceQuotaView {
  usedToday: number;
  limit: number;
  remaining: number;
  cooldownMs: number;
}

export interface TokenView {
  appId: string;
  mode: TokenMode;
  token: string | null;
  obtainedAt: number | null;
  expiresAt: number | null;
  status: TokenStatus;
  refreshing: boolean;
  nextRefreshAt: number | null;
  lastError: (ErrorView & { at: number; trigger: Trigger }) | null;
  /** Stable mode only: WeChat's limits on force_refresh, counted locally. */
  force: ForceQuotaView;
  /** The main process's clock when this view was made, so the countdown can correct for skew. */
  serverNow: number;
}

export interface HistoryView {
  at: number;
  mode: TokenMode;
  trigger: Trigger;
  outcome: 'ok' | 'same' | 'reused' | 'error';
  latencyMs: number;
  attempts: number;
  fingerprint?: string;
  expiresAt?: number;
  error?: ErrorView;
}

export type CopyFormat = 'raw' | 'param' | 'curl';

export interface CopyResult {
  /** The text copied (or to copy, where the host cannot reach the user's clipboard). */
  text: string;
  /** True when the main process already put it on the clipboard. */
  copied: boolean;
}

export interface TokensApi {
  token(appId: string): Promise<TokenView>;
  /** Every account's token view in one answer: the account list's first paint costs one call, not one per account. */
  tokens(): Promise<TokenView[]>;
  /** Classic: a new token. Stable: re-sync with WeChat (the next token once it has rotated). */
  refresh(appId: string): Promise<TokenView>;
  /** A new token even while the current one is valid (stable: force_refresh, limited). */
  forceRefresh(appId: string): Promise<TokenView>;
  history(appId: string): Promise<HistoryView[]>;
  copy(appId: string, format: CopyFormat): Promise<CopyResult>;
}

export const TOKEN_METHODS = ['token', 'tokens', 'refresh', 'forceRefresh', 'history', 'copy'] as const satisfies readonly (keyof TokensApi)[];
