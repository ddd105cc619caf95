// Wires the core services for one data directory. The CLI, `wxdesk serve`, the desktop main process
// and the tests all build the same graph here, differing only in what they inject.
import { join } from 'node:path';
import type { Dispatcher } from 'undici';
import { AccountService } from './accounts';
import type { Clock } from './clock';
import { FileLock, type Locker } from './lock';
import { FileSecretBox, type SecretBox } from './secrets';
import { WxStore, openConf, type ConfLike } from './store';
import { TokenKeeper, type RetryPolicy } from './tokens';
import { WeChatClient } from './wechat';

export interface CoreOptions {
  dataDir: string;
  /** The desktop passes its electron-store; by default a conf store in dataDir. */
  conf?: ConfLike;
  /** The desktop passes its keychain box; by default a 0600 file in dataDir. */
  secrets?: SecretBox;
  clock?: Clock;
  dispatcher?: Dispatcher;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  locker?: Locker;
}

export interface Core {
  dataDir: string;
  store: WxStore;
  accounts: AccountService;
  keeper: TokenKeeper;
  client: WeChatClient;
  close(): Promise<void>;
}

export function createCore(opts: CoreOptions): Core {
  const store = new WxStore(opts.conf ?? openConf(opts.dataDir));
  const clock = opts.clock;
  const accounts = new AccountService(store, opts.secrets ?? new FileSecretBox(opts.dataDir), clock ? () => clock.now() : Date.now);
  const client = new WeChatClient({ dispatcher: opts.dispatcher, timeoutMs: opts.timeoutMs });
  const keeper = new TokenKeeper({
    store,
    accounts,
    client,
    locker: opts.locker ?? new FileLock(join(opts.dataDir, 'locks')),
    clock,
    retry: opts.retry,
  });
  return {
    dataDir: opts.dataDir,
    store,
    accounts,
    keeper,
    client,
    async close() {
      keeper.stop();
      await client.close();
    },
  };
}
