// TokenKeeper: the one place an access_token is fetched, and the keeper's only public face. It
// wires the parts: policy.ts (the rules), scheduler.ts (timers with a floor and a ceiling),
// flight.ts (single flight and the cross-process lock), tickets.ts. Every outcome of an attempt,
// an unexpected exception included, is recorded (in the store, or in memory when the store cannot
// be written) and followed by a wait.
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { ForceQuotaView, TokenStatus } from '../../api';
import type { AccountChange, AccountService } from '../accounts';
import { systemClock, type Clock } from '../clock';
import { WxError, toWxError, type WxErrorView } from '../errors';
import type { StateBackend } from '../state/backend';
import type { AccountEntry, HistoryEntry, LastError, TicketRecord, TicketType, TokenRecord, Trigger } from '../state/records';
import type { WeChatApi } from '../wechat';
import { Flight } from './flight';
import {
  BACKOFF_MAX_MS,
  RECHECK_MS,
  backoffMs,
  forceQuota,
  forceRefusal,
  forcesUsedUp,
  nextAttemptAt,
  quietError,
  reusable,
  servable,
  tokenFor,
  tokenStatus,
  withForce,
} from './policy';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry';
import { Scheduler } from './scheduler';
import { Tickets } from './tickets';

export type { RetryPolicy } from './retry';

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

interface Runtime {
  failures: number;
  /** No timer attempt before this time (backoff after a failure, or a same-token re-sync). */
  notBefore: number;
  nextRefreshAt?: number;
  /** A failure that could not be stored (the write failed): shown and obeyed from memory. */
  unsavedError?: LastError;
  /** A token fetched but not stored (the write failed): served from memory. */
  unsavedToken?: TokenRecord;
}

export function fingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 8);
}

const newer = <T extends { at: number } | { obtainedAt: number }>(a: T | undefined, b: T | undefined): T | undefined => {
  if (!a) return b;
  if (!b) return a;
  const t = (x: T) => ('at' in x ? x.at : x.obtainedAt);
  return t(b) > t(a) ? b : a;
};

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
  private readonly runtime = new Map<string, Runtime>();
  /** Errors already recorded where they happened (with their attempt count). */
  private readonly recorded = new WeakSet<WxError>();
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
    // Account changes come as events from the account service, whoever made them.
    this.accounts.on('change', (c) => this.onAccountChange(c));
  }

  now(): number {
    return this.clock.now();
  }

  // ---- asking for tokens -------------------------------------------------------------------

  /** A token valid for at least the safety margin: from memory, or from one shared upstream call. */
  get(appId: string): Promise<TokenRecord> {
    try {
      const entry = this.require(appId);
      const now = this.clock.now();
      const token = this.tokenOf(entry);
      if (servable(token, now)) return Promise.resolve(token);
      const quiet = quietError(entry.account, this.lastErrorOf(entry), now);
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
      return this.attempt(appId, trigger, started);
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
      return this.attempt(appId, 'force', started);
    });
  }

  /**
   * For a caller whose API call failed with 40001/40014/42001: refresh only if the failed token is
   * still the stored one (else someone already replaced it, and the stored one is the answer).
   */
  refreshIfCurrent(appId: string, failedToken: string): Promise<TokenRecord> {
    try {
      const cur = this.tokenOf(this.require(appId));
      if (cur && cur.token !== failedToken && servable(cur, this.clock.now())) return Promise.resolve(cur);
    } catch (e) {
      return Promise.reject(toWxError(e));
    }
    return this.attempt(appId, 'stale', this.clock.now(), failedToken);
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
    const stored = this.tokenIndex.byToken.get(token);
    if (stored !== undefined) return this.tokenOf(entries.get(stored)!)!.expiresAt > this.clock.now() ? stored : undefined;
    for (const [appId, rt] of this.runtime) if (rt.unsavedToken?.token === token && rt.unsavedToken.expiresAt > this.clock.now()) return appId;
    return undefined;
  }

  // ---- what the dashboard is built from ----------------------------------------------------

  state(appId: string): TokenState {
    const now = this.clock.now();
    const entry = this.backend.entry(appId);
    const token = entry && this.tokenOf(entry);
    const rt = this.runtime.get(appId);
    const s: TokenState = {
      appId,
      status: tokenStatus(token, now),
      refreshing: this.flight.isPending(`${appId}:normal`) || this.flight.isPending(`${appId}:force`),
      force: forceQuota(entry?.forced, now),
    };
    if (token) s.token = token;
    if (rt?.nextRefreshAt !== undefined) s.nextRefreshAt = rt.nextRefreshAt;
    const lastError = entry && this.lastErrorOf(entry);
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
    for (const rt of this.runtime.values()) rt.nextRefreshAt = undefined;
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
    const rt = this.runtime.get(c.appId);
    if (rt) {
      rt.failures = 0;
      rt.notBefore = 0;
      rt.unsavedError = undefined;
      rt.unsavedToken = undefined;
    }
    if (c.removed) {
      this.scheduler.cancel(c.appId);
      this.runtime.delete(c.appId);
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
      const rt = this.rt(appId);
      // The ceiling's look at a held account: still held, so plan again without a call.
      if (nextAttemptAt(entry, this.tokenOf(entry), this.lastErrorOf(entry), rt.notBefore) > this.clock.now()) return this.plan(appId);
    } catch {
      // Unreadable: the attempt below records why, and waits.
    }
    this.refresh(appId, 'timer').catch(() => undefined);
  }

  private plan(appId: string): void {
    if (!this.running) return;
    const rt = this.rt(appId);
    const before = rt.nextRefreshAt;
    let at: number;
    try {
      const entry = this.backend.entry(appId);
      if (!entry) {
        this.scheduler.cancel(appId);
        this.runtime.delete(appId);
        return;
      }
      at = nextAttemptAt(entry, this.tokenOf(entry), this.lastErrorOf(entry), rt.notBefore);
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

  // ---- one attempt -------------------------------------------------------------------------

  private rt(appId: string): Runtime {
    let rt = this.runtime.get(appId);
    if (!rt) {
      rt = { failures: 0, notBefore: 0 };
      this.runtime.set(appId, rt);
    }
    return rt;
  }

  private require(appId: string): AccountEntry {
    const entry = this.backend.entry(appId);
    if (!entry) throw new WxError('NO_ACCOUNT', { detail: appId });
    return entry;
  }

  /** The token to serve: the stored one for the account as configured now, or a newer one a failed write left in memory. */
  private tokenOf(entry: AccountEntry): TokenRecord | undefined {
    const stored = tokenFor(entry.account, entry.token);
    const rt = this.runtime.get(entry.account.appId);
    const unsaved = tokenFor(entry.account, rt?.unsavedToken);
    if (rt && rt.unsavedToken && stored && stored.obtainedAt >= rt.unsavedToken.obtainedAt) rt.unsavedToken = undefined;
    return newer(stored, unsaved);
  }

  private lastErrorOf(entry: AccountEntry): LastError | undefined {
    return newer(entry.lastError, this.runtime.get(entry.account.appId)?.unsavedError);
  }

  /** Upstream work for one account: one at a time here, under the lock across processes; every outcome recorded. */
  private async attempt(appId: string, trigger: Trigger, started: number, failedToken?: string): Promise<TokenRecord> {
    const t0 = this.clock.now();
    try {
      return await this.flight.locked(appId, async () => {
        const entry = this.backend.freshEntry(appId);
        if (!entry) throw new WxError('NO_ACCOUNT', { detail: appId });
        const cur = this.tokenOf(entry);
        const now = this.clock.now();
        if (reusable(trigger, cur, now, started, failedToken)) {
          if (cur.obtainedAt >= started) await this.log(appId, { trigger, outcome: 'reused', latencyMs: 0, attempts: 0, token: cur });
          return cur;
        }
        if (trigger === 'force') {
          const refusal = forceRefusal(entry, now);
          if (refusal) throw refusal;
        }
        return await this.fetchUpstream(entry, trigger, cur);
      });
    } catch (e) {
      const err = toWxError(e);
      // A local refusal (force limits) or a removed account is an answer, not a fault of the account.
      const answer = err.code === 'NO_ACCOUNT' || err.code === 'FORCE_COOLDOWN' || err.code === 'FORCE_QUOTA';
      if (!answer && !this.recorded.has(err)) await this.recordFailure(appId, trigger, err, t0, 0);
      throw err;
    } finally {
      this.plan(appId);
      this.emitChange(appId, 'token');
    }
  }

  private async fetchUpstream(entry: AccountEntry, trigger: Trigger, cur: TokenRecord | undefined, rerun = false): Promise<TokenRecord> {
    const { account } = entry;
    const { appId } = account;
    const secret = this.accounts.secret(appId);
    const force = trigger === 'force';
    const t0 = this.clock.now();
    let attempts = 0;
    let answer;
    try {
      answer = await withRetry(this.clock, this.retry, this.random, () => {
        attempts++;
        return account.mode === 'stable'
          ? this.client.stableToken(account.apiBase, appId, secret, force)
          : this.client.classicToken(account.apiBase, appId, secret);
      });
    } catch (e) {
      const err = toWxError(e);
      // A failure for credentials that were changed (or an account removed) meanwhile is not theirs.
      if (!this.unchanged(entry, secret)) return this.askAgain(appId, trigger, rerun, err);
      await this.recordFailure(appId, trigger, err, t0, attempts);
      throw err;
    }
    // Likewise, a token for the old credentials is not stored.
    if (!this.unchanged(entry, secret)) return this.askAgain(appId, trigger, rerun);
    const now = this.clock.now();
    const same = cur?.token === answer.accessToken;
    const rec: TokenRecord = {
      token: answer.accessToken,
      mode: account.mode,
      obtainedAt: same && cur ? cur.obtainedAt : now,
      expiresAt: now + answer.expiresIn * 1000,
      apiBase: account.apiBase,
    };
    const rt = this.rt(appId);
    rt.failures = 0;
    rt.unsavedError = undefined;
    // WeChat had not rotated yet: the timer would fire again at once, so look again a little later.
    rt.notBefore = same && trigger === 'timer' ? now + RECHECK_MS : 0;
    try {
      await this.backend.update(appId, (e) => e && { ...e, token: rec, lastError: undefined, forced: force ? withForce(e.forced, now) : e.forced });
      rt.unsavedToken = undefined;
    } catch (e) {
      // The token is good: it is served from memory, and the failed write is recorded and waited on.
      rt.unsavedToken = rec;
      await this.recordFailure(appId, trigger, toWxError(e), t0, attempts);
      return rec;
    }
    await this.log(appId, { trigger, outcome: same ? 'same' : 'ok', latencyMs: now - t0, attempts, token: rec });
    if (!same && trigger === 'timer') this.tickets.renew(appId, rec);
    return rec;
  }

  /** Whether the credentials a call was made with still belong to the account (NO_ACCOUNT if it is gone). */
  private unchanged(entry: AccountEntry, secret: string): boolean {
    const now = this.backend.freshEntry(entry.account.appId);
    if (!now) throw new WxError('NO_ACCOUNT', { detail: entry.account.appId });
    let current: string | undefined;
    try {
      current = this.accounts.secret(entry.account.appId);
    } catch {
      current = undefined;
    }
    return now.account.mode === entry.account.mode && now.account.apiBase === entry.account.apiBase && current === secret;
  }

  /** The account changed while a call was out: ask once more with what it holds now. */
  private askAgain(appId: string, trigger: Trigger, rerun: boolean, err?: WxError): Promise<TokenRecord> {
    const entry = this.require(appId);
    if (rerun) return Promise.reject(err ?? new WxError('INTERNAL', { detail: 'the account kept changing during a refresh' }));
    return this.fetchUpstream(entry, trigger, this.tokenOf(entry), true);
  }

  /** Stores the failure (in memory when the store cannot be written), backs the timer off, and logs it. */
  private async recordFailure(appId: string, trigger: Trigger, err: WxError, t0: number, attempts: number): Promise<void> {
    this.recorded.add(err);
    const now = this.clock.now();
    const view = err.view();
    const lastError: LastError = { at: now, trigger, error: view };
    const rt = this.rt(appId);
    rt.failures++;
    rt.notBefore = now + backoffMs(rt.failures);
    rt.unsavedError = lastError;
    try {
      await this.backend.update(appId, (e) => {
        if (!e) return e;
        const usedUp = trigger === 'force' && e.account.mode === 'stable' && err.code === 45009;
        return { ...e, lastError, forced: usedUp ? forcesUsedUp(e.forced, now) : e.forced };
      });
      rt.unsavedError = undefined;
    } catch {
      // Kept in memory: shown and obeyed all the same.
    }
    await this.log(appId, { trigger, outcome: 'error', latencyMs: now - t0, attempts, error: view });
  }

  private async log(appId: string, e: { trigger: Trigger; outcome: HistoryEntry['outcome']; latencyMs: number; attempts: number; token?: TokenRecord; error?: WxErrorView }): Promise<void> {
    let mode: HistoryEntry['mode'] = e.token?.mode ?? 'stable';
    try {
      mode = this.backend.entry(appId)?.account.mode ?? mode;
    } catch {
      // Unreadable: the token's own mode will do.
    }
    const entry: HistoryEntry = { at: this.clock.now(), mode, trigger: e.trigger, outcome: e.outcome, latencyMs: e.latencyMs, attempts: e.attempts };
    if (e.token) {
      entry.fingerprint = fingerprint(e.token.token);
      entry.expiresAt = e.token.expiresAt;
    }
    if (e.error) entry.error = e.error;
    try {
      if (this.backend.entry(appId)) await this.backend.appendHistory(appId, entry);
    } catch {
      // History is a record, not state: a failed write of it changes nothing the keeper decides.
    }
  }

  private emitChange(appId: string, reason: KeeperEvent['reason']): void {
    this.emit('change', { appId, reason });
  }
}
