// Team mode: a record pulled from the shared Redis is input like any other (issue 20, item 1).
// Whoever can write to the team's Redis could otherwise point an account at their own host and
// collect its AppSecret at this machine's next refresh. So every pulled entry passes the checks
// `accounts add` applies (AppID, API base, label, keys, mode) plus the shapes the keeper relies on,
// and one that would move a secret this machine holds (a changed API base, with the secret still the
// team's) is refused: this machine keeps its own copy, and a notice names who wrote the record.
// Pure, apart from the secret box it asks.
import type { RefusedRecordNotice } from '../../contract';
import { secretCheckOf } from '../accounts';
import { sameText } from '../same-text';
import type { BoundSecret } from '../secrets';
import { checkAesKey, checkApiBase, checkAppId, checkLabel, checkServerToken, isMessageMode, normalizeApiBase } from '../validate';
import type { AccountEntry } from './records';

type Refusal = Pick<RefusedRecordNotice, 'reason' | 'detail'>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isText = (v: unknown, max = 4096): v is string => typeof v === 'string' && v.length <= max;

/** What is wrong with a pulled entry's shape or fields (the first problem found), or null. */
export function entryProblem(appId: string, e: unknown): string | null {
  if (!isObject(e) || !isObject(e.account)) return 'not an account entry';
  const a = e.account;
  if (a.appId !== appId) return `its appId is not ${appId}`;
  const text = (k: string) => (isText(a[k]) ? (a[k] as string) : null);
  const appIdProblem = checkAppId(appId);
  if (appIdProblem) return appIdProblem.en;
  for (const k of ['label', 'serverToken', 'aesKey', 'apiBase']) if (text(k) === null) return `${k} is not text`;
  const apiBase = text('apiBase')!;
  const problem = checkLabel(text('label')!) ?? checkServerToken(text('serverToken')!) ?? checkAesKey(text('aesKey')!) ?? checkApiBase(apiBase);
  if (problem) return problem.en;
  if (normalizeApiBase(apiBase) !== apiBase) return 'apiBase is not in its stored form';
  if (a.mode !== 'stable' && a.mode !== 'classic') return 'mode is neither stable nor classic';
  if (typeof a.autoRefresh !== 'boolean') return 'autoRefresh is not true or false';
  if (!isTime(a.createdAt) || !isTime(a.updatedAt)) return 'createdAt/updatedAt are not times';
  if (a.callbackUrl !== undefined && !isText(a.callbackUrl)) return 'callbackUrl is not text';
  // Absent from an older teammate's record (read as plain); anything else set is refused.
  if (a.messageMode !== undefined && !isMessageMode(a.messageMode)) return 'messageMode is not plain, compatible or safe';
  if (a.secretCheck !== undefined) {
    const c = a.secretCheck;
    if (!isObject(c) || typeof c.salt !== 'string' || !/^[0-9a-f]{32}$/.test(c.salt) || typeof c.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(c.sha256)) return 'secretCheck is not a salt and a SHA-256';
  }
  if (e.token !== undefined) {
    const t = e.token;
    if (!isObject(t) || !isText(t.token, 2048) || (t.mode !== 'stable' && t.mode !== 'classic') || !isTime(t.obtainedAt) || !isTime(t.expiresAt) || !isText(t.apiBase)) return 'token is malformed';
  }
  if (e.tickets !== undefined) {
    if (!isObject(e.tickets)) return 'tickets are malformed';
    for (const [type, t] of Object.entries(e.tickets)) {
      if ((type !== 'jsapi' && type !== 'wx_card') || !isObject(t) || !isText(t.ticket, 2048) || !isText(t.forToken, 2048) || !isTime(t.obtainedAt) || !isTime(t.expiresAt)) return 'tickets are malformed';
    }
  }
  if (e.forced !== undefined && (!Array.isArray(e.forced) || e.forced.length > 1000 || !e.forced.every(isTime))) return 'forced is not a list of times';
  if (e.lastError !== undefined) {
    const l = e.lastError;
    if (!isObject(l) || !isTime(l.at) || !isText(l.trigger, 16) || !isObject(l.error) || !isText(l.error.message) || !isText(l.error.hint)) return 'lastError is malformed';
  }
  return null;
}

/**
 * Why a pulled entry must not enter this machine's mirror, or null to take it. `held` is the secret
 * this machine holds for the account, with the base it is bound to; `mine` the mirror's entry.
 */
export function refusePulled(appId: string, theirs: AccountEntry | undefined, mine: AccountEntry | undefined, held: BoundSecret | undefined): Refusal | null {
  // Removed by a teammate: nothing is sent anywhere.
  if (theirs === undefined) return null;
  const problem = entryProblem(appId, theirs);
  if (problem) return { reason: 'invalid', detail: problem };
  if (!held) return null;
  // A teammate's new secret (a check this secret fails) makes this one not the team's: it is not
  // used here any more, so a new base for the new secret moves nothing.
  const check = theirs.account.secretCheck;
  if (check && !sameText(secretCheckOf(held.secret, check.salt).sha256, check.sha256)) return null;
  const base = held.apiBase ?? mine?.account.apiBase;
  if (base === undefined || theirs.account.apiBase === base) return null;
  return { reason: 'moves-secret', detail: theirs.account.apiBase };
}

export interface TeamGuardOptions {
  /** This machine's secrets, with the bases they are bound to. */
  secrets: { bound(appId: string, fresh?: boolean): BoundSecret | undefined };
  now: () => number;
  /** Told once per refused record. */
  notify: (n: RefusedRecordNotice) => void;
}

/** The gate between the team's Redis and this machine's mirror: what enters, and notices of what did not. */
export class TeamGuard {
  /** The latest refusal per account, while it stands. */
  private readonly refused = new Map<string, { key: string; notice: RefusedRecordNotice }>();

  constructor(private readonly opts: TeamGuardOptions) {}

  /**
   * The entry to use for a record read from Redis: the record itself when it passes, else this
   * machine's own entry (`mine`), with a notice naming who wrote the record (once per record).
   */
  admit(appId: string, theirs: unknown, from: string | undefined, mine: AccountEntry | undefined): AccountEntry | undefined {
    const r = refusePulled(appId, theirs as AccountEntry | undefined, mine, this.opts.secrets.bound(appId, true));
    if (!r) {
      this.refused.delete(appId);
      return theirs as AccountEntry | undefined;
    }
    const by = typeof from === 'string' && from !== '' ? from.slice(0, 200) : 'unknown (the record does not say)';
    const key = JSON.stringify([r.reason, r.detail, by, (theirs as { account?: { updatedAt?: unknown } } | undefined)?.account?.updatedAt ?? null]);
    if (this.refused.get(appId)?.key !== key) {
      const notice: RefusedRecordNotice = { kind: 'refused', appId, by, reason: r.reason, detail: r.detail.slice(0, 300), at: this.opts.now() };
      this.refused.set(appId, { key, notice });
      this.opts.notify(notice);
    }
    return mine;
  }

  notices(): RefusedRecordNotice[] {
    return [...this.refused.values()].map((r) => r.notice);
  }
}
