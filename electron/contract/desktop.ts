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

/**
 * The desktop's one way to change the team Redis URL (issue 20): not a DashboardApi method (the HTTP
 * host has no such route, and saveSettings refuses the field), but a proposal to the main process,
 * which asks the user in a native dialog and saves only on a confirming click.
 */
export const TEAM_URL_CHANNEL = 'wxdesk-desktop:proposeTeamRedisUrl';

/** The page says it listens for commands (issue 22, item 12): commands wait in the main process until then. */
export const READY_CHANNEL = 'wxdesk-desktop:commandsReady';

/** What the desktop preload adds to window.wxdesk beside the DashboardApi methods. */
export interface DesktopBridge {
  /** The page has subscribed to events: the main process may send it commands now. */
  commandsReady(): Promise<import('./index').Envelope<null>>;
  /** Resolves with the settings as saved, or an ErrorView envelope (TEAM_URL_NOT_CONFIRMED when the dialog was cancelled). */
  proposeTeamRedisUrl(url: string): Promise<import('./index').Envelope<import('./app').SettingsView>>;
}
