// Electron wiring, split out of main.ts (issue 22, item 16): the window's session, the one window
// (made, shown, restored, recovered), and the guard on every web contents. No decisions here: they
// are the tested functions of electron/shell/ (policy, window, load, crash, commands). The
// webPreferences stay written out below, where Electronegativity's static scan reads them.
import { app, BrowserWindow, dialog, net, screen, session, shell, type Session, type WebContents } from 'electron';
import { pathToFileURL } from 'node:url';
import type { DesktopCommand, Lang } from '../contract';
import { resolveUnder } from '../core/paths';
import type { WindowState } from '../core/state/records';
import { CSP } from '../host/csp';
import { mimeOf } from '../host/dashboard-routes';
import { CommandQueue } from '../shell/commands';
import { CrashRecovery, type CrashStep } from '../shell/crash';
import { loadFailureReporter } from '../shell/load';
import { externalDocLink, navigationAllowed, permissionAllowed, preloadRegistration } from '../shell/policy';
import { shellText } from '../shell/text';
import { restoredBounds, windowOptions, windowStateOf } from '../shell/window';

export interface PageSpec {
  scheme: string;
  pageUrl: URL;
  rendererRoot: string;
  preloadPath: string;
  iconPath: string;
}

/**
 * The window's own session: our page from wxdesk://, our preload registered here (and nowhere
 * else, and only for our scheme), one permission (clipboard write, for our page only), and the CSP
 * on every response.
 */
export function appSession(page: PageSpec): Session {
  const ses = session.fromPartition('wxdesk-window');
  ses.protocol.handle(page.scheme, async (request) => {
    const file = resolveUnder(page.rendererRoot, new URL(request.url).pathname);
    if (!file) return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).href);
    return new Response(res.body, { status: res.status, headers: { 'content-type': mimeOf(file), 'content-security-policy': CSP, 'x-content-type-options': 'nosniff' } });
  });
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => callback(permissionAllowed(permission, details.requestingUrl, page.pageUrl.href)));
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin) => permissionAllowed(permission, requestingOrigin, page.pageUrl.href));
  ses.registerPreloadScript(preloadRegistration(page.preloadPath, page.pageUrl.href));
  return ses;
}

/** Every web contents the app ever creates: no new windows, no navigation away, no webviews. */
export function guardWebContents(contents: WebContents, pageUrl: string): void {
  // No new windows; WeChat's documentation (the console's Docs links) opens in the system browser.
  contents.setWindowOpenHandler(({ url }) => {
    const doc = externalDocLink(url);
    // Electronegativity's OPEN_EXTERNAL_JS_CHECK is waived on this one line: doc is allow-listed (https://developers.weixin.qq.com only, no credentials).
    if (doc) void shell.openExternal(doc); // eng-disable OPEN_EXTERNAL_JS_CHECK
    return { action: 'deny' };
  });
  const stayHome = (event: { preventDefault(): void; url: string }) => {
    if (!navigationAllowed(event.url, pageUrl)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-frame-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export interface WindowHooks {
  lang(): Lang;
  /** The window state saved at the last close. */
  saved(): WindowState | undefined;
  save(state: WindowState): void;
  /** Sends a command to the page (dashboard.command). */
  deliver(command: DesktopCommand): void;
}

/** The one window: activate, second-instance, the tray, the menu and notifications all come here. */
export class DesktopWindow {
  /** Commands wait until the page says it listens (a new window, a reloaded page). */
  readonly commands: CommandQueue<DesktopCommand>;
  private win: BrowserWindow | null = null;
  private readonly crashes = new CrashRecovery();

  constructor(
    private readonly ses: Session,
    private readonly page: PageSpec,
    private readonly hooks: WindowHooks,
  ) {
    this.commands = new CommandQueue((c) => hooks.deliver(c));
  }

  current(): BrowserWindow | null {
    return this.win && !this.win.isDestroyed() ? this.win : null;
  }

  show(command?: DesktopCommand): void {
    const w = this.current();
    if (w) {
      if (w.isMinimized()) w.restore();
      w.show();
      w.focus();
    } else this.win = this.create();
    if (command) this.commands.send(command);
  }

  private create(): BrowserWindow {
    this.commands.reset();
    const { bounds, maximized } = restoredBounds(this.hooks.saved(), screen.getAllDisplays().map((d) => d.workArea));
    const w = new BrowserWindow({
      ...windowOptions(bounds, this.page.iconPath),
      webPreferences: {
        session: this.ses,
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
    w.on('close', () => this.hooks.save(windowStateOf(w.getNormalBounds(), w.isMaximized())));
    w.on('closed', () => {
      if (this.win === w) this.win = null;
    });
    // Told once (did-fail-load and loadURL's rejection are the same failure), then the app exits.
    const load = loadFailureReporter({
      show: (reason) => dialog.showErrorBox(shellText(this.hooks.lang(), 'startFailedTitle'), shellText(this.hooks.lang(), 'loadFailed', { reason })),
      exit: () => app.exit(1),
    });
    w.webContents.on('did-fail-load', (_e, code, description, url, isMainFrame) => load.failed(code, description, url, isMainFrame));
    w.webContents.on('render-process-gone', (_e, details) => this.recover(w, this.crashes.next(details.reason, Date.now(), this.hooks.lang())));
    w.loadURL(this.page.pageUrl.href).catch((e: unknown) => load.rejected(e));
    return w;
  }

  /** A gone renderer: reload once, then a new window, then quit; each step is said (shell/crash.ts). */
  private recover(w: BrowserWindow, step: CrashStep): void {
    if (step.action === 'ignore') return;
    console.error(`WxDesk: ${step.text}`);
    if (step.action === 'quit') {
      dialog.showErrorBox(shellText(this.hooks.lang(), 'crashTitle'), step.text);
      app.quit();
      return;
    }
    let target = w;
    if (step.action === 'reload') {
      this.commands.reset();
      w.webContents.reload();
    } else {
      // The new window first, so closing the old one never leaves none (window-all-closed would quit).
      target = this.win = this.create();
      w.destroy();
    }
    void dialog.showMessageBox(target, { type: 'warning', title: 'WxDesk', message: step.text }).catch(() => undefined);
  }
}
