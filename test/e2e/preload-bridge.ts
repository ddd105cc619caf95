// The desktop app's preload bridge, standing in: Electron cannot start here, so `window.wxdesk` is
// injected before the page loads. It carries each call to the same handler table over HTTP and
// answers as ipc.ts would ({ok, value} / {ok, error}), with `info().host` = 'electron'. Events reach
// the page's onChange listeners only when a test sends them (`__emit`), as the main process's menu,
// shortcuts and tray do; `__refuse(method, error)` makes a method answer with an error envelope.
import type { Page } from '@playwright/test';
import { DASHBOARD_METHODS } from '../../electron/contract';
import type { Served } from './fixtures';

export async function standInPreloadBridge(page: Page, wxdesk: Pick<Served, 'key'>): Promise<void> {
  await page.addInitScript(
    ({ key, methods }) => {
      const refused = new Map<string, unknown>();
      const call = async (method: string, args: unknown[]) => {
        if (refused.has(method)) return { ok: false, error: refused.get(method) };
        const res = await fetch(`/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wxdesk-key': key }, body: JSON.stringify({ args }) });
        const body = (await res.json()) as { value?: unknown; error?: unknown };
        if (body.error) return { ok: false, error: body.error };
        const value = method === 'info' ? { ...(body.value as object), host: 'electron', endpointUrl: null } : body.value;
        return { ok: true, value };
      };
      const listeners = new Set<(e: unknown) => void>();
      const bridge: Record<string, unknown> = {
        onChange: (listener: (e: unknown) => void) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      };
      for (const m of methods) bridge[m] = (...args: unknown[]) => call(m, args);
      Object.defineProperty(globalThis, 'wxdesk', { value: Object.freeze(bridge) });
      Object.defineProperty(globalThis, '__emit', {
        value: (event: unknown) => {
          for (const l of [...listeners]) l(event);
        },
      });
      Object.defineProperty(globalThis, '__refuse', { value: (method: string, error: unknown) => refused.set(method, error) });
    },
    { key: wxdesk.key, methods: [...DASHBOARD_METHODS] },
  );
}
