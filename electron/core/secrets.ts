// AppSecrets never live in the shared store: they go through a SecretBox. The Node box below keeps
// them in their own file, readable by the owner only (like ~/.ssh keys). The desktop app supplies a
// box backed by the OS keychain (Electron safeStorage).
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WxError } from './errors';

export interface SecretBox {
  /** What protects the secrets, shown to the user: 'file-0600', 'keychain', 'obfuscated' (safeStorage basic_text). */
  readonly protection: string;
  has(appId: string): boolean;
  /** The secret, or undefined when it is missing or cannot be opened by this process. */
  get(appId: string): string | undefined;
  set(appId: string, secret: string): void;
  delete(appId: string): void;
  /** Why get() has nothing for this account, when the box can tell (e.g. sealed by the desktop app). */
  missingReason?(appId: string): string | undefined;
}

/** Where the desktop app keeps secrets sealed with the OS keychain (see electron/keychain-box.ts). */
export const SEALED_FILE = 'secrets.sealed.json';

interface SecretFile {
  version: 1;
  secrets: Record<string, string>;
}

export class FileSecretBox implements SecretBox {
  readonly protection = 'file-0600';
  readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, 'secrets.json');
  }

  private load(): SecretFile {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, secrets: {} };
      throw e;
    }
    let parsed: Partial<SecretFile>;
    try {
      parsed = JSON.parse(text) as Partial<SecretFile>;
    } catch {
      parsed = {};
    }
    if (typeof parsed !== 'object' || parsed === null || typeof parsed.secrets !== 'object' || parsed.secrets === null) {
      throw new WxError('STORE_UNREADABLE', { detail: this.path, reason: 'this is not a WxDesk secrets file. Move it aside and save the AppSecrets again' });
    }
    return { version: 1, secrets: { ...parsed.secrets } };
  }

  private save(file: SecretFile): void {
    mkdirSync(join(this.path, '..'), { recursive: true });
    // Write then rename: a crash mid-write never leaves a half file, and the mode is set before any secret lands.
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(file, null, 2), { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.path);
  }

  has(appId: string): boolean {
    return this.get(appId) !== undefined;
  }

  get(appId: string): string | undefined {
    return this.load().secrets[appId];
  }

  set(appId: string, secret: string): void {
    const file = this.load();
    file.secrets[appId] = secret;
    this.save(file);
  }

  delete(appId: string): void {
    const file = this.load();
    if (!(appId in file.secrets)) return;
    delete file.secrets[appId];
    this.save(file);
  }

  missingReason(appId: string): string | undefined {
    try {
      const sealed = JSON.parse(readFileSync(join(this.path, '..', SEALED_FILE), 'utf8')) as { sealed?: Record<string, string> };
      if (sealed.sealed && appId in sealed.sealed) {
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
    private readonly fallback: SecretBox,
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

  set(appId: string, secret: string): void {
    this.primary.set(appId, secret);
    this.fallback.delete(appId);
  }

  delete(appId: string): void {
    this.primary.delete(appId);
    this.fallback.delete(appId);
  }
}
