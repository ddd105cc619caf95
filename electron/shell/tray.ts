// The tray (menu-bar) icon as data: the soonest-expiring account's countdown for the tooltip (the
// title on macOS), and a menu with each account's everyday actions.
import type { MenuItemConstructorOptions } from 'electron';
import type { DesktopCommand, Lang } from '../contract';
import { clockText, shellText } from './text';

export interface TrayAccount {
  appId: string;
  label: string;
  /** The cached token's expiry, if any. */
  expiresAt: number | null;
}

export interface TrayActions {
  copyToken(appId: string): void;
  refresh(appId: string): void;
  show(command?: DesktopCommand): void;
  quit(): void;
}

/** The account whose token runs out first, with the time left; expired ones first of all. */
export function trayTooltip(accounts: readonly TrayAccount[], now: number, lang: Lang): string {
  const held = accounts.filter((a): a is TrayAccount & { expiresAt: number } => a.expiresAt !== null).sort((a, b) => a.expiresAt - b.expiresAt);
  const first = held[0];
  if (!first) return shellText(lang, 'trayIdle');
  if (first.expiresAt <= now) return shellText(lang, 'trayExpired', { label: first.label });
  return shellText(lang, 'trayLeft', { label: first.label, time: clockText(first.expiresAt - now) });
}

export function trayMenuTemplate(accounts: readonly TrayAccount[], lang: Lang, actions: TrayActions): MenuItemConstructorOptions[] {
  const t = (key: Parameters<typeof shellText>[1]) => shellText(lang, key);
  const perAccount: MenuItemConstructorOptions[] = accounts.map((a) => ({
    label: a.label,
    sublabel: a.appId,
    submenu: [
      { label: t('copyToken'), click: () => actions.copyToken(a.appId) },
      { label: t('refresh'), click: () => actions.refresh(a.appId) },
      { label: t('openDashboard'), click: () => actions.show({ name: 'selectAccount', appId: a.appId }) },
    ],
  }));
  return [
    { label: t('showApp'), click: () => actions.show() },
    { type: 'separator' },
    ...(perAccount.length ? perAccount : [{ label: t('noAccounts'), enabled: false }]),
    { type: 'separator' },
    { label: t('quit'), click: () => actions.quit() },
  ];
}
