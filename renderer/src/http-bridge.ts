// DashboardApi over HTTP, for the renderer served by `wxdesk serve`. One POST per method at
// /api/<method> with {"args": [...]}, answered {"value"} or {"error": ErrorView}; state changes
// stream from GET /api/events. Every request carries the per-run key in a header (never a cookie,
// so another site cannot ride on it).
import {
  DashboardError,
  methodProxy,
  type CopyResult,
  type DashboardApi,
  type DashboardEvent,
  type DashboardMethod,
  type ErrorView,
} from '../../electron/contract';
import { followEvents } from './event-stream';

export const KEY_HEADER = 'x-wxdesk-key';
const STORAGE_KEY = 'wxdesk.key';

/**
 * The key from `#key=…` (then kept in sessionStorage and removed from the address bar, so it does
 * not linger in history or screenshots), else the one this tab stored earlier.
 */
export function takeKey(): string | null {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromHash = params.get('key');
  if (fromHash) {
    try {
      sessionStorage.setItem(STORAGE_KEY, fromHash);
    } catch {
      // Storage may be off; the key still works for this page load.
    }
    params.delete('key');
    const rest = params.toString();
    history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
    return fromHash;
  }
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function forgetKey(): void {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing stored
  }
}

const unreachable = (): ErrorView => ({
  code: 'NETWORK',
  kind: 'transient',
  message: 'WxDesk cannot reach `wxdesk serve`.',
  hint: 'Check that `wxdesk serve` is still running, then reload this page.',
  zh: { message: 'WxDesk 无法连接 `wxdesk serve`。', hint: '请确认 `wxdesk serve` 仍在运行，然后刷新本页面。' },
});

const badAnswer = (status: number): ErrorView => ({
  code: 'BAD_RESPONSE',
  kind: 'bug',
  message: `\`wxdesk serve\` gave an answer the dashboard does not understand (HTTP ${status}).`,
  hint: 'Make sure the page and `wxdesk serve` come from the same WxDesk version, then reload.',
  zh: { message: `\`wxdesk serve\` 的响应无法识别（HTTP ${status}）。`, hint: '请确认页面与 `wxdesk serve` 来自同一 WxDesk 版本，然后刷新。' },
});

export interface HttpBridgeOptions {
  key: string;
  /** Where `wxdesk serve` answers; the page's own origin by default. */
  base?: string;
  /** Told when the server refuses the key (it was restarted with a new one). */
  onKeyRefused?: () => void;
}

export function createHttpBridge(opts: HttpBridgeOptions): DashboardApi {
  const base = opts.base ?? '';
  const headers = { 'content-type': 'application/json', [KEY_HEADER]: opts.key };

  async function call(method: DashboardMethod, args: unknown[]): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(`${base}/api/${method}`, { method: 'POST', headers, body: JSON.stringify({ args }), cache: 'no-store', credentials: 'omit' });
    } catch {
      throw new DashboardError(unreachable());
    }
    let answer: { value?: unknown; error?: ErrorView };
    try {
      answer = (await res.json()) as typeof answer;
    } catch {
      throw new DashboardError(badAnswer(res.status));
    }
    if (answer.error) {
      if (res.status === 401) opts.onKeyRefused?.();
      throw new DashboardError(answer.error);
    }
    if (!res.ok || !('value' in answer)) throw new DashboardError(badAnswer(res.status));
    return answer.value;
  }

  // One event stream for all listeners, opened with the first and closed with the last.
  const listeners = new Set<(e: DashboardEvent) => void>();
  let stream: AbortController | null = null;
  const emit = (e: DashboardEvent) => {
    for (const l of [...listeners]) l(e);
  };

  // copy and onChange are the page's own; every other method is one POST, made when it is first
  // asked for (a Proxy, so the list of methods stays out of the first page's code; the contract's
  // types say which exist). consoleCurl is not copied here: the console writes the clipboard
  // itself when `copied` is false.
  const own = {
    // A browser host cannot reach the user's clipboard from Node: the page writes it.
    async copy(appId, format): Promise<CopyResult> {
      const result = (await call('copy', [appId, format])) as CopyResult;
      if (result.copied) return result;
      try {
        await navigator.clipboard.writeText(result.text);
        return { text: result.text, copied: true };
      } catch {
        return result;
      }
    },
    onChange(listener) {
      listeners.add(listener);
      if (!stream) {
        const ctrl = new AbortController();
        stream = ctrl;
        void followEvents({
          url: `${base}/api/events`,
          headers: { [KEY_HEADER]: opts.key },
          signal: ctrl.signal,
          onEvent: emit,
          // Whatever changed while the stream was down: have the views fetched again.
          onReconnect: () => {
            emit({ type: 'accounts' });
            emit({ type: 'settings' });
          },
          onRefused: opts.onKeyRefused,
        });
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && stream) {
          stream.abort();
          stream = null;
        }
      };
    },
  } satisfies Partial<DashboardApi>;
  return methodProxy<DashboardApi>(own, (name) => (...args: unknown[]) => call(name as DashboardMethod, args));
}

