// Electron wiring, split out of main.ts (issue 22, item 16): the application menu and the tray,
// built from the templates of shell/menu.ts and shell/tray.ts, again when accounts or the language change.
import { app, clipboard, Menu, nativeImage, shell, Tray } from 'electron';
import type { DesktopCommand, Lang } from '../contract';
import type { Core } from '../core/services';
import { appMenuTemplate } from '../shell/menu';
import { trayMenuTemplate, trayTooltip, type TrayAccount } from '../shell/tray';

export interface MenuHooks {
  lang(): Lang;
  show(command?: DesktopCommand): void;
  dataDir: string;
  trayIconPath: string;
}

export class DesktopMenus {
  private tray: Tray | null = null;

  constructor(
    private readonly core: Core,
    private readonly hooks: MenuHooks,
  ) {}

  get hasTray(): boolean {
    return this.tray !== null;
  }

  private accounts(): TrayAccount[] {
    return this.core.accounts.list().map((a) => ({ appId: a.appId, label: a.label, expiresAt: this.core.keeper.state(a.appId).token?.expiresAt ?? null }));
  }

  /** Menu and tray follow the accounts and the language. */
  rebuild(): void {
    const { core, hooks } = this;
    const lang = hooks.lang();
    const ctx = { lang, platform: process.platform, packaged: app.isPackaged, version: app.getVersion(), accounts: core.accounts.list() };
    Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(ctx, { command: (c) => hooks.show(c), openDataFolder: () => void shell.openPath(hooks.dataDir) })));
    this.tray?.setContextMenu(
      Menu.buildFromTemplate(
        trayMenuTemplate(this.accounts(), lang, {
          copyToken: (appId) => void core.keeper.get(appId).then((t) => clipboard.writeText(t.token), () => hooks.show({ name: 'selectAccount', appId })),
          refresh: (appId) => void core.keeper.refresh(appId, 'manual').catch(() => undefined),
          show: (c) => hooks.show(c),
          quit: () => app.quit(),
        }),
      ),
    );
  }

  /** The tray icon with its countdown (none where the icon cannot be loaded). */
  startTray(): void {
    const image = nativeImage.createFromPath(this.hooks.trayIconPath);
    if (image.isEmpty()) return;
    const tray = (this.tray = new Tray(image));
    // For the _electron smoke test, which can only look at the main process through globals.
    Object.defineProperty(globalThis, '__wxdeskTray', { get: () => this.tray, configurable: true });
    tray.on('click', () => this.hooks.show());
    const tick = () => {
      const text = trayTooltip(this.accounts(), Date.now(), this.hooks.lang());
      tray.setToolTip(text);
      if (process.platform === 'darwin') tray.setTitle(text.replace(/^WxDesk · /, ''));
    };
    tick();
    setInterval(tick, 1000).unref();
  }
}
