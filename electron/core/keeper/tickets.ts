// jsapi / wx_card tickets: cached with the account, fetched with its current token (once, shared
// by concurrent callers), fetched again with a fresh token when WeChat says the token is stale, and
// renewed in the background when the token is replaced.
import type { Clock } from '../clock';
import { toWxError } from '../errors';
import type { StateBackend } from '../state/backend';
import type { Lease } from '../state/lock';
import type { TicketRecord, TicketType, TokenRecord } from '../state/records';
import type { WeChatApi } from '../wechat';
import type { Flight } from './flight';
import { SAFETY_MARGIN_MS } from './policy';
import { withRetry, type RetryPolicy } from './retry';

export interface TicketDeps {
  backend: StateBackend;
  client: WeChatApi;
  clock: Clock;
  retry: RetryPolicy;
  random: () => number;
  flight: Flight;
  token: (appId: string) => Promise<TokenRecord>;
  replaceToken: (appId: string, failedToken: string) => Promise<TokenRecord>;
  changed: (appId: string) => void;
}

export class Tickets {
  /** Tickets fetched but not stored (a failed write): served from memory meanwhile. */
  private readonly unsaved = new Map<string, TicketRecord>();

  constructor(private readonly deps: TicketDeps) {}

  /** A ticket valid for at least the safety margin, if one is at hand. */
  cached(appId: string, type: TicketType): TicketRecord | undefined {
    const stored = this.deps.backend.entry(appId)?.tickets?.[type];
    const mem = this.unsaved.get(`${appId}:${type}`);
    const best = mem && (!stored || mem.obtainedAt > stored.obtainedAt) ? mem : stored;
    return best && best.expiresAt - this.deps.clock.now() > SAFETY_MARGIN_MS ? best : undefined;
  }

  get(appId: string, type: TicketType): Promise<TicketRecord> {
    try {
      const hit = this.cached(appId, type);
      if (hit) return Promise.resolve(hit);
    } catch (e) {
      return Promise.reject(toWxError(e));
    }
    return this.fetchShared(appId, type, (t) => t.expiresAt - this.deps.clock.now() > SAFETY_MARGIN_MS);
  }

  /** Tickets that would expire before the new token does are fetched again now (a failure waits for the next get()). */
  renew(appId: string, token: TokenRecord): void {
    const held = this.deps.backend.entry(appId)?.tickets ?? {};
    for (const type of Object.keys(held) as TicketType[]) {
      const t = held[type];
      const outlives = (x: TicketRecord) => x.expiresAt >= token.expiresAt - SAFETY_MARGIN_MS;
      if (t && !outlives(t)) this.fetchShared(appId, type, outlives).catch(() => undefined);
    }
  }

  forget(appId: string): void {
    for (const key of [...this.unsaved.keys()]) if (key.startsWith(`${appId}:`)) this.unsaved.delete(key);
  }

  /** `enough`: whether a ticket stored meanwhile (by another process) does instead of a new one. */
  private fetchShared(appId: string, type: TicketType, enough: (t: TicketRecord) => boolean): Promise<TicketRecord> {
    return this.deps.flight.join(`${appId}:ticket:${type}`, () => this.fetch(appId, type, enough));
  }

  /**
   * One getticket across processes: under the ticket's own lock (not the account's, which a token
   * refresh inside may need), a ticket another process stored meanwhile is taken instead.
   */
  private async fetch(appId: string, type: TicketType, enough: (t: TicketRecord) => boolean): Promise<TicketRecord> {
    const token = await this.deps.token(appId);
    const lease = await this.deps.backend.lock(`${appId}-ticket-${type}`);
    try {
      const stored = this.deps.backend.freshEntry(appId)?.tickets?.[type];
      if (stored && enough(stored)) return stored;
      return await this.fetchLocked(appId, type, token, lease);
    } finally {
      lease.release();
    }
  }

  private async fetchLocked(appId: string, type: TicketType, first: TokenRecord, lease: Lease): Promise<TicketRecord> {
    const { backend, client, clock, retry, random } = this.deps;
    const ask = (token: TokenRecord) => withRetry(clock, retry, random, () => client.ticket(token.apiBase, token.token, type));
    let token = first;
    let answer;
    try {
      answer = await ask(token);
    } catch (e) {
      const err = toWxError(e);
      if (err.kind !== 'token') throw err;
      // Someone invalidated our token (a classic fetch elsewhere): replace it once, then ask again.
      token = await this.deps.replaceToken(appId, token.token);
      answer = await ask(token);
    }
    const now = clock.now();
    const rec: TicketRecord = { ticket: answer.ticket, forToken: token.token, obtainedAt: now, expiresAt: now + answer.expiresIn * 1000 };
    // Taken over while we stalled: the new owner stores its ticket.
    if (lease.lost) return rec;
    try {
      await backend.update(appId, (e) => e && { ...e, tickets: { ...e.tickets, [type]: rec } });
      this.unsaved.delete(`${appId}:${type}`);
    } catch {
      this.unsaved.set(`${appId}:${type}`, rec);
    }
    this.deps.changed(appId);
    return rec;
  }
}
