// The desktop's SecretBox: AppSecrets sealed with Electron's safeStorage (Keychain on macOS, DPAPI
// on Windows, the Secret Service or KWallet on Linux) in secrets.sealed.json. Where the OS offers
// no encryption it refuses, never falling back to plaintext; where Linux only has the basic_text
// backend it works but reports 'obfuscated', and the dashboard says so.
import type { SafeStorage } from 'electron';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WxError } from './core/errors';
import { SEALED_FILE, type SecretBox } from './core/secrets';

export class KeychainSecretBox implements SecretBox {
  readonly protection: string;
  private readonly path: string;

  constructor(
    dataDir: string,
    private readonly safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>,
    platform: NodeJS.Platform = process.platform,
  ) {
    this.path = join(dataDir, SEALED_FILE);
    const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
    this.protection = !safeStorage.isEncryptionAvailable() ? 'unavailable' : backend === 'basic_text' ? 'obfuscated' : 'keychain';
  }

  private load(): Record<string, string> {
    try {
      const parsed = JSON.parse(readFileSync(this.path, 'utf8')) as { sealed?: Record<string, string> };
      return { ...(parsed.sealed ?? {}) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw e;
    }
  }

  private save(sealed: Record<string, string>): void {
    mkdirSync(join(this.path, '..'), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ version: 1, sealed }, null, 2), { mode: 0o600 });
    renameSync(tmp, this.path);
  }

  /** Only a secret this process can open counts: one sealed under another user or keyring does not. */
  has(appId: string): boolean {
    return this.get(appId) !== undefined;
  }

  get(appId: string): string | undefined {
    const blob = this.load()[appId];
    if (blob === undefined || !this.safeStorage.isEncryptionAvailable()) return undefined;
    try {
      return this.safeStorage.decryptString(Buffer.from(blob, 'base64'));
    } catch {
      // Sealed under another OS user or keyring: the secret must be saved again.
      return undefined;
    }
  }

  set(appId: string, secret: string): void {
    if (!this.safeStorage.isEncryptionAvailable()) {
      throw new WxError('INVALID_INPUT', {
        detail: 'This system offers no encryption for secrets (no keychain / Secret Service), and WxDesk will not store an AppSecret in plain text.',
      });
    }
    const sealed = this.load();
    sealed[appId] = this.safeStorage.encryptString(secret).toString('base64');
    this.save(sealed);
  }

  delete(appId: string): void {
    const sealed = this.load();
    if (!(appId in sealed)) return;
    delete sealed[appId];
    this.save(sealed);
  }
}
