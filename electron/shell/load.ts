// What the desktop does when its page cannot be loaded. Electron reports one failure twice (the
// main frame's did-fail-load, then loadURL's rejection): it is told once, then the app exits, never
// leaving a hidden window and a running process behind. An aborted load (-3, ERR_ABORTED: a
// navigation replaced or prevented, as the navigation policy does) is no failure.
export const ERR_ABORTED = -3;

export interface LoadFailureActions {
  /** Shows the reason (a native dialog; main.ts words it in the UI language). */
  show(reason: string): void;
  /** Ends the app (app.exit). */
  exit(): void;
}

export interface LoadFailureReporter {
  /** webContents 'did-fail-load'. */
  failed(code: number, description: string, url: string, isMainFrame: boolean): void;
  /** BrowserWindow.loadURL's rejection. */
  rejected(e: unknown): void;
  readonly reported: boolean;
}

export function loadFailureReporter(actions: LoadFailureActions): LoadFailureReporter {
  let reported = false;
  const report = (reason: string) => {
    if (reported) return;
    reported = true;
    try {
      actions.show(reason);
    } finally {
      actions.exit();
    }
  };
  return {
    failed(code, description, url, isMainFrame) {
      if (isMainFrame && code !== ERR_ABORTED) report(`${description} (${code}) ${url}`);
    },
    rejected(e) {
      const err = e as { errno?: unknown; code?: unknown } | null;
      if (err && (err.errno === ERR_ABORTED || err.code === 'ERR_ABORTED')) return;
      report(e instanceof Error ? e.message : String(e));
    },
    get reported() {
      return reported;
    },
  };
}
