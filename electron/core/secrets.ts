// AppSecrets never live in the shared store: they go through a SecretBox. The Node box below keeps
// them in their own file, readable by the owner only (like ~/.ssh keys). The desktop app supplies a
// box backed by the OS keychain (Electron safeStorage).
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SecretBox {
  /** What protects the secrets, shown to the user: 'file-0600', 'keychain', 'obfuscated' (safeStorage basic_text). */
  readonly protection: string;
  has(appId: string): boolean;
  /** The secret, or undefined when it is missing or cannot be opened by this process. */
  get(appId: string): string | undefined;
  set(appId: string, secret: string): void;
  delete(appId: string): void;
}

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
    const parsed = JSON.parse(text) as Partial<SecretFile>;
    if (typeof parsed !== 'object' || parsed === null || typeof parsed.secrets !== 'object' || parsed.secrets === null) {
      throw new Error(`${this.path} is not a WxDesk secrets file; move it aside and save the AppSecrets again.`);
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
}
