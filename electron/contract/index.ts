// The one contract between the renderer and the main process, assembled from a file per domain.
// Preload (IPC), the HTTP bridge of `wxdesk serve`, the handler table in core/dashboard.ts and the
// renderer all follow from it. Types only (plus the method list): the renderer imports this folder,
// so nothing here may touch Node. A new feature starts with its own file here.

import { ACCOUNT_METHODS, type AccountsApi } from './accounts';
import { APP_METHODS, type AppApi } from './app';
import { CHORES_METHODS, type ChoresApi } from './chores';
import { DashboardError, type ErrorView } from './common';
import { CONSOLE_METHODS, type ConsoleApi } from './console';
import type { DesktopCommand } from './desktop';
import { MENU_EDITOR_METHODS, type MenuChange, type MenuEditorApi } from './menu-editor';
import { PROBE_METHODS, type ProbeApi, type ProbeReport } from './probe';
import { SIGNATURE_METHODS, type SignatureApi } from './signature';
import { SIMULATOR_METHODS, type SimulatorApi } from './simulator';
import { TOKEN_METHODS, type TokensApi } from './tokens';

export * from './accounts';
export * from './app';
export * from './chores';
export * from './common';
export * from './console';
export * from './menu';
export * from './menu-editor';
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
  /**
   * An account's menu changed: 'draft' (the editor's saves, many per edit session), or the live menu
   * ('published', 'deleted', 'reverted': the draft is live again and live was read; 'conditional').
   * Only the live changes make an open simulator read menu/get again.
   */
  | { type: 'menu'; appId: string; change: MenuChange }
  /** An account's list of uploaded media changed. */
  | { type: 'chores'; appId: string }
  | { type: 'command'; command: DesktopCommand };

export interface DashboardApi extends AppApi, AccountsApi, TokensApi, SignatureApi, ProbeApi, ConsoleApi, SimulatorApi, MenuEditorApi, ChoresApi {
  /** State changes pushed from the main process; returns an unsubscribe. */
  onChange(listener: (event: DashboardEvent) => void): () => void;
}

/** The request/response methods: IPC channels are `wxdesk:<name>`, HTTP routes `/api/<name>`. */
export type DashboardMethod = Exclude<keyof DashboardApi, 'onChange'>;

// Built in a call marked pure: the renderer never reads the list (its bridges are Proxies), so the
// bundler drops it, and every method name, from the page.
export const DASHBOARD_METHODS = /* @__PURE__ */ (() => [
  ...APP_METHODS,
  ...ACCOUNT_METHODS,
  ...TOKEN_METHODS,
  ...SIGNATURE_METHODS,
  ...PROBE_METHODS,
  ...CONSOLE_METHODS,
  ...SIMULATOR_METHODS,
  ...MENU_EDITOR_METHODS,
  ...CHORES_METHODS,
] as const satisfies readonly DashboardMethod[])();

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
  // A Proxy rather than a loop over DASHBOARD_METHODS: the list stays out of the renderer's first page.
  return methodProxy<DashboardApi>({ onChange: (listener: (e: DashboardEvent) => void) => bridge.onChange(listener) }, (name) => {
    const call = (bridge as unknown as Record<string, unknown>)[name];
    if (typeof call !== 'function') return undefined;
    return async (...args: unknown[]) => {
      const r = (await call(...args)) as Envelope<unknown>;
      if (r.ok) return r.value;
      throw new DashboardError(r.error);
    };
  });
}

/**
 * `own`'s members, and for any other method name the function `make` gives (made once). Names that
 * are no method (then, toJSON, symbols) are undefined, so the object is never taken for a promise.
 */
export function methodProxy<T extends object>(own: object, make: (name: string) => unknown): T {
  const made = new Map<string, unknown>();
  return new Proxy(own, {
    get(target, name, receiver) {
      if (Reflect.has(target, name)) return Reflect.get(target, name, receiver);
      if (typeof name !== 'string' || !/^[a-z][A-Za-z]*$/.test(name) || name === 'then' || name === 'toJSON') return undefined;
      let fn = made.get(name);
      if (fn === undefined) made.set(name, (fn = make(name)));
      return fn;
    },
  }) as T;
}

// Compile-time check that the lists above name every method: a missing one is a required key here.
const _everyMethodListed: Record<Exclude<DashboardMethod, (typeof DASHBOARD_METHODS)[number]>, never> = {};
void _everyMethodListed;
