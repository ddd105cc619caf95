// One refresh attempt, start to end: under the account's lock, compare-and-refresh against what
// another process may have stored, the upstream call with retries, and the outcome recorded
// (token stored, or the failure stored and backed off; in memory when the store cannot be written).
import { createHash } from 'node:crypto';
import type { AccountService } from '../accounts';
import { sleep, type Clock } from '../clock';
import { WxError, toWxError, type WxErrorView } from '../errors';
import type { StateBackend } from '../state/backend';
import type { Lease } from '../state/lock';
import type { AccountEntry, HistoryEntry, LastError, TokenRecord, Trigger } from '../state/records';
import type { WeChatApi } from '../wechat';
import type { Flight } from './flight';
import { RECHECK_MS, backoffMs, forceRefusal, forcesUsedUp, reusable, servable, tokenFor, withForce } from './policy';
import { withRetry, type RetryPolicy } from './retry';
import type { Tickets } from './tickets';

export interface RefresherDeps {
  backend: StateBackend;
  accounts: AccountService;
  client: WeChatApi;
  clock: Clock;
  retry: RetryPolicy;
  random: () => number;
  flight: Flight;
  tickets: Pick<Tickets, 'renew'>;
  /** Called when an attempt ends, whatever its outcome: the keeper plans the next one. */
  after: (appId: string) => void;
}

/** What the keeper remembers of an account between attempts. */
export interface Runtime {
  failures: number;
  /** No timer attempt before this time (backoff after a failure, or a same-token re-sync). */
  notBefore: number;
  nextRefreshAt?: number;
  /** A failure that could not be stored (the write failed): shown and obeyed from memory. */
  unsavedError?: LastError;
  /** A token fetched but not stored (the write failed): served from memory. */
  unsavedToken?: TokenRecord;
}

/**
 * Team mode conditions of this machine, not of the account: kept in memory and shown here, never
 * written to the shared store or history (teammates with the secret are not in fault).
 */
const LOCAL_ONLY: ReadonlySet<number | string> = new Set(['TEAM_NO_SECRET', 'TEAM_OFFLINE']);

/**
 * How long a refresh that finds the account's base and its secret's base apart waits before it
 * looks again: another process moving the account writes the secret (with its base) first, then the
 * record, and may be seen between the two.
 */
export const MOVE_SETTLE_MS = 100;

export function fingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 8);
}

const newer = <T extends { at: number } | { obtainedAt: number }>(a: T | undefined, b: T | undefined): T | undefined => {
  if (!a) return b;
  if (!b) return a;
  const t = (x: T) => ('at' in x ? x.at : x.obtainedAt);
  return t(b) > t(a) ? b : a;
};

export class Refresher {
  readonly runtime = new Map<string, Runtime>();
  /** Errors already recorded where they happened (with their attempt count). */
  private readonly recorded = new WeakSet<WxError>();

  constructor(private readonly deps: RefresherDeps) {}

  /** After the account changed: no backoff, nothing from memory (it may belong to the old credentials). */
  reset(appId: string): void {
    const rt = this.runtime.get(appId);
    if (!rt) return;
    rt.failures = 0;
    rt.notBefore = 0;
    rt.unsavedError = undefined;
    rt.unsavedToken = undefined;
  }

  rt(appId: string): Runtime {
    let rt = this.runtime.get(appId);
    if (!rt) {
      rt = { failures: 0, notBefore: 0 };
      this.runtime.set(appId, rt);
    }
    return rt;
  }

  private require(appId: string): AccountEntry {
    const entry = this.deps.backend.entry(appId);
    if (!entry) throw new WxError('NO_ACCOUNT', { detail: appId });
    return entry;
  }

  /** The token to serve: the stored one for the account as configured now, or a newer one a failed write left in memory. */
  tokenOf(entry: AccountEntry): TokenRecord | undefined {
    const stored = tokenFor(entry.account, entry.token);
    const rt = this.runtime.get(entry.account.appId);
    const unsaved = tokenFor(entry.account, rt?.unsavedToken);
    if (rt && rt.unsavedToken && stored && stored.obtainedAt >= rt.unsavedToken.obtainedAt) rt.unsavedToken = undefined;
    return newer(stored, unsaved);
  }

  lastErrorOf(entry: AccountEntry): LastError | undefined {
    const rt = this.runtime.get(entry.account.appId);
    // This machine's own condition in team mode is over once a teammate's token is newer than it.
    if (rt?.unsavedError && LOCAL_ONLY.has(rt.unsavedError.error.code) && entry.token && entry.token.obtainedAt > rt.unsavedError.at) rt.unsavedError = undefined;
    return newer(entry.lastError, rt?.unsavedError);
  }

  /** Upstream work for one account: one at a time here, under the lock across processes; every outcome recorded. */
  async attempt(appId: string, trigger: Trigger, started: number, failedToken?: string): Promise<TokenRecord> {
    const t0 = this.deps.clock.now();
    try {
      return await this.deps.flight.locked(appId, async (lease) => {
        const entry = this.deps.backend.freshEntry(appId);
        if (!entry) throw new WxError('NO_ACCOUNT', { detail: appId });
        const cur = this.tokenOf(entry);
        const now = this.deps.clock.now();
        if (reusable(trigger, cur, now, started, failedToken)) {
          if (cur.obtainedAt >= started) await this.log(appId, { trigger, outcome: 'reused', latencyMs: 0, attempts: 0, token: cur });
          return cur;
        }
        if (trigger === 'force') {
          const refusal = forceRefusal(entry, now);
          if (refusal) throw refusal;
        }
        return await this.fetchUpstream(entry, trigger, cur, lease);
      });
    } catch (e) {
      const err = toWxError(e);
      // A local refusal (force limits) or a removed account is an answer, not a fault of the account.
      const answer = err.code === 'NO_ACCOUNT' || err.code === 'FORCE_COOLDOWN' || err.code === 'FORCE_QUOTA';
      if (!answer && !this.recorded.has(err)) await this.recordFailure(appId, trigger, err, t0, 0);
      throw err;
    } finally {
      this.deps.after(appId);
    }
  }

  private async fetchUpstream(entry: AccountEntry, trigger: Trigger, cur: TokenRecord | undefined, lease: Lease, rerun = false): Promise<TokenRecord> {
    const { account } = entry;
    const { appId } = account;
    const { backend } = this.deps;
    // Team mode: a classic token fetched while the team's store is down would retire the token
    // everyone uses; and a machine without the secret serves what a teammate fetches.
    if (backend.offline?.() && (account.mode === 'classic' || trigger === 'force')) throw new WxError('TEAM_OFFLINE');
    if (backend.shared && this.deps.accounts.storedSecret(appId) === undefined) throw new WxError('TEAM_NO_SECRET', { detail: appId });
    let secret: string;
    try {
      // Only a secret bound to this very base: secret and base read together (issue 20, item 2).
      secret = this.deps.accounts.secretFor(appId, account.apiBase);
    } catch (e) {
      if (!(e instanceof WxError) || e.code !== 'SECRET_BASE_MISMATCH' || rerun) throw e;
      // Perhaps another process's move, seen half-way: look again once it has had time to finish.
      await sleep(this.deps.clock, MOVE_SETTLE_MS);
      const now = this.deps.backend.freshEntry(appId);
      if (!now) throw new WxError('NO_ACCOUNT', { detail: appId });
      return this.fetchUpstream(now, trigger, this.tokenOf(now), lease, true);
    }
    const force = trigger === 'force';
    const t0 = this.deps.clock.now();
    let attempts = 0;
    let answer;
    try {
      answer = await withRetry(this.deps.clock, this.deps.retry, this.deps.random, () => {
        attempts++;
        return account.mode === 'stable'
          ? this.deps.client.stableToken(account.apiBase, appId, secret, force)
          : this.deps.client.classicToken(account.apiBase, appId, secret);
      });
    } catch (e) {
      const err = toWxError(e);
      // A failure for credentials that were changed (or an account removed) meanwhile is not theirs.
      if (!this.unchanged(entry, secret)) return this.askAgain(appId, trigger, lease, rerun, err);
      await this.recordFailure(appId, trigger, err, t0, attempts);
      throw err;
    }
    // Likewise, a token for the old credentials is not stored.
    if (!this.unchanged(entry, secret)) return this.askAgain(appId, trigger, lease, rerun);
    const now = this.deps.clock.now();
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
    // Our lock was taken over while we stalled (a suspended process): its new owner stores its own
    // token, which may be newer than ours; ours is only this caller's.
    if (lease.lost) return this.servableStored(appId) ?? rec;
    let newer: TokenRecord | undefined;
    try {
      await this.deps.backend.update(appId, (e) => {
        if (!e) return e;
        // Compare-and-set: never replace a token with one obtained earlier (another owner's, stored meanwhile).
        newer = e.token && e.token.token !== rec.token && e.token.obtainedAt > rec.obtainedAt ? e.token : undefined;
        return newer ? e : { ...e, token: rec, lastError: undefined, forced: force ? withForce(e.forced, now) : e.forced };
      });
      rt.unsavedToken = undefined;
      if (newer) return this.servableStored(appId) ?? rec;
    } catch (e) {
      // The token is good: it is served from memory, and the failed write is recorded and waited on.
      rt.unsavedToken = rec;
      await this.recordFailure(appId, trigger, toWxError(e), t0, attempts);
      return rec;
    }
    await this.log(appId, { trigger, outcome: same ? 'same' : 'ok', latencyMs: now - t0, attempts, token: rec });
    if (!same && trigger === 'timer') this.deps.tickets.renew(appId, rec);
    return rec;
  }

  /** The stored token, if it is the account's and valid for at least the safety margin. */
  private servableStored(appId: string): TokenRecord | undefined {
    const entry = this.deps.backend.freshEntry(appId);
    const token = entry && tokenFor(entry.account, entry.token);
    return token && servable(token, this.deps.clock.now()) ? token : undefined;
  }

  /** Whether the credentials a call was made with still belong to the account (NO_ACCOUNT if it is gone). */
  private unchanged(entry: AccountEntry, secret: string): boolean {
    const now = this.deps.backend.freshEntry(entry.account.appId);
    if (!now) throw new WxError('NO_ACCOUNT', { detail: entry.account.appId });
    let current: string | undefined;
    try {
      current = this.deps.accounts.secretFor(entry.account.appId, now.account.apiBase);
    } catch {
      current = undefined;
    }
    return now.account.mode === entry.account.mode && now.account.apiBase === entry.account.apiBase && current === secret;
  }

  /** The account changed while a call was out: ask once more with what it holds now. */
  private askAgain(appId: string, trigger: Trigger, lease: Lease, rerun: boolean, err?: WxError): Promise<TokenRecord> {
    const entry = this.require(appId);
    if (rerun) return Promise.reject(err ?? new WxError('INTERNAL', { detail: 'the account kept changing during a refresh' }));
    return this.fetchUpstream(entry, trigger, this.tokenOf(entry), lease, true);
  }

  /** Stores the failure (in memory when the store cannot be written), backs the timer off, and logs it. */
  private async recordFailure(appId: string, trigger: Trigger, err: WxError, t0: number, attempts: number): Promise<void> {
    this.recorded.add(err);
    const now = this.deps.clock.now();
    const view = err.view();
    const lastError: LastError = { at: now, trigger, error: view };
    const rt = this.rt(appId);
    rt.failures++;
    rt.notBefore = now + backoffMs(rt.failures);
    rt.unsavedError = lastError;
    if (LOCAL_ONLY.has(err.code)) return;
    try {
      await this.deps.backend.update(appId, (e) => {
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
      mode = this.deps.backend.entry(appId)?.account.mode ?? mode;
    } catch {
      // Unreadable: the token's own mode will do.
    }
    const entry: HistoryEntry = { at: this.deps.clock.now(), mode, trigger: e.trigger, outcome: e.outcome, latencyMs: e.latencyMs, attempts: e.attempts };
    if (e.token) {
      entry.fingerprint = fingerprint(e.token.token);
      entry.expiresAt = e.token.expiresAt;
    }
    if (e.error) entry.error = e.error;
    try {
      if (this.deps.backend.entry(appId)) await this.deps.backend.appendHistory(appId, entry);
    } catch {
      // History is a record, not state: a failed write of it changes nothing the keeper decides.
    }
  }
}
