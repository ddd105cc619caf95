// AppSecrets never live in the shared store: they go through a SecretBox. The Node box below keeps
// them in their own file, readable by the owner only (like ~/.ssh keys). The desktop app supplies a
// box backed by the OS keychain (Electron safeStorage).
import { join } from 'node:path';
import type { StoreNotice } from '../contract';
import { JsonFile } from './state/json-file';

export interface SecretBox {
  /** What protects the secrets, shown to the user: 'file-0600', 'keychain', 'obfuscated' (safeStorage basic_text). */
  readonly protection: string;
  has(appId: string): boolean;
  /** The secret, or undefined when it is missing or cannot be opened by this process. */
  get(appId: string): string | undefined;
  /** The desktop's keychain box seals asynchronously (safeStorage's async API); file boxes write at once. */
  set(appId: string, secret: string): void | Promise<void>;
  delete(appId: string): void;
  /** Why get() has nothing for this account, when the box can tell (e.g. sealed by the desktop app). */
  missingReason?(appId: string): string | undefined;
}

/** Where the desktop app keeps secrets sealed with the OS keychain (see electron/keychain-box.ts). */
export const SEALED_FILE = 'secrets.sealed.json';

/** secrets.sealed.json: base64 blobs only the desktop app can open. */
export interface SealedFile {
  version: 1;
  sealed: Record<string, string>;
}

export function checkSealedFile(v: unknown): SealedFile | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const sealed = (v as Partial<SealedFile>).sealed ?? {};
  if (typeof sealed !== 'object' || sealed === null || Array.isArray(sealed)) return null;
  return { version: 1, sealed: sealed as Record<string, string> };
}

/** Every file of a data dir is written under this one lock, secrets included. */
const storeLock = (dataDir: string) => join(dataDir, 'locks', 'store.lock');

/** secrets.sealed.json of a data dir, under the store lock like every other file there. */
export function sealedFile(dataDir: string, onDamage?: (notice: StoreNotice) => void): JsonFile<SealedFile> {
  return new JsonFile({
    path: join(dataDir, SEALED_FILE),
    lockPath: storeLock(dataDir),
    empty: () => ({ version: 1, sealed: {} }),
    check: checkSealedFile,
    // Cut by damage: the whole entries before the cut are kept.
    salvageDepth: 2,
    onDamage,
  });
}

interface SecretFile {
  version: 1;
  secrets: Record<string, string>;
}

function checkSecretFile(v: unknown): SecretFile | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const secrets = (v as Partial<SecretFile>).secrets;
  if (typeof secrets !== 'object' || secrets === null || Array.isArray(secrets)) return null;
  return { version: 1, secrets: secrets as Record<string, string> };
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
      empty: () => ({ version: 1, secrets: {} }),
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
    const { secrets } = this.file.read();
    return Object.hasOwn(secrets, appId) ? secrets[appId] : undefined;
  }

  /**
   * One secret per account, whichever surface wrote last: a sealed copy the desktop holds is
   * dropped, or the desktop would go on using the old secret it can open.
   */
  set(appId: string, secret: string): void {
    this.file.transact((f) => {
      f.secrets[appId] = secret;
    });
    if (Object.hasOwn(this.sealed.fresh().sealed, appId)) {
      this.sealed.transact((f) => {
        delete f.sealed[appId];
      });
    }
  }

  /** Removes the account's secret from every box: this file and a sealed copy the desktop holds (an account removed from the CLI). */
  delete(appId: string): void {
    this.deleteOwn(appId);
    if (Object.hasOwn(this.sealed.fresh().sealed, appId)) {
      this.sealed.transact((f) => {
        delete f.sealed[appId];
      });
    }
  }

  /** Removes this file's copy only (the desktop sealed a new secret, which must stay). */
  deleteOwn(appId: string): void {
    if (!Object.hasOwn(this.file.fresh().secrets, appId)) return;
    this.file.transact((f) => {
      delete f.secrets[appId];
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

  async set(appId: string, secret: string): Promise<void> {
    await this.primary.set(appId, secret);
    this.fallback.deleteOwn(appId);
  }

  delete(appId: string): void {
    this.primary.delete(appId);
    this.fallback.delete(appId);
  }
}
