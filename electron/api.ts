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
  /** The same per-field messages in Chinese. */
  fieldsZh?: Record<string, string>;
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
  /** The callback URL (服务器地址) last probed for this account, if any: the Probe tab starts with it. */
  callbackUrl?: string;
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

/**
 * What the desktop's application menu, shortcuts and tray ask the page to do: the page holds the
 * selection and the forms, so the main process names the action and the page carries it out.
 */
export type DesktopCommand =
  | { name: 'refresh' }
  | { name: 'copyToken' }
  | { name: 'addAccount' }
  | { name: 'findAccount' }
  /** 0-based place in the account list (Ctrl/Cmd+1…9). */
  | { name: 'selectIndex'; index: number }
  /** From the tray: open the dashboard on this account. */
  | { name: 'selectAccount'; appId: string };

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

/** Team mode: the shared Redis could not be reached (serving from this machine's copy), or is back. */
export interface ConnectionNotice {
  kind: 'connection';
  /** The Redis URL without its password. */
  server: string;
  state: 'down' | 'up';
  at: number;
}

export type Notice = StoreNotice | ConnectionNotice;

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

// ---- signature lab ------------------------------------------------------------------------------

/** A known mistake the lab detected. `code` is stable (the UI titles it by its code); `message` is English, `zh` the same in Chinese. */
export interface CauseView {
  code: 'whitespace' | 'milliseconds' | 'fragment' | 'encoded-url' | 'numeric-sort' | 'uppercase' | 'signature-of-other';
  message: string;
  /** `message` in Chinese, with the same values. */
  zh: string;
  field?: string;
  /** info: adjusted the way WeChat does; warning: a likely reason for a mismatch. */
  level: 'info' | 'warning';
}

/** sha1 of sorted parts (server URL signature, msg_signature), step by step. */
export interface SignatureView {
  parts: string[];
  sorted: string[];
  joined: string;
  digest: string;
  expected?: string;
  match?: boolean;
  causes: CauseView[];
}

export interface JssdkView {
  /** The URL as signed: everything before '#'. */
  url: string;
  joined: string;
  digest: string;
  expected?: string;
  match?: boolean;
  causes: CauseView[];
}

export interface ServerSignInput {
  token: string;
  timestamp: string;
  nonce: string;
  signature?: string;
}

export interface MessageSignInput extends ServerSignInput {
  encrypt: string;
}

export interface JssdkSignInput {
  ticket: string;
  noncestr: string;
  timestamp: string;
  url: string;
  signature?: string;
}

export interface EncryptInput {
  aesKey: string;
  appId: string;
  message: string;
  /** 16 characters; random when left out. */
  random?: string;
}

export interface EncryptView {
  encrypt: string;
  /** The 16-byte prefix used, hex. */
  random: string;
  /** The pad byte, 1..32. */
  padding: number;
}

export interface DecryptInput {
  aesKey: string;
  encrypt: string;
  /** When given, the AppID inside the ciphertext must be this one. */
  appId?: string;
}

export interface DecryptView {
  message: string;
  appId: string;
  random: string;
  padding: number;
}

/** Fields read from a pasted callback URL, query string or raw HTTP request. */
export interface CallbackFieldsView {
  signature?: string;
  msg_signature?: string;
  timestamp?: string;
  nonce?: string;
  echostr?: string;
  openid?: string;
  encrypt_type?: string;
  encrypt?: string;
  toUserName?: string;
}

export interface TicketView {
  appId: string;
  type: 'jsapi' | 'wx_card';
  ticket: string;
  expiresAt: number;
}

export interface WxConfigInput {
  appId: string;
  url: string;
  noncestr?: string;
  timestamp?: string;
  jsApiList?: string[];
}

// ---- probe: WxDesk plays WeChat against the developer's callback server ------------------------

/** plain: 明文模式; safe: 安全模式 (ciphertext only); compatible: 兼容模式 (plaintext fields and Encrypt). */
export type ProbeMode = 'plain' | 'safe' | 'compatible';
export type ProbeCheckId = 'url' | 'forged' | 'text' | 'event' | 'retry';
/** fail: WeChat would reject the answer (or the user sees 该公众号暂时无法提供服务); warning: tolerated, probably a mistake. */
export type ProbeVerdict = 'pass' | 'warning' | 'fail' | 'skipped';

/** User text in both languages: the CLI prints `en`, the dashboard shows its language's. */
export interface ProbeText {
  en: string;
  zh: string;
}

export interface ProbeInput {
  /** The callback URL, http(s); its own query is kept and WeChat's parameters are added to it. */
  url: string;
  /** The Token (令牌) configured for the URL. */
  serverToken: string;
  /** EncodingAESKey: given, the pushes are encrypted (safe mode unless mode says compatible). */
  aesKey?: string;
  /** The AppID inside every ciphertext; needed with aesKey. */
  appId?: string;
  /** Default: safe with an aesKey, else plain. */
  mode?: ProbeMode;
  /** The text of the text message pushed (default "Hello from WxDesk"). */
  message?: string;
  /** How long to wait for each answer before giving up, in ms (default 10000, at most 60000). */
  timeoutMs?: number;
  /** An account's AppID: the URL is remembered on it (AccountView.callbackUrl). */
  account?: string;
  /** Tags the progress events of this run (DashboardEvent 'probe'). */
  runId?: string;
}

/** One HTTP request of a check and what came back: exactly as sent and received. */
export interface ProbeExchange {
  request: {
    method: 'GET' | 'POST';
    url: string;
    headers: Record<string, string>;
    body: string;
    /** The same request as a curl command line. */
    curl: string;
  };
  response?: {
    status: number;
    headers: Record<string, string>;
    /** The body as UTF-8 text, cut at 64 KB (truncated says so). */
    body: string;
    truncated?: boolean;
    /** Safe mode: the reply's Encrypt, decrypted (what WeChat would read). */
    decrypted?: string;
  };
  /** No answer: refused, not found, timed out, reset. */
  error?: { code: string; message: string };
  /** From sending the request to the end of the answer. */
  ms: number;
}

export interface ProbeCheckResult {
  id: ProbeCheckId;
  title: ProbeText;
  verdict: ProbeVerdict;
  /** The cause of a fail or warning (what was wrong and what to do), or what was seen on a pass. */
  summary: ProbeText;
  /** Further warnings and notes of the same check. */
  findings: { verdict: 'warning' | 'info'; text: ProbeText }[];
  ms: number;
  exchanges: ProbeExchange[];
}

export interface ProbeReport {
  runId?: string;
  url: string;
  mode: ProbeMode;
  startedAt: number;
  /** The checks of this run, in order. */
  plan: { id: ProbeCheckId; title: ProbeText }[];
  /** Those done so far, in order. */
  checks: ProbeCheckResult[];
  /** The check in progress (progress events only). */
  running?: ProbeCheckId;
  done: boolean;
  /** fail when a check failed, warning when one warned, else pass (so far, until done). */
  verdict: 'pass' | 'warning' | 'fail';
  /** What the user must know whatever the result: WeChat reaches only public URLs on port 80 or 443. */
  notes: ProbeText[];
}

// ---- API console: any WeChat API called with the live token ----------------------------------

/** WeChat's server APIs use GET and POST only. */
export type ConsoleMethod = 'GET' | 'POST';

export interface ConsoleInput {
  appId: string;
  method: ConsoleMethod;
  /** Relative to the account's API base, e.g. /cgi-bin/menu/get; a query string may follow '?'. */
  path: string;
  /** Query parameters in order; access_token is added by WxDesk and refused here. */
  query?: [string, string][];
  /** The JSON body as typed (POST only); checked before anything is sent. */
  body?: string;
}

/** A request as shown and kept: the token is masked. */
export interface ConsoleRequestView {
  method: ConsoleMethod;
  path: string;
  query: [string, string][];
  body: string;
  /** The whole URL with access_token masked. */
  url: string;
  /** The same request as a curl command line, token masked. */
  curl: string;
}

export interface ConsoleResult {
  /** The history line of this call. */
  id: string;
  at: number;
  request: ConsoleRequestView;
  status: number;
  latencyMs: number;
  contentType: string;
  /** The body as text (pretty-printed when it is JSON), cut at 1 MiB (truncated says so). */
  body: string;
  truncated?: boolean;
  /** WeChat's errcode when the answer carries one (0 included). */
  errcode?: number;
  /** A non-zero errcode explained: meaning, hint, rid. */
  error?: ErrorView;
  /**
   * The first answer was 40001, 40014 or 42001 while the token used was still the cached one:
   * the token was replaced once (refreshed: WxDesk fetched it; else another process already had)
   * and the request sent once more. This is the first answer's code and rid.
   */
  retried?: { errcode: number; rid?: string; refreshed: boolean };
}

/** One line of an account's console history (the last 50 are kept). */
export interface ConsoleHistoryView {
  id: string;
  at: number;
  method: ConsoleMethod;
  path: string;
  query: [string, string][];
  body: string;
  /** Absent when no answer came (network fault). */
  status?: number;
  /** WeChat's errcode, or WxDesk's code when the call failed before an answer. */
  errcode?: number | string;
  rid?: string;
  latencyMs: number;
  retried?: boolean;
}

/** A catalogue entry: a ready request for a common API. */
export interface ConsolePreset {
  id: string;
  name: { en: string; zh: string };
  method: ConsoleMethod;
  path: string;
  query?: [string, string][];
  /** A sample JSON body; "{appid}" in a string stands for the account's AppID. */
  body?: unknown;
  /** WeChat's documentation page. */
  doc: string;
  /** Changes the account (deletes, sends, resets): the console asks before sending. */
  confirm?: boolean;
}

export interface QuotaView {
  appId: string;
  cgiPath: string;
  dailyLimit: number;
  used: number;
  remain: number;
  at: number;
}

/** What WeChat stored for a rid (openapi/rid/get), the token in the URL masked. */
export interface RidView {
  rid: string;
  invokeTime: number;
  costMs: number;
  requestUrl: string;
  requestBody: string;
  responseBody: string;
  clientIp: string;
}

export interface ClearQuotaView {
  appId: string;
  at: number;
}

export type DashboardEvent =
  | { type: 'accounts' }
  | { type: 'token'; appId: string }
  | { type: 'settings' }
  | { type: 'notice' }
  | { type: 'probe'; report: ProbeReport }
  | { type: 'console'; appId: string }
  | { type: 'command'; command: DesktopCommand };

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
  /** Server URL signature: sha1(sort(Token, timestamp, nonce)). */
  signServer(input: ServerSignInput): Promise<SignatureView>;
  /** Safe-mode msg_signature: sha1(sort(Token, timestamp, nonce, Encrypt)). */
  signMessage(input: MessageSignInput): Promise<SignatureView>;
  /** JS-SDK: sha1("jsapi_ticket=…&noncestr=…&timestamp=…&url=…"). */
  signJssdk(input: JssdkSignInput): Promise<JssdkView>;
  encryptMessage(input: EncryptInput): Promise<EncryptView>;
  decryptMessage(input: DecryptInput): Promise<DecryptView>;
  parseCallback(text: string): Promise<CallbackFieldsView>;
  /** The account's cached ticket (fetched with its token when missing). */
  ticket(appId: string, type: 'jsapi' | 'wx_card'): Promise<TicketView>;
  /** A wx.config({...}) snippet for a page URL, signed with the account's cached jsapi_ticket. */
  wxConfig(input: WxConfigInput): Promise<{ snippet: string }>;
  /** Runs the probe's checks against a callback URL; each step is also sent as a 'probe' event. */
  probe(input: ProbeInput): Promise<ProbeReport>;
  /** Calls a WeChat API with the account's live token (a stale token costs one refresh and one retry). */
  consoleSend(input: ConsoleInput): Promise<ConsoleResult>;
  /** The account's last console requests, newest first. */
  consoleHistory(appId: string): Promise<ConsoleHistoryView[]>;
  /** A console request as curl: the token masked unless reveal is true. */
  consoleCurl(input: ConsoleInput, reveal: boolean): Promise<CopyResult>;
  /** Daily limit, used and remaining for an API path (default: the token API of the account's mode). */
  quota(appId: string, cgiPath?: string): Promise<QuotaView>;
  /** What WeChat stored for an error's rid (openapi/rid/get, kept 7 days). */
  lookupRid(appId: string, rid: string): Promise<RidView>;
  /** Resets the account's daily quotas with its AppSecret (clear_quota/v2; 10 a month). */
  clearQuota(appId: string): Promise<ClearQuotaView>;
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
  'signServer',
  'signMessage',
  'signJssdk',
  'encryptMessage',
  'decryptMessage',
  'parseCallback',
  'ticket',
  'wxConfig',
  'probe',
  'consoleSend',
  'consoleHistory',
  'consoleCurl',
  'quota',
  'lookupRid',
  'clearQuota',
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
