// TokenKeeper: the one place an access_token is fetched, and the keeper's only public face. It
// wires the parts: policy.ts (the rules), scheduler.ts (timers with a floor and a ceiling),
// flight.ts (single flight and the cross-process lock), attempt.ts (one refresh, its outcome
// recorded), tickets.ts. Every outcome of an attempt, an unexpected exception included, is recorded
// (in the store, or in memory when the store cannot be written) and followed by a wait.
import { EventEmitter } from 'node:events';
import type { ForceQuotaView, TokenStatus } from '../../api';
import type { AccountChange, AccountService } from '../accounts';
import { systemClock, type Clock } from '../clock';
import { WxError, toWxError } from '../errors';
import type { StateBackend } from '../state/backend';
import type { AccountEntry, HistoryEntry, LastError, TicketRecord, TicketType, TokenRecord } from '../state/records';
import type { WeChatApi } from '../wechat';
import { Refresher } from './attempt';
import { Flight } from './flight';
import { BACKOFF_MAX_MS, backoffMs, forceQuota, forceRefusal, nextAttemptAt, quietError, servable, tokenFor, tokenStatus } from './policy';
import { DEFAULT_RETRY, type RetryPolicy } from './retry';
import { Scheduler } from './scheduler';
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

export class TokenKeeper extends EventEmitter<{ change: [KeeperEvent] }> {
  private readonly backend: StateBackend;
  private readonly accounts: AccountService;
  private readonly client: WeChatApi;
  private readonly clock: Clock;
  private readonly retry: RetryPolicy;
  private readonly random: () => number;
  private readonly flight: Flight;
  private readonly scheduler: Scheduler;
  private readonly tickets: Tickets;
  private readonly refresher: Refresher;
  private tokenIndex: { source: ReadonlyMap<string, AccountEntry>; byToken: Map<string, string> } | undefined;
  private running = false;
  private unsubscribe: (() => void)[] = [];

  constructor(opts: KeeperOptions) {
    super();
    this.backend = opts.backend;
    this.accounts = opts.accounts;
    this.client = opts.client;
    this.clock = opts.clock ?? systemClock;
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.random = opts.random ?? Math.random;
    this.flight = new Flight(this.backend);
    this.scheduler = new Scheduler(this.clock, (appId) => this.onDue(appId));
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
        this.plan(appId);
        this.emitChange(appId, 'token');
      },
    });
    // Account changes come as events from the account service, whoever made them.
    this.accounts.on('change', (c) => this.onAccountChange(c));
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
    if (this.tokenIndex?.source !== entries) {
      const byToken = new Map<string, string>();
      for (const [appId, e] of entries) {
        const t = tokenFor(e.account, e.token);
        if (t) byToken.set(t.token, appId);
      }
      this.tokenIndex = { source: entries, byToken };
    }
    let appId = this.tokenIndex.byToken.get(token);
    // A token fetched when the store could not be written lives in memory only.
    if (appId === undefined) for (const [id, rt] of this.refresher.runtime) if (rt.unsavedToken?.token === token) appId = id;
    const entry = appId === undefined ? undefined : entries.get(appId);
    const current = entry && this.refresher.tokenOf(entry);
    return current?.token === token && current.expiresAt > this.clock.now() ? appId : undefined;
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

  // ---- timers ------------------------------------------------------------------------------

  /** Plans every auto-refresh account, and follows changes made here and elsewhere. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe.push(this.accounts.follow(), this.backend.watch((ids) => this.onExternalChange(ids)));
    this.planAll();
  }

  stop(): void {
    this.running = false;
    for (const off of this.unsubscribe.splice(0)) off();
    this.scheduler.cancelAll();
    for (const rt of this.refresher.runtime.values()) rt.nextRefreshAt = undefined;
  }

  /** After a system resume: deadlines may have passed while timers were frozen. */
  wake(): void {
    if (this.running) this.planAll();
  }

  private planAll(): void {
    let ids: string[];
    try {
      ids = [...this.backend.entries().keys()];
    } catch {
      // The data cannot be read just now (it is reported where it is read): look again later.
      ids = [];
      const retry = this.clock.setTimeout(() => this.wake(), BACKOFF_MAX_MS);
      (retry as { unref?: () => void }).unref?.();
    }
    for (const appId of ids) this.plan(appId);
  }

  private onAccountChange(c: AccountChange): void {
    this.refresher.reset(c.appId);
    if (c.removed) {
      this.scheduler.cancel(c.appId);
      this.refresher.runtime.delete(c.appId);
      this.tickets.forget(c.appId);
    } else if (!this.flight.busy(c.appId)) {
      this.plan(c.appId);
    }
    this.emitChange(c.appId, 'account');
  }

  /** Another process or machine stored a token or an error: plan from what it stored, and show it. */
  private onExternalChange(appIds: string[]): void {
    for (const appId of appIds) {
      if (!this.flight.busy(appId)) this.plan(appId);
      this.emitChange(appId, 'token');
    }
  }

  private onDue(appId: string): void {
    if (!this.running || this.flight.busy(appId)) return; // The work under way plans again when it ends.
    try {
      const entry = this.backend.entry(appId);
      if (!entry) return this.plan(appId);
      const rt = this.refresher.rt(appId);
      // The ceiling's look at a held account: still held, so plan again without a call.
      if (nextAttemptAt(entry, this.refresher.tokenOf(entry), this.refresher.lastErrorOf(entry), rt.notBefore) > this.clock.now()) return this.plan(appId);
    } catch {
      // Unreadable: the attempt below records why, and waits.
    }
    this.refresh(appId, 'timer').catch(() => undefined);
  }

  private plan(appId: string): void {
    if (!this.running) return;
    const rt = this.refresher.rt(appId);
    const before = rt.nextRefreshAt;
    let at: number;
    try {
      const entry = this.backend.entry(appId);
      if (!entry) {
        this.scheduler.cancel(appId);
        this.refresher.runtime.delete(appId);
        return;
      }
      at = nextAttemptAt(entry, this.refresher.tokenOf(entry), this.refresher.lastErrorOf(entry), rt.notBefore);
    } catch {
      at = this.clock.now() + backoffMs(Math.max(1, rt.failures));
    }
    const planned = this.scheduler.plan(appId, at);
    rt.nextRefreshAt = Number.isFinite(at) ? planned : undefined;
    // The dashboard shows the next refresh time; tell it only when that time moved.
    if (before !== rt.nextRefreshAt && (before === undefined || rt.nextRefreshAt === undefined || Math.abs(before - rt.nextRefreshAt) > 1_000)) {
      this.emitChange(appId, 'schedule');
    }
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
