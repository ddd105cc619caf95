// The sandboxed preload: exposes window.wxdesk with named methods only (never a generic invoke or
// on), one per DashboardApi method. Listeners get the event data without the IPC event and
// receive an unsubscribe. Bundled to one CommonJS file (sandboxed preloads cannot load ESM).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { DASHBOARD_METHODS, EVENT_CHANNEL, READY_CHANNEL, TEAM_URL_CHANNEL, channelOf, type DashboardEvent, type DesktopBridge, type IpcBridge } from './contract';

const bridge = {} as Record<string, unknown>;
for (const method of DASHBOARD_METHODS) {
  bridge[method] = (...args: unknown[]) => ipcRenderer.invoke(channelOf(method), ...args);
}
// Desktop only: a proposal the main process confirms with the user in a native dialog.
bridge.proposeTeamRedisUrl = ((url: string) => ipcRenderer.invoke(TEAM_URL_CHANNEL, url)) satisfies DesktopBridge['proposeTeamRedisUrl'];
bridge.commandsReady = (() => ipcRenderer.invoke(READY_CHANNEL)) satisfies DesktopBridge['commandsReady'];
bridge.onChange = (listener: (e: DashboardEvent) => void) => {
  const forward = (_event: IpcRendererEvent, e: DashboardEvent) => listener(e);
  ipcRenderer.on(EVENT_CHANNEL, forward);
  return () => {
    ipcRenderer.removeListener(EVENT_CHANNEL, forward);
  };
};

contextBridge.exposeInMainWorld('wxdesk', bridge satisfies Record<string, unknown> as unknown as IpcBridge & DesktopBridge);
