// Account records: validated on the way in, secrets routed to the SecretBox, views without secrets.
// Every change, made here or by another process, is announced as an event: the keeper listens, so
// no caller has to remember to tell it.
import { createHash, randomBytes } from 'node:crypto';
import { sameText } from './same-text';
import { WxError, invalidInput, type WxErrorView } from './errors';
import { GuardedEmitter } from './guarded-emitter';
import { bindUnboundSecrets, type SecretBox } from './secrets';
import type { AccountInput, AccountView } from '../contract';
import type { StateBackend } from './state/backend';
import type { AccountRecord, SecretCheck } from './state/records';
import {
  DEFAULT_API_BASE,
  checkAesKey,
  checkApiBase,
  checkAppId,
  checkLabel,
  checkMessageMode,
  checkSecret,
  checkSecretForMove,
  checkServerToken,
  normalizeApiBase,
  type Field,
  type Problem,
} from './validate';

export type { AccountInput, AccountView } from '../contract';

/** The salted SHA-256 of a secret, with a new salt unless one is given. */
export function secretCheckOf(secret: string, salt = randomBytes(16).toString('hex')): SecretCheck {
  return { salt, sha256: createHash('sha256').update(salt + secret, 'utf8').digest('hex') };
}

export class AccountInputError extends WxError {
  constructor(
    readonly fields: Partial<Record<Field, string>>,
    readonly fieldsZh: Partial<Record<Field, string>> = fields,
    /** What to do, for the fields whose problem says: the first stands in for the generic hint. */
    readonly hints: Partial<Record<Field, { en: string; zh: string }>> = {},
  ) {
    const first = Object.values(hints)[0];
    super('INVALID_INPUT', { detail: Object.values(fields).join(' '), detailZh: Object.values(fieldsZh).join(' '), ...(first ? { hint: first.en, hintZh: first.zh } : {}) });
  }

  override view(): WxErrorView {
    return { ...super.view(), fields: { ...this.fields } as Record<string, string>, fieldsZh: { ...this.fieldsZh } as Record<string, string> };
  }
}

const trimmed = (v: unknown): string | undefined => (typeof v === 'string' ? v.trim() : undefined);

/** The fields a save sets (checked); undefined: keep the stored value. */
interface Given {
  label?: string;
  serverToken?: string;
  aesKey?: string;
  mode?: AccountRecord['mode'];
  apiBase?: string;
  autoRefresh?: boolean;
  messageMode?: AccountRecord['messageMode'];
}

/** An account was saved or removed, here or elsewhere. */
export interface AccountChange {
  appId: string;
  removed: boolean;
}

export class AccountService extends GuardedEmitter<{ change: [AccountChange] }> {
  /** The version of each account last announced, so a change is told once. */
  private readonly known = new Map<string, number>();
  private readonly teamSecretMemo = new WeakMap<SecretCheck, { secret: string; ok: boolean }>();

  constructor(
    private readonly backend: StateBackend,
    private readonly secrets: SecretBox,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  list(): AccountView[] {
    return [...this.backend.entries().values()]
      .map((e) => e.account)
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((r) => this.view(r));
  }

  get(appId: string): AccountView | undefined {
    const r = this.backend.entry(appId)?.account;
    return r && this.view(r);
  }

  /** The record, or a NO_ACCOUNT error that names the AppID. */
  require(appId: string): AccountRecord {
    const r = this.backend.entry(appId)?.account;
    if (!r) throw new WxError('NO_ACCOUNT', { detail: appId });
    return r;
  }

  /**
   * Announces changes other processes make (added, edited, removed accounts) as events too, until
   * the returned function is called.
   */
  follow(): () => void {
    for (const [appId, e] of this.backend.entries()) this.known.set(appId, e.account.updatedAt);
    return this.backend.watch((ids) => {
      for (const appId of ids) {
        const r = this.backend.entry(appId)?.account;
        if (r?.updatedAt === this.known.get(appId)) continue;
        this.announce(appId, r);
      }
    });
  }

  private announce(appId: string, r: AccountRecord | undefined): void {
    if (r) this.known.set(appId, r.updatedAt);
    else this.known.delete(appId);
    this.emit('change', { appId, removed: !r });
  }

  /** The AppSecret, for the token keeper and the local endpoint only. */
  secret(appId: string): string {
    const s = this.storedSecret(appId);
    if (s === undefined) {
      const why = this.secrets.missingReason?.(appId);
      throw new WxError('NO_SECRET', { detail: appId, reason: why });
    }
    return s;
  }

  /**
   * The AppSecret to send to `apiBase`, for the keeper and the console's clear_quota: only if it is
   * bound to that very base (secret and base read together, from one snapshot of the box).
   * SECRET_BASE_MISMATCH otherwise: an account whose base changed without its secret (a planted
   * file, a record from elsewhere, or another process's move seen half-way). A secret saved before
   * bases were kept is bound to `apiBase` now, the base the account has in this data dir.
   */
  secretFor(appId: string, apiBase: string, fresh = true): string {
    const b = this.secrets.bound(appId, fresh);
    if (b === undefined) throw new WxError('NO_SECRET', { detail: appId, reason: this.secrets.missingReason?.(appId) });
    if (b.apiBase === undefined) {
      // Every secret saved before bases were kept is bound now, in one write (one per account was a
      // thousand rewrites of secrets.json after an upgrade). Written now, or once another process
      // releases the store lock; unwritten, they are bound at the next use.
      void bindUnboundSecrets(this.secrets, this.backend.entries()).catch(() => undefined);
    }
    else if (b.apiBase !== apiBase) throw new WxError('SECRET_BASE_MISMATCH', { detail: apiBase, reason: b.apiBase });
    return b.secret;
  }

  /**
   * The AppSecret, or undefined when this process has none for the account (no exception: the hot
   * path asks). Team mode: a secret here that is not the team's (a teammate saved a new one) counts
   * as none, so it is neither sent to WeChat nor accepted from callers.
   */
  storedSecret(appId: string): string | undefined {
    const s = this.secrets.get(appId);
    if (s === undefined || !this.backend.shared) return s;
    const check = this.backend.entry(appId)?.account.secretCheck;
    return !check || this.isTeamSecret(s, check) ? s : undefined;
  }

  /**
   * Whether a secret is the one the team's check describes. The local endpoint asks on every
   * request: the answer is remembered per check object (a new snapshot brings a new one) and secret,
   * so a repeat costs a WeakMap lookup and a string compare, no hashing.
   */
  private isTeamSecret(secret: string, check: SecretCheck): boolean {
    const known = this.teamSecretMemo.get(check);
    if (known?.secret === secret) return known.ok;
    const ok = sameText(secretCheckOf(secret, check.salt).sha256, check.sha256);
    this.teamSecretMemo.set(check, { secret, ok });
    return ok;
  }

  get secretProtection(): string {
    return this.secrets.protection;
  }

  /** Adds an account or updates an existing one (fields left out keep their values). */
  async save(input: AccountInput): Promise<AccountView> {
    if (typeof input !== 'object' || input === null) throw invalidInput('An account needs at least an AppID and an AppSecret.', '账号至少需要 AppID 和 AppSecret。');
    const appId = trimmed(input.appId) ?? '';
    const existing = this.backend.entry(appId)?.account;
    const fields: Partial<Record<Field, string>> = {};
    const fieldsZh: Partial<Record<Field, string>> = {};
    const hints: Partial<Record<Field, NonNullable<Problem['hint']>>> = {};
    const note = (field: Field, p: Problem | null) => {
      if (!p) return;
      fields[field] = p.en;
      fieldsZh[field] = p.zh;
      if (p.hint) hints[field] = p.hint;
    };

    note('appId', checkAppId(appId));
    const secret = trimmed(input.secret);
    if (secret !== undefined && secret !== '') note('secret', checkSecret(secret));
    else if (!existing || !this.secrets.has(appId)) note('secret', checkSecret(''));

    const label = trimmed(input.label) ?? existing?.label ?? '';
    note('label', checkLabel(label));
    const serverToken = trimmed(input.serverToken) ?? existing?.serverToken ?? '';
    note('serverToken', checkServerToken(serverToken));
    const aesKey = trimmed(input.aesKey) ?? existing?.aesKey ?? '';
    note('aesKey', checkAesKey(aesKey));
    const mode = input.mode ?? existing?.mode ?? 'stable';
    if (mode !== 'stable' && mode !== 'classic') note('mode', { en: `Token mode must be "stable" or "classic" (got "${String(mode)}").`, zh: `token 模式只能是 "stable" 或 "classic"（收到 "${String(mode)}"）。` });
    const apiBase = normalizeApiBase(trimmed(input.apiBase) || existing?.apiBase || DEFAULT_API_BASE);
    note('apiBase', checkApiBase(apiBase));
    if (!fields.apiBase && !fields.secret) note('secret', checkSecretForMove(existing?.apiBase, apiBase, !!secret));
    const autoRefresh = input.autoRefresh ?? existing?.autoRefresh ?? true;
    if (typeof autoRefresh !== 'boolean') note('autoRefresh', { en: 'Auto-refresh must be true or false.', zh: '自动刷新只能是 true 或 false。' });
    if (input.messageMode !== undefined) note('messageMode', checkMessageMode(input.messageMode));

    if (Object.keys(fields).length > 0) throw new AccountInputError(fields, fieldsZh, hints);

    // What this save sets; every other field keeps the value it has when the record is written.
    // The record is built inside the transaction from the entry as it is then: a snapshot read
    // before (up to 10 ms old) would drop a field another process changed meanwhile (the probe's
    // callbackUrl, another edit).
    const given: Given = {
      label: trimmed(input.label),
      serverToken: trimmed(input.serverToken),
      aesKey: trimmed(input.aesKey),
      mode: input.mode,
      apiBase: trimmed(input.apiBase) ? apiBase : undefined,
      autoRefresh: input.autoRefresh,
      messageMode: input.messageMode,
    };
    const secretDiffers = !!secret && secret !== this.secrets.get(appId);
    // The secret first: an account that is listed must be usable. A box that seals asynchronously
    // (the desktop keychain) is awaited; a file box writes at once, and the record is stored in the
    // same turn (callers rely on it being there when save() first yields).
    // The secret is kept with the base it is saved for; a move this save allows without a new
    // secret (to one of WeChat's own bases) takes the binding along.
    if (secret) {
      const sealing = this.secrets.set(appId, secret, apiBase);
      if (sealing) await sealing;
    }
    let record: AccountRecord | undefined;
    let movedFrom: string | undefined;
    await this.backend.update(appId, (e) => {
      const built = this.build(appId, given, e?.account, secret);
      record = built.record;
      movedFrom = e && e.account.apiBase !== built.record.apiBase ? e.account.apiBase : undefined;
      // Team mode: the secret the account already has (a teammate's, known by its check) is not a
      // new one, so the team's token stays. Alone, a saved secret always starts afresh.
      const secretChanged = e !== undefined && secretDiffers && !built.sameAsKnown;
      const endpointChanged = e !== undefined && (e.account.apiBase !== built.record.apiBase || e.account.mode !== built.record.mode);
      // A token fetched with other credentials, from another host or in another mode is not this account's token any more.
      return e && !secretChanged && !endpointChanged ? { ...e, account: built.record } : { account: built.record, ...(e?.forced ? { forced: e.forced } : {}) };
    });
    // A move the rules allowed without a new secret (between WeChat's own bases) takes the binding along.
    if (!secret && movedFrom !== undefined) await this.secrets.bind(appId, record!.apiBase);
    this.announce(appId, record!);
    return this.view(record!);
  }

  /** The record a save writes over `current` (the entry as it is inside the transaction). */
  private build(appId: string, given: Given, current: AccountRecord | undefined, secret: string | undefined): { record: AccountRecord; sameAsKnown: boolean } {
    // Removed by another process since the checks above: without a secret there is nothing to add back.
    if (!current && !secret) throw new WxError('NO_ACCOUNT', { detail: appId });
    const apiBase = given.apiBase ?? current?.apiBase ?? DEFAULT_API_BASE;
    // The move rule again, against the host the account has now (another process may have changed it).
    const move = checkSecretForMove(current?.apiBase, apiBase, !!secret);
    if (move) throw new AccountInputError({ secret: move.en }, { secret: move.zh });
    // Two saves within a millisecond still differ: the keeper tells edits apart by updatedAt.
    const at = Math.max(this.now(), (current?.updatedAt ?? 0) + 1);
    const label = given.label ?? current?.label ?? '';
    const record: AccountRecord = {
      appId,
      label: label || appId,
      serverToken: given.serverToken ?? current?.serverToken ?? '',
      aesKey: given.aesKey ?? current?.aesKey ?? '',
      mode: given.mode ?? current?.mode ?? 'stable',
      apiBase,
      autoRefresh: given.autoRefresh ?? current?.autoRefresh ?? true,
      messageMode: given.messageMode ?? current?.messageMode ?? 'plain',
      ...(current?.callbackUrl ? { callbackUrl: current.callbackUrl } : {}),
      createdAt: current?.createdAt ?? at,
      updatedAt: at,
    };
    const known = current?.secretCheck;
    const sameAsKnown = !!this.backend.shared && !!secret && !!known && secretCheckOf(secret, known.salt).sha256 === known.sha256;
    const check = secret && !sameAsKnown ? secretCheckOf(secret) : known;
    if (check) record.secretCheck = check;
    return { record, sameAsKnown };
  }

  /**
   * Keeps the callback URL last probed for the account. Not an edit of what the keeper uses: no
   * announcement, so a probe never resets a backoff or re-plans a refresh.
   */
  async rememberCallbackUrl(appId: string, url: string): Promise<boolean> {
    if (this.require(appId).callbackUrl === url) return false;
    await this.backend.update(appId, (e) => e && { ...e, account: { ...e.account, callbackUrl: url } });
    return true;
  }

  async remove(appId: string): Promise<boolean> {
    const existed = this.backend.entry(appId) !== undefined;
    await this.backend.update(appId, () => undefined);
    await this.backend.forgetHistory(appId);
    await this.secrets.delete(appId);
    if (existed) this.announce(appId, undefined);
    return existed;
  }

  private view(r: AccountRecord): AccountView {
    const { secretCheck: _check, ...rest } = r;
    // A record from before the mode was kept reads as WeChat's own default, plain.
    return { ...rest, messageMode: r.messageMode ?? 'plain', hasSecret: this.secrets.has(r.appId) };
  }

  /** Whether a presented secret is the account's: against the stored secret, or (team mode, no secret here) its salted hash. */
  checkSecret(appId: string, presented: string): boolean {
    const stored = this.storedSecret(appId);
    if (stored !== undefined) return sameText(presented, stored);
    const check = this.backend.entry(appId)?.account.secretCheck;
    return !!check && sameText(secretCheckOf(presented, check.salt).sha256, check.sha256);
  }

  /**
   * Team mode: every account whose secret is here carries the check of it (accounts saved before
   * team mode, or by an older version, get theirs now). Not an edit: updatedAt stays.
   */
  async ensureSecretChecks(): Promise<void> {
    for (const [appId, e] of this.backend.entries()) {
      const secret = this.storedSecret(appId);
      if (secret === undefined) continue;
      // Only a missing check is filled in: a check that differs is a teammate's newer secret, and an
      // old secret here must not overwrite it.
      if (e.account.secretCheck) continue;
      const check = secretCheckOf(secret);
      await this.backend.update(appId, (cur) => cur && { ...cur, account: { ...cur.account, secretCheck: check } });
    }
  }
}
