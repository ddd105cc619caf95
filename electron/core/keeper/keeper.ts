// TokenKeeper: the one place an access_token is fetched, and the keeper's only public face. It
// wires the parts: policy.ts (the rules), planner.ts and scheduler.ts (when each account is looked
// at next, between a floor and a ceiling), flight.ts (single flight and the cross-process lock),
// attempt.ts (one refresh, its outcome recorded), tickets.ts. Every outcome of an attempt, an
// unexpected exception included, is recorded (in the store, or in memory when the store cannot be
// written) and followed by a wait.
import type { ForceQuotaView, TokenStatus } from '../../contract';
import type { AccountService } from '../accounts';
import { systemClock, type Clock } from '../clock';
import { WxError, toWxError } from '../errors';
import { GuardedEmitter } from '../guarded-emitter';
import { sameText } from '../same-text';
import type { StateBackend } from '../state/backend';
import type { AccountEntry, HistoryEntry, LastError, TicketRecord, TicketType, TokenRecord } from '../state/records';
import type { WeChatApi } from '../wechat';
import { Refresher } from './attempt';
import { Flight } from './flight';
import { Planner } from './planner';
import { forceQuota, forceRefusal, quietError, servable, tokenFor, tokenStatus } from './policy';
import { DEFAULT_RETRY, type RetryPolicy } from './retry';
import { Tickets } from './tickets';

export type { RetryPolicy } from './retry';
export { fingerprint } from './attempt';

export interface KeeperOptions {
  backend: StateBackend;
  accounts: AccountService;
  client: WeChatApi;
  clock?: Clock;
  retry?: Partial<RetryPolicy>;
  random?: () => number;
  /** Records a fault the keeper carried on through, as a notice (by default a process warning). */
  report?: (e: unknown) => void;
}

/** What the keeper knows of an account's token; the handler layer makes the dashboard's view of it. */
export interface TokenState {
  appId: string;
  token?: TokenRecord;
  status: TokenStatus;
  refreshing: boolean;
  nextRefreshAt?: number;
  lastError?: LastError;
  force: ForceQuotaView;
}

export interface KeeperEvent {
  appId: string;
  reason: 'token' | 'error' | 'refreshing' | 'schedule' | 'account';
}

/**
 * Events: `change` for each account's token, schedule or error; `waveStart` when many timer
 * refreshes queue at once, and `waveEnd` when the timer's refreshes are all done, with how many ran
 * (a host may keep the heap small meanwhile and hand back what the wave grew: host/reclaim.ts).
 */
export class TokenKeeper extends GuardedEmitter<{ change: [KeeperEvent]; waveStart: []; waveEnd: [number] }> {
  private readonly backend: StateBackend;
  private readonly accounts: AccountService;
  private readonly client: WeChatApi;
  private readonly clock: Clock;
  private readonly retry: RetryPolicy;
  private readonly random: () => number;
  private readonly flight: Flight;
  private readonly tickets: Tickets;
  private readonly refresher: Refresher;
  private tokenIndex: { version: number; byToken: Map<string, string> } | undefined;
  private readonly planner: Planner;

  constructor(opts: KeeperOptions) {
    super();
    this.backend = opts.backend;
    this.accounts = opts.accounts;
    this.client = opts.client;
    this.clock = opts.clock ?? systemClock;
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.random = opts.random ?? Math.random;
    this.flight = new Flight(this.backend);
    this.tickets = new Tickets({
      backend: this.backend,
      client: this.client,
      clock: this.clock,
      retry: this.retry,
      random: this.random,
      flight: this.flight,
      token: (appId) => this.get(appId),
      replaceToken: (appId, failed) => this.refreshIfCurrent(appId, failed),
      changed: (appId) => this.emitChange(appId, 'token'),
    });
    this.refresher = new Refresher({
      backend: this.backend,
      accounts: this.accounts,
      client: this.client,
      clock: this.clock,
      retry: this.retry,
      random: this.random,
      flight: this.flight,
      tickets: this.tickets,
      after: (appId) => {
        this.planner.plan(appId);
        this.emitChange(appId, 'token');
      },
    });
    this.planner = new Planner({
      backend: this.backend,
      accounts: this.accounts,
      clock: this.clock,
      flight: this.flight,
      refresher: this.refresher,
      refresh: (appId) => this.refresh(appId, 'timer'),
      forget: (appId) => this.tickets.forget(appId),
      changed: (appId, reason) => this.emitChange(appId, reason),
      report: opts.report ?? ((e) => process.emitWarning(toWxError(e).message)),
      wave: { started: () => this.emit('waveStart'), ended: (refreshes) => this.emit('waveEnd', refreshes) },
    });
  }

  now(): number {
    return this.clock.now();
  }

  // ---- asking for tokens -------------------------------------------------------------------

  /** The token held now, if it is valid for at least the safety margin (no call, no promise). */
  cached(appId: string): TokenRecord | undefined {
    const entry = this.backend.entry(appId);
    if (!entry) return undefined;
    const token = this.refresher.tokenOf(entry);
    return servable(token, this.clock.now()) ? token : undefined;
  }

  /** A token valid for at least the safety margin: from memory, or from one shared upstream call. */
  get(appId: string): Promise<TokenRecord> {
    try {
      const held = this.cached(appId);
      if (held) return Promise.resolve(held);
      const entry = this.require(appId);
      const now = this.clock.now();
      const quiet = quietError(entry.account, this.refresher.lastErrorOf(entry), now);
      if (quiet) return Promise.reject(quiet);
      return this.refresh(appId, 'demand');
    } catch (e) {
      return Promise.reject(toWxError(e));
    }
  }

  /**
   * Asks upstream now. 'demand' and 'timer' only fetch when the stored token needs it (another
   * process may have refreshed meanwhile); 'manual' always asks: classic gets a new token, stable
   * re-syncs (and gets the next token once the platform has rotated).
   */
  refresh(appId: string, trigger: 'demand' | 'timer' | 'manual' = 'manual'): Promise<TokenRecord> {
    return this.flight.join(`${appId}:normal`, () => {
      const started = this.clock.now();
      this.emitChange(appId, 'refreshing');
      return this.refresher.attempt(appId, trigger, started);
    });
  }

  /**
   * A new token even though the current one is valid. Classic: a plain new token. Stable:
   * force_refresh (20 a day, 30 s apart), checked here first so a refused force costs no call.
   */
  forceRefresh(appId: string): Promise<TokenRecord> {
    return this.flight.join(`${appId}:force`, () => {
      const refusal = forceRefusal(this.require(appId), this.clock.now());
      if (refusal) throw refusal;
      const started = this.clock.now();
      this.emitChange(appId, 'refreshing');
      return this.refresher.attempt(appId, 'force', started);
    });
  }

  /**
   * For a caller whose API call failed with 40001/40014/42001: refresh only if the failed token is
   * still the stored one (else someone already replaced it, and the stored one is the answer).
   */
  refreshIfCurrent(appId: string, failedToken: string): Promise<TokenRecord> {
    try {
      const cur = this.refresher.tokenOf(this.require(appId));
      if (cur && cur.token !== failedToken && servable(cur, this.clock.now())) return Promise.resolve(cur);
    } catch (e) {
      return Promise.reject(toWxError(e));
    }
    return this.refresher.attempt(appId, 'stale', this.clock.now(), failedToken);
  }

  /** The ticket held now, if it is valid for at least the safety margin (no call, no promise). */
  cachedTicket(appId: string, type: TicketType): TicketRecord | undefined {
    return this.tickets.cached(appId, type);
  }

  /** A cached jsapi / wx_card ticket, fetched with the current token when missing or expiring. */
  ticket(appId: string, type: TicketType): Promise<TicketRecord> {
    return this.tickets.get(appId, type);
  }

  /** The account whose current, unexpired token this is (for the local getticket endpoint). */
  accountForToken(token: string): string | undefined {
    const entries = this.backend.entries();
    const version = this.backend.entriesVersion();
    if (this.tokenIndex?.version !== version) {
      const byToken = new Map<string, string>();
      for (const [appId, e] of entries) {
        const t = tokenFor(e.account, e.token);
        if (t) byToken.set(t.token, appId);
      }
      this.tokenIndex = { version, byToken };
    }
    let appId = this.tokenIndex.byToken.get(token);
    // A token fetched when the store could not be written lives in memory only.
    // Compared in constant time like every presented credential (the final check below is too).
    if (appId === undefined) for (const [id, rt] of this.refresher.runtime) if (rt.unsavedToken && sameText(token, rt.unsavedToken.token)) appId = id;
    const entry = appId === undefined ? undefined : entries.get(appId);
    const current = entry && this.refresher.tokenOf(entry);
    return current && sameText(token, current.token) && current.expiresAt > this.clock.now() ? appId : undefined;
  }

  // ---- what the dashboard is built from ----------------------------------------------------

  state(appId: string): TokenState {
    const now = this.clock.now();
    const entry = this.backend.entry(appId);
    const token = entry && this.refresher.tokenOf(entry);
    const rt = this.refresher.runtime.get(appId);
    const s: TokenState = {
      appId,
      status: tokenStatus(token, now),
      refreshing: this.flight.isPending(`${appId}:normal`) || this.flight.isPending(`${appId}:force`),
      force: forceQuota(entry?.forced, now),
    };
    if (token) s.token = token;
    if (rt?.nextRefreshAt !== undefined) s.nextRefreshAt = rt.nextRefreshAt;
    const lastError = entry && this.refresher.lastErrorOf(entry);
    if (lastError) s.lastError = lastError;
    return s;
  }

  /** Attempts, newest first. */
  history(appId: string): HistoryEntry[] {
    return [...this.backend.history(appId)].reverse();
  }

  forceQuota(appId: string): ForceQuotaView {
    return forceQuota(this.backend.entry(appId)?.forced, this.clock.now());
  }

  // ---- timers (planner.ts) -----------------------------------------------------------------

  /** Timer refreshes queued or running now (0: no wave under way). */
  queued(): number {
    return this.planner.queued();
  }

  /** Plans every auto-refresh account, and follows changes made here and elsewhere. */
  start(): void {
    this.planner.start();
  }

  stop(): void {
    this.planner.stop();
  }

  /** Resolves once no refresh or ticket fetch is under way in this process (for closing without cutting one off). */
  idle(): Promise<void> {
    return this.flight.settled();
  }

  /** After a system resume: deadlines may have passed while timers were frozen. */
  wake(): void {
    this.planner.wake();
  }

  private require(appId: string): AccountEntry {
    const entry = this.backend.entry(appId);
    if (!entry) throw new WxError('NO_ACCOUNT', { detail: appId });
    return entry;
  }

  private emitChange(appId: string, reason: KeeperEvent['reason']): void {
    this.emit('change', { appId, reason });
  }
}
