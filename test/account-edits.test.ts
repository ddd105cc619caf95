// AccountService.save against edits another process makes meanwhile: the record is built inside
// the store transaction, so a field changed elsewhere (the probe's callback URL, another form's
// edit, the account's host) is never written back with its old value.
//
// The desktop's keychain box seals a secret asynchronously, so a save that carries a secret waits
// between its checks and its write: the widest window there is. The keychain cannot run here; the
// box below is the file box with the desktop's asynchronous set(), released by the test.
import { afterAll, describe, expect, it } from 'vitest';
import { AccountService } from '../electron/core/accounts';
import { FileSecretBox, type SecretBox } from '../electron/core/secrets';
import { FileBackend } from '../electron/core/state/file-backend';
import { APPID, SECRET, removeTempDirs, tempDir } from './fixtures/core';

afterAll(() => removeTempDirs());

const NEW_SECRET = 'abcdef0123456789abcdef0123456789';

/** The file box, sealing asynchronously like the desktop's keychain box: set() ends when release() is called. */
class SlowSealBox implements SecretBox {
  readonly protection = 'keychain';
  private readonly file: FileSecretBox;
  private pending: (() => void)[] = [];
  constructor(dataDir: string) {
    this.file = new FileSecretBox(dataDir);
  }
  has = (id: string) => this.file.has(id);
  get = (id: string) => this.file.get(id);
  delete = (id: string) => this.file.delete(id);
  bound = (id: string, fresh?: boolean) => this.file.bound(id, fresh);
  bind = (id: string, apiBase: string) => this.file.bind(id, apiBase);
  bindAll = (bases: ReadonlyMap<string, string>) => this.file.bindAll(bases);
  set(id: string, secret: string, apiBase?: string): Promise<void> {
    return new Promise((resolve) => this.pending.push(() => resolve(this.file.set(id, secret, apiBase))));
  }
  /** Ends every set() under way. */
  release(): void {
    for (const done of this.pending.splice(0)) done();
  }
}

/** One process's view of a data dir: its own backend (snapshot) and account service. */
function processOn(dataDir: string, box: SecretBox = new FileSecretBox(dataDir)): AccountService {
  return new AccountService(new FileBackend({ dataDir }), box);
}

describe('AccountService.save beside another process', () => {
  it('edits of other fields made while a save is under way are all kept (the probe\'s callbackUrl, another form\'s server token)', async () => {
    const dataDir = tempDir();
    const box = new SlowSealBox(dataDir);
    const desktop = processOn(dataDir, box);
    const cli = processOn(dataDir);
    await cli.save({ appId: APPID, secret: SECRET, label: 'before' });
    // The desktop saves a new label and secret; while the keychain seals it, the CLI records a
    // probed callback URL and edits the server token.
    const saving = desktop.save({ appId: APPID, secret: NEW_SECRET, label: 'after' });
    await cli.rememberCallbackUrl(APPID, 'https://example.com/wx');
    await cli.save({ appId: APPID, serverToken: 'tok123' });
    box.release();
    const saved = await saving;
    const expected = { label: 'after', serverToken: 'tok123', callbackUrl: 'https://example.com/wx' };
    expect(saved).toMatchObject(expected);
    expect(processOn(dataDir).get(APPID)).toMatchObject(expected);
  });

  it('a mode changed by another process meanwhile stays changed', async () => {
    const dataDir = tempDir();
    const box = new SlowSealBox(dataDir);
    const desktop = processOn(dataDir, box);
    const cli = processOn(dataDir);
    await cli.save({ appId: APPID, secret: SECRET, mode: 'stable' });
    const saving = desktop.save({ appId: APPID, secret: NEW_SECRET, label: 'renamed' });
    await cli.save({ appId: APPID, mode: 'classic' });
    box.release();
    await saving;
    expect(processOn(dataDir).get(APPID)).toMatchObject({ label: 'renamed', mode: 'classic' });
  });
});
