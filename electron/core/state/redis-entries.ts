// The team's accounts as Redis holds them: `acct:<appId>` the entry as JSON with a `rev`, changed
// only by a Lua compare-and-set on that rev, so two machines writing at once never lose a write;
// `gone:<appId>` the time an account was removed, written in the same step as the removal. Every
// write publishes a change message, so the other machines' mirrors follow.
import type { Redis } from 'ioredis';
import type { Clock } from '../clock';
import { WxError } from '../errors';
import type { AccountEntry } from './records';

/** As stored: the entry, its rev, and who wrote it (`from`: a host name, for people; never trusted). */
type Shared = AccountEntry & { rev: number; from?: string };

/**
 * Compare-and-set on rev: KEYS[1] the entry, KEYS[2] its tombstone; ARGV[1] the rev read, ARGV[2]
 * the next JSON ('' deletes), ARGV[3] channel, ARGV[4] message, ARGV[5] now (ms). A deletion writes
 * its tombstone in the same step, so no machine can see the entry gone without it (and push its
 * copy back).
 */
const CAS = `
local cur = redis.call('GET', KEYS[1])
local rev = 0
if cur then rev = cjson.decode(cur)['rev'] or 0 end
if tostring(rev) ~= ARGV[1] then return cur or '' end
if ARGV[2] == '' then
  redis.call('DEL', KEYS[1])
  redis.call('SET', KEYS[2], ARGV[5], 'PX', ${30 * 86_400_000})
else
  redis.call('SET', KEYS[1], ARGV[2])
end
redis.call('PUBLISH', ARGV[3], ARGV[4])
return false`;

export interface RedisEntriesOptions {
  cmd: Redis;
  clock: Clock;
  /** Key prefix; the entry of `appId` is `<prefix>acct:<appId>`. */
  prefix: string;
  /** Where every write is announced. */
  channel: string;
  /** This machine's id in the change messages, so it can tell its own. */
  me: string;
  /** Who this machine is to people (its host name), written into every entry it stores. */
  from?: string;
}

export class RedisEntries {
  constructor(private readonly opts: RedisEntriesOptions) {}

  /** The entry as Redis holds it, without the rev. */
  async get(appId: string): Promise<AccountEntry | undefined> {
    return (await this.read(appId)).entry as AccountEntry | undefined;
  }

  /** The entry as Redis holds it, unchecked (whoever can write to Redis wrote it), and who says they wrote it. */
  async read(appId: string): Promise<{ entry: unknown; from?: string }> {
    const raw = await this.opts.cmd.get(this.key(appId));
    if (!raw) return { entry: undefined };
    let shared: Shared;
    try {
      shared = JSON.parse(raw) as Shared;
    } catch {
      return { entry: raw };
    }
    return typeof shared === 'object' && shared !== null ? { entry: strip(shared), from: shared.from } : { entry: shared };
  }

  /** Every account Redis holds. */
  async ids(): Promise<Set<string>> {
    const { cmd, prefix } = this.opts;
    const ids = new Set<string>();
    let cursor = '0';
    do {
      const [next, keys] = await cmd.scan(cursor, 'MATCH', `${prefix}acct:*`, 'COUNT', 200);
      cursor = next;
      for (const k of keys) ids.add(k.slice(`${prefix}acct:`.length));
    } while (cursor !== '0');
    return ids;
  }

  /** When a teammate removed the account (ms; the mark lasts 30 days), or 0. */
  async removedAt(appId: string): Promise<number> {
    return Number(await this.opts.cmd.get(`${this.opts.prefix}gone:${appId}`));
  }

  /** Read, apply, compare-and-set on rev; again when another machine wrote in between. */
  async update(appId: string, fn: (current: AccountEntry | undefined, from?: string) => AccountEntry | undefined): Promise<AccountEntry | undefined> {
    const { cmd, clock, prefix, channel, me } = this.opts;
    const key = this.key(appId);
    let raw = (await cmd.get(key)) ?? '';
    for (let i = 0; i < 20; i++) {
      const cur = raw ? (JSON.parse(raw) as Shared) : undefined;
      const rev = cur?.rev ?? 0;
      const next = fn(cur && strip(cur), cur?.from);
      const json = next ? JSON.stringify({ ...next, rev: rev + 1, ...(this.opts.from ? { from: this.opts.from } : {}) }) : '';
      const msg = JSON.stringify({ from: me, appId, what: 'entry' });
      const answer = (await cmd.eval(CAS, 2, key, `${prefix}gone:${appId}`, String(rev), json, channel, msg, String(clock.now()))) as string | null;
      if (answer === null) return next;
      raw = answer;
    }
    throw new WxError('STORE_WRITE', { detail: 'Redis', reason: 'too many concurrent writes' });
  }

  private key(appId: string): string {
    return `${this.opts.prefix}acct:${appId}`;
  }
}

function strip(s: Shared): AccountEntry {
  const { rev: _rev, from: _from, ...entry } = s;
  return entry;
}
