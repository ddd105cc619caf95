// What the desktop does when its page's renderer process is gone. Ctrl/Cmd+R is the token refresh,
// so a person cannot reload a blank window: the shell does it. The first crash reloads the page; a
// second recreates the window; a third within the same spell quits with a dialog rather than loop.
// A spell ends after a quiet minute. A clean exit (the window closing) is no crash.
import type { Lang } from '../contract';
import { shellText } from './text';

export type GoneReason = 'clean-exit' | 'abnormal-exit' | 'killed' | 'crashed' | 'oom' | 'launch-failed' | 'integrity-failure' | 'memory-eviction';

export interface CrashStep {
  action: 'ignore' | 'reload' | 'recreate' | 'quit';
  /** What to tell the person (and the log); empty for 'ignore'. */
  text: string;
}

/** A crash this long after the previous one starts over with a reload. */
export const QUIET_MS = 60_000;

export class CrashRecovery {
  private count = 0;
  private last = -Infinity;

  next(reason: GoneReason, now: number, lang: Lang): CrashStep {
    if (reason === 'clean-exit') return { action: 'ignore', text: '' };
    if (now - this.last > QUIET_MS) this.count = 0;
    this.last = now;
    this.count++;
    const vars = { reason };
    if (this.count === 1) return { action: 'reload', text: shellText(lang, 'crashReloaded', vars) };
    if (this.count === 2) return { action: 'recreate', text: shellText(lang, 'crashRecreated', vars) };
    return { action: 'quit', text: shellText(lang, 'crashQuit', vars) };
  }
}
