// The Electron main process: lifecycle, the window, the menu, the tray, notifications, the
// single-instance lock, safeStorage and the clipboard. Wiring only: every decision (window options
// and state, permissions, navigation, menu and tray templates, the notification rule, start-failure
// text) is a plain function in electron/shell/, tested in Node; the token keeper, the handler table
// and the local endpoint are the same core the CLI and `wxdesk serve` run.
import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, nativeImage, net, Notification, powerMonitor, protocol, safeStorage, screen, session, shell, Tray, type Session } from 'electron';
import Store from 'electron-store';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DesktopCommand, Lang, SettingsView, StoreNotice } from './contract';
import { Dashboard } from './core/dashboard';
import { localeFrom } from './core/errors';
import { resolveUnder } from './core/paths';
import { bindUnboundSecrets, FileSecretBox, LayeredSecretBox } from './core/secrets';
import { createCore, type Core } from './core/services';
import { FileBackend } from './core/state/file-backend';
import { FileLock } from './core/state/lock';
import { openRedisBackend } from './core/state/redis-backend';
import { confOptions, defaultDataDir, type ConfLike } from './core/store';
import { CSP } from './host/csp';
import { mimeOf } from './host/dashboard-routes';
import { reclaimer } from './host/reclaim';
import { startHost, type Host } from './host/server';
import { registerIpc } from './ipc';
import { KeychainSecretBox } from './keychain-box';
import { appMenuTemplate } from './shell/menu';
import { HeldNotifications, keeperEventEffects, noticeLine, NotificationRule } from './shell/notify';
import { CommandQueue } from './shell/commands';
import { CrashRecovery, type CrashStep } from './shell/crash';
import { LocalEndpoint } from './shell/endpoint';
import { appUserModelId } from './shell/identity';
import { loadFailureReporter } from './shell/load';
import { applyLoginItem, loginItemPlan } from './shell/login-item';
import { closeWhenIdle, quitSequence, quitWhenAllClosed } from './shell/quit';
import { prepareShellDirs, shellDirs } from './shell/paths';
import { externalDocLink, navigationAllowed, permissionAllowed, preloadRegistration } from './shell/policy';
import { failureLang, startFailure } from './shell/startup';
import { teamUrlAnswer, teamUrlDialog } from './shell/team';
import { saveTeamRedisUrl, teamRedisUrl } from './core/team-url';
import { shellText } from './shell/text';
import { trayMenuTemplate, trayTooltip, type TrayAccount } from './shell/tray';
import { restoredBounds, windowOptions, windowStateOf } from './shell/window';

app.setName('WxDesk');
// Windows shows notifications under the installer's shortcut, which carries the builder's appId.
const modelId = appUserModelId(process.platform);
if (modelId) app.setAppUserModelId(modelId);
// One data dir for the app, the CLI and `wxdesk serve`, decided in one place (WXDESK_DATA_DIR
// included); Chromium's own profile goes beside it, away from the secrets. Both are created (0700)
// before Electron points at them; a folder that cannot be made is reported once the app can show a
// dialog, like any other start failure.
const { dataDir, sessionDir } = shellDirs(defaultDataDir(), process.cwd());
const earlyFailure = prepareShellDirs({ dataDir, sessionDir }, (name, path) => app.setPath(name, path));

// The page is served from its own scheme, not file://: a real origin, and response headers (CSP).
const SCHEME = 'wxdesk';
const pageUrl = new URL(`${SCHEME}://app/index.html`);
const rendererRoot = fileURLToPath(new URL('./renderer/', import.meta.url));
const preloadPath = fileURLToPath(new URL('./preload.cjs', import.meta.url));
const iconPath = fileURLToPath(new URL('../assets/icon.png', import.meta.url));
const trayIconPath = fileURLToPath(new URL(process.platform === 'darwin' ? '../assets/trayTemplate.png' : '../assets/tray.png', import.meta.url));
protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let win: BrowserWindow | null = null;
let tray: Tray | null = null;
/** The optional WeChat-compatible endpoint over the started core (shell/endpoint.ts). */
const endpoint = new LocalEndpoint<Host>((port) => (started ? startHost({ core: started.core, host: '127.0.0.1', port }) : Promise.reject(new Error('WxDesk has not started'))));
let started: { core: Core; dashboard: Dashboard; ses: Session } | null = null;

const lang = (): Lang => {
  const pinned = started?.core.backend.settings().locale;
  return pinned === 'en' || pinned === 'zh-CN' ? pinned : localeFrom(app.getLocale());
};

/**
 * The window's own session: our page from wxdesk://, our preload registered here (and nowhere
 * else), one permission (clipboard write, for our page only), and the CSP on every response.
 */
function appSession(): Session {
  const ses = session.fromPartition('wxdesk-window');
  ses.protocol.handle(SCHEME, async (request) => {
    const file = resolveUnder(rendererRoot, new URL(request.url).pathname);
    if (!file) return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).href);
    return new Response(res.body, { status: res.status, headers: { 'content-type': mimeOf(file), 'content-security-policy': CSP, 'x-content-type-options': 'nosniff' } });
  });
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => callback(permissionAllowed(permission, details.requestingUrl, pageUrl.href)));
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin) => permissionAllowed(permission, requestingOrigin, pageUrl.href));
  ses.registerPreloadScript(preloadRegistration(preloadPath, pageUrl.href));
  return ses;
}

/** Commands wait until the page says it listens (a new window, a reloaded page): shell/commands.ts. */
const commands = new CommandQueue<DesktopCommand>((c) => started?.dashboard.command(c));

/** The one place windows are made and tracked: activate, second-instance, the tray and the menu all come here. */
function showWindow(command?: DesktopCommand): void {
  if (!started) return;
  const { ses } = started;
  if (win && !win.isDestroyed()) {
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
    if (command) commands.send(command);
    return;
  }
  win = createWindow(ses);
  if (command) commands.send(command);
}

function createWindow(ses: Session): BrowserWindow {
  commands.reset();
  const saved = started?.core.backend.settings().window;
  const { bounds, maximized } = restoredBounds(saved, screen.getAllDisplays().map((d) => d.workArea));
  const w = new BrowserWindow({
    ...windowOptions(bounds, iconPath),
    webPreferences: {
      session: ses,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click must not open links in new windows.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  w.once('ready-to-show', () => {
    if (maximized) w.maximize();
    w.show();
  });
  w.on('close', () => {
    const state = windowStateOf(w.getNormalBounds(), w.isMaximized());
    void started?.core.backend.updateSettings({ window: state }).catch(() => undefined);
  });
  w.on('closed', () => {
    if (win === w) win = null;
  });
  // Told once (did-fail-load and loadURL's rejection are the same failure), then the app exits.
  const load = loadFailureReporter({
    show: (reason) => dialog.showErrorBox(shellText(lang(), 'startFailedTitle'), shellText(lang(), 'loadFailed', { reason })),
    exit: () => app.exit(1),
  });
  w.webContents.on('did-fail-load', (_e, code, description, url, isMainFrame) => load.failed(code, description, url, isMainFrame));
  w.webContents.on('render-process-gone', (_e, details) => recover(w, crashes.next(details.reason, Date.now(), lang())));
  w.loadURL(pageUrl.href).catch((e: unknown) => load.rejected(e));
  return w;
}

/** A gone renderer: reload once, then a new window, then quit; each step is said (shell/crash.ts). */
const crashes = new CrashRecovery();
function recover(w: BrowserWindow, step: CrashStep): void {
  if (step.action === 'ignore') return;
  console.error(`WxDesk: ${step.text}`);
  if (step.action === 'quit') {
    dialog.showErrorBox(shellText(lang(), 'crashTitle'), step.text);
    app.quit();
    return;
  }
  let target = w;
  if (step.action === 'reload') {
    commands.reset();
    w.webContents.reload();
  }
  else if (started) {
    // The new window first, so closing the old one never leaves none (window-all-closed would quit).
    target = win = createWindow(started.ses);
    w.destroy();
  }
  void dialog.showMessageBox(target, { type: 'warning', title: 'WxDesk', message: step.text }).catch(() => undefined);
}

/** The desktop's optional WeChat-compatible endpoint, started and stopped from the settings; and start at login. */
async function applySettings(s: SettingsView): Promise<void> {
  // Each applies even when the other fails; the first failure is what the settings form shows.
  const login = async () => applyLoginItem(loginItemPlan({ platform: process.platform, packaged: app.isPackaged, execPath: process.execPath, env: process.env }, s.startAtLogin), (o) => app.setLoginItemSettings(o));
  const failed = (await Promise.allSettled([endpoint.apply(s), login()])).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

function trayAccounts(core: Core): TrayAccount[] {
  return core.accounts.list().map((a) => ({ appId: a.appId, label: a.label, expiresAt: core.keeper.state(a.appId).token?.expiresAt ?? null }));
}

/** Menu and tray follow the accounts and the language. */
function rebuildMenus(core: Core): void {
  const accounts = core.accounts.list();
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate(
        { lang: lang(), platform: process.platform, packaged: app.isPackaged, version: app.getVersion(), accounts },
        { command: (c) => showWindow(c), openDataFolder: () => void shell.openPath(dataDir) },
      ),
    ),
  );
  tray?.setContextMenu(
    Menu.buildFromTemplate(
      trayMenuTemplate(trayAccounts(core), lang(), {
        copyToken: (appId) => void core.keeper.get(appId).then((t) => clipboard.writeText(t.token), () => showWindow({ name: 'selectAccount', appId })),
        refresh: (appId) => void core.keeper.refresh(appId, 'manual').catch(() => undefined),
        show: (c) => showWindow(c),
        quit: () => app.quit(),
      }),
    ),
  );
}

function startTray(core: Core): void {
  const image = nativeImage.createFromPath(trayIconPath);
  if (image.isEmpty()) return;
  tray = new Tray(image);
  // For the _electron smoke test, which can only look at the main process through globals.
  Object.defineProperty(globalThis, '__wxdeskTray', { get: () => tray, configurable: true });
  tray.on('click', () => showWindow());
  const tick = () => {
    const text = trayTooltip(trayAccounts(core), Date.now(), lang());
    tray?.setToolTip(text);
    if (process.platform === 'darwin') tray?.setTitle(text.replace(/^WxDesk · /, ''));
  };
  tick();
  setInterval(tick, 1000).unref();
}

async function start(): Promise<void> {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  const ses = appSession();

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
  // Read once now: a damaged config.json is moved aside (and shown in the dashboard) before electron-store opens it.
  core.backend.onNotice((n) => console.error(noticeLine(n)));
  core.backend.entries();
  const dashboard = new Dashboard({
    core,
    host: 'electron',
    version: app.getVersion(),
    clipboard: (text) => clipboard.writeText(text),
    endpointUrl: () => endpoint.url,
    onSettings: (s) => applySettings(s),
  });
  started = { core, dashboard, ses };

  // The team Redis URL changes only here, on a click in a native dialog (issue 20): never through the dashboard API.
  const proposeTeamRedisUrl = async (url: unknown) => {
    const options = teamUrlDialog(url, lang());
    const { response } = win && !win.isDestroyed() ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
    await saveTeamRedisUrl(files, box, teamUrlAnswer(url as string, response));
    return dashboard.handlers.getSettings();
  };
  registerIpc({ ipcMain, dashboard, window: () => win, pageUrl: pageUrl.href, proposeTeamRedisUrl, onCommandsReady: () => commands.ready() });
  const reclaim = reclaimer();
  core.keeper.on('waveStart', () => reclaim.waveStarted());
  core.keeper.on('waveEnd', (n) => reclaim.waveEnded(n));
  core.keeper.start();
  powerMonitor.on('resume', () => core.keeper.wake());
  const settings = await dashboard.handlers.getSettings();
  await applySettings(settings).catch((e: unknown) => console.error(`WxDesk: settings not applied (local endpoint, start at login): ${String(e)}`));

  // Errors only the user can fix, once per error; menus and tray follow accounts and language.
  const rule = new NotificationRule();
  const shown = new HeldNotifications<Notification>();
  core.keeper.on('change', (event) => {
    const { menus, notify } = keeperEventEffects(event, rule, {
      account: (id) => core.accounts.get(id),
      lastError: (id) => core.keeper.state(id).lastError?.error,
      notificationsOn: core.backend.settings().notifications ?? true,
      lang: lang(),
    });
    if (menus) rebuildMenus(core);
    if (!notify || !Notification.isSupported()) return;
    const n = shown.hold(new Notification({ title: notify.title, body: notify.body, icon: iconPath }));
    n.on('click', () => showWindow({ name: 'selectAccount', appId: notify.appId }));
    n.show();
  });
  dashboard.subscribe((e) => {
    if (e.type === 'accounts' || e.type === 'settings') rebuildMenus(core);
  });
  startTray(core);
  rebuildMenus(core);
  showWindow();

  app.on('activate', () => showWindow());
  // A refresh in flight finishes (and its history line is written) before the process ends, for up to 3 s.
  app.on(
    'before-quit',
    quitSequence({
      close: () => [closeWhenIdle(core), endpoint.close()],
      quit: () => app.quit(),
      warn: (m) => console.error(m),
    }),
  );
}

// Every web contents the app ever creates: no new windows, no navigation away, no webviews.
app.on('web-contents-created', (_event, contents) => {
  // No new windows; WeChat's documentation (the console's Docs links) opens in the system browser.
  contents.setWindowOpenHandler(({ url }) => {
    const doc = externalDocLink(url);
    // Electronegativity's OPEN_EXTERNAL_JS_CHECK is waived on this one line: doc is allow-listed (https://developers.weixin.qq.com only, no credentials).
    if (doc) void shell.openExternal(doc); // eng-disable OPEN_EXTERNAL_JS_CHECK
    return { action: 'deny' };
  });
  const stayHome = (event: { preventDefault(): void; url: string }) => {
    if (!navigationAllowed(event.url, pageUrl.href)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-frame-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => showWindow());
  // Any failure while starting (a damaged file, no keychain, a port in use…) is shown with its cause
  // and the data folder, then the app quits: never a process without a window.
  app
    .whenReady()
    .then(() => {
      if (earlyFailure !== undefined) throw earlyFailure;
      return start();
    })
    .catch((e: unknown) => {
      const f = startFailure(e, dataDir, failureLang(lang, () => app.getLocale()));
      console.error(`${f.title}: ${f.content}`);
      dialog.showErrorBox(f.title, f.content);
      app.exit(1);
    });

  // Per platform (shell/quit.ts): macOS and a Windows tray keep running; Linux quits.
  app.on('window-all-closed', () => quitWhenAllClosed(process.platform, tray !== null) && app.quit());
}
