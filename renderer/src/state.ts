// View state for the renderer: what the main process last told us, fetched again whenever it says
// something changed. The renderer keeps no state of its own beyond this.
import { useCallback, useEffect, useRef, useState } from 'react';
import { DashboardError, type AccountView, type AppInfo, type ErrorView, type SettingsView, type TokenView } from '../../electron/contract';
import { api } from './bridge';

/** A token view plus the offset between the main process's clock and ours when it arrived. */
export interface TokenEntry {
  view: TokenView;
  skewMs: number;
  /** Our clock when the view arrived. */
  receivedAt: number;
}

export function entryOf(view: TokenView): TokenEntry {
  const receivedAt = Date.now();
  return { view, skewMs: view.serverNow - receivedAt, receivedAt };
}

/**
 * The main process's clock now, from the page's 1 s tick. The tick can be up to a second older than
 * the view, so never earlier than when the view arrived.
 */
export function serverTime(entry: TokenEntry, tickNow: number): number {
  return Math.max(tickNow, entry.receivedAt) + entry.skewMs;
}

export function asErrorView(e: unknown): ErrorView {
  if (e instanceof DashboardError) return e.view;
  const detail = e instanceof Error ? e.message : String(e);
  return {
    code: 'INTERNAL',
    kind: 'bug',
    message: detail,
    hint: 'Reload the page; if it happens again, please report it.',
    // The detail is the script's own text (often English): quoted after a Chinese sentence.
    zh: { message: `页面出现意外错误：${detail}`, hint: '请刷新页面；如再次出现请反馈。' },
  };
}

export interface DashboardState {
  info: AppInfo | null;
  settings: SettingsView | null;
  accounts: AccountView[] | null;
  tokens: Record<string, TokenEntry>;
  loadError: ErrorView | null;
  reload(): void;
  /** A fresher token view from an action (refresh, force). */
  putToken(view: TokenView): void;
  /** A saved account, shown (and selectable) before the list reloads. */
  putAccount(view: AccountView): void;
  setSettings(s: SettingsView): void;
}

export function useDashboardState(): DashboardState {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [settings, setSettings] = useState<SettingsView | null>(null);
  const [accounts, setAccounts] = useState<AccountView[] | null>(null);
  const [tokens, setTokens] = useState<Record<string, TokenEntry>>({});
  const [loadError, setLoadError] = useState<ErrorView | null>(null);
  const alive = useRef(true);

  // Answers can arrive out of order: keep the view the main process made last.
  const putToken = useCallback((view: TokenView) => {
    if (!alive.current) return;
    setTokens((prev) => {
      const old = prev[view.appId];
      if (old && old.view.serverNow > view.serverNow) return prev;
      return { ...prev, [view.appId]: entryOf(view) };
    });
  }, []);

  const loadToken = useCallback(
    (appId: string) => {
      api.token(appId).then(putToken, () => {
        // The account may be gone meanwhile; the accounts event that follows tidies up.
      });
    },
    [putToken],
  );

  const loadAccounts = useCallback(async () => {
    // Asked together: the token views do not wait for the list (one round trip to the first token).
    // One call for every account's token: a thousand accounts cost one answer, not a thousand.
    const views = api.tokens().catch(() => null);
    const list = await api.listAccounts();
    if (!alive.current) return;
    setAccounts(list);
    const ids = new Set(list.map((a) => a.appId));
    setTokens((prev) => Object.fromEntries(Object.entries(prev).filter(([id]) => ids.has(id))));
    void views.then((got) => {
      if (!alive.current || !got) return;
      setTokens((prev) => {
        const next = { ...prev };
        // An account added between the two answers gets its token with the next event.
        for (const v of got) {
          const old = next[v.appId];
          if (ids.has(v.appId) && (!old || old.view.serverNow <= v.serverNow)) next[v.appId] = entryOf(v);
        }
        return next;
      });
    });
  }, []);

  const loadSettings = useCallback(async () => {
    const s = await api.getSettings();
    if (alive.current) setSettings(s);
  }, []);

  const reload = useCallback(() => {
    setLoadError(null);
    Promise.all([api.info().then((i) => alive.current && setInfo(i)), loadSettings(), loadAccounts()]).catch((e: unknown) => {
      if (alive.current) setLoadError(asErrorView(e));
    });
  }, [loadAccounts, loadSettings]);

  useEffect(() => {
    alive.current = true;
    reload();
    const off = api.onChange((e) => {
      if (e.type === 'accounts') void loadAccounts().catch(() => undefined);
      // Settings can start or stop the desktop's endpoint, whose URL is part of the info.
      else if (e.type === 'settings') void Promise.all([loadSettings(), api.info().then((i) => alive.current && setInfo(i))]).catch(() => undefined);
      // A damaged file was moved aside: the notice is part of the info; the accounts may have changed with it.
      else if (e.type === 'notice') void Promise.all([api.info().then((i) => alive.current && setInfo(i)), loadAccounts()]).catch(() => undefined);
      else if (e.type === 'token') loadToken(e.appId);
      // 'probe' events are for the Probe tab that started the run.
    });
    return () => {
      alive.current = false;
      off();
    };
  }, [reload, loadAccounts, loadSettings, loadToken]);

  const putAccount = useCallback((view: AccountView) => {
    setAccounts((prev) => (prev === null ? [view] : prev.some((a) => a.appId === view.appId) ? prev.map((a) => (a.appId === view.appId ? view : a)) : [...prev, view]));
  }, []);

  return { info, settings, accounts, tokens, loadError, reload, putToken, putAccount, setSettings };
}
