// The one contract between the renderer and the main process. Preload (IPC), the HTTP bridge of
// `wxdesk serve`, the handler table in core/dashboard.ts and the renderer all follow from it.
// Types only (plus the method list): the renderer imports this file, so it must not touch Node.

export type TokenMode = 'stable' | 'classic';
export type Lang = 'en' | 'zh-CN';
export type TokenStatus = 'none' | 'valid' | 'expiring' | 'expired';
export type Trigger = 'demand' | 'timer' | 'manual' | 'force' | 'stale' | 'ticket';

/** An error as it crosses to the renderer: code, plain words, what to do. */
export interface ErrorView {
  code: number | string;
  kind: 'transient' | 'config' | 'limit' | 'token' | 'input' | 'bug';
  message: string;
  hint: string;
  /** The same message and hint in Chinese. */
  zh?: { message: string; hint: string };
  errmsg?: string;
  rid?: string;
  /** The IP to whitelist (40164 / 61004). */
  ip?: string;
  retryAfterMs?: number;
  /** Per-field messages for a form (AppID, AppSecret, …) when input was refused. */
  fields?: Record<string, string>;
}

export interface AccountView {
  appId: string;
  label: string;
  serverToken: string;
  aesKey: string;
  mode: TokenMode;
  apiBase: string;
  autoRefresh: boolean;
  createdAt: number;
  updatedAt: number;
  /** True when an AppSecret is stored. The secret itself never crosses to the renderer. */
  hasSecret: boolean;
}

export interface AccountInput {
  appId: string;
  /** Write-only. Leave out to keep the stored secret. */
  secret?: string;
  label?: string;
  serverToken?: string;
  aesKey?: string;
  mode?: TokenMode;
  apiBase?: string;
  autoRefresh?: boolean;
}

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

export interface SettingsView {
  /** 'auto' follows the system / browser language. */
  locale: 'auto' | Lang;
  /** The desktop app's local WeChat-compatible endpoint. */
  endpointEnabled: boolean;
  endpointPort: number;
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
}

export type DashboardEvent =
  | { type: 'accounts' }
  | { type: 'token'; appId: string }
  | { type: 'settings' };

export interface DashboardApi {
  info(): Promise<AppInfo>;
  listAccounts(): Promise<AccountView[]>;
  saveAccount(input: AccountInput): Promise<AccountView>;
  removeAccount(appId: string): Promise<boolean>;
  token(appId: string): Promise<TokenView>;
  /** Classic: a new token. Stable: re-sync with WeChat (the next token once it has rotated). */
  refresh(appId: string): Promise<TokenView>;
  /** A new token even while the current one is valid (stable: force_refresh, limited). */
  forceRefresh(appId: string): Promise<TokenView>;
  history(appId: string): Promise<HistoryView[]>;
  copy(appId: string, format: CopyFormat): Promise<CopyResult>;
  getSettings(): Promise<SettingsView>;
  saveSettings(patch: Partial<SettingsView>): Promise<SettingsView>;
  /** State changes pushed from the main process; returns an unsubscribe. */
  onChange(listener: (event: DashboardEvent) => void): () => void;
}

/** The request/response methods: IPC channels are `wxdesk:<name>`, HTTP routes `/api/<name>`. */
export type DashboardMethod = Exclude<keyof DashboardApi, 'onChange'>;

export const DASHBOARD_METHODS = [
  'info',
  'listAccounts',
  'saveAccount',
  'removeAccount',
  'token',
  'refresh',
  'forceRefresh',
  'history',
  'copy',
  'getSettings',
  'saveSettings',
] as const satisfies readonly DashboardMethod[];

export const EVENT_CHANNEL = 'wxdesk:event';
export const channelOf = (m: DashboardMethod) => `wxdesk:${m}` as const;

/**
 * How a call's result crosses IPC. Errors thrown across Electron's IPC and contextBridge keep only
 * their message, so failures travel as values and become DashboardErrors on the renderer side.
 */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorView };

/** What the preload exposes as window.wxdesk: the same methods, answering with envelopes. */
export type IpcBridge = {
  [K in DashboardMethod]: (...args: Parameters<DashboardApi[K]>) => Promise<Envelope<Awaited<ReturnType<DashboardApi[K]>>>>;
} & Pick<DashboardApi, 'onChange'>;

/** The renderer's DashboardApi over the preload bridge: envelopes back into values and DashboardErrors. */
export function fromIpcBridge(bridge: IpcBridge): DashboardApi {
  const api = { onChange: (listener: (e: DashboardEvent) => void) => bridge.onChange(listener) } as Partial<DashboardApi>;
  for (const m of DASHBOARD_METHODS) {
    const call = bridge[m] as (...args: unknown[]) => Promise<Envelope<unknown>>;
    (api as Record<string, unknown>)[m] = async (...args: unknown[]) => {
      const r = await call(...args);
      if (r.ok) return r.value;
      throw new DashboardError(r.error);
    };
  }
  return api as DashboardApi;
}

/** What a failed call rejects with, on every transport. */
export class DashboardError extends Error {
  constructor(readonly view: ErrorView) {
    super(view.message);
    this.name = 'DashboardError';
  }
}

// Compile-time check that the list above names every method: a missing one is a required key here.
const _everyMethodListed: Record<Exclude<DashboardMethod, (typeof DASHBOARD_METHODS)[number]>, never> = {};
void _everyMethodListed;
