// The Electron main process: lifecycle and wiring only. Every decision (window options and state,
// permissions, navigation, menus, tray, notifications, load failures, crashes, quitting, start at
// login, the local endpoint, start-failure text) is a plain function in electron/shell/, tested in
// Node; the Electron calls are in electron/desktop/. The token keeper, the handler table and the
// local endpoint are the same core the CLI and `wxdesk serve` run.
import { app, clipboard, dialog, ipcMain, Notification, powerMonitor, protocol, safeStorage, session } from 'electron';
import { fileURLToPath } from 'node:url';
import type { Lang, SettingsView } from './contract';
import { Dashboard } from './core/dashboard';
import { localeFrom } from './core/errors';
import type { Core } from './core/services';
import { defaultDataDir } from './core/store';
import { saveTeamRedisUrl } from './core/team-url';
import { reclaimer } from './host/reclaim';
import { startHost, type Host } from './host/server';
import { registerIpc } from './ipc';
import { LocalEndpoint } from './shell/endpoint';
import { appUserModelId } from './shell/identity';
import { applyLoginItem, loginItemPlan } from './shell/login-item';
import { HeldNotifications, keeperEventEffects, NotificationRule } from './shell/notify';
import { prepareShellDirs, shellDirs } from './shell/paths';
import { quitSequence, quitWhenAllClosed } from './shell/quit';
import { failureLang, startFailure } from './shell/startup';
import { teamUrlAnswer, teamUrlDialog } from './shell/team';
import { DesktopMenus } from './desktop/menus';
import { openCore } from './desktop/open-core';
import { appSession, DesktopWindow, guardWebContents, type PageSpec } from './desktop/window';

app.setName('WxDesk');
// Windows shows notifications under the installer's shortcut, which carries the builder's appId.
const modelId = appUserModelId(process.platform);
if (modelId) app.setAppUserModelId(modelId);
// One data dir for the app, the CLI and `wxdesk serve` (WXDESK_DATA_DIR included); Chromium's profile
// beside it. Both are created (0700) before Electron points at them; a failure is shown once a dialog can be.
const { dataDir, sessionDir } = shellDirs(defaultDataDir(), process.cwd());
const earlyFailure = prepareShellDirs({ dataDir, sessionDir }, (name, path) => app.setPath(name, path));

// The page is served from its own scheme, not file://: a real origin, and response headers (CSP).
const asset = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const page: PageSpec = { scheme: 'wxdesk', pageUrl: new URL('wxdesk://app/index.html'), rendererRoot: asset('./renderer/'), preloadPath: asset('./preload.cjs'), iconPath: fileURLToPath(new URL('../assets/icon.png', import.meta.url)) };
const trayIconPath = fileURLToPath(new URL(process.platform === 'darwin' ? '../assets/trayTemplate.png' : '../assets/tray.png', import.meta.url));
protocol.registerSchemesAsPrivileged([{ scheme: page.scheme, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let started: { core: Core; dashboard: Dashboard; window: DesktopWindow; menus: DesktopMenus } | null = null;
const showWindow: DesktopWindow['show'] = (command) => started?.window.show(command);
const lang = (): Lang => {
  const pinned = started?.core.backend.settings().locale;
  return pinned === 'en' || pinned === 'zh-CN' ? pinned : localeFrom(app.getLocale());
};
/** The optional WeChat-compatible endpoint over the started core (shell/endpoint.ts). */
const endpoint = new LocalEndpoint<Host>((port) => (started ? startHost({ core: started.core, host: '127.0.0.1', port }) : Promise.reject(new Error('WxDesk has not started'))));

/** Settings the main process carries out: the local endpoint and start at login, each even when the other fails. */
async function applySettings(s: SettingsView): Promise<void> {
  const login = async () => applyLoginItem(loginItemPlan({ platform: process.platform, packaged: app.isPackaged, execPath: process.execPath, env: process.env }, s.startAtLogin), (o) => app.setLoginItemSettings(o));
  const failed = (await Promise.allSettled([endpoint.apply(s), login()])).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

async function start(): Promise<void> {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  const ses = appSession(page);
  const { core, files, box } = await openCore(dataDir, safeStorage);
  const dashboard = new Dashboard({ core, host: 'electron', version: app.getVersion(), clipboard: (text) => clipboard.writeText(text), endpointUrl: () => endpoint.url, onSettings: applySettings });
  const window = new DesktopWindow(ses, page, {
    lang,
    saved: () => core.backend.settings().window,
    save: (state) => void core.backend.updateSettings({ window: state }).catch(() => undefined),
    deliver: (c) => dashboard.command(c),
  });
  const menus = new DesktopMenus(core, { lang, show: showWindow, dataDir, trayIconPath });
  started = { core, dashboard, window, menus };

  // The team Redis URL changes only here, on a click in a native dialog (issue 20): never through the dashboard API.
  const proposeTeamRedisUrl = async (url: unknown) => {
    const options = teamUrlDialog(url, lang());
    const parent = window.current();
    const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
    await saveTeamRedisUrl(files, box, teamUrlAnswer(url as string, response));
    return dashboard.handlers.getSettings();
  };
  registerIpc({ ipcMain, dashboard, window: () => window.current(), pageUrl: page.pageUrl.href, proposeTeamRedisUrl, onCommandsReady: () => window.commands.ready() });
  const reclaim = reclaimer();
  core.keeper.on('waveStart', () => reclaim.waveStarted());
  core.keeper.on('waveEnd', (n) => reclaim.waveEnded(n));
  core.keeper.start();
  powerMonitor.on('resume', () => core.keeper.wake());
  await applySettings(await dashboard.handlers.getSettings()).catch((e: unknown) => console.error(`WxDesk: settings not applied (local endpoint, start at login): ${String(e)}`));

  // Errors only the user can fix, once per error (shell/notify.ts); menus and tray follow accounts and language.
  const rule = new NotificationRule();
  const shown = new HeldNotifications<Notification>();
  core.keeper.on('change', (event) => {
    const ctx = { account: (id: string) => core.accounts.get(id), lastError: (id: string) => core.keeper.state(id).lastError?.error, notificationsOn: core.backend.settings().notifications ?? true, lang: lang() };
    const { menus: rebuild, notify } = keeperEventEffects(event, rule, ctx);
    if (rebuild) menus.rebuild();
    if (!notify || !Notification.isSupported()) return;
    const n = shown.hold(new Notification({ title: notify.title, body: notify.body, icon: page.iconPath }));
    n.on('click', () => showWindow({ name: 'selectAccount', appId: notify.appId }));
    n.show();
  });
  dashboard.subscribe((e) => (e.type === 'accounts' || e.type === 'settings') && menus.rebuild());
  menus.startTray();
  menus.rebuild();
  showWindow();

  app.on('activate', () => showWindow());
  // A refresh in flight finishes (and its history line is written) before the process ends, for up to 3 s.
  app.on('before-quit', quitSequence({ close: () => [core.close(), endpoint.close()], quit: () => app.quit(), warn: (m) => console.error(m) }));
}

// Every web contents the app ever creates: no new windows, no navigation away, no webviews.
app.on('web-contents-created', (_event, contents) => guardWebContents(contents, page.pageUrl.href));

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
  app.on('window-all-closed', () => quitWhenAllClosed(process.platform, started?.menus.hasTray ?? false) && app.quit());
}
