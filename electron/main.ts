// The Electron main process: lifecycle, the window, the single-instance lock, safeStorage and the
// clipboard. Wiring only: the token keeper, the handler table and the local endpoint are the same
// core the CLI and `wxdesk serve` run.
import { app, BrowserWindow, clipboard, ipcMain, net, powerMonitor, protocol, safeStorage, session, type Session } from 'electron';
import Store from 'electron-store';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SettingsView, StoreNotice } from './api';
import { Dashboard } from './core/dashboard';
import { invalidInput } from './core/errors';
import { FileSecretBox, LayeredSecretBox } from './core/secrets';
import { createCore, type Core } from './core/services';
import { confOptions, defaultDataDir, type ConfLike } from './core/store';
import { startHost, type Host } from './host/server';
import { registerIpc } from './ipc';
import { KeychainSecretBox } from './keychain-box';
import { CSP } from './csp';
import { mimeOf } from './host/dashboard-routes';
import { resolveUnder } from './core/paths';

app.setName('WxDesk');
// One data dir for the app, the CLI and `wxdesk serve`, decided in one place (WXDESK_DATA_DIR
// included): Electron would otherwise derive userData from package.json before this line runs.
app.setPath('userData', defaultDataDir());

// The page is served from its own scheme, not file://: a real origin, and response headers (CSP).
const SCHEME = 'wxdesk';
const pageUrl = new URL(`${SCHEME}://app/index.html`);
const rendererRoot = fileURLToPath(new URL('./renderer/', import.meta.url));
const preloadPath = fileURLToPath(new URL('./preload.cjs', import.meta.url));
protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let win: BrowserWindow | null = null;
let endpoint: Host | null = null;

/**
 * The window's own session: our page from wxdesk://, our preload registered here (and nowhere
 * else), every permission request denied, and the CSP on every response.
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
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.registerPreloadScript({ type: 'frame', id: 'wxdesk-preload', filePath: preloadPath });
  return ses;
}

function createWindow(ses: Session): BrowserWindow {
  const w = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 860,
    minHeight: 560,
    title: 'WxDesk',
    show: false,
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
  w.once('ready-to-show', () => w.show());
  void w.loadURL(pageUrl.href);
  return w;
}

/** The desktop's optional WeChat-compatible endpoint, started and stopped from the settings. */
async function applyEndpoint(core: Core, s: SettingsView): Promise<void> {
  if (endpoint && (!s.endpointEnabled || endpoint.port !== s.endpointPort)) {
    await endpoint.close();
    endpoint = null;
  }
  if (!s.endpointEnabled || endpoint) return;
  try {
    endpoint = await startHost({ core, host: '127.0.0.1', port: s.endpointPort });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw invalidInput(`Port ${s.endpointPort} is in use (a running wxdesk serve?). Choose another port for the local endpoint.`);
    }
    throw e;
  }
}

// Every web contents the app ever creates: no new windows, no navigation away, no webviews.
app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // Our one page, in any frame, by any route: a link, a frame's own navigation, or a server redirect.
  const stayHome = (event: { preventDefault(): void; url: string }) => {
    if (event.url !== pageUrl.href) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-frame-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  void app.whenReady().then(async () => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    const ses = appSession();

    const dataDir = app.getPath('userData');
    // The token cache stays in electron-store: config.json is written through it. It is opened at
    // the first write, after the state layer has read the file (and moved it aside if damaged).
    let conf: ConfLike | undefined;
    const writeConfig = (doc: ConfLike['store']) => {
      conf ??= new Store({ ...confOptions, cwd: dataDir }) as unknown as ConfLike;
      conf.store = doc;
    };
    const core = createCore({
      dataDir,
      writeConfig,
      secrets: (files) => {
        const onDamage = files && ((n: StoreNotice) => files.notice(n));
        return new LayeredSecretBox(new KeychainSecretBox(dataDir, safeStorage, process.platform, onDamage), new FileSecretBox(dataDir, { onDamage }));
      },
    });
    // Read once now: a damaged config.json is moved aside (and shown in the dashboard) before electron-store opens it.
    core.backend.onNotice((n) => console.error(`WxDesk: ${n.file} was damaged; the copy is kept at ${n.movedTo}`));
    core.backend.entries();
    const dashboard = new Dashboard({
      core,
      host: 'electron',
      version: app.getVersion(),
      clipboard: (text) => clipboard.writeText(text),
      endpointUrl: () => (endpoint ? endpoint.url : null),
      onSettings: (s) => applyEndpoint(core, s),
    });

    registerIpc({ ipcMain, dashboard, window: () => win, pageUrl: pageUrl.href });
    core.keeper.start();
    powerMonitor.on('resume', () => core.keeper.wake());
    const settings = await dashboard.handlers.getSettings();
    await applyEndpoint(core, settings).catch((e: unknown) => console.error(`WxDesk: local endpoint not started: ${String(e)}`));

    win = createWindow(ses);
    win.on('closed', () => (win = null));

    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) win = createWindow(ses);
    });
    app.on('before-quit', () => {
      void core.close();
      void endpoint?.close();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
