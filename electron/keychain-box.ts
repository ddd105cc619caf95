// The desktop's SecretBox: AppSecrets sealed with Electron's safeStorage (Keychain on macOS, DPAPI
// on Windows, the Secret Service or KWallet on Linux) in secrets.sealed.json, through the async API
// (the sync one is deprecated since Electron 45). Every sealed secret is opened once, at start
// (open()), and kept in memory: listing accounts asks `has`, the local endpoint asks `get` on every
// request, and neither may prompt the keychain again. Where the OS offers no encryption it refuses,
// never falling back to plaintext; where Linux only has the basic_text backend it works but reports
// 'obfuscated', and the dashboard says so.
import type { SafeStorage } from 'electron';
import type { StoreNotice } from './contract';
import { WxError } from './core/errors';
import { sealedFile, type BoundSecret, type SealedFile, type SecretBox } from './core/secrets';
import type { JsonFile } from './core/state/json-file';

export type AsyncSafeStorage = Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'>;

export class KeychainSecretBox implements SecretBox {
  protection = 'unavailable';
  private available = false;
  private readonly file: JsonFile<SealedFile>;
  /** Opened secrets by sealed blob: filled by open() and by set(). */
  private readonly opened = new Map<string, string>();

  private constructor(
    dataDir: string,
    private readonly safeStorage: AsyncSafeStorage,
    private readonly platform: NodeJS.Platform,
    onDamage?: (notice: StoreNotice) => void,
  ) {
    this.file = sealedFile(dataDir, onDamage);
  }

  /** The box with every secret it can open already open (one keychain access per secret, at start). */
  static async open(dataDir: string, safeStorage: AsyncSafeStorage, platform: NodeJS.Platform = process.platform, onDamage?: (notice: StoreNotice) => void): Promise<KeychainSecretBox> {
    const box = new KeychainSecretBox(dataDir, safeStorage, platform, onDamage);
    await box.unlock();
    return box;
  }

  private async unlock(): Promise<void> {
    this.available = await this.safeStorage.isAsyncEncryptionAvailable();
    const backend = this.platform === 'linux' ? this.safeStorage.getSelectedStorageBackend() : 'os';
    this.protection = !this.available ? 'unavailable' : backend === 'basic_text' ? 'obfuscated' : 'keychain';
    if (!this.available) return;
    const rotated: [string, string, string | undefined][] = [];
    const { sealed, bases } = this.file.read();
    for (const [appId, blob] of Object.entries(sealed)) {
      try {
        const { result, shouldReEncrypt } = await this.safeStorage.decryptStringAsync(Buffer.from(blob, 'base64'));
        this.opened.set(blob, result);
        if (shouldReEncrypt) rotated.push([appId, result, Object.hasOwn(bases, appId) ? bases[appId] : undefined]);
      } catch {
        // Sealed under another OS user or keyring: it reads as missing and must be saved again.
      }
    }
    // The keychain's key changed: seal those again under the new one.
    for (const [appId, secret, apiBase] of rotated) await this.set(appId, secret, apiBase).catch(() => undefined);
  }

  /** Only a secret this process opened counts: one sealed under another user or keyring does not. */
  has(appId: string): boolean {
    return this.get(appId) !== undefined;
  }

  get(appId: string): string | undefined {
    return this.bound(appId)?.secret;
  }

  /** The opened secret and its base, from one read of the sealed file. */
  bound(appId: string, fresh = false): BoundSecret | undefined {
    const { sealed, bases } = fresh ? this.file.fresh() : this.file.read();
    const blob = Object.hasOwn(sealed, appId) ? sealed[appId] : undefined;
    const secret = blob === undefined ? undefined : this.opened.get(blob);
    if (secret === undefined) return undefined;
    return Object.hasOwn(bases, appId) ? { secret, apiBase: bases[appId]! } : { secret };
  }

  bind(appId: string, apiBase: string): void | Promise<void> {
    return this.bindAll(new Map([[appId, apiBase]]));
  }

  bindAll(bases: ReadonlyMap<string, string>): void | Promise<void> {
    const { sealed } = this.file.fresh();
    if (![...bases.keys()].some((appId) => Object.hasOwn(sealed, appId))) return;
    return this.file.transact((f) => {
      for (const [appId, base] of bases) if (Object.hasOwn(f.sealed, appId)) f.bases[appId] = base;
    });
  }

  async set(appId: string, secret: string, apiBase?: string): Promise<void> {
    if (!this.available) {
      throw new WxError('INVALID_INPUT', {
        detail: 'This system offers no encryption for secrets (no keychain / Secret Service), and WxDesk will not store an AppSecret in plain text.',
        detailZh: '此系统没有可用于保护密钥的加密（没有钥匙串或 Secret Service），WxDesk 不会以明文保存 AppSecret。',
      });
    }
    const blob = (await this.safeStorage.encryptStringAsync(secret)).toString('base64');
    this.opened.set(blob, secret);
    await this.file.transact((f) => {
      f.sealed[appId] = blob;
      if (apiBase === undefined) delete f.bases[appId];
      else f.bases[appId] = apiBase;
    });
  }

  delete(appId: string): void | Promise<void> {
    if (!Object.hasOwn(this.file.fresh().sealed, appId)) return;
    return this.file.transact((f) => {
      delete f.sealed[appId];
      delete f.bases[appId];
    });
  }
}
