// When each account is looked at next: the keeper's timers. Plans come from the policy (token due,
// failure held, backoff), go through the scheduler's floor and ceiling, and are redone whenever an
// attempt ends, an account changes, or another process stores something.
import type { AccountChange, AccountService } from '../accounts';
import type { Clock } from '../clock';
import { WxError } from '../errors';
import type { StateBackend } from '../state/backend';
import type { AccountEntry } from '../state/records';
import type { Refresher } from './attempt';
import type { Flight } from './flight';
import { BACKOFF_MAX_MS, backoffMs, nextAttemptAt } from './policy';
import { Gate, TIMER_CONCURRENCY, type WaveHooks } from './gate';
import { Scheduler } from './scheduler';

export interface PlannerDeps {
  backend: StateBackend;
  accounts: AccountService;
  clock: Clock;
  flight: Flight;
  refresher: Refresher;
  /** Starts a timer refresh (joined with any refresh under way). */
  refresh: (appId: string) => Promise<unknown>;
  /** An account's cached state is gone (it was removed). */
  forget: (appId: string) => void;
  changed: (appId: string, reason: 'token' | 'schedule' | 'account') => void;
  /** Records a fault the keeper carried on through (a notice). */
  report: (e: unknown) => void;
  /** Many timer refreshes queued at once, and when they are all done (gate.ts). */
  wave?: WaveHooks;
}

export class Planner {
  private readonly scheduler: Scheduler;
  /** The timer's refreshes, a few at a time. */
  private readonly gate: Gate;
  private running = false;
  private unsubscribe: (() => void)[] = [];

  constructor(private readonly deps: PlannerDeps) {
    this.gate = new Gate(TIMER_CONCURRENCY, deps.wave);
    this.scheduler = new Scheduler(
      deps.clock,
      (appId) => this.onDue(appId),
      (appId, at) => deps.report(new WxError('SCHEDULE_INVALID', { detail: appId, reason: `planned for ${String(at)}` })),
    );
    // Account changes come as events from the account service, whoever made them.
    deps.accounts.on('change', (c) => this.onAccountChange(c));
  }

  /** Timer refreshes queued or running now. */
  queued(): number {
    return this.gate.size;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe.push(
      this.deps.accounts.follow(),
      this.deps.backend.watch((ids) => this.onExternalChange(ids)),
      // Team mode: the shared store is back, so this machine's own waits (TEAM_OFFLINE) are over.
      this.deps.backend.onNotice((n) => {
        if (n.kind !== 'connection' || n.state !== 'up') return;
        for (const [appId, rt] of this.deps.refresher.runtime) {
          if (rt.unsavedError?.error.code !== 'TEAM_OFFLINE') continue;
          this.deps.refresher.reset(appId);
          this.plan(appId);
        }
      }),
    );
    this.planAll();
  }

  stop(): void {
    this.running = false;
    for (const off of this.unsubscribe.splice(0)) off();
    this.scheduler.cancelAll();
    for (const rt of this.deps.refresher.runtime.values()) rt.nextRefreshAt = undefined;
  }

  wake(): void {
    if (this.running) this.planAll();
  }

  /** Plans the account's next attempt from what is stored and remembered now. */
  plan(appId: string): void {
    if (!this.running) return;
    const { backend, refresher, clock } = this.deps;
    const rt = refresher.rt(appId);
    const before = rt.nextRefreshAt;
    let at: number;
    try {
      const entry = backend.entry(appId);
      if (!entry) {
        this.scheduler.cancel(appId);
        refresher.runtime.delete(appId);
        return;
      }
      at = this.attemptAt(appId, entry, true);
    } catch {
      at = clock.now() + backoffMs(Math.max(1, rt.failures));
    }
    const planned = this.scheduler.plan(appId, at);
    rt.nextRefreshAt = Number.isFinite(at) ? planned : undefined;
    // The dashboard shows the next refresh time; tell it only when that time moved.
    if (before !== rt.nextRefreshAt && (before === undefined || rt.nextRefreshAt === undefined || Math.abs(before - rt.nextRefreshAt) > 1_000)) {
      this.deps.changed(appId, 'schedule');
    }
  }

  /**
   * The policy's next attempt time. A field that is not a number (a token without a numeric
   * expiresAt that got past the store's check) would make it NaN: the plan is made without the
   * token then (a token of unknown expiry is due, but a hold such as 40164's still holds), or
   * after a backoff, and the fault is reported.
   */
  private attemptAt(appId: string, entry: AccountEntry, report: boolean): number {
    const { refresher, clock } = this.deps;
    const rt = refresher.rt(appId);
    const lastError = refresher.lastErrorOf(entry);
    const at = nextAttemptAt(entry, refresher.tokenOf(entry), lastError, rt.notBefore);
    if (!Number.isNaN(at)) return at;
    if (report) this.deps.report(new WxError('SCHEDULE_INVALID', { detail: appId, reason: 'a stored time is not a number' }));
    const without = nextAttemptAt(entry, undefined, lastError, rt.notBefore);
    return Number.isNaN(without) ? clock.now() + backoffMs(Math.max(1, rt.failures)) : without;
  }

  private planAll(): void {
    let ids: string[];
    try {
      ids = [...this.deps.backend.entries().keys()];
    } catch {
      // The data cannot be read just now (it is reported where it is read): look again later.
      ids = [];
      const retry = this.deps.clock.setTimeout(() => this.wake(), BACKOFF_MAX_MS);
      (retry as { unref?: () => void }).unref?.();
    }
    for (const appId of ids) this.plan(appId);
  }

  private onAccountChange(c: AccountChange): void {
    const { refresher, flight } = this.deps;
    refresher.reset(c.appId);
    if (c.removed) {
      this.scheduler.cancel(c.appId);
      refresher.runtime.delete(c.appId);
      this.deps.forget(c.appId);
    } else if (!flight.busy(c.appId)) {
      this.plan(c.appId);
    }
    this.deps.changed(c.appId, 'account');
  }

  /** Another process or machine stored a token or an error: plan from what it stored, and show it. */
  private onExternalChange(appIds: string[]): void {
    for (const appId of appIds) {
      if (!this.deps.flight.busy(appId)) this.plan(appId);
      this.deps.changed(appId, 'token');
    }
  }

  private onDue(appId: string): void {
    const { backend, refresher, flight, clock } = this.deps;
    if (!this.running || flight.busy(appId)) return; // The work under way plans again when it ends.
    try {
      const entry = backend.entry(appId);
      if (!entry) return this.plan(appId);
      // The ceiling's look at a held account: still held, so plan again without a call.
      if (this.attemptAt(appId, entry, false) > clock.now()) return this.plan(appId);
    } catch {
      // Unreadable: the attempt below records why, and waits.
    }
    this.gate.run(appId, () => this.deps.refresh(appId));
  }
}
