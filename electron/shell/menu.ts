// The application menu as data: what the desktop offers from the keyboard, in both languages.
// The page holds the selection and the forms, so most items send a DesktopCommand to it; the
// menu itself decides nothing about accounts. Built again when accounts or the language change.
import type { MenuItemConstructorOptions } from 'electron';
import type { DesktopCommand, Lang } from '../contract';
import { shellText } from './text';

export interface MenuContext {
  lang: Lang;
  platform: NodeJS.Platform;
  /** Packaged builds have no DevTools in the menu. */
  packaged: boolean;
  version: string;
  /** In the sidebar's order: Ctrl/Cmd+1…9 select the first nine. */
  accounts: readonly { appId: string; label: string }[];
}

export interface MenuActions {
  command(c: DesktopCommand): void;
  openDataFolder(): void;
}

export function appMenuTemplate(ctx: MenuContext, actions: MenuActions): MenuItemConstructorOptions[] {
  const t = (key: Parameters<typeof shellText>[1], vars?: Record<string, string | number>) => shellText(ctx.lang, key, vars);
  const mac = ctx.platform === 'darwin';
  const send = (c: DesktopCommand) => () => actions.command(c);

  const switchItems: MenuItemConstructorOptions[] = ctx.accounts.length
    ? ctx.accounts.slice(0, 9).map((a, index) => ({ id: `select-${index + 1}`, label: `${a.label} (${a.appId})`, accelerator: `CmdOrCtrl+${index + 1}`, click: send({ name: 'selectIndex', index }) }))
    : [{ label: t('noAccounts'), enabled: false }];

  const account: MenuItemConstructorOptions = {
    label: t('account'),
    submenu: [
      // Ctrl/Cmd+R refreshes the token: a page reload would only lose what was typed.
      { id: 'refresh', label: t('refresh'), accelerator: 'CmdOrCtrl+R', click: send({ name: 'refresh' }) },
      { id: 'copy-token', label: t('copyToken'), accelerator: 'CmdOrCtrl+Shift+C', click: send({ name: 'copyToken' }) },
      { type: 'separator' },
      { id: 'add-account', label: t('addAccount'), accelerator: 'CmdOrCtrl+N', click: send({ name: 'addAccount' }) },
      { id: 'find-account', label: t('findAccount'), accelerator: 'CmdOrCtrl+K', click: send({ name: 'findAccount' }) },
      { type: 'separator' },
      { label: t('switchTo'), submenu: switchItems },
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: t('edit'),
    // The standard roles: without them copy and paste do not work in fields on macOS. Every item has
    // a label of our own: a role item without one shows Electron's English in the Chinese menu.
    submenu: [{ role: 'undo', label: t('undo') }, { role: 'redo', label: t('redo') }, { type: 'separator' }, { role: 'cut', label: t('cut') }, { role: 'copy', label: t('copy') }, { role: 'paste', label: t('paste') }, { role: 'selectAll', label: t('selectAll') }],
  };

  const view: MenuItemConstructorOptions = {
    label: t('view'),
    submenu: [
      { role: 'resetZoom', label: t('resetZoom') },
      { role: 'zoomIn', label: t('zoomIn') },
      { role: 'zoomOut', label: t('zoomOut') },
      { type: 'separator' },
      { role: 'togglefullscreen', label: t('toggleFullScreen') },
      ...(ctx.packaged ? [] : ([{ type: 'separator' }, { role: 'toggleDevTools', label: t('toggleDevTools') }] as MenuItemConstructorOptions[])),
    ],
  };

  const windowMenu: MenuItemConstructorOptions = { label: t('window'), submenu: [{ role: 'minimize', label: t('minimize') }, ...(mac ? [{ role: 'zoom', label: t('zoomWindow') }, { role: 'front', label: t('front') }] : [{ role: 'close', label: t('close') }]) as MenuItemConstructorOptions[]] };

  const help: MenuItemConstructorOptions = {
    label: t('help'),
    submenu: [
      { id: 'open-data-folder', label: t('openDataFolder'), click: () => actions.openDataFolder() },
      { type: 'separator' },
      { label: t('version', { version: ctx.version }), enabled: false },
    ],
  };

  const appMenu: MenuItemConstructorOptions = {
    label: 'WxDesk',
    submenu: [{ role: 'about', label: t('about') }, { type: 'separator' }, { role: 'hide', label: t('hide') }, { role: 'hideOthers', label: t('hideOthers') }, { role: 'unhide', label: t('unhide') }, { type: 'separator' }, { role: 'quit', label: t('quit') }],
  };
  const fileMenu: MenuItemConstructorOptions = { label: t('file'), submenu: [{ role: 'quit', label: t('quit') }] };

  return [mac ? appMenu : fileMenu, account, edit, view, windowMenu, help];
}
