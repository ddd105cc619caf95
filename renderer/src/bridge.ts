// The one DashboardApi the components use: the Electron preload's `window.wxdesk` (envelopes turned
// back into values and DashboardErrors) when present, otherwise the HTTP bridge to `wxdesk serve`.
import { fromIpcBridge, type DashboardApi, type IpcBridge } from '../../electron/contract';
import { createHttpBridge, forgetKey, takeKey } from './http-bridge';

declare global {
  interface Window {
    /** Exposed by electron/preload.ts through contextBridge. */
    readonly wxdesk?: IpcBridge;
  }
}

const preload = window.wxdesk;
const key = preload ? null : takeKey();

/** True in the desktop window (the preload's bridge), where there is no key to ask for. */
export const inDesktop = preload !== undefined;

/** True in a browser opened without `#key=…` (and none stored for this tab): nothing can be asked. */
export const needsKey = !preload && !key;

export const api: DashboardApi = preload ? fromIpcBridge(preload) : createHttpBridge({ key: key ?? '', onKeyRefused: forgetKey });
