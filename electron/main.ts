// The Electron main process: lifecycle, the window, the single-instance lock, safeStorage and the
// clipboard. Wiring only: the token keeper, the handler table and the local endpoint are the same
// core the CLI and `wxdesk serve` run.
import { app, BrowserWindow, clipboard, ipcMain, powerMonitor, safeStorage, session } from 'electron';
import Store from 'electron-store';
import { fileURLToPath } from 'node:url';
import type { SettingsView } from './api';
import { Dashboard } from './core/dashboard';
import { FileSecretBox, LayeredSecretBox } from './core/secrets';
import { createCore, type Core } from './core/services';
import { confOptions, type ConfLike } from './core/store';
import { startHost, type Host } from './host/server';
import { registerIpc } from './ipc';
import { KeychainSecretBox } from './keychain-box';

app.setName('WxDesk');

const pageUrl = new URL('./renderer/index.html', import.meta.url);
const preloadPath = fileURLToPath(new URL('./preload.cjs', import.meta.url));

let win: BrowserWindow | null = null;
let endpoint: Host | null = null;

function createWindow(): BrowserWindow {
  const w = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 860,
    minHeight: 560,
    title: 'WxDesk',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
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
  if (s.endpointEnabled && !endpoint) endpoint = await startHost({ core, host: '127.0.0.1', port: s.endpointPort });
}

// Every web contents the app ever creates: no new windows, no navigation away, no webviews.
app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (url !== pageUrl.href) event.preventDefault();
  });
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

    const dataDir = app.getPath('userData');
    const conf = new Store({ ...confOptions, cwd: dataDir }) as unknown as ConfLike;
    const secrets = new LayeredSecretBox(new KeychainSecretBox(dataDir, safeStorage), new FileSecretBox(dataDir));
    const core = createCore({ dataDir, conf, secrets });
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

    win = createWindow();
    win.on('closed', () => (win = null));

    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) win = createWindow();
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
