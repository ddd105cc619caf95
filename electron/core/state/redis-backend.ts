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
// `changes`. While Redis is down, writes go to the mirror only and are pushed when it returns
// (the newest token, account and error win); locks fall back to this machine's lock files.
// redis-entries.ts owns the entries' keys and compare-and-set, redis-lock.ts the locks.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import type { ConnectionNotice, Notice } from '../../contract';
import { systemClock, type Clock } from '../clock';
import { WxError } from '../errors';
import { GuardedEmitter } from '../guarded-emitter';
import type { StateBackend } from './backend';
import type { FileBackend } from './file-backend';
import type { Lease } from './lock';
import { mergeEntries } from './merge';
import { HISTORY_LIMIT, type AccountEntry, type HistoryEntry, type Settings } from './records';
import { RedisEntries } from './redis-entries';
import { RedisLock } from './redis-lock';
import { redactRedisUrl } from './redis-url';
import { FileSecretBox, type SecretBox } from '../secrets';
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
  private readonly hist = new Map<string, HistoryEntry[]>();
  /** Accounts written while Redis was down: pushed when it returns. */
  private readonly dirty = new Set<string>();
  private up = false;
  private downSince: number | undefined;
  private synced: Promise<void> | undefined;
  private syncing: Promise<void> = Promise.resolve();
  private readonly connectionNotices: ConnectionNotice[] = [];
  /** Records from Redis are input: checked, and refused when they would move a secret held here (team-guard.ts). */
  private readonly guard: TeamGuard;
  private closed = false;

  constructor(opts: RedisBackendOptions, redis: typeof import('ioredis').Redis) {
    this.local = opts.local;
    this.clock = opts.clock ?? systemClock;
    this.prefix = opts.prefix ?? 'wxdesk:';
    this.channel = `${this.prefix}changes`;
    this.location = redactRedisUrl(opts.url);
    // A listener that throws is a notice of this machine's files, never an exception here.
    this.events.onListenerError = (e) => this.local.fault(e);
    const common = {
      lazyConnect: true,
      // Fail at once while disconnected: nothing waits on Redis, the mirror answers.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 5_000,
      // A Redis that stops answering (frozen, a network partition) must not hold anything up.
      commandTimeout: 5_000,
      keepAlive: 10_000,
      // Reconnect with backoff, for ever: 0.5 s, 1 s, … 10 s.
      retryStrategy: (times: number) => Math.min(500 * times, 10_000),
    };
    this.cmd = new redis(opts.url, common);
    this.sub = new redis(opts.url, { ...common, enableOfflineQueue: true });
    this.team = new RedisEntries({ cmd: this.cmd, clock: this.clock, prefix: this.prefix, channel: this.channel, me: this.me, from: opts.from ?? hostname() });
    const secrets = opts.secrets ?? new FileSecretBox(this.local.location);
    this.guard = new TeamGuard({ secrets, now: () => this.clock.now(), notify: (n) => this.events.emit('notice', n) });
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
      const next = await this.team.update(appId, (cur, from) => fn(this.guard.admit(appId, cur, from, this.local.entry(appId))));
      await this.mirror(appId, next);
      return next;
    } catch (e) {
      if (e instanceof WxError) throw e;
      // Lost on the way (Redis went down mid-write): the mirror takes it, pushed on return.
      return this.updateOffline(appId, fn);
    }
  }

  private async updateOffline(appId: string, fn: (current: AccountEntry | undefined) => AccountEntry | undefined): Promise<AccountEntry | undefined> {
    const next = await this.local.update(appId, fn);
    this.dirty.add(appId);
    return next;
  }

  async appendHistory(appId: string, entry: HistoryEntry): Promise<void> {
    const list = [...this.history(appId), entry].slice(-HISTORY_LIMIT);
    this.hist.set(appId, list);
    if (!this.up) return this.local.appendHistory(appId, entry);
    const key = `${this.prefix}hist:${appId}`;
    try {
      await this.cmd.multi().rpush(key, JSON.stringify(entry)).ltrim(key, -HISTORY_LIMIT, -1).publish(this.channel, JSON.stringify({ from: this.me, appId, what: 'history' })).exec();
    } catch {
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
   * sees what the last holder stored. While Redis is down: this machine's lock files.
   */
  async lock(appId: string): Promise<Lease> {
    if (!this.up) return this.local.lock(appId);
    let lease: Lease;
    try {
      lease = await this.locks.acquire(appId);
    } catch (e) {
      if (e instanceof WxError) throw e;
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
    if (msg.from === this.me || typeof msg.appId !== 'string') return;
    try {
      if (msg.what === 'history') await this.pullHistory(msg.appId);
      else await this.pull(msg.appId);
      this.events.emit('change', [msg.appId]);
    } catch {
      // Redis went away mid-read: the reconnect reloads everything.
    }
  }

  /** One account from Redis into the mirror. */
  private async pull(appId: string): Promise<void> {
    const { entry, from } = await this.team.read(appId);
    const mine = this.local.entry(appId);
    const theirs = this.guard.admit(appId, entry, from, mine);
    if (JSON.stringify(mine) !== JSON.stringify(theirs)) await this.mirror(appId, theirs);
  }

  private async pullHistory(appId: string): Promise<void> {
    const list = await this.cmd.lrange(`${this.prefix}hist:${appId}`, -HISTORY_LIMIT, -1);
    this.hist.set(
      appId,
      list.map((s) => JSON.parse(s) as HistoryEntry),
    );
  }

  /** Syncs run one after the other (the command and the subscriber connections both ask for one). */
  private onReady(): void {
    this.syncing = this.syncing.then(() => this.sync());
  }

  /**
   * Connected (first time or again): every account reconciled between the mirror and Redis (the
   * newest record, token and error win; an account removed elsewhere stays removed), then every
   * listener told, since messages may have been missed.
   */
  private async sync(): Promise<void> {
    try {
      const remote = await this.team.ids();
      const ids = new Set([...remote, ...this.local.entries().keys()]);
      for (const appId of ids) await this.reconcile(appId, remote.has(appId));
      for (const appId of ids) await this.pullHistory(appId).catch(() => undefined);
      // Writes made while reconciling went to the mirror: push them too, then go online (no await
      // between the last push and `up`, so nothing lands in the mirror alone).
      while (this.dirty.size) {
        const [appId] = this.dirty;
        this.dirty.delete(appId!);
        await this.reconcile(appId!, true);
      }
      this.up = true;
      if (this.downSince !== undefined) {
        this.downSince = undefined;
        this.notice({ kind: 'connection', server: this.location, at: this.clock.now(), state: 'up' });
      }
      this.events.emit('change', [...ids]);
      this.events.emit('synced');
    } catch {
      // Went down again while syncing (the next 'ready' starts over), or a sync step failed while
      // connected (a damaged key, a full disk): try again in a while rather than stay offline.
      if (!this.closed && this.cmd.status === 'ready') setTimeout(() => this.onReady(), 2_000).unref();
    }
  }

  private async reconcile(appId: string, inRedis: boolean): Promise<void> {
    const mine = this.local.entry(appId);
    const read = inRedis ? await this.team.read(appId) : undefined;
    const theirs = read && this.guard.admit(appId, read.entry, read.from, mine);
    if (theirs && !mine && this.dirty.has(appId)) {
      // Removed here while Redis was down: removed for the team too.
      await this.team.update(appId, () => undefined);
      return;
    }
    if (!theirs) {
      if (!mine) return;
      const gone = await this.team.removedAt(appId);
      // Removed by a teammate after this machine last changed it: removed here too.
      if (gone && gone > mine.account.updatedAt && !this.dirty.has(appId)) return this.mirror(appId, undefined);
      // New here (joining the team, or added while Redis was down): shared now.
      await this.team.update(appId, (cur) => (cur ? mergeEntries(cur, mine) : mine));
    } else if (mine && JSON.stringify(mergeEntries(theirs, mine)) !== JSON.stringify(theirs)) {
      // This machine holds something newer (a token fetched while Redis was down): it wins.
      await this.team.update(appId, (cur) => (cur ? mergeEntries(cur, mine) : mine));
    }
    await this.pull(appId);
  }

  private onDown(): void {
    if (this.closed) return;
    const wasUp = this.up;
    this.up = false;
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
    return [...this.local.notices(), ...this.connectionNotices.filter((n) => n.state === 'down'), ...this.guard.notices()];
  }

  onNotice(listener: (notice: Notice) => void): () => void {
    this.events.on('notice', listener);
    return () => this.events.off('notice', listener);
  }

  async close(): Promise<void> {
    this.closed = true;
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
