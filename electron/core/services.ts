// Wires the core services for one data directory. The CLI, `wxdesk serve`, the desktop main process
// and the tests all build the same graph here, differing only in what they inject.
import { join } from 'node:path';
import type { Dispatcher } from 'undici';
import { AccountService } from './accounts';
import type { Clock } from './clock';
import { TokenKeeper, type RetryPolicy } from './keeper/keeper';
import { FileSecretBox, type SecretBox } from './secrets';
import type { StateBackend } from './state/backend';
import { FileBackend, type ConfigDoc } from './state/file-backend';
import { FileLock, type Locker } from './state/lock';
import { WeChatClient, type WeChatApi } from './wechat';

export interface CoreOptions {
  dataDir: string;
  /** Another backend (tests, a shared one); by default the files in dataDir. */
  backend?: StateBackend;
  /** The desktop writes config.json through its electron-store; by default an atomic write. */
  writeConfig?: (doc: ConfigDoc) => void;
  /** The desktop passes its keychain box; by default a 0600 file in dataDir. */
  secrets?: SecretBox | ((backend: FileBackend | undefined) => SecretBox);
  clock?: Clock;
  dispatcher?: Dispatcher;
  /** A stand-in for the WeChat client (tests of faults the fake API cannot produce). */
  client?: WeChatApi & { close?(): Promise<void> };
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  locker?: Locker;
}

export interface Core {
  dataDir: string;
  backend: StateBackend;
  accounts: AccountService;
  keeper: TokenKeeper;
  client: WeChatApi;
  close(): Promise<void>;
}

export function createCore(opts: CoreOptions): Core {
  const files =
    opts.backend instanceof FileBackend
      ? opts.backend
      : opts.backend
        ? undefined
        : new FileBackend({ dataDir: opts.dataDir, clock: opts.clock, writeConfig: opts.writeConfig, locker: opts.locker ?? new FileLock(join(opts.dataDir, 'locks')) });
  const backend = opts.backend ?? files!;
  const clock = opts.clock;
  const secrets =
    typeof opts.secrets === 'function'
      ? opts.secrets(files)
      : (opts.secrets ?? new FileSecretBox(opts.dataDir, { onDamage: files && ((n) => files.notice(n)) }));
  const accounts = new AccountService(backend, secrets, clock ? () => clock.now() : Date.now);
  const client = opts.client ?? new WeChatClient({ dispatcher: opts.dispatcher, timeoutMs: opts.timeoutMs });
  const keeper = new TokenKeeper({ backend, accounts, client, clock, retry: opts.retry });
  return {
    dataDir: opts.dataDir,
    backend,
    accounts,
    keeper,
    client,
    async close() {
      keeper.stop();
      await client.close?.();
      await backend.close();
    },
  };
}
