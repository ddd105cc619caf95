// Wiring, split out of main.ts (issue 22, item 16): the desktop's core over its data folder, the
// same core the CLI and `wxdesk serve` run; secrets sealed with safeStorage (the keychain box) over
// the CLI's file box, config.json written through electron-store, and team mode from the settings.
import type { SafeStorage } from 'electron';
import Store from 'electron-store';
import { join } from 'node:path';
import type { StoreNotice } from '../contract';
import { bindUnboundSecrets, FileSecretBox, LayeredSecretBox } from '../core/secrets';
import { createCore, type Core } from '../core/services';
import { FileBackend } from '../core/state/file-backend';
import { FileLock } from '../core/state/lock';
import { openRedisBackend } from '../core/state/redis-backend';
import { confOptions, type ConfLike } from '../core/store';
import { teamRedisUrl } from '../core/team-url';
import { KeychainSecretBox } from '../keychain-box';
import { noticeLine } from '../shell/notify';

export interface OpenedCore {
  core: Core;
  /** This machine's own files (the team URL is saved here, never in Redis). */
  files: FileBackend;
  box: LayeredSecretBox;
}

export async function openCore(dataDir: string, safeStorage: SafeStorage): Promise<OpenedCore> {
  // Damage found while the keychain box opens is told once the store can show notices.
  const early: StoreNotice[] = [];
  let sink: ((n: StoreNotice) => void) | undefined;
  const onDamage = (n: StoreNotice) => (sink ? sink(n) : early.push(n));
  const keychain = await KeychainSecretBox.open(dataDir, safeStorage, process.platform, onDamage);

  // The token cache stays in electron-store: config.json is written through it. It is opened at
  // the first write, after the state layer has read the file (and moved it aside if damaged).
  let conf: ConfLike | undefined;
  const writeConfig = (doc: ConfLike['store']) => {
    conf ??= new Store({ ...confOptions, cwd: dataDir }) as unknown as ConfLike;
    conf.store = doc;
  };
  // Team mode (a Redis URL in the settings): this data dir becomes a mirror of the team's state.
  const files = new FileBackend({ dataDir, writeConfig, locker: new FileLock(join(dataDir, 'locks')) });
  const box = new LayeredSecretBox(keychain, new FileSecretBox(dataDir, { onDamage }));
  const teamUrl = await teamRedisUrl(files, box);
  // Secrets saved before bases were kept are bound to this data dir's bases before any record from Redis is seen.
  if (teamUrl) await bindUnboundSecrets(box, files.entries());
  const shared = teamUrl ? await openRedisBackend({ url: teamUrl, local: files, waitMs: 3_000, secrets: box }) : undefined;
  const core = createCore({
    dataDir,
    backend: shared ?? files,
    files,
    secrets: () => {
      sink = (n) => files.notice(n);
      for (const n of early.splice(0)) sink(n);
      return box;
    },
  });
  if (shared) await core.accounts.ensureSecretChecks();
  core.backend.onNotice((n) => console.error(noticeLine(n)));
  // Read once now: a damaged config.json is moved aside (and shown in the dashboard) before electron-store opens it.
  core.backend.entries();
  return { core, files, box };
}
