// The IPC transport: registers the one handler table, one channel per DashboardApi method. Every
// call must come from our own window showing our own page; arguments are checked by the table
// itself; results and errors cross as envelopes. Takes ipcMain as a parameter (types only from
// 'electron'), so tests drive it with a stub.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { DASHBOARD_METHODS, EVENT_CHANNEL, READY_CHANNEL, TEAM_URL_CHANNEL, channelOf, type Envelope, type SettingsView } from './contract';
import { errorView, type Dashboard } from './core/dashboard';

export interface IpcOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  dashboard: Dashboard;
  /** The window the app created; calls from any other sender are refused. */
  window: () => { webContents: WebContents } | null;
  /** The URL of our page (wxdesk://app/index.html, its own scheme); frames showing anything else are refused. */
  pageUrl: string;
  /**
   * The desktop's team Redis URL proposal (not a dashboard method): main.ts asks in a native dialog
   * and saves only on a confirming click. Same sender checks as every dashboard call.
   */
  proposeTeamRedisUrl?: (url: unknown) => Promise<SettingsView>;
  /** The page listens for commands now (READY_CHANNEL); same sender checks. */
  onCommandsReady?: () => void;
}

/** Why a call is refused, in both languages (the page shows the zh text in the Chinese UI). */
const WHY = {
  sender: { en: 'the call did not come from the WxDesk window', zh: '调用不是来自 WxDesk 窗口' },
  page: { en: 'the calling page is not the WxDesk dashboard', zh: '发起调用的页面不是 WxDesk 控制台' },
} as const;

const refused = (why: keyof typeof WHY): Envelope<never> => ({
  ok: false,
  error: {
    code: 'FORBIDDEN',
    kind: 'input',
    message: `Refused: ${WHY[why].en}.`,
    hint: 'Only the WxDesk window may call the dashboard API.',
    zh: { message: `已拒绝：${WHY[why].zh}。`, hint: '只有 WxDesk 窗口可以调用控制台接口。' },
  },
});

function sameDocument(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    const y = new URL(b);
    return x.protocol === y.protocol && x.host === y.host && x.pathname === y.pathname;
  } catch {
    return false;
  }
}

/** Registers every handler; returns a function that removes them and the event forwarding. */
export function registerIpc(opts: IpcOptions): () => void {
  const trusted = (event: IpcMainInvokeEvent): keyof typeof WHY | null => {
    const win = opts.window();
    if (!win || event.sender !== win.webContents) return 'sender';
    const frameUrl = event.senderFrame?.url;
    if (!frameUrl || !sameDocument(frameUrl, opts.pageUrl)) return 'page';
    return null;
  };

  for (const method of DASHBOARD_METHODS) {
    opts.ipcMain.handle(channelOf(method), async (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<Envelope<unknown>> => {
      const why = trusted(event);
      if (why) return refused(why);
      try {
        return { ok: true, value: await opts.dashboard.handlers[method](...args) };
      } catch (e) {
        return { ok: false, error: errorView(e) };
      }
    });
  }

  const { proposeTeamRedisUrl } = opts;
  if (proposeTeamRedisUrl) {
    opts.ipcMain.handle(TEAM_URL_CHANNEL, async (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<Envelope<unknown>> => {
      const why = trusted(event);
      if (why) return refused(why);
      try {
        return { ok: true, value: await proposeTeamRedisUrl(args[0]) };
      } catch (e) {
        return { ok: false, error: errorView(e) };
      }
    });
  }

  const { onCommandsReady } = opts;
  if (onCommandsReady) {
    opts.ipcMain.handle(READY_CHANNEL, (event: IpcMainInvokeEvent): Envelope<null> => {
      const why = trusted(event);
      if (why) return refused(why);
      onCommandsReady();
      return { ok: true, value: null };
    });
  }

  const unsubscribe = opts.dashboard.subscribe((e) => {
    const win = opts.window();
    if (win && !win.webContents.isDestroyed()) win.webContents.send(EVENT_CHANNEL, e);
  });

  return () => {
    unsubscribe();
    for (const method of DASHBOARD_METHODS) opts.ipcMain.removeHandler(channelOf(method));
    if (proposeTeamRedisUrl) opts.ipcMain.removeHandler(TEAM_URL_CHANNEL);
    if (onCommandsReady) opts.ipcMain.removeHandler(READY_CHANNEL);
  };
}
