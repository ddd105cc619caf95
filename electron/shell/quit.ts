// How the desktop quits. Electron does not wait for promises in 'before-quit': a refresh in flight
// would be cut off (in classic mode WeChat has already retired the old token) and its history line
// never written. So the first 'before-quit' is held (preventDefault), the token keeper and the local
// endpoint are closed, for up to `capMs`, and only then is quit called again, which goes through.

/** A close still running after this is given up on: quitting must not hang on a stuck socket. */
export const QUIT_CAP_MS = 3_000;

export interface QuitSteps {
  /** What to finish before the process ends (core.close(), endpoint.close()). */
  close(): Promise<unknown>[];
  /** app.quit(): emits 'before-quit' again, which is let through then. */
  quit(): void;
  /** Told when a close fails or the cap is hit (the app quits anyway). */
  warn?(message: string): void;
  capMs?: number;
}

/** The 'before-quit' listener. */
export function quitSequence(steps: QuitSteps): (event: { preventDefault(): void }) => void {
  let state: 'running' | 'closing' | 'done' = 'running';
  return (event) => {
    if (state === 'done') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    const cap = steps.capMs ?? QUIT_CAP_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const capped = new Promise<'cap'>((resolve) => {
      timer = setTimeout(() => resolve('cap'), cap);
    });
    let closing: Promise<unknown>[];
    try {
      closing = steps.close().map((p) => p.catch((e: unknown) => steps.warn?.(`WxDesk: closing before quit failed: ${String(e)}`)));
    } catch (e) {
      steps.warn?.(`WxDesk: closing before quit failed: ${String(e)}`);
      closing = [];
    }
    void Promise.race([Promise.all(closing), capped]).then((how) => {
      clearTimeout(timer);
      if (how === 'cap') steps.warn?.(`WxDesk: quitting after ${cap} ms with work still closing`);
      state = 'done';
      steps.quit();
    });
  };
}

/**
 * Whether the last window closed ends the app. macOS keeps apps running without windows; on Windows
 * the tray does. On Linux many desktops hide tray icons, so a closed window there must not leave an
 * invisible process: it quits (as it does on Windows when no tray icon could be made).
 */
export function quitWhenAllClosed(platform: NodeJS.Platform, hasTray: boolean): boolean {
  if (platform === 'darwin') return false;
  return !(platform === 'win32' && hasTray);
}
