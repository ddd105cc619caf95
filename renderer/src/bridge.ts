// The one DashboardApi the components use: the Electron preload's `window.wxdesk` (envelopes turned
// back into values and DashboardErrors) when present, otherwise the HTTP bridge to `wxdesk serve`.
import { DashboardError, fromIpcBridge, type DashboardApi, type DesktopBridge, type IpcBridge, type SettingsView } from '../../electron/contract';
import { createHttpBridge, forgetKey, takeKey } from './http-bridge';

declare global {
  interface Window {
    /** Exposed by electron/preload.ts through contextBridge. */
    readonly wxdesk?: IpcBridge & Partial<DesktopBridge>;
  }
}

const preload = window.wxdesk;
const key = preload ? null : takeKey();

/** True in the desktop window (the preload's bridge), where there is no key to ask for. */
export const inDesktop = preload !== undefined;

/** True in a browser opened without `#key=…` (and none stored for this tab): nothing can be asked. */
export const needsKey = !preload && !key;

export const api: DashboardApi = preload ? fromIpcBridge(preload) : createHttpBridge({ key: key ?? '', onKeyRefused: forgetKey });

/** Desktop only: tells the main process the page now listens for commands (they wait until then). */
export function commandsReady(): void {
  void preload?.commandsReady?.().catch(() => undefined);
}

/**
 * Desktop only: proposes a team Redis URL ('' leaves team mode); the main process asks in a native
 * dialog and saves only on a confirming click. Not part of DashboardApi: no dashboard call can change it.
 */
export async function proposeTeamRedisUrl(url: string): Promise<SettingsView> {
  const propose = preload?.proposeTeamRedisUrl;
  if (!propose) throw new DashboardError({ code: 'TEAM_URL_LOCAL_ONLY', kind: 'input', message: 'The team Redis URL is changed in the desktop app only.', hint: 'Use --redis URL or WXDESK_REDIS_URL for wxdesk serve.' });
  const r = await propose(url);
  if (!r.ok) throw new DashboardError(r.error);
  return r.value;
}
