// TokenKeeper: the one place an access_token is fetched. Callers ask get(); the keeper answers from
// the store while the token is good, shares one upstream call between concurrent callers (and, via
// a lock file, between processes), refreshes ahead of expiry on a timer, retries transient faults
// with backoff and never throws away a token that still works.
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { AccountService } from './accounts';
import { systemClock, sleep, unrefTimer, type Clock, type TimerHandle } from './clock';
import { WxError, toWxError, type WxErrorView } from './errors';
import type { Locker } from './lock';
import {
  HISTORY_LIMIT,
  type AccountRecord,
  type HistoryEntry,
  type LastError,
  type TicketRecord,
  type TicketType,
  type TokenRecord,
  type Trigger,
  type WxStore,
} from './store';
import type { TokenAnswer, WeChatClient } from './wechat';

export interface RetryPolicy {
  /** Upstream attempts per refresh, the first included. */
  attempts: number;
  baseMs: number;
  maxMs: number;
}

export interface KeeperOptions {
  store: WxStore;
  accounts: AccountService;
  client: WeChatClient;
  locker: Locker;
  clock?: Clock;
  retry?: Partial<RetryPolicy>;
  random?: () => number;
}

/** A token this close to expiry is not handed out: the caller could not finish a request with it. */
export const SAFETY_MARGIN_MS = 60_000;
/** The platform rotates a stable token when 300 s are left; re-sync a little after that. */
const STABLE_AHEAD_MS = 295_000;
/** Classic tokens are replaced 5 minutes ahead (the old one stays valid 5 more minutes anyway). */
const CLASSIC_AHEAD_MS = 300_000;
/** When a stable re-sync brings back the same token, ask again this much later. */
const RECHECK_MS = 30_000;
/** Timers run in slices so a machine that slept past a deadline acts on waking, not hours later. */
const TIMER_SLICE_MS = 30_000;
/** After a configuration fault, demand callers get the stored error for this long instead of a new upstream call. */
const CONFIG_FAULT_QUIET_MS = 10_000;
/** After a limit with no stated wait (45009), demand callers get the stored error for this long. */
const LIMIT_QUIET_MS = 60_000;
/** No new attempt starts this long after a refresh began: the whole refresh stays well inside the lock's stale time. */
const RETRY_WINDOW_MS = 60_000;
/** Configuration faults fixed on WeChat's side rather than in WxDesk, and how often the timer looks again. */
const FIXED_ELSEWHERE = new Set([40164, 61004, 89501, 89503]);
const FIXED_ELSEWHERE_RECHECK_MS = 10 * 60_000;
export const FORCE_DAILY_LIMIT = 20;
export const FORCE_SPACING_MS = 30_000;

const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseMs: 500, maxMs: 8_000 };

export type TokenStatus = 'none' | 'valid' | 'expiring' | 'expired';

export interface ForceQuota {
  usedToday: number;
  limit: number;
  remaining: number;
  /** Milliseconds until WeChat would issue a new token on a forced refresh again. */
  cooldownMs: number;
}

export interface TokenState {
  appId: string;
  token?: TokenRecord;
  status: TokenStatus;
  refreshing: boolean;
  nextRefreshAt?: number;
  lastError?: LastError;
  force: ForceQuota;
}

export interface KeeperEvent {
  appId: string;
  reason: 'token' | 'error' | 'refreshing' | 'schedule' | 'account';
}

interface AccountRuntime {
  /** Work under way that later callers join: 'normal', 'force', 'ticket:jsapi', 'ticket:wx_card'. */
  pending: Map<string, Promise<unknown>>;
  queue: Promise<unknown>;
  timer?: TimerHandle;
  /** No timer refresh before this time (after a same-token re-sync or a failure). */
  notBefore: number;
  failures: number;
  nextRefreshAt?: number;
}

export function fingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 8);
}

/** WeChat's daily quotas reset at midnight Beijing time. */
function beijingDay(ms: number): number {
  return Math.floor((ms + 8 * 3600_000) / 86_400_000);
}

function nextBeijingMidnight(ms: number): number {
  return (beijingDay(ms) + 1) * 86_400_000 - 8 * 3600_000;
}

export class TokenKeeper extends EventEmitter<{ change: [KeeperEvent] }> {
  private readonly store: WxStore;
  private readonly accounts: AccountService;
  private readonly client: WeChatClient;
  private readonly locker: Locker;
  private readonly clock: Clock;
  private readonly retry: RetryPolicy;
  private readonly random: () => number;
  private readonly runtime = new Map<string, AccountRuntime>();
  private running = false;
  private rescanTimer: TimerHandle | undefined;

  constructor(opts: KeeperOptions) {
    super();
    this.store = opts.store;
    this.accounts = opts.accounts;
    this.client = opts.client;
    this.locker = opts.locker;
    this.clock = opts.clock ?? systemClock;
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.random = opts.random ?? Math.random;
  }

  now(): number {
    return this.clock.now();
  }

  // ---- asking for tokens -------------------------------------------------------------------

  /** A token valid for at least the safety margin: from the store, or from one shared upstream call. */
  get(appId: string): Promise<TokenRecord> {
    try {
      const account = this.accounts.require(appId);
      const cached = this.current(account);
      if (cached && cached.expiresAt - this.clock.now() > SAFETY_MARGIN_MS) return Promise.resolve(cached);
      const quiet = this.quietError(account);
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
    const rt = this.rt(appId);
    return this.shared(rt, 'normal', () => {
      const started = this.clock.now();
      this.emitChange(appId, 'refreshing');
      return this.enqueue(rt, () => this.fetch(appId, trigger, started));
    });
  }

  /**
   * A new token even though the current one is valid. Classic: a plain new token. Stable:
   * force_refresh, which invalidates the previous stable token: WeChat allows 20 a day, 30 s apart,
   * checked here first so a refused force costs no upstream call.
   */
  forceRefresh(appId: string): Promise<TokenRecord> {
    const rt = this.rt(appId);
    return this.shared(rt, 'force', () => {
      this.checkForceAllowed(this.accounts.require(appId));
      const started = this.clock.now();
      this.emitChange(appId, 'refreshing');
      return this.enqueue(rt, () => this.fetch(appId, 'force', started));
    });
  }

  /**
   * For a caller whose API call failed with 40001/40014/42001: refresh only if the failed token is
   * still the stored one (else someone already replaced it, and the stored one is the answer).
   */
  refreshIfCurrent(appId: string, failedToken: string): Promise<TokenRecord> {
    try {
      const account = this.accounts.require(appId);
      const cur = this.current(account);
      if (cur && cur.token !== failedToken && cur.expiresAt - this.clock.now() > SAFETY_MARGIN_MS) return Promise.resolve(cur);
    } catch (e) {
      return Promise.reject(toWxError(e));
    }
    const rt = this.rt(appId);
    const started = this.clock.now();
    return this.enqueue(rt, () => this.fetch(appId, 'stale', started, failedToken));
  }

  /** A cached jsapi / wx_card ticket, fetched with the current token when missing or expiring. */
  ticket(appId: string, type: TicketType): Promise<TicketRecord> {
    const cached = this.store.entry('tickets', appId)?.[type];
    if (cached && cached.expiresAt - this.clock.now() > SAFETY_MARGIN_MS) return Promise.resolve(cached);
    return this.ticketOnce(appId, type);
  }

  /** One ticket fetch per account and type at a time; concurrent callers share it. */
  private ticketOnce(appId: string, type: TicketType): Promise<TicketRecord> {
    return this.shared(this.rt(appId), `ticket:${type}`, () => this.fetchTicket(appId, type));
  }

  /** Joins the work under `key` if any is under way, else starts it; a synchronous throw becomes a rejection. */
  private shared<T>(rt: AccountRuntime, key: string, start: () => Promise<T>): Promise<T> {
    const under = rt.pending.get(key);
    if (under) return under as Promise<T>;
    let p: Promise<T>;
    try {
      p = start();
    } catch (e) {
      return Promise.reject(toWxError(e));
    }
    rt.pending.set(key, p);
    const clear = () => {
      if (rt.pending.get(key) === p) rt.pending.delete(key);
    };
    p.then(clear, clear);
    return p;
  }

  // ---- what the dashboard shows ------------------------------------------------------------

  state(appId: string): TokenState {
    const now = this.clock.now();
    const account = this.store.entry('accounts', appId);
    const token = account ? this.current(account) : undefined;
    const rt = this.runtime.get(appId);
    const status: TokenStatus = !token
      ? 'none'
      : token.expiresAt <= now
        ? 'expired'
        : token.expiresAt - now <= CLASSIC_AHEAD_MS
          ? 'expiring'
          : 'valid';
    const s: TokenState = {
      appId,
      status,
      refreshing: !!(rt?.pending.has('normal') || rt?.pending.has('force')),
      force: this.forceQuota(appId),
    };
    if (token) s.token = token;
    if (rt?.nextRefreshAt !== undefined) s.nextRefreshAt = rt.nextRefreshAt;
    const lastError = this.store.entry('lastError', appId);
    if (lastError) s.lastError = lastError;
    return s;
  }

  history(appId: string): HistoryEntry[] {
    return [...(this.store.entry('history', appId) ?? [])].reverse();
  }

  forceQuota(appId: string): ForceQuota {
    const now = this.clock.now();
    const times = this.store.entry('forced', appId) ?? [];
    const today = times.filter((t) => beijingDay(t) === beijingDay(now));
    const last = times.length ? Math.max(...times) : 0;
    return {
      usedToday: today.length,
      limit: FORCE_DAILY_LIMIT,
      remaining: Math.max(0, FORCE_DAILY_LIMIT - today.length),
      cooldownMs: Math.max(0, last + FORCE_SPACING_MS - now),
    };
  }

  // ---- timers ------------------------------------------------------------------------------

  /** Starts refresh-ahead timers for every account with auto-refresh on. */
  start(): void {
    this.running = true;
    this.rescan();
  }

  stop(): void {
    this.running = false;
    if (this.rescanTimer !== undefined) this.clock.clearTimeout(this.rescanTimer);
    this.rescanTimer = undefined;
    for (const rt of this.runtime.values()) {
      if (rt.timer !== undefined) this.clock.clearTimeout(rt.timer);
      rt.timer = undefined;
      rt.nextRefreshAt = undefined;
    }
  }

  /** After an account was saved: forget backoff state and plan again. */
  accountChanged(appId: string): void {
    const rt = this.rt(appId);
    rt.notBefore = 0;
    rt.failures = 0;
    this.schedule(appId);
    this.emitChange(appId, 'account');
  }

  accountRemoved(appId: string): void {
    const rt = this.runtime.get(appId);
    if (rt?.timer !== undefined) this.clock.clearTimeout(rt.timer);
    this.runtime.delete(appId);
    this.emitChange(appId, 'account');
  }

  /** After a system resume: deadlines may have passed while timers were frozen. */
  wake(): void {
    if (this.running) this.rescan();
  }

  /**
   * Plans every account again from the store, every TIMER_SLICE_MS: accounts another process
   * added, edited (a fixed secret) or removed are picked up without a restart.
   */
  private rescan(): void {
    if (this.rescanTimer !== undefined) this.clock.clearTimeout(this.rescanTimer);
    const accounts = this.store.read('accounts');
    for (const appId of Object.keys(accounts)) {
      const rt = this.runtime.get(appId);
      if (!rt || rt.pending.size === 0) this.schedule(appId);
    }
    for (const [appId, rt] of this.runtime) {
      if (accounts[appId] || rt.pending.size > 0) continue;
      if (rt.timer !== undefined) this.clock.clearTimeout(rt.timer);
      this.runtime.delete(appId);
    }
    this.rescanTimer = this.clock.setTimeout(() => this.rescan(), TIMER_SLICE_MS);
    unrefTimer(this.rescanTimer);
  }

  // ---- internals ---------------------------------------------------------------------------

  private rt(appId: string): AccountRuntime {
    let rt = this.runtime.get(appId);
    if (!rt) {
      rt = { pending: new Map(), queue: Promise.resolve(), notBefore: 0, failures: 0 };
      this.runtime.set(appId, rt);
    }
    return rt;
  }

  /** Upstream work for one account runs one piece at a time in this process. */
  private enqueue<T>(rt: AccountRuntime, fn: () => Promise<T>): Promise<T> {
    const p = rt.queue.then(fn, fn);
    rt.queue = p.catch(() => undefined);
    return p;
  }

  /** The stored token, if it belongs to the account as configured now (mode and API host). */
  private current(account: AccountRecord): TokenRecord | undefined {
    const rec = this.store.entry('tokens', account.appId);
    if (!rec || rec.mode !== account.mode || rec.apiBase !== account.apiBase) return undefined;
    return rec;
  }

  /** When the timer should act on a token. */
  private dueAt(rec: TokenRecord): number {
    const lifetime = Math.max(0, rec.expiresAt - rec.obtainedAt);
    const ahead = Math.min(rec.mode === 'stable' ? STABLE_AHEAD_MS : CLASSIC_AHEAD_MS, lifetime / 2);
    return rec.expiresAt - ahead;
  }

  /** The stored failure that still holds for this account as configured now (a force's own failure never does). */
  private standingError(account: AccountRecord): LastError | undefined {
    const le = this.store.entry('lastError', account.appId);
    return le && le.trigger !== 'force' && le.at >= account.updatedAt ? le : undefined;
  }

  /** A recent configuration or limit fault that demand callers should get again rather than retry upstream. */
  private quietError(account: AccountRecord): WxError | undefined {
    const le = this.standingError(account);
    if (!le) return undefined;
    const quietFor = le.error.kind === 'config' ? CONFIG_FAULT_QUIET_MS : le.error.kind === 'limit' ? (le.error.retryAfterMs ?? LIMIT_QUIET_MS) : 0;
    return this.clock.now() - le.at < quietFor ? WxError.fromView(le.error) : undefined;
  }

  /**
   * Until when a stored failure holds the timer back. Derived from the store, so a fix made by
   * another process (`wxdesk accounts update`) frees it: configuration faults wait for the account
   * to change (those fixed on WeChat's side, such as the IP whitelist, are tried again every 10
   * minutes); limits wait for their time (45009: the daily reset).
   */
  private heldUntil(account: AccountRecord): number {
    const le = this.standingError(account);
    if (!le) return 0;
    // Fixed outside WxDesk (the IP whitelist, an administrator's confirmation): look again now and then.
    if (typeof le.error.code === 'number' && FIXED_ELSEWHERE.has(le.error.code)) return le.at + FIXED_ELSEWHERE_RECHECK_MS;
    if (le.error.kind === 'config') return Number.POSITIVE_INFINITY;
    if (le.error.kind !== 'limit') return 0;
    if (le.error.retryAfterMs !== undefined) return le.at + le.error.retryAfterMs;
    return le.error.code === 45009 ? nextBeijingMidnight(le.at) : le.at + 3600_000;
  }

  /**
   * WeChat's force limits, checked before any call: 30 s apart in both modes (a classic force
   * retires everyone's token, so nothing may force in a loop, the local endpoint's callers
   * included); 20 a day for stable_token.
   */
  private checkForceAllowed(account: AccountRecord): void {
    const q = this.forceQuota(account.appId);
    if (q.cooldownMs > 0) throw new WxError('FORCE_COOLDOWN', { seconds: Math.ceil(q.cooldownMs / 1000) });
    if (account.mode === 'stable' && q.remaining <= 0) throw new WxError('FORCE_QUOTA');
  }

  private async fetch(appId: string, trigger: Trigger, started: number, failedToken?: string): Promise<TokenRecord> {
    let release: (() => void) | undefined;
    try {
      const account = this.accounts.require(appId);
      release = await this.locker.acquire(appId);
      // Compare-and-refresh: re-read what another process (or an earlier queued call) stored meanwhile.
      const cur = this.current(account);
      const now = this.clock.now();
      const reusable =
        cur &&
        cur.expiresAt - now > SAFETY_MARGIN_MS &&
        ((trigger === 'demand') ||
          (trigger === 'timer' && now < this.dueAt(cur)) ||
          (trigger === 'stale' && cur.token !== failedToken) ||
          // A manual refresh that another caller completed after this one was asked for. A force
          // always goes upstream: its point is to retire the token held now.
          (trigger === 'manual' && cur.obtainedAt >= started));
      if (cur && reusable) {
        if (cur.obtainedAt >= started) this.log(appId, { trigger, outcome: 'reused', latencyMs: 0, attempts: 0, token: cur });
        return cur;
      }
      if (trigger === 'force') this.checkForceAllowed(account);
      return await this.fetchUpstream(account, trigger, cur);
    } catch (e) {
      throw toWxError(e);
    } finally {
      release?.();
      this.schedule(appId);
      this.emitChange(appId, 'token');
    }
  }

  /**
   * The account as it is now, if the credentials a call was made with still belong to it; null when
   * it was edited meanwhile (another secret, mode or API host); NO_ACCOUNT when it was removed.
   */
  private unchanged(account: AccountRecord, secret: string): AccountRecord | null {
    const now = this.store.entry('accounts', account.appId);
    if (!now) throw new WxError('NO_ACCOUNT', { detail: account.appId });
    let current: string | undefined;
    try {
      current = this.accounts.secret(account.appId);
    } catch {
      current = undefined;
    }
    return now.mode === account.mode && now.apiBase === account.apiBase && current === secret ? now : null;
  }

  private async fetchUpstream(account: AccountRecord, trigger: Trigger, cur: TokenRecord | undefined, rerun = false): Promise<TokenRecord> {
    const { appId } = account;
    const secret = this.accounts.secret(appId);
    const force = trigger === 'force';
    const t0 = this.clock.now();
    let attempts = 0;
    let answer: TokenAnswer;
    try {
      answer = await this.withRetry(() => {
        attempts++;
        return account.mode === 'stable'
          ? this.client.stableToken(account.apiBase, appId, secret, force)
          : this.client.classicToken(account.apiBase, appId, secret);
      });
    } catch (e) {
      const err = toWxError(e);
      // A failure for credentials that were changed (or an account removed) meanwhile is not theirs.
      if (!this.unchanged(account, secret)) return this.askAgain(account, trigger, rerun, err);
      this.recordFailure(account, trigger, err, t0, attempts);
      throw err;
    }
    // Likewise, a token for the old credentials is not stored.
    if (!this.unchanged(account, secret)) return this.askAgain(account, trigger, rerun);
    const now = this.clock.now();
    const same = cur?.token === answer.accessToken;
    const rec: TokenRecord = {
      token: answer.accessToken,
      mode: account.mode,
      obtainedAt: same && cur ? cur.obtainedAt : now,
      expiresAt: now + answer.expiresIn * 1000,
      apiBase: account.apiBase,
    };
    this.store.updateEntry('tokens', appId, () => rec);
    this.store.updateEntry('lastError', appId, () => undefined);
    if (force) this.store.updateEntry('forced', appId, (times) => [...(times ?? []).filter((t) => now - t < 2 * 86_400_000), now]);
    const rt = this.rt(appId);
    rt.failures = 0;
    // WeChat had not rotated yet: the timer would fire again at once, so look again a little later.
    rt.notBefore = same && trigger === 'timer' ? now + RECHECK_MS : 0;
    this.log(appId, { trigger, outcome: same ? 'same' : 'ok', latencyMs: now - t0, attempts, token: rec });
    if (!same && trigger === 'timer') this.renewTickets(appId, rec);
    return rec;
  }

  /** The account changed while a call was out: ask once more with what it holds now (NO_ACCOUNT if it is gone). */
  private askAgain(account: AccountRecord, trigger: Trigger, rerun: boolean, err?: WxError): Promise<TokenRecord> {
    const now = this.accounts.require(account.appId);
    if (rerun) return Promise.reject(err ?? new WxError('INTERNAL', { detail: 'the account kept changing during a refresh' }));
    return this.fetchUpstream(now, trigger, this.current(now), true);
  }

  private recordFailure(account: AccountRecord, trigger: Trigger, err: WxError, t0: number, attempts: number): void {
    const { appId } = account;
    const now = this.clock.now();
    if (trigger === 'force' && account.mode === 'stable' && err.code === 45009) {
      // WeChat says today's forced refreshes are used up: make the local count agree.
      this.store.updateEntry('forced', appId, (times) => {
        const list = [...(times ?? [])];
        while (list.filter((t) => beijingDay(t) === beijingDay(now)).length < FORCE_DAILY_LIMIT) list.push(now - 1);
        return list;
      });
    }
    const view = err.view();
    this.store.updateEntry('lastError', appId, () => ({ at: now, trigger, error: view }));
    const rt = this.rt(appId);
    rt.failures++;
    // Transient faults back off here; configuration and limit faults are held from the store (heldUntil).
    rt.notBefore = err.kind === 'transient' ? now + Math.min(300_000, 15_000 * 2 ** Math.min(rt.failures - 1, 5)) : 0;
    this.log(appId, { trigger, outcome: 'error', latencyMs: now - t0, attempts, error: view });
  }


  private async fetchTicket(appId: string, type: TicketType): Promise<TicketRecord> {
    const account = this.accounts.require(appId);
    let token = await this.get(appId);
    let answer;
    try {
      answer = await this.withRetry(() => this.client.ticket(account.apiBase, token.token, type));
    } catch (e) {
      const err = toWxError(e);
      if (err.kind !== 'token') throw err;
      // Someone invalidated our token (a classic fetch elsewhere): replace it once, then ask again.
      token = await this.refreshIfCurrent(appId, token.token);
      answer = await this.withRetry(() => this.client.ticket(account.apiBase, token.token, type));
    }
    const now = this.clock.now();
    const rec: TicketRecord = { ticket: answer.ticket, forToken: token.token, obtainedAt: now, expiresAt: now + answer.expiresIn * 1000 };
    this.store.updateEntry('tickets', appId, (cur) => ({ ...cur, [type]: rec }));
    this.emitChange(appId, 'token');
    return rec;
  }

  /**
   * Tickets the keeper holds are renewed with the token: a cached ticket that would expire before
   * the new token does is fetched again now, in the background (on failure, the next ticket()
   * call fetches it).
   */
  private renewTickets(appId: string, token: TokenRecord): void {
    const cached = this.store.entry('tickets', appId) ?? {};
    for (const type of Object.keys(cached) as TicketType[]) {
      const t = cached[type];
      if (t && t.expiresAt < token.expiresAt - SAFETY_MARGIN_MS) this.ticketOnce(appId, type).catch(() => undefined);
    }
  }

  private async withRetry<T>(call: () => Promise<T>): Promise<T> {
    const began = this.clock.now();
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (e) {
        const err = toWxError(e);
        if (err.kind !== 'transient' || attempt >= this.retry.attempts || this.clock.now() - began > RETRY_WINDOW_MS) throw err;
        // Exponential backoff with jitter, so several processes recovering together do not align.
        const cap = Math.min(this.retry.maxMs, this.retry.baseMs * 2 ** (attempt - 1));
        await sleep(this.clock, cap / 2 + (this.random() * cap) / 2);
      }
    }
  }

  private schedule(appId: string): void {
    const rt = this.rt(appId);
    const before = rt.nextRefreshAt;
    if (rt.timer !== undefined) this.clock.clearTimeout(rt.timer);
    rt.timer = undefined;
    rt.nextRefreshAt = undefined;
    const account = this.store.entry('accounts', appId);
    const cur = account && this.current(account);
    // Held for a person (a configuration fault) gives Infinity: the rescan picks the account up once it changes.
    const target = account && this.running && account.autoRefresh ? Math.max(cur ? this.dueAt(cur) : 0, rt.notBefore, this.heldUntil(account)) : Number.POSITIVE_INFINITY;
    if (!Number.isFinite(target)) {
      if (before !== undefined) this.emitChange(appId, 'schedule');
      return;
    }
    const now = this.clock.now();
    rt.nextRefreshAt = Math.max(target, now);
    const delay = Math.max(0, target - now);
    rt.timer = this.clock.setTimeout(() => {
      rt.timer = undefined;
      if (this.clock.now() < target) return this.schedule(appId);
      this.refresh(appId, 'timer').catch(() => undefined);
    }, Math.min(delay, TIMER_SLICE_MS));
    unrefTimer(rt.timer);
    // The dashboard shows the next refresh time; tell it only when that time moved.
    if (before === undefined || Math.abs(before - rt.nextRefreshAt) > 1_000) this.emitChange(appId, 'schedule');
  }

  private log(appId: string, e: { trigger: Trigger; outcome: HistoryEntry['outcome']; latencyMs: number; attempts: number; token?: TokenRecord; error?: WxErrorView }): void {
    const account = this.store.entry('accounts', appId);
    const entry: HistoryEntry = {
      at: this.clock.now(),
      mode: account?.mode ?? 'stable',
      trigger: e.trigger,
      outcome: e.outcome,
      latencyMs: e.latencyMs,
      attempts: e.attempts,
    };
    if (e.token) {
      entry.fingerprint = fingerprint(e.token.token);
      entry.expiresAt = e.token.expiresAt;
    }
    if (e.error) entry.error = e.error;
    this.store.updateEntry('history', appId, (list) => [...(list ?? []), entry].slice(-HISTORY_LIMIT));
  }

  private emitChange(appId: string, reason: KeeperEvent['reason']): void {
    this.emit('change', { appId, reason });
  }
}
