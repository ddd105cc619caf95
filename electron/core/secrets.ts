// AppSecrets never live in the shared store: they go through a SecretBox. The Node box below keeps
// them in their own file, readable by the owner only (like ~/.ssh keys). The desktop app supplies a
// box backed by the OS keychain (Electron safeStorage).
import { join } from 'node:path';
import type { StoreNotice } from '../contract';
import { JsonFile } from './state/json-file';

/**
 * A secret with the API base it was saved for, read from one snapshot of its file: the secret is
 * only ever sent to that base (issue 20). No base: saved by a version that did not keep one.
 */
export interface BoundSecret {
  secret: string;
  apiBase?: string;
}

export interface SecretBox {
  /** What protects the secrets, shown to the user: 'file-0600', 'keychain', 'obfuscated' (safeStorage basic_text). */
  readonly protection: string;
  has(appId: string): boolean;
  /** The secret, or undefined when it is missing or cannot be opened by this process. */
  get(appId: string): string | undefined;
  /**
   * The secret and the API base it is bound to, from one read of the box (fresh: past the 10 ms
   * snapshot cache, for the refresh about to send it).
   */
  bound(appId: string, fresh?: boolean): BoundSecret | undefined;
  /**
   * The desktop's keychain box seals asynchronously (safeStorage's async API); file boxes write at
   * once, or (on timers) once another process releases the store lock. An account's secret is
   * always saved with its API base; other secrets (the team Redis password) have none.
   */
  set(appId: string, secret: string, apiBase?: string): void | Promise<void>;
  /** Binds the secret held to another API base: a local, accepted move, or an old secret's first use. */
  bind(appId: string, apiBase: string): void | Promise<void>;
  /** bind() for many accounts in one write (AppID → base; accounts whose secret is not in this box are passed over). */
  bindAll(bases: ReadonlyMap<string, string>): void | Promise<void>;
  /** Like set: a file box waits (on timers) only while another process holds the store lock. */
  delete(appId: string): void | Promise<void>;
  /** Why get() has nothing for this account, when the box can tell (e.g. sealed by the desktop app). */
  missingReason?(appId: string): string | undefined;
}

/** Where the desktop app keeps secrets sealed with the OS keychain (see electron/keychain-box.ts). */
export const SEALED_FILE = 'secrets.sealed.json';

/** secrets.sealed.json: base64 blobs only the desktop app can open, and the API base each was saved for. */
export interface SealedFile {
  version: 1;
  sealed: Record<string, string>;
  bases: Record<string, string>;
}

const isMap = (v: unknown): v is Record<string, string> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** The bases of a secrets file: a file an older version wrote has none (its secrets get bound at first use). */
const basesOf = (v: unknown): Record<string, string> => {
  const bases = (v as { bases?: unknown }).bases;
  return isMap(bases) ? bases : {};
};
const own = (map: Record<string, string>, key: string): string | undefined => (Object.hasOwn(map, key) ? map[key] : undefined);

export function checkSealedFile(v: unknown): SealedFile | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const sealed = (v as Partial<SealedFile>).sealed ?? {};
  if (!isMap(sealed)) return null;
  return { version: 1, sealed, bases: basesOf(v) };
}

/** Every file of a data dir is written under this one lock, secrets included. */
const storeLock = (dataDir: string) => join(dataDir, 'locks', 'store.lock');

/** secrets.sealed.json of a data dir, under the store lock like every other file there. */
export function sealedFile(dataDir: string, onDamage?: (notice: StoreNotice) => void): JsonFile<SealedFile> {
  return new JsonFile({
    path: join(dataDir, SEALED_FILE),
    lockPath: storeLock(dataDir),
    empty: () => ({ version: 1, sealed: {}, bases: {} }),
    check: checkSealedFile,
    // Cut by damage: the whole entries before the cut are kept.
    salvageDepth: 2,
    onDamage,
  });
}

interface SecretFile {
  version: 1;
  secrets: Record<string, string>;
  /** The API base each secret was saved for. */
  bases: Record<string, string>;
}

function checkSecretFile(v: unknown): SecretFile | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const secrets = (v as Partial<SecretFile>).secrets;
  if (!isMap(secrets)) return null;
  return { version: 1, secrets, bases: basesOf(v) };
}

export interface FileSecretBoxOptions {
  onDamage?: (notice: StoreNotice) => void;
}

export class FileSecretBox implements SecretBox {
  readonly protection = 'file-0600';
  readonly path: string;
  private readonly file: JsonFile<SecretFile>;
  /** The desktop's sealed copies: this box cannot open them, but drops one it replaces. */
  private readonly sealed: JsonFile<SealedFile>;

  constructor(dataDir: string, opts: FileSecretBoxOptions = {}) {
    this.path = join(dataDir, 'secrets.json');
    this.file = new JsonFile({
      path: this.path,
      lockPath: storeLock(dataDir),
      empty: () => ({ version: 1, secrets: {}, bases: {} }),
      check: checkSecretFile,
      // Cut by damage: the whole secrets before the cut are kept.
      salvageDepth: 2,
      onDamage: opts.onDamage,
    });
    this.sealed = sealedFile(dataDir, opts.onDamage);
  }

  has(appId: string): boolean {
    return this.get(appId) !== undefined;
  }

  get(appId: string): string | undefined {
    return own(this.file.read().secrets, appId);
  }

  bound(appId: string, fresh = false): BoundSecret | undefined {
    const f = fresh ? this.file.fresh() : this.file.read();
    const secret = own(f.secrets, appId);
    if (secret === undefined) return undefined;
    const apiBase = own(f.bases, appId);
    return apiBase === undefined ? { secret } : { secret, apiBase };
  }

  /**
   * One secret per account, whichever surface wrote last: a sealed copy the desktop holds is
   * dropped, or the desktop would go on using the old secret it can open.
   */
  set(appId: string, secret: string, apiBase?: string): void | Promise<void> {
    // At once when the store lock is free (callers rely on it), else once it is.
    const wrote = this.file.transact((f) => {
      f.secrets[appId] = secret;
      if (apiBase === undefined) delete f.bases[appId];
      else f.bases[appId] = apiBase;
    });
    return wrote instanceof Promise ? wrote.then(() => this.dropSealed(appId)) : this.dropSealed(appId);
  }

  /** Removes the account's secret from every box: this file and a sealed copy the desktop holds (an account removed from the CLI). */
  delete(appId: string): void | Promise<void> {
    const own = this.deleteOwn(appId);
    return own instanceof Promise ? own.then(() => this.dropSealed(appId)) : this.dropSealed(appId);
  }

  private dropSealed(appId: string): void | Promise<void> {
    if (!Object.hasOwn(this.sealed.fresh().sealed, appId)) return;
    return this.sealed.transact((f) => {
      delete f.sealed[appId];
      delete f.bases[appId];
    });
  }

  bind(appId: string, apiBase: string): void | Promise<void> {
    return this.bindAll(new Map([[appId, apiBase]]));
  }

  bindAll(bases: ReadonlyMap<string, string>): void | Promise<void> {
    const f = this.file.fresh();
    if (![...bases].some(([appId, base]) => Object.hasOwn(f.secrets, appId) && own(f.bases, appId) !== base)) return;
    return this.file.transact((d) => {
      for (const [appId, base] of bases) if (Object.hasOwn(d.secrets, appId)) d.bases[appId] = base;
    });
  }

  /** Removes this file's copy only (the desktop sealed a new secret, which must stay). */
  deleteOwn(appId: string): void | Promise<void> {
    const f = this.file.fresh();
    if (!Object.hasOwn(f.secrets, appId) && !Object.hasOwn(f.bases, appId)) return;
    return this.file.transact((d) => {
      delete d.secrets[appId];
      delete d.bases[appId];
    });
  }

  missingReason(appId: string): string | undefined {
    try {
      if (Object.hasOwn(this.sealed.read().sealed, appId)) {
        return 'it is sealed in the desktop app\'s keychain, which only the app can open. Keep the WxDesk app running (it keeps the token fresh and the CLI reads the cached token), or give the CLI its own copy: wxdesk accounts update ' + appId + ' --secret …';
      }
    } catch {
      // No sealed file: nothing more to say.
    }
    return undefined;
  }
}

/**
 * The desktop's box: new secrets are sealed in the keychain; secrets the CLI saved in its 0600 file
 * stay usable until the desktop saves that account again (then the file copy is dropped, so the
 * two can never disagree).
 */
export class LayeredSecretBox implements SecretBox {
  constructor(
    private readonly primary: SecretBox,
    private readonly fallback: FileSecretBox,
  ) {}

  get protection(): string {
    return this.primary.protection;
  }

  has(appId: string): boolean {
    return this.primary.has(appId) || this.fallback.has(appId);
  }

  get(appId: string): string | undefined {
    return this.primary.get(appId) ?? this.fallback.get(appId);
  }

  /** From the box whose secret get() would give: a secret and its base never come from two boxes. */
  bound(appId: string, fresh = false): BoundSecret | undefined {
    return this.primary.bound(appId, fresh) ?? this.fallback.bound(appId, fresh);
  }

  async set(appId: string, secret: string, apiBase?: string): Promise<void> {
    await this.primary.set(appId, secret, apiBase);
    await this.fallback.deleteOwn(appId);
  }

  async bind(appId: string, apiBase: string): Promise<void> {
    await this.bindAll(new Map([[appId, apiBase]]));
  }

  /** Each account's binding goes to the box whose secret get() gives. */
  async bindAll(bases: ReadonlyMap<string, string>): Promise<void> {
    const primary = new Map([...bases].filter(([appId]) => this.primary.has(appId)));
    const fallback = new Map([...bases].filter(([appId]) => !primary.has(appId)));
    if (primary.size) await this.primary.bindAll(primary);
    if (fallback.size) await this.fallback.bindAll(fallback);
  }

  async delete(appId: string): Promise<void> {
    await this.primary.delete(appId);
    await this.fallback.delete(appId);
  }
}

/**
 * Binds every secret saved before bases were kept to the API base its account has in this data
 * dir now, before team mode opens (so a record pulled from a shared store cannot choose the base).
 */
export async function bindUnboundSecrets(box: SecretBox, entries: ReadonlyMap<string, { account: { apiBase: string } }>): Promise<void> {
  const unbound = new Map<string, string>();
  for (const [appId, e] of entries) if (box.bound(appId)?.apiBase === undefined && box.has(appId)) unbound.set(appId, e.account.apiBase);
  // One write for all of them: one per account rewrote secrets.json a thousand times after an upgrade.
  if (unbound.size) await box.bindAll(unbound);
}
