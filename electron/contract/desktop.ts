// The desktop app: what its menu, shortcuts and tray ask the page to do.

/**
 * What the desktop's application menu, shortcuts and tray ask the page to do: the page holds the
 * selection and the forms, so the main process names the action and the page carries it out.
 */
export type DesktopCommand =
  | { name: 'refresh' }
  | { name: 'copyToken' }
  | { name: 'addAccount' }
  | { name: 'findAccount' }
  /** 0-based place in the account list (Ctrl/Cmd+1…9). */
  | { name: 'selectIndex'; index: number }
  /** From the tray: open the dashboard on this account. */
  | { name: 'selectAccount'; appId: string };
