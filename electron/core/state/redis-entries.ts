// The team's accounts as Redis holds them: `acct:<appId>` the entry as JSON with a `rev`, changed
// only by a Lua compare-and-set on that rev, so two machines writing at once never lose a write;
// `gone:<appId>` the time an account was removed, written in the same step as the removal, and
// obeyed by that step too: the account it removed is never written back (only one created after
// the removal, a new account under the same AppID). Every write publishes a change message, so the
// other machines' mirrors follow. A value that cannot be read as an entry is refused by name
// (TEAM_BAD_ENTRY), never taken for "no account" and never overwritten.
import type { Redis } from 'ioredis';
import type { TeamEntryNotice } from '../../contract';
import type { Clock } from '../clock';
import { WxError } from '../errors';
import type { AccountEntry } from './records';

/** As stored: the entry, its rev, and who wrote it (`from`: a host name, for people; never trusted). */
type Shared = AccountEntry & { rev: number; from?: string };

/** TEAM_BAD_ENTRY, with the key it names. */
export class BadEntryError extends WxError {
  constructor(readonly key: string) {
    super('TEAM_BAD_ENTRY', { detail: key });
  }
}

/**
 * Compare-and-set on rev: KEYS[1] the entry, KEYS[2] its tombstone; ARGV[1] the rev read, ARGV[2]
 * the next JSON ('' deletes), ARGV[3] channel, ARGV[4] message, ARGV[5] now (ms), ARGV[6] the next
 * entry's createdAt. A deletion writes its tombstone in the same step, so no machine can see the
 * entry gone without it; a write of an account created at or before its tombstone is refused
 * (answer 0): a machine that was cut off while a teammate removed the account cannot push it back.
 * A value that is not JSON answers as a changed rev (the caller reads it and refuses it by name).
 */
const CAS = `
local cur = redis.call('GET', KEYS[1])
local rev = 0
if cur then
  local ok, decoded = pcall(cjson.decode, cur)
  if not ok or type(decoded) ~= 'table' then return cur end
  rev = decoded['rev'] or 0
end
if tostring(rev) ~= ARGV[1] then return cur or '' end
if ARGV[2] == '' then
  redis.call('DEL', KEYS[1])
  redis.call('SET', KEYS[2], ARGV[5], 'PX', ${30 * 86_400_000})
else
  local gone = tonumber(redis.call('GET', KEYS[2]) or '')
  if gone and gone >= (tonumber(ARGV[6]) or 0) then return 0 end
  if gone then redis.call('DEL', KEYS[2]) end
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
    return (await this.read(appId)).entry;
  }

  /**
   * The entry as Redis holds it, with who says they wrote it: the shape checked (TEAM_BAD_ENTRY
   * otherwise), the fields not (whoever can write to Redis wrote them: team-guard.ts checks them).
   */
  async read(appId: string): Promise<{ entry: AccountEntry | undefined; from?: string }> {
    const raw = await this.opts.cmd.get(this.key(appId));
    const shared = raw ? this.parse(appId, raw) : undefined;
    return shared ? { entry: strip(shared), from: typeof shared.from === 'string' ? shared.from : undefined } : { entry: undefined };
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

  /**
   * Read, apply, compare-and-set on rev; again when another machine wrote in between. Resolves with
   * what Redis holds now: undefined also when the account was removed for the team and the write
   * would have brought it back.
   */
  async update(appId: string, fn: (current: AccountEntry | undefined, from?: string) => AccountEntry | undefined): Promise<AccountEntry | undefined> {
    const { cmd, clock, prefix, channel, me } = this.opts;
    const key = this.key(appId);
    let raw = (await cmd.get(key)) ?? '';
    for (let i = 0; i < 20; i++) {
      const cur = raw ? this.parse(appId, raw) : undefined;
      const rev = cur?.rev ?? 0;
      const next = fn(cur && strip(cur), typeof cur?.from === 'string' ? cur.from : undefined);
      const json = next ? JSON.stringify({ ...next, rev: rev + 1, ...(this.opts.from ? { from: this.opts.from } : {}) }) : '';
      const msg = JSON.stringify({ from: me, appId, what: 'entry' });
      const createdAt = String(next?.account.createdAt ?? 0);
      const answer = (await cmd.eval(CAS, 2, key, `${prefix}gone:${appId}`, String(rev), json, channel, msg, String(clock.now()), createdAt)) as string | number | null;
      if (answer === null) return next;
      if (answer === 0) return undefined;
      raw = String(answer);
    }
    throw new WxError('STORE_WRITE', { detail: 'Redis', reason: 'too many concurrent writes' });
  }

  /** The entry in a value, or TEAM_BAD_ENTRY naming the key: JSON with an `account` object and a numeric `rev`, or nothing. */
  private parse(appId: string, raw: string): Shared {
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch {
      v = undefined;
    }
    const o = v as Partial<Shared> | undefined;
    const ok = typeof o === 'object' && o !== null && !Array.isArray(o) && typeof o.account === 'object' && o.account !== null && !Array.isArray(o.account) && (o.rev === undefined || typeof o.rev === 'number');
    if (!ok) throw new BadEntryError(this.key(appId));
    return o as Shared;
  }

  private key(appId: string): string {
    return `${this.opts.prefix}acct:${appId}`;
  }
}

function strip(s: Shared): AccountEntry {
  const { rev: _rev, from: _from, ...entry } = s;
  return entry;
}

/** The values in Redis that are not entries: one notice per key, told once, over when it reads fine again. */
export class BadEntries {
  private readonly byKey = new Map<string, TeamEntryNotice>();

  constructor(
    private readonly server: string,
    private readonly prefix: string,
    private readonly now: () => number,
    private readonly notify: (n: TeamEntryNotice) => void,
  ) {}

  /** True if `e` is a value that could not be read (that account is left as this machine has it). */
  report(e: unknown): boolean {
    if (!(e instanceof BadEntryError)) return false;
    if (!this.byKey.has(e.key)) {
      const n: TeamEntryNotice = { kind: 'team-entry', server: this.server, key: e.key, at: this.now(), error: e.view() };
      this.byKey.set(e.key, n);
      this.notify(n);
    }
    return true;
  }

  /** The account's value was read fine: a notice about it is over. */
  readable(appId: string): void {
    if (this.byKey.size) this.byKey.delete(`${this.prefix}acct:${appId}`);
  }

  notices(): TeamEntryNotice[] {
    return [...this.byKey.values()];
  }
}
