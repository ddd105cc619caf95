// Wires the core services for one data directory. The CLI, `wxdesk serve`, the desktop main process
// and the tests all build the same graph here, differing only in what they inject.
import { join } from 'node:path';
import { AccountService } from './accounts';
import type { Clock } from './clock';
import { ApiConsole } from './console/console';
import { ConsoleLog } from './console/log';
import { toWxError } from './errors';
import { TokenKeeper, type RetryPolicy } from './keeper/keeper';
import { FileSecretBox, type SecretBox } from './secrets';
import type { StateBackend } from './state/backend';
import { FileBackend, type ConfigDoc } from './state/file-backend';
import { FileLock, type Locker } from './state/lock';
import { Simulator } from './simulator/simulator';
import { MenuDrafts } from './menu/drafts';
import { MenuService } from './menu/service';
import { ChoresService } from './chores/service';
import { MediaUploads } from './chores/uploads';
import { WeChatClient, type WeChatApi } from './wechat';

export interface CoreOptions {
  dataDir: string;
  /** Another backend (tests, a shared one); by default the files in dataDir. */
  backend?: StateBackend;
  /** With a shared backend: this machine's files under it (secrets' damage notices go there). */
  files?: FileBackend;
  /** The desktop writes config.json through its electron-store; by default an atomic write. */
  writeConfig?: (doc: ConfigDoc) => void;
  /** The desktop passes its keychain box; by default a 0600 file in dataDir. */
  secrets?: SecretBox | ((backend: FileBackend | undefined) => SecretBox);
  clock?: Clock;
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
  /** The API console: any WeChat API with the live token, quota, rid, clear_quota. */
  console: ApiConsole;
  /** The phone simulator: pushes to the account's callback URL, as WeChat sends them. */
  simulator: Simulator;
  /** The menu editor: live menu, drafts, diff, publish, conditional menus. */
  menu: MenuService;
  /** Followers, templates, QR codes and media (issue 25). */
  chores: ChoresService;
  /** Records a fault WxDesk carried on through as a notice (this data dir's; a process warning without one). */
  report(e: unknown): void;
  close(): Promise<void>;
}

/** How long close() waits for a refresh in flight: a stuck socket must not keep a process from ending. */
export const CLOSE_WAIT_MS = 3_000;

async function waitAtMost(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([work, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

export function createCore(opts: CoreOptions): Core {
  const files =
    opts.backend instanceof FileBackend
      ? opts.backend
      : opts.backend
        ? opts.files
        : new FileBackend({ dataDir: opts.dataDir, clock: opts.clock, writeConfig: opts.writeConfig, locker: opts.locker ?? new FileLock(join(opts.dataDir, 'locks')) });
  const backend = opts.backend ?? files!;
  const clock = opts.clock;
  const secrets =
    typeof opts.secrets === 'function'
      ? opts.secrets(files)
      : (opts.secrets ?? new FileSecretBox(opts.dataDir, { onDamage: files && ((n) => files.notice(n)) }));
  const report = (e: unknown) => (files ? files.fault(e) : process.emitWarning(toWxError(e).message));
  const accounts = new AccountService(backend, secrets, clock ? () => clock.now() : Date.now);
  const client = opts.client ?? new WeChatClient({ timeoutMs: opts.timeoutMs });
  const keeper = new TokenKeeper({ backend, accounts, client, clock, retry: opts.retry, report });
  // A stand-in client (tests of token faults) still leaves the console a real one.
  const http = client instanceof WeChatClient ? client : new WeChatClient({ timeoutMs: opts.timeoutMs });
  const log = new ConsoleLog(opts.dataDir, files && ((n) => files.notice(n)));
  const apiConsole = new ApiConsole({ accounts, keeper, http, log, clock });
  const simulator = new Simulator({ accounts, dataDir: opts.dataDir, ...(clock ? { clock } : {}), ...(files ? { onDamage: (n) => files.notice(n) } : {}) });
  const drafts = new MenuDrafts(opts.dataDir, files && ((n) => files.notice(n)));
  const menu = new MenuService({ accounts, console: apiConsole, drafts, clock });
  const uploads = new MediaUploads(opts.dataDir, files && ((n) => files.notice(n)));
  const chores = new ChoresService({ accounts, console: apiConsole, uploads, ...(clock ? { clock } : {}) });
  // Listeners of the core's events that throw are notices, never exceptions in the emitter.
  for (const emitter of [accounts, keeper, apiConsole, simulator, menu, chores]) emitter.onListenerError = report;
  accounts.on('change', ({ appId, removed }) => {
    if (!removed) return;
    try {
      void Promise.resolve(log.forget(appId)).catch(() => undefined);
    } catch {
      // Unwritable: the lines stay, and are shown again only if the same AppID is added back.
    }
    // A draft left behind is a notice (it would come back if the same AppID were added again).
    drafts.forget(appId).catch(report);
    uploads.forget(appId).catch(report);
  });
  return {
    dataDir: opts.dataDir,
    backend,
    accounts,
    keeper,
    client,
    console: apiConsole,
    simulator,
    menu,
    chores,
    report,
    async close() {
      keeper.stop();
      // A refresh in flight finishes (its token stored, its history line written) before the client
      // and the store close under it: in classic mode WeChat has already retired the old token.
      await waitAtMost(keeper.idle(), CLOSE_WAIT_MS);
      await client.close?.();
      if (http !== client) await http.close();
      await backend.close();
    },
  };
}
