// The desktop's SecretBox: AppSecrets sealed with Electron's safeStorage (Keychain on macOS, DPAPI
// on Windows, the Secret Service or KWallet on Linux) in secrets.sealed.json. Where the OS offers
// no encryption it refuses, never falling back to plaintext; where Linux only has the basic_text
// backend it works but reports 'obfuscated', and the dashboard says so.
import type { SafeStorage } from 'electron';
import type { StoreNotice } from './api';
import { WxError } from './core/errors';
import { sealedFile, type SealedFile, type SecretBox } from './core/secrets';
import type { JsonFile } from './core/state/json-file';

export class KeychainSecretBox implements SecretBox {
  readonly protection: string;
  private readonly file: JsonFile<SealedFile>;
  /** Opened secrets by sealed blob: the local endpoint asks on every request, the keychain need not. */
  private readonly opened = new Map<string, string>();

  constructor(
    dataDir: string,
    private readonly safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>,
    platform: NodeJS.Platform = process.platform,
    onDamage?: (notice: StoreNotice) => void,
  ) {
    this.file = sealedFile(dataDir, onDamage);
    const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
    this.protection = !safeStorage.isEncryptionAvailable() ? 'unavailable' : backend === 'basic_text' ? 'obfuscated' : 'keychain';
  }

  /** Only a secret this process can open counts: one sealed under another user or keyring does not. */
  has(appId: string): boolean {
    return this.get(appId) !== undefined;
  }

  get(appId: string): string | undefined {
    const { sealed } = this.file.read();
    const blob = Object.hasOwn(sealed, appId) ? sealed[appId] : undefined;
    if (blob === undefined || !this.safeStorage.isEncryptionAvailable()) return undefined;
    const known = this.opened.get(blob);
    if (known !== undefined) return known;
    try {
      const secret = this.safeStorage.decryptString(Buffer.from(blob, 'base64'));
      if (this.opened.size > 256) this.opened.clear();
      this.opened.set(blob, secret);
      return secret;
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
    const blob = this.safeStorage.encryptString(secret).toString('base64');
    this.file.transact((f) => {
      f.sealed[appId] = blob;
    });
  }

  delete(appId: string): void {
    if (!Object.hasOwn(this.file.fresh().sealed, appId)) return;
    this.file.transact((f) => {
      delete f.sealed[appId];
    });
  }
}
