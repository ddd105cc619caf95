// Secret boxes: the Node 0600 file, the desktop keychain box (with a stand-in for Electron's
// safeStorage, which cannot run here) and the layered box the desktop uses.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountService } from '../electron/core/accounts';
import { WxError } from '../electron/core/errors';
import { FileSecretBox, LayeredSecretBox } from '../electron/core/secrets';
import { FileBackend } from '../electron/core/state/file-backend';
import { KeychainSecretBox } from '../electron/keychain-box';

const APPID = 'wx00112233445566cc';
const SECRET = 'cc00112233445566778899aabbccddee';

/**
 * Reversible but not plain: enough to see that nothing is written in the clear. Electron 45's async
 * API only (the sync one is deprecated); it counts decryptions, as a keychain would prompt.
 */
function standInSafeStorage(opts: { available?: boolean; backend?: string; rotated?: boolean } = {}) {
  const calls = { decrypt: 0, encrypt: 0 };
  return {
    calls,
    isAsyncEncryptionAvailable: async () => opts.available ?? true,
    getSelectedStorageBackend: () => (opts.backend ?? 'gnome_libsecret') as never,
    encryptStringAsync: async (s: string) => {
      calls.encrypt++;
      return Buffer.from(`sealed:${Buffer.from(s).reverse().toString('hex')}`);
    },
    decryptStringAsync: async (b: Buffer) => {
      calls.decrypt++;
      const text = b.toString();
      if (!text.startsWith('sealed:')) throw new Error('not ours');
      return { result: Buffer.from(text.slice(7), 'hex').reverse().toString(), shouldReEncrypt: opts.rotated ?? false };
    },
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wxdesk-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('FileSecretBox', () => {
  it('keeps secrets in their own file, readable by the owner only', () => {
    const box = new FileSecretBox(dir);
    box.set(APPID, SECRET);
    expect(box.get(APPID)).toBe(SECRET);
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    box.delete(APPID);
    expect(box.has(APPID)).toBe(false);
  });

  it('the shared store never holds the secret', async () => {
    const accounts = new AccountService(new FileBackend({ dataDir: dir }), new FileSecretBox(dir));
    await accounts.save({ appId: APPID, secret: SECRET });
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).not.toContain(SECRET);
    expect(JSON.stringify(accounts.list())).not.toContain(SECRET);
    expect(accounts.list()[0]!.hasSecret).toBe(true);
  });

  it('says plainly when the secret is sealed by the desktop app', async () => {
    const sealed = await KeychainSecretBox.open(dir, standInSafeStorage(), 'linux');
    await sealed.set(APPID, SECRET);
    const backend = new FileBackend({ dataDir: dir });
    await backend.update(APPID, () => ({ account: { appId: APPID, label: '', serverToken: '', aesKey: '', mode: 'stable', apiBase: 'https://api.weixin.qq.com', autoRefresh: true, createdAt: 1, updatedAt: 1 } }));
    const cli = new AccountService(backend, new FileSecretBox(dir));
    let err: unknown;
    try {
      cli.secret(APPID);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WxError);
    expect((err as WxError).code).toBe('NO_SECRET');
    expect((err as WxError).message).toMatch(/sealed in the desktop app/);
    expect((err as WxError).message).toContain(`wxdesk accounts update ${APPID} --secret`);
  });
  it('removing an account from the CLI removes the desktop\'s sealed copy too', async () => {
    const sealed = await KeychainSecretBox.open(dir, standInSafeStorage(), 'linux');
    await sealed.set(APPID, SECRET);
    const sealedFile = join(dir, 'secrets.sealed.json');
    expect(readFileSync(sealedFile, 'utf8')).toContain(APPID);
    const backend = new FileBackend({ dataDir: dir });
    await backend.update(APPID, () => ({ account: { appId: APPID, label: '', serverToken: '', aesKey: '', mode: 'stable', apiBase: 'https://api.weixin.qq.com', autoRefresh: true, createdAt: 1, updatedAt: 1 } }));
    await new AccountService(backend, new FileSecretBox(dir)).remove(APPID);
    expect(readFileSync(sealedFile, 'utf8')).not.toContain(APPID);
  });
});

describe('KeychainSecretBox', () => {
  it('seals with safeStorage: the file never holds the secret in the clear', async () => {
    const box = await KeychainSecretBox.open(dir, standInSafeStorage(), 'linux');
    expect(box.protection).toBe('keychain');
    await box.set(APPID, SECRET);
    expect(readFileSync(join(dir, 'secrets.sealed.json'), 'utf8')).not.toContain(SECRET);
    expect(box.get(APPID)).toBe(SECRET);
    expect(statSync(join(dir, 'secrets.sealed.json')).mode & 0o777).toBe(0o600);
  });

  it('opens every secret once at start; listing and reading never ask the keychain again', async () => {
    await (await KeychainSecretBox.open(dir, standInSafeStorage(), 'linux')).set(APPID, SECRET);
    const storage = standInSafeStorage();
    const box = await KeychainSecretBox.open(dir, storage, 'linux');
    expect(storage.calls.decrypt).toBe(1);
    const accounts = new AccountService(new FileBackend({ dataDir: dir }), box);
    await accounts.save({ appId: APPID, secret: SECRET, label: 'x' });
    for (let i = 0; i < 100; i++) {
      expect(box.has(APPID)).toBe(true);
      expect(box.get(APPID)).toBe(SECRET);
      accounts.list();
    }
    expect(storage.calls.decrypt).toBe(1);
  });

  it('a secret whose keychain key rotated is sealed again', async () => {
    await (await KeychainSecretBox.open(dir, standInSafeStorage(), 'linux')).set(APPID, SECRET);
    const storage = standInSafeStorage({ rotated: true });
    const box = await KeychainSecretBox.open(dir, storage, 'linux');
    expect(storage.calls.encrypt).toBe(1);
    expect(box.get(APPID)).toBe(SECRET);
  });

  it('reports basic_text on Linux as obfuscated, so the UI can say so', async () => {
    expect((await KeychainSecretBox.open(dir, standInSafeStorage({ backend: 'basic_text' }), 'linux')).protection).toBe('obfuscated');
  });

  it('refuses to store a secret when the OS offers no encryption: never plaintext', async () => {
    const box = await KeychainSecretBox.open(dir, standInSafeStorage({ available: false }), 'linux');
    expect(box.protection).toBe('unavailable');
    await expect(box.set(APPID, SECRET)).rejects.toThrow(/will not store an AppSecret in plain text/);
    expect(box.has(APPID)).toBe(false);
  });

  it('a secret sealed elsewhere (another user, another keyring) reads as missing, not as garbage', async () => {
    const box = await KeychainSecretBox.open(dir, standInSafeStorage(), 'linux');
    await box.set(APPID, SECRET);
    const other = await KeychainSecretBox.open(dir, { ...standInSafeStorage(), decryptStringAsync: async () => { throw new Error('cannot'); } }, 'linux');
    expect(other.get(APPID)).toBeUndefined();
    expect(other.has(APPID)).toBe(false);
  });
});

describe('LayeredSecretBox (desktop)', () => {
  it('uses secrets the CLI saved, and drops the file copy once the desktop seals a new one', async () => {
    const file = new FileSecretBox(dir);
    file.set(APPID, SECRET);
    const layered = new LayeredSecretBox(await KeychainSecretBox.open(dir, standInSafeStorage(), 'linux'), file);
    expect(layered.get(APPID)).toBe(SECRET);
    const next = 'dd00112233445566778899aabbccddee';
    await layered.set(APPID, next);
    expect(layered.get(APPID)).toBe(next);
    expect(file.has(APPID)).toBe(false);
    layered.delete(APPID);
    expect(layered.has(APPID)).toBe(false);
  });
  it('keeps each secret with the API base it was saved for, sealed or not, and a rotation keeps the base (issue 20, item 1a)', async () => {
    const file = new FileSecretBox(dir);
    file.set(APPID, SECRET, 'https://api.weixin.qq.com');
    const keychain = await KeychainSecretBox.open(dir, standInSafeStorage(), 'linux');
    const layered = new LayeredSecretBox(keychain, file);
    expect(layered.bound(APPID)).toEqual({ secret: SECRET, apiBase: 'https://api.weixin.qq.com' });
    const next = 'dd00112233445566778899aabbccddee';
    await layered.set(APPID, next, 'http://127.0.0.1:9');
    // Secret and base come from the sealed file together; the file copy and its base are gone.
    expect(layered.bound(APPID)).toEqual({ secret: next, apiBase: 'http://127.0.0.1:9' });
    expect(file.bound(APPID)).toBeUndefined();
    expect(JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')).bases).toEqual({});
    layered.bind(APPID, 'https://api2.weixin.qq.com');
    const reopened = await KeychainSecretBox.open(dir, standInSafeStorage({ rotated: true }), 'linux');
    expect(reopened.bound(APPID)).toEqual({ secret: next, apiBase: 'https://api2.weixin.qq.com' });
    reopened.delete(APPID);
    expect(JSON.parse(readFileSync(join(dir, 'secrets.sealed.json'), 'utf8'))).toMatchObject({ sealed: {}, bases: {} });
  });
});
