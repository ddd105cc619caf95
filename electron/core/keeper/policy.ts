// The keeper's rules as pure functions: given what is stored and the time, is a token servable,
// when is it due, is the account held by a fault, may a force go ahead. No I/O, no clock of its own.
import type { ForceQuotaView, TokenStatus } from '../../contract';
import { WxError } from '../errors';
import type { AccountEntry, AccountRecord, LastError, TokenRecord, Trigger } from '../state/records';

/** A token this close to expiry is not handed out: the caller could not finish a request with it. */
export const SAFETY_MARGIN_MS = 60_000;
/** The platform rotates a stable token when 300 s are left; re-sync a little after that. */
export const STABLE_AHEAD_MS = 295_000;
/** Classic tokens are replaced 5 minutes ahead (the old one stays valid 5 more minutes anyway). */
export const CLASSIC_AHEAD_MS = 300_000;
/** When a stable re-sync brings back the same token, ask again this much later. */
export const RECHECK_MS = 30_000;
/** After a configuration fault, demand callers get the stored error for this long instead of a new upstream call. */
export const CONFIG_FAULT_QUIET_MS = 10_000;
/** After a limit with no stated wait (45009), demand callers get the stored error for this long. */
export const LIMIT_QUIET_MS = 60_000;
/** Faults fixed outside WxDesk's data (the IP whitelist, an administrator, a secret file restored by hand), looked at again this often. */
export const RECHECK_ELSEWHERE_MS = 10 * 60_000;
const FIXED_ELSEWHERE = new Set<number | string>([40164, 61004, 89501, 89503, 'NO_SECRET', 'TEAM_NO_SECRET', 'STORE_UNREADABLE']);
export const FORCE_DAILY_LIMIT = 20;
export const FORCE_SPACING_MS = 30_000;
/** Timer backoff after consecutive failures of any kind: 15 s, 30 s, 1 min … 5 min. */
export const BACKOFF_BASE_MS = 15_000;
export const BACKOFF_MAX_MS = 300_000;

/** WeChat's daily quotas reset at midnight Beijing time. */
export function beijingDay(ms: number): number {
  return Math.floor((ms + 8 * 3600_000) / 86_400_000);
}

export function nextBeijingMidnight(ms: number): number {
  return (beijingDay(ms) + 1) * 86_400_000 - 8 * 3600_000;
}

/** The token if it belongs to the account as configured now (mode and API host). */
export function tokenFor(account: AccountRecord, token: TokenRecord | undefined): TokenRecord | undefined {
  return token && token.mode === account.mode && token.apiBase === account.apiBase ? token : undefined;
}

export function servable(token: TokenRecord | undefined, now: number): token is TokenRecord {
  return !!token && token.expiresAt - now > SAFETY_MARGIN_MS;
}

export function tokenStatus(token: TokenRecord | undefined, now: number): TokenStatus {
  if (!token) return 'none';
  if (token.expiresAt <= now) return 'expired';
  return token.expiresAt - now <= CLASSIC_AHEAD_MS ? 'expiring' : 'valid';
}

/** When the timer should act on a token: ahead of expiry, or at half-life for short lifetimes. */
export function dueAt(token: TokenRecord): number {
  const lifetime = Math.max(0, token.expiresAt - token.obtainedAt);
  const ahead = Math.min(token.mode === 'stable' ? STABLE_AHEAD_MS : CLASSIC_AHEAD_MS, lifetime / 2);
  return token.expiresAt - ahead;
}

/**
 * Whether a token found under the lock answers this request without an upstream call (another
 * process, or an earlier call in this one, may have just stored it).
 */
export function reusable(trigger: Trigger, token: TokenRecord | undefined, now: number, started: number, failedToken?: string): token is TokenRecord {
  if (!servable(token, now)) return false;
  switch (trigger) {
    case 'demand':
      return true;
    case 'timer':
      return now < dueAt(token);
    case 'stale':
      return token.token !== failedToken;
    case 'manual':
      // A manual refresh that another caller completed after this one was asked for.
      return token.obtainedAt >= started;
    default:
      // A force always goes upstream: its point is to retire the token held now.
      return false;
  }
}

/** The failure that still holds for the account as configured now (a force's own failure never does). */
export function standingError(account: AccountRecord, lastError: LastError | undefined): LastError | undefined {
  return lastError && lastError.trigger !== 'force' && lastError.at >= account.updatedAt ? lastError : undefined;
}

/** A recent configuration or limit fault that demand callers get again rather than a new upstream call. */
export function quietError(account: AccountRecord, lastError: LastError | undefined, now: number): WxError | undefined {
  const le = standingError(account, lastError);
  if (!le) return undefined;
  const quietFor = le.error.kind === 'config' ? CONFIG_FAULT_QUIET_MS : le.error.kind === 'limit' ? (le.error.retryAfterMs ?? LIMIT_QUIET_MS) : 0;
  return now - le.at < quietFor ? WxError.fromView(le.error) : undefined;
}

/**
 * Until when a failure holds the timer back: configuration faults until the account changes
 * (Infinity), or a while for those fixed elsewhere; limits for their time (45009: the daily reset).
 */
export function heldUntil(account: AccountRecord, lastError: LastError | undefined): number {
  const le = standingError(account, lastError);
  if (!le) return 0;
  if (FIXED_ELSEWHERE.has(le.error.code)) return le.at + RECHECK_ELSEWHERE_MS;
  if (le.error.kind === 'config') return Number.POSITIVE_INFINITY;
  if (le.error.kind !== 'limit') return 0;
  if (le.error.retryAfterMs !== undefined) return le.at + le.error.retryAfterMs;
  return le.error.code === 45009 ? nextBeijingMidnight(le.at) : le.at + 3600_000;
}

export function backoffMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(failures - 1, 10));
}

/** When the timer should next try: Infinity when auto-refresh is off or a person must act. */
export function nextAttemptAt(entry: AccountEntry | undefined, token: TokenRecord | undefined, lastError: LastError | undefined, notBefore: number): number {
  if (!entry || !entry.account.autoRefresh) return Number.POSITIVE_INFINITY;
  return Math.max(token ? dueAt(token) : 0, notBefore, heldUntil(entry.account, lastError));
}

export function forceQuota(forced: readonly number[] | undefined, now: number): ForceQuotaView {
  const times = forced ?? [];
  const used = times.filter((t) => beijingDay(t) === beijingDay(now)).length;
  const last = times.length ? Math.max(...times) : 0;
  return {
    usedToday: used,
    limit: FORCE_DAILY_LIMIT,
    remaining: Math.max(0, FORCE_DAILY_LIMIT - used),
    cooldownMs: Math.max(0, last + FORCE_SPACING_MS - now),
  };
}

/**
 * WeChat's force limits, checked before any call: 30 s apart in both modes (a classic force retires
 * everyone's token, so nothing may force in a loop, the local endpoint's callers included); 20 a
 * day for stable_token.
 */
export function forceRefusal(entry: AccountEntry, now: number): WxError | undefined {
  const q = forceQuota(entry.forced, now);
  if (q.cooldownMs > 0) return new WxError('FORCE_COOLDOWN', { seconds: Math.ceil(q.cooldownMs / 1000) });
  if (entry.account.mode === 'stable' && q.remaining <= 0) return new WxError('FORCE_QUOTA');
  return undefined;
}

/** The force times after a force at `now` (two days kept: enough for today's count). */
export function withForce(forced: readonly number[] | undefined, now: number): number[] {
  return [...(forced ?? []).filter((t) => now - t < 2 * 86_400_000), now];
}

/** WeChat said today's forces are used up (45009 on a force): make the local count agree. */
export function forcesUsedUp(forced: readonly number[] | undefined, now: number): number[] {
  const list = [...(forced ?? [])];
  while (list.filter((t) => beijingDay(t) === beijingDay(now)).length < FORCE_DAILY_LIMIT) list.push(now - 1);
  return list;
}
