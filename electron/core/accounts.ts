// Account records: validated on the way in, secrets routed to the SecretBox, views without secrets.
import { WxError, invalidInput, type WxErrorView } from './errors';
import type { SecretBox } from './secrets';
import type { AccountInput, AccountView } from '../api';
import type { AccountRecord, WxStore } from './store';
import {
  DEFAULT_API_BASE,
  checkAesKey,
  checkApiBase,
  checkAppId,
  checkLabel,
  checkSecret,
  checkServerToken,
  normalizeApiBase,
  type Field,
} from './validate';

export type { AccountInput, AccountView } from '../api';

export class AccountInputError extends WxError {
  constructor(readonly fields: Partial<Record<Field, string>>) {
    super('INVALID_INPUT', { detail: Object.values(fields).join(' ') });
  }

  override view(): WxErrorView {
    return { ...super.view(), fields: { ...this.fields } as Record<string, string> };
  }
}

const trimmed = (v: unknown): string | undefined => (typeof v === 'string' ? v.trim() : undefined);

export class AccountService {
  constructor(
    private readonly store: WxStore,
    private readonly secrets: SecretBox,
    private readonly now: () => number = Date.now,
  ) {}

  list(): AccountView[] {
    return Object.values(this.store.read('accounts'))
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((r) => this.view(r));
  }

  get(appId: string): AccountView | undefined {
    const r = this.store.entry('accounts', appId);
    return r && this.view(r);
  }

  /** The record, or a NO_ACCOUNT error that names the AppID. */
  require(appId: string): AccountRecord {
    const r = this.store.entry('accounts', appId);
    if (!r) throw new WxError('NO_ACCOUNT', { detail: appId });
    return r;
  }

  /** The AppSecret, for the token keeper and the local endpoint only. */
  secret(appId: string): string {
    const s = this.secrets.get(appId);
    if (s === undefined) {
      const why = this.secrets.missingReason?.(appId);
      throw new WxError('NO_SECRET', { detail: appId, reason: why });
    }
    return s;
  }

  get secretProtection(): string {
    return this.secrets.protection;
  }

  /** Adds an account or updates an existing one (fields left out keep their values). */
  save(input: AccountInput): AccountView {
    if (typeof input !== 'object' || input === null) throw invalidInput('An account needs at least an AppID and an AppSecret.');
    const appId = trimmed(input.appId) ?? '';
    const existing = this.store.entry('accounts', appId);
    const fields: Partial<Record<Field, string>> = {};
    const note = (field: Field, p: { en: string } | null) => {
      if (p) fields[field] = p.en;
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
    if (mode !== 'stable' && mode !== 'classic') fields.mode = `Token mode must be "stable" or "classic" (got "${String(mode)}").`;
    const apiBase = normalizeApiBase(trimmed(input.apiBase) || existing?.apiBase || DEFAULT_API_BASE);
    note('apiBase', checkApiBase(apiBase));
    const autoRefresh = input.autoRefresh ?? existing?.autoRefresh ?? true;
    if (typeof autoRefresh !== 'boolean') fields.autoRefresh = 'Auto-refresh must be true or false.';

    if (Object.keys(fields).length > 0) throw new AccountInputError(fields);

    const at = this.now();
    const record: AccountRecord = {
      appId,
      label: label || appId,
      serverToken,
      aesKey,
      mode,
      apiBase,
      autoRefresh,
      createdAt: existing?.createdAt ?? at,
      updatedAt: at,
    };
    const secretChanged = existing !== undefined && !!secret && secret !== this.secrets.get(appId);
    // The secret first: an account that is listed must be usable.
    if (secret) this.secrets.set(appId, secret);
    const endpointChanged = existing !== undefined && (existing.apiBase !== apiBase || existing.mode !== mode);
    this.store.updateEntry('accounts', appId, () => record);
    // A token fetched with other credentials, from another host or in another mode is not this account's token any more.
    if (secretChanged || endpointChanged) {
      this.store.updateEntry('tokens', appId, () => undefined);
      this.store.updateEntry('tickets', appId, () => undefined);
      this.store.updateEntry('lastError', appId, () => undefined);
    }
    return this.view(record);
  }

  remove(appId: string): boolean {
    const existed = this.store.entry('accounts', appId) !== undefined;
    this.store.forget(appId);
    this.secrets.delete(appId);
    return existed;
  }

  private view(r: AccountRecord): AccountView {
    return { ...r, hasSecret: this.secrets.has(r.appId) };
  }
}
