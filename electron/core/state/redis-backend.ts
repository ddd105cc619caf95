// Team mode: the state a team shares (accounts without secrets, tokens, tickets, force counts, last
// errors, history) lives in Redis, so every machine serves one token per account. Secrets and
// settings stay on each machine.
//
// The hot path never waits on the network: this machine's data dir is a mirror of the shared state
// (the file backend, config.json as always), kept current by change messages (pub/sub), and every
// read comes from it. So a machine keeps serving what it holds while Redis is down, starts with what
// it last saw when Redis cannot be reached, and the local endpoint costs what it costs alone.
//
// Keys (prefix `wxdesk:`): `acct:<appId>` the entry as JSON with a `rev`, written by a Lua
// compare-and-set on rev; `hist:<appId>` a capped list; `lock:<appId>` SET NX PX with a random id,
// kept alive by a compare-and-PEXPIRE heartbeat, released by compare-and-DEL; `gone:<appId>` the
// time an account was removed (so a machine that was offline does not bring it back); channel
// `changes`. While Redis is down, writes go to the mirror only, marked pending in it (on disk, a
// removal as a tombstone), and are pushed when it returns (the newest token, account and error
// win; a teammate's removal wins over them); locks fall back to this machine's lock files.
// "Down" is a closed socket or any command that fails or times out (a frozen Redis keeps its
// socket); "back" is a sync that a successful command started (redis-link.ts), never an event.
// redis-entries.ts owns the entries' keys and compare-and-set, redis-lock.ts the locks,
// redis-sync.ts the reconciliation.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import type { ConnectionNotice, Notice } from '../../contract';
import { systemClock, type Clock } from '../clock';
import { WxError } from '../errors';
import { GuardedEmitter } from '../guarded-emitter';
import { FileSecretBox, type SecretBox } from '../secrets';
import type { StateBackend } from './backend';
import type { FileBackend } from './file-backend';
import type { Lease } from './lock';
import { HISTORY_LIMIT, type AccountEntry, type HistoryEntry, type Settings } from './records';
import { BadEntries, RedisEntries } from './redis-entries';
import { RedisLock } from './redis-lock';
import { Probe, connectionOptions, reconnectDelay } from './redis-link';
import { reconcileAll } from './redis-sync';
import { redactRedisUrl } from './redis-url';
import { TeamGuard } from './team-guard';

export { mergeEntries } from './merge';
export { redactRedisUrl } from './redis-url';

export interface RedisBackendOptions {
  /** redis:// or rediss:// (TLS), with password and database number as usual. */
  url: string;
  /** This machine's data dir: the mirror, the settings, and the locks while Redis is down. */
  local: FileBackend;
  clock?: Clock;
  prefix?: string;
  /** A lock whose owner stopped renewing it is free after this long (default 30 s). */
  lockTtlMs?: number;
  /** How long acquiring a lock may wait for a live owner (default 60 s). */
  lockWaitMs?: number;
  /** A command unanswered for this long puts the backend offline (default 5 s). */
  commandTimeoutMs?: number;
  /** This machine's secrets, which records from Redis must not move (default: the data dir's secrets.json). */
  secrets?: Pick<SecretBox, 'bound'>;
  /** Who this machine is in the records it writes (default: its host name). */
  from?: string;
}

export class RedisBackend implements StateBackend {
  readonly shared = true;
  readonly location: string;
  private readonly local: FileBackend;
  private readonly clock: Clock;
  private readonly prefix: string;
  private readonly channel: string;
  private readonly locks: RedisLock;
  /** The entries as Redis holds them. */
  private readonly team: RedisEntries;
  /** Tells our own change messages from other machines'. */
  private readonly me = randomBytes(8).toString('hex');
  private readonly cmd: Redis;
  private readonly sub: Redis;
  private readonly events = new GuardedEmitter<{ change: [string[]]; notice: [Notice]; synced: [] }>();
  /** Records from Redis are input: checked, and refused when they would move a secret held here (team-guard.ts). */
  private readonly guard: TeamGuard;
  private readonly hist = new Map<string, HistoryEntry[]>();
  /** Keys whose value could not be read as an entry, and what the user was told. */
  /** Values in Redis that are not entries, one notice per key (redis-entries.ts). */
  private readonly badEntries: BadEntries;
  private readonly probe: Probe;
  private up = false;
  private syncQueued = false;
  private downSince: number | undefined;
  private synced: Promise<void> | undefined;
  private syncing: Promise<void> = Promise.resolve();
  private readonly connectionNotices: ConnectionNotice[] = [];
  private closed = false;

  constructor(opts: RedisBackendOptions, redis: typeof import('ioredis').Redis) {
    this.local = opts.local;
    this.clock = opts.clock ?? systemClock;
    this.prefix = opts.prefix ?? 'wxdesk:';
    this.channel = `${this.prefix}changes`;
    this.location = redactRedisUrl(opts.url);
    const common = connectionOptions(opts.commandTimeoutMs ?? 5_000);
    this.cmd = new redis(opts.url, common);
    this.sub = new redis(opts.url, { ...common, enableOfflineQueue: true });
    this.team = new RedisEntries({ cmd: this.cmd, clock: this.clock, prefix: this.prefix, channel: this.channel, me: this.me, from: opts.from ?? hostname() });
    this.badEntries = new BadEntries(this.location, this.prefix, () => this.clock.now(), (n) => this.events.emit('notice', n));
    const secrets = opts.secrets ?? new FileSecretBox(this.local.location);
    this.guard = new TeamGuard({ secrets, now: () => this.clock.now(), notify: (n) => this.events.emit('notice', n) });
    // A listener that throws is a notice of this machine's files, never an exception here.
    this.events.onListenerError = (e) => this.local.fault(e);
    this.locks = new RedisLock({ cmd: this.cmd, clock: this.clock, prefix: this.prefix, ttlMs: opts.lockTtlMs ?? 30_000, waitMs: opts.lockWaitMs ?? 60_000 });
    // Errors are connection states here (shown as notices), never crashes.
    this.cmd.on('error', () => undefined);
    this.sub.on('error', () => undefined);
    this.cmd.on('ready', () => {
      // Redis is back: the subscriber need not sit out the rest of its own backoff (up to 10 s), during
      // which every change a teammate published would go unheard here.
      if (this.sub.status === 'reconnecting') this.sub.connect().catch(() => undefined);
      this.onReady();
    });
    this.cmd.on('close', () => this.onDown());
    this.sub.on('message', (_ch: string, msg: string) => void this.onMessage(msg));
    // On every connection of the subscriber, the first included (a machine that started while Redis
    // was down has nothing for ioredis to resubscribe).
    // Once subscribed, sync again: what was published between the command connection's sync and the
    // subscription would otherwise be missed.
    this.sub.on('ready', () => {
      if (this.cmd.status === 'reconnecting') this.cmd.connect().catch(() => undefined);
      this.sub.subscribe(this.channel).then(
        () => {
          if (this.cmd.status === 'ready') this.onReady();
        },
        () => undefined,
      );
    });
    this.local.onNotice((n) => this.events.emit('notice', n));
    this.probe = new Probe({
      ping: () => this.cmd.ping(),
      answered: () => {
        if (!this.up) this.onReady();
      },
    });
  }

  /** Connects (in the background, with backoff, for ever) and resolves once synced, or after waitMs. */
  async start(waitMs = 5_000): Promise<boolean> {
    this.synced ??= new Promise<void>((resolve) => this.events.once('synced', () => resolve()));
    void this.cmd.connect().catch(() => undefined);
    void this.sub.connect().catch(() => undefined);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const gaveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
    await Promise.race([this.synced, gaveUp]);
    clearTimeout(timer);
    if (!this.up) this.onDown();
    return this.up;
  }

  /** True while Redis cannot be reached: the keeper does not fetch classic tokens then (it would retire the team's). */
  offline(): boolean {
    return !this.up;
  }

  // ---- reads: the mirror ------------------------------------------------------------------------

  entries(): ReadonlyMap<string, AccountEntry> {
    return this.local.entries();
  }

  entriesVersion(): number {
    return this.local.entriesVersion();
  }

  entry(appId: string): AccountEntry | undefined {
    return this.local.entry(appId);
  }

  freshEntry(appId: string): AccountEntry | undefined {
    return this.local.freshEntry(appId);
  }

  history(appId: string): readonly HistoryEntry[] {
    return this.hist.get(appId) ?? this.local.history(appId);
  }

  settings(): Settings {
    return this.local.settings();
  }

  updateSettings(patch: Partial<Settings>): Promise<Settings> {
    return this.local.updateSettings(patch);
  }

  // ---- writes -----------------------------------------------------------------------------------

  async update(appId: string, fn: (current: AccountEntry | undefined) => AccountEntry | undefined): Promise<AccountEntry | undefined> {
    if (!this.up) return this.updateOffline(appId, fn);
    try {
      // fn sees what Redis holds only if this machine would take it; else its own copy (written back).
      const next = await this.team.update(appId, (cur, from) => fn(this.admit(appId, cur, from)));
      await this.mirror(appId, next);
      return next;
    } catch (e) {
      if (e instanceof WxError) throw e;
      // Lost on the way (Redis down or not answering): offline; the mirror takes it, pushed on return.
      this.onDown();
      return this.updateOffline(appId, fn);
    }
  }

  private updateOffline(appId: string, fn: (current: AccountEntry | undefined) => AccountEntry | undefined): Promise<AccountEntry | undefined> {
    return this.local.update(appId, fn, { pending: true });
  }

  async appendHistory(appId: string, entry: HistoryEntry): Promise<void> {
    const list = [...this.history(appId), entry].slice(-HISTORY_LIMIT);
    this.hist.set(appId, list);
    if (!this.up) return this.local.appendHistory(appId, entry);
    const key = `${this.prefix}hist:${appId}`;
    try {
      await this.cmd.multi().rpush(key, JSON.stringify(entry)).ltrim(key, -HISTORY_LIMIT, -1).publish(this.channel, JSON.stringify({ from: this.me, appId, what: 'history' })).exec();
    } catch {
      this.onDown();
      await this.local.appendHistory(appId, entry);
    }
  }

  async forgetHistory(appId: string): Promise<void> {
    this.hist.delete(appId);
    await this.local.forgetHistory(appId);
    if (this.up) await this.cmd.del(`${this.prefix}hist:${appId}`).catch(() => undefined);
  }

  /** Writes an entry into this machine's mirror (config.json), as Redis holds it. */
  private async mirror(appId: string, e: AccountEntry | undefined): Promise<void> {
    await this.local.update(appId, () => e);
  }

  // ---- the lock ---------------------------------------------------------------------------------

  /**
   * The account's team-wide lock: SET NX PX with a random id, kept alive while held, released only
   * by its owner. Once held, the mirror is refreshed from Redis, so the holder's compare-and-refresh
   * sees what the last holder stored. While Redis is down: this machine's lock files; an acquire
   * left unanswered goes offline first (so no classic fetch under it; redis-lock.ts frees its lock).
   */
  async lock(appId: string): Promise<Lease> {
    if (!this.up) return this.local.lock(appId);
    let lease: Lease;
    try {
      lease = await this.locks.acquire(appId);
    } catch (e) {
      if (e instanceof WxError) throw e;
      this.onDown();
      return this.local.lock(appId);
    }
    await this.pull(appId).catch(() => undefined);
    return lease;
  }

  // ---- change events ----------------------------------------------------------------------------

  watch(listener: (appIds: string[]) => void): () => void {
    this.events.on('change', listener);
    const offLocal = this.local.watch(listener);
    return () => {
      this.events.off('change', listener);
      offLocal();
    };
  }

  private async onMessage(raw: string): Promise<void> {
    let msg: { from?: string; appId?: string; what?: string };
    try {
      msg = JSON.parse(raw) as typeof msg;
    } catch {
      return;
    }
    // (A pull never overwrites a write made here while down and not pushed yet: see pull().)
    if (msg.from === this.me || typeof msg.appId !== 'string') return;
    try {
      if (msg.what === 'history') await this.pullHistory(msg.appId);
      else await this.pull(msg.appId);
      this.events.emit('change', [msg.appId]);
    } catch (e) {
      // Redis went away mid-read: the reconnect reloads everything.
      if (!this.badEntries.report(e) && !(e instanceof WxError)) this.onDown();
    }
  }

  /** What Redis holds for an account, if this machine takes it (team-guard.ts); else this machine's own copy. */
  private admit(appId: string, cur: AccountEntry | undefined, from: string | undefined): AccountEntry | undefined {
    return this.guard.admit(appId, cur, from, this.local.entry(appId));
  }

  /** One account from Redis into the mirror; never over a write made here while down and not pushed yet, unless reconciling it. */
  private async pull(appId: string, reconciling = false): Promise<void> {
    const { entry, from } = await this.team.read(appId);
    this.badEntries.readable(appId);
    const mine = this.local.entry(appId);
    const theirs = this.guard.admit(appId, entry, from, mine);
    if (JSON.stringify(mine) !== JSON.stringify(theirs)) await this.local.update(appId, () => theirs, { unlessPending: !reconciling });
  }

  private async pullHistory(appId: string): Promise<void> {
    const list = await this.cmd.lrange(`${this.prefix}hist:${appId}`, -HISTORY_LIMIT, -1);
    this.hist.set(
      appId,
      list.map((s) => JSON.parse(s) as HistoryEntry),
    );
  }

  /** Syncs run one after the other (the command and the subscriber connections both ask for one); one waits at most. */
  private onReady(): void {
    if (this.syncQueued) return;
    this.syncQueued = true;
    this.syncing = this.syncing.then(() => {
      this.syncQueued = false;
      return this.sync();
    });
  }

  /**
   * Connected (first time or again, or a frozen Redis answering again): locks a timed-out acquire
   * may have left are released, every account is reconciled between the mirror and Redis
   * (redis-sync.ts), writes still pending are pushed, then every listener is told, since messages
   * may have been missed. An account whose value in Redis cannot be read is skipped and reported.
   */
  private async sync(): Promise<void> {
    if (this.closed) return;
    try {
      await this.locks.releaseUnsure();
      const deps = { local: this.local, team: this.team, admit: (id: string, cur: AccountEntry | undefined, from?: string) => this.admit(id, cur, from), mirror: (id: string, e: AccountEntry | undefined) => this.mirror(id, e), pull: (id: string) => this.pull(id, true), skip: (e: unknown) => this.badEntries.report(e) };
      const ids = await reconcileAll(deps, async (all) => {
        for (const appId of all) await this.pullHistory(appId).catch(() => undefined);
      });
      this.up = true;
      this.probe.reset();
      if (this.downSince !== undefined) {
        this.downSince = undefined;
        this.notice({ kind: 'connection', server: this.location, at: this.clock.now(), state: 'up' });
      }
      this.events.emit('change', [...ids]);
      this.events.emit('synced');
    } catch (e) {
      // Redis went down or stopped answering: offline until a command gets through. A step that
      // failed here (a full disk): tried again in a while, never in a tight loop.
      if (!(e instanceof WxError)) this.onDown();
      else if (!this.up) this.probe.start();
      else if (!this.closed) setTimeout(() => this.onReady(), reconnectDelay(4)).unref();
    }
  }

  /** Offline (a closed socket, a failed or unanswered command): the mirror answers, and a PING looks for Redis now and then. */
  private onDown(): void {
    if (this.closed) return;
    const wasUp = this.up;
    this.up = false;
    this.probe.start();
    if (this.downSince !== undefined) return;
    this.downSince = this.clock.now();
    if (wasUp || this.connectionNotices.length === 0) this.notice({ kind: 'connection', server: this.location, at: this.downSince, state: 'down' });
  }

  private notice(n: ConnectionNotice): void {
    // Only the latest connection state is worth showing.
    this.connectionNotices.splice(0, this.connectionNotices.length, n);
    this.events.emit('notice', n);
  }

  notices(): readonly Notice[] {
    return [...this.local.notices(), ...this.connectionNotices.filter((n) => n.state === 'down'), ...this.badEntries.notices(), ...this.guard.notices()];
  }

  onNotice(listener: (notice: Notice) => void): () => void {
    this.events.on('notice', listener);
    return () => this.events.off('notice', listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.probe.close();
    this.events.removeAllListeners();
    this.cmd.disconnect();
    this.sub.disconnect();
    await this.local.close();
  }
}

/**
 * Team mode over this machine's data dir: ioredis is loaded here (a command that never shares pays
 * nothing for it); resolves once the mirror is in sync with Redis, or after waitMs with what this
 * machine last saw (and a notice), reconnecting with backoff in the background.
 */
export async function openRedisBackend(opts: RedisBackendOptions & { waitMs?: number }): Promise<RedisBackend> {
  const { Redis } = await import('ioredis');
  const backend = new RedisBackend(opts, Redis);
  await backend.start(opts.waitMs);
  return backend;
}
