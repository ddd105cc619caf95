// The one contract between the renderer and the main process, assembled from a file per domain.
// Preload (IPC), the HTTP bridge of `wxdesk serve`, the handler table in core/dashboard.ts and the
// renderer all follow from it. Types only (plus the method list): the renderer imports this folder,
// so nothing here may touch Node. A new feature starts with its own file here.

import { ACCOUNT_METHODS, type AccountsApi } from './accounts';
import { APP_METHODS, type AppApi } from './app';
import { DashboardError, type ErrorView } from './common';
import { CONSOLE_METHODS, type ConsoleApi } from './console';
import type { DesktopCommand } from './desktop';
import { PROBE_METHODS, type ProbeApi, type ProbeReport } from './probe';
import { SIGNATURE_METHODS, type SignatureApi } from './signature';
import { SIMULATOR_METHODS, type SimulatorApi } from './simulator';
import { TOKEN_METHODS, type TokensApi } from './tokens';

export * from './accounts';
export * from './app';
export * from './common';
export * from './console';
export * from './menu';
export * from './desktop';
export * from './probe';
export * from './signature';
export * from './simulator';
export * from './team';
export * from './tokens';

export type DashboardEvent =
  | { type: 'accounts' }
  | { type: 'token'; appId: string }
  | { type: 'settings' }
  | { type: 'notice' }
  | { type: 'probe'; report: ProbeReport }
  | { type: 'console'; appId: string }
  /** An account's simulator log or followers changed. */
  | { type: 'simulator'; appId: string }
  | { type: 'command'; command: DesktopCommand };

export interface DashboardApi extends AppApi, AccountsApi, TokensApi, SignatureApi, ProbeApi, ConsoleApi, SimulatorApi {
  /** State changes pushed from the main process; returns an unsubscribe. */
  onChange(listener: (event: DashboardEvent) => void): () => void;
}

/** The request/response methods: IPC channels are `wxdesk:<name>`, HTTP routes `/api/<name>`. */
export type DashboardMethod = Exclude<keyof DashboardApi, 'onChange'>;

export const DASHBOARD_METHODS = [
  ...APP_METHODS,
  ...ACCOUNT_METHODS,
  ...TOKEN_METHODS,
  ...SIGNATURE_METHODS,
  ...PROBE_METHODS,
  ...CONSOLE_METHODS,
  ...SIMULATOR_METHODS,
] as const satisfies readonly DashboardMethod[];

export const EVENT_CHANNEL = 'wxdesk:event';
export const channelOf = (m: DashboardMethod) => `wxdesk:${m}` as const;

/**
 * How a call's result crosses IPC. Errors thrown across Electron's IPC and contextBridge keep only
 * their message, so failures travel as values and become DashboardErrors on the renderer side.
 */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorView };

/** What the preload exposes as window.wxdesk: the same methods, answering with envelopes. */
export type IpcBridge = {
  [K in DashboardMethod]: (...args: Parameters<DashboardApi[K]>) => Promise<Envelope<Awaited<ReturnType<DashboardApi[K]>>>>;
} & Pick<DashboardApi, 'onChange'>;

/** The renderer's DashboardApi over the preload bridge: envelopes back into values and DashboardErrors. */
export function fromIpcBridge(bridge: IpcBridge): DashboardApi {
  const api = { onChange: (listener: (e: DashboardEvent) => void) => bridge.onChange(listener) } as Partial<DashboardApi>;
  for (const m of DASHBOARD_METHODS) {
    const call = bridge[m] as (...args: unknown[]) => Promise<Envelope<unknown>>;
    (api as Record<string, unknown>)[m] = async (...args: unknown[]) => {
      const r = await call(...args);
      if (r.ok) return r.value;
      throw new DashboardError(r.error);
    };
  }
  return api as DashboardApi;
}

// Compile-time check that the lists above name every method: a missing one is a required key here.
const _everyMethodListed: Record<Exclude<DashboardMethod, (typeof DASHBOARD_METHODS)[number]>, never> = {};
void _everyMethodListed;
