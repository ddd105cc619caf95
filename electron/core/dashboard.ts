// The handler table behind DashboardApi. IPC (electron/ipc.ts) and HTTP (electron/host/dashboard-routes.ts)
// are two transports over this one table: arguments arrive as untrusted JSON values and are checked
// here, errors leave as ErrorView values. Neither transport adds logic.
import type {
  AccountInput,
  AccountView,
  AppInfo,
  CopyFormat,
  CopyResult,
  DashboardApi,
  DashboardEvent,
  DashboardMethod,
  DesktopCommand,
  ErrorView,
  HistoryView,
  SettingsView,
  TokenView,
} from '../contract';
import { accountInputArg, appIdArg, formatArg, noArgs, settingsArg, stringsArg, ticketTypeArg } from './dashboard-args';
import { consoleInputArg } from './console/input';
import { followersArg } from './simulator/followers';
import { pushInputArg } from './simulator/input';
import { menuHandlers } from './menu/handlers';
import { choresHandlers } from './chores/handlers';
import { WxError, invalidInput } from './errors';
import { GuardedEmitter } from './guarded-emitter';
import { decryptMessage, encryptMessage } from './msgcrypt';
import { probeSettings, runProbe, withAccount } from './probe/probe';
import { jssdkSignature, msgSignature, parseCallback, serverSignature, wxConfigSnippet, wxConfigTimestamp } from './signature';
import type { Core } from './services';
import { shellQuote } from './shell-quote';
import { redactRedisUrl } from './state/redis-url';
import { OFFICIAL_API_BASES } from './validate';

export type Handlers = {
  [K in DashboardMethod]: (...args: unknown[]) => Promise<Awaited<ReturnType<DashboardApi[K]>>>;
};

export interface DashboardDeps {
  core: Core;
  host: AppInfo['host'];
  version: string;
  /** The desktop writes to the system clipboard in the main process; the browser host cannot. */
  clipboard?: (text: string) => void;
  endpointUrl?: () => string | null;
  /** Told when settings change (the desktop starts or stops its local endpoint). */
  onSettings?: (s: SettingsView) => void | Promise<void>;
}

/** Any failure as it crosses a transport. Unknown throws become INTERNAL, never a stack trace. */
export function errorView(e: unknown): ErrorView {
  if (e instanceof WxError) return e.view();
  return new WxError('INTERNAL', { detail: e instanceof Error ? e.message : String(e) }).view();
}

// ---- the table --------------------------------------------------------------------------------

export class Dashboard {
  readonly handlers: Handlers;
  private readonly events = new GuardedEmitter<{ event: [DashboardEvent] }>();
  private readonly deps: DashboardDeps;

  constructor(deps: DashboardDeps) {
    this.deps = deps;
    const { core } = deps;
    // A subscriber that throws (a window or event stream gone) is a notice, never an exception in the emitter.
    this.events.onListenerError = (e) => core.report(e);
    core.keeper.on('change', ({ appId, reason }) => {
      this.emit(reason === 'account' ? { type: 'accounts' } : { type: 'token', appId });
    });
    core.backend.onNotice(() => this.emit({ type: 'notice' }));
    core.console.on('change', (appId) => this.emit({ type: 'console', appId }));
    core.simulator.on('change', (appId) => this.emit({ type: 'simulator', appId }));
    core.menu.on('change', (appId, change) => this.emit({ type: 'menu', appId, change }));
    core.chores.on('change', (appId) => this.emit({ type: 'chores', appId }));
    this.handlers = {
      ...menuHandlers(core),
      ...choresHandlers(core),
      info: async (...args) => {
        noArgs(args, 0);
        return this.info();
      },
      listAccounts: async (...args) => {
        noArgs(args, 0);
        return core.accounts.list() satisfies AccountView[];
      },
      saveAccount: async (...args) => {
        noArgs(args, 1);
        return core.accounts.save(accountInputArg(args[0]));
      },
      removeAccount: async (...args) => {
        noArgs(args, 1);
        return core.accounts.remove(appIdArg(args[0]));
      },
      token: async (...args) => {
        noArgs(args, 1);
        return this.tokenView(appIdArg(args[0]));
      },
      tokens: async (...args) => {
        noArgs(args, 0);
        return core.accounts.list().map((a) => this.tokenView(a.appId));
      },
      refresh: async (...args) => {
        noArgs(args, 1);
        const appId = appIdArg(args[0]);
        await core.keeper.refresh(appId, 'manual');
        return this.tokenView(appId);
      },
      forceRefresh: async (...args) => {
        noArgs(args, 1);
        const appId = appIdArg(args[0]);
        await core.keeper.forceRefresh(appId);
        return this.tokenView(appId);
      },
      history: async (...args) => {
        noArgs(args, 1);
        const appId = appIdArg(args[0]);
        core.accounts.require(appId);
        return core.keeper.history(appId) satisfies HistoryView[];
      },
      copy: async (...args) => {
        noArgs(args, 2);
        return this.copy(appIdArg(args[0]), formatArg(args[1]));
      },
      getSettings: async (...args) => {
        noArgs(args, 0);
        return this.settings();
      },
      signServer: async (...args) => {
        noArgs(args, 1);
        return serverSignature(stringsArg(args[0], ['token', 'timestamp', 'nonce'], ['signature']));
      },
      signMessage: async (...args) => {
        noArgs(args, 1);
        return msgSignature(stringsArg(args[0], ['token', 'timestamp', 'nonce', 'encrypt'], ['signature']));
      },
      signJssdk: async (...args) => {
        noArgs(args, 1);
        return jssdkSignature(stringsArg(args[0], ['ticket', 'noncestr', 'timestamp', 'url'], ['signature']));
      },
      encryptMessage: async (...args) => {
        noArgs(args, 1);
        const input = stringsArg(args[0], ['aesKey', 'appId', 'message'], ['random']);
        const encrypt = encryptMessage(input);
        // Decrypting back reports the prefix and padding used, and proves the round trip.
        const { random, padding } = decryptMessage({ aesKey: input.aesKey, encrypt, appId: input.appId });
        return { encrypt, random, padding };
      },
      decryptMessage: async (...args) => {
        noArgs(args, 1);
        return decryptMessage(stringsArg(args[0], ['aesKey', 'encrypt'], ['appId']));
      },
      parseCallback: async (...args) => {
        noArgs(args, 1);
        if (typeof args[0] !== 'string' || args[0].length > 262_144) throw invalidInput('Paste a callback URL, a query string or a raw HTTP request (text, 256 KB at most).', '请粘贴回调 URL、查询字符串或原始 HTTP 请求（文本，最多 256 KB）。');
        return parseCallback(args[0]);
      },
      ticket: async (...args) => {
        noArgs(args, 2);
        const appId = appIdArg(args[0]);
        const type = ticketTypeArg(args[1]);
        const t = await core.keeper.ticket(appId, type);
        return { appId, type, ticket: t.ticket, expiresAt: t.expiresAt };
      },
      wxConfig: async (...args) => {
        noArgs(args, 1);
        if (typeof args[0] !== 'object' || args[0] === null) throw invalidInput('Expected an object with appId and url.', '应传入包含 appId 和 url 的对象。');
        const { jsApiList, ...rest } = args[0] as { jsApiList?: unknown };
        if (jsApiList !== undefined && (!Array.isArray(jsApiList) || jsApiList.length > 100 || jsApiList.some((x) => typeof x !== 'string' || x.length > 64))) {
          throw invalidInput('jsApiList must be a list of API names.', 'jsApiList 应为由接口名组成的列表。');
        }
        const input = stringsArg(rest, ['appId', 'url'], ['noncestr', 'timestamp']);
        const appId = appIdArg(input.appId);
        // Input faults first: a bad timestamp must not cost a token and a ticket upstream.
        wxConfigTimestamp(input.timestamp);
        const { ticket } = await core.keeper.ticket(appId, 'jsapi');
        return { snippet: wxConfigSnippet({ ...input, appId, ticket, ...(jsApiList ? { jsApiList: jsApiList as string[] } : {}) }) };
      },
      probe: async (...args) => {
        noArgs(args, 1);
        // What the input leaves out comes from the account named: its message mode above all.
        const input = withAccount(args[0], (id) => core.accounts.get(id));
        const settings = probeSettings(input);
        // Remembered before the run, so the tab finds the URL again whatever the result.
        if (settings.account && (await core.accounts.rememberCallbackUrl(settings.account, settings.url.toString()))) this.emit({ type: 'accounts' });
        return runProbe(input, { onProgress: (report) => this.emit({ type: 'probe', report }) });
      },
      consoleSend: async (...args) => {
        noArgs(args, 1);
        return core.console.send(consoleInputArg(args[0]));
      },
      consoleHistory: async (...args) => {
        noArgs(args, 1);
        return core.console.history(appIdArg(args[0]));
      },
      consoleCurl: async (...args) => {
        noArgs(args, 2);
        if (typeof args[1] !== 'boolean') throw invalidInput('The second argument says whether to reveal the token: true or false.', '第二个参数表示是否显示真实 token，只能是 true 或 false。');
        return this.copyText(await core.console.curl(consoleInputArg(args[0]), args[1]));
      },
      quota: async (...args) => {
        noArgs(args, 2);
        if (args[1] !== undefined && args[1] !== null && typeof args[1] !== 'string') throw invalidInput('The API path must be text, e.g. /cgi-bin/menu/create.', '接口路径应为文本，例如 /cgi-bin/menu/create。');
        return core.console.quota(appIdArg(args[0]), (args[1] as string | null | undefined) ?? undefined);
      },
      lookupRid: async (...args) => {
        noArgs(args, 2);
        if (typeof args[1] !== 'string') throw invalidInput('Give the rid as text (the end of WeChat\'s errmsg).', 'rid 应为文本（即微信 errmsg 末尾的那一段）。');
        return core.console.rid(appIdArg(args[0]), args[1]);
      },
      clearQuota: async (...args) => {
        noArgs(args, 1);
        return core.console.clearQuota(appIdArg(args[0]));
      },
      simulatorPreview: async (...args) => {
        noArgs(args, 1);
        return core.simulator.preview(pushInputArg(args[0]));
      },
      simulatorSend: async (...args) => {
        noArgs(args, 1);
        return core.simulator.send(pushInputArg(args[0]));
      },
      simulatorRetry: async (...args) => {
        noArgs(args, 1);
        return core.simulator.retry(pushInputArg(args[0]));
      },
      simulatorLog: async (...args) => {
        noArgs(args, 1);
        return core.simulator.log(appIdArg(args[0]));
      },
      simulatorClearLog: async (...args) => {
        noArgs(args, 1);
        core.simulator.clearLog(appIdArg(args[0]));
      },
      simulatorFollowers: async (...args) => {
        noArgs(args, 1);
        return core.simulator.followers(appIdArg(args[0]));
      },
      simulatorSaveFollowers: async (...args) => {
        noArgs(args, 2);
        const appId = appIdArg(args[0]);
        return core.simulator.saveFollowers(appId, followersArg(args[1]));
      },
      saveSettings: async (...args) => {
        noArgs(args, 1);
        const patch = settingsArg(args[0]);
        // Endpoint changes are applied first (the desktop starts or stops its endpoint) and saved
        // only once that worked; a language change never touches the endpoint.
        if (patch.endpointEnabled !== undefined || patch.endpointPort !== undefined || patch.startAtLogin !== undefined) await deps.onSettings?.({ ...this.settings(), ...patch });
        await core.backend.updateSettings(patch);
        this.emit({ type: 'settings' });
        return this.settings();
      },
    };
  }

  /** State changes for the renderer (IPC sends them to the window, HTTP as server-sent events). */
  subscribe(listener: (e: DashboardEvent) => void): () => void {
    this.events.on('event', listener);
    return () => this.events.off('event', listener);
  }

  /** The desktop's menu, shortcuts and tray: the page carries the command out. */
  command(c: DesktopCommand): void {
    this.emit({ type: 'command', command: c });
  }

  private emit(e: DashboardEvent): void {
    this.events.emit('event', e);
  }

  private info(): AppInfo {
    return {
      version: this.deps.version,
      host: this.deps.host,
      dataDir: this.deps.core.dataDir,
      secretProtection: this.deps.core.accounts.secretProtection,
      endpointUrl: this.deps.endpointUrl?.() ?? null,
      officialApiBases: OFFICIAL_API_BASES,
      notices: [...this.deps.core.backend.notices()],
      team: this.deps.core.backend.shared ? { server: this.deps.core.backend.location, online: !this.deps.core.backend.offline?.() } : null,
    };
  }

  private settings(): SettingsView {
    const s = this.deps.core.backend.settings();
    return {
      locale: s.locale ?? 'auto',
      endpointEnabled: s.endpointEnabled ?? false,
      endpointPort: s.endpointPort ?? 7300,
      notifications: s.notifications ?? true,
      startAtLogin: s.startAtLogin ?? false,
      teamRedisUrl: s.teamRedisUrl ? redactRedisUrl(s.teamRedisUrl) : '',
    };
  }

  private tokenView(appId: string): TokenView {
    const { core } = this.deps;
    const account = core.accounts.require(appId);
    const s = core.keeper.state(appId);
    return {
      appId,
      mode: account.mode,
      token: s.token?.token ?? null,
      obtainedAt: s.token?.obtainedAt ?? null,
      expiresAt: s.token?.expiresAt ?? null,
      status: s.status,
      refreshing: s.refreshing,
      nextRefreshAt: s.nextRefreshAt ?? null,
      lastError: s.lastError ? { ...s.lastError.error, at: s.lastError.at, trigger: s.lastError.trigger } : null,
      force: s.force,
      serverNow: core.keeper.now(),
    };
  }

  private async copy(appId: string, format: CopyFormat): Promise<CopyResult> {
    const { core } = this.deps;
    const account = core.accounts.require(appId);
    const { token } = await core.keeper.get(appId);
    const text =
      format === 'raw'
        ? token
        : format === 'param'
          ? `access_token=${token}`
          : // One quoted word: neither a stored API base nor a token a custom base returned can reach the shell.
            `curl ${shellQuote(`${account.apiBase}/cgi-bin/getcallbackip?access_token=${encodeURIComponent(token)}`)}`;
    return this.copyText(text);
  }

  /** The desktop copies in the main process; the browser host hands the text back to the page. */
  private copyText(text: string): CopyResult {
    if (this.deps.clipboard) {
      this.deps.clipboard(text);
      return { text, copied: true };
    }
    return { text, copied: false };
  }
}
