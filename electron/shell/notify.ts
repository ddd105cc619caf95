// When the desktop shows a native notification: a refresh failed with an error only the user can
// fix (a whitelist, a secret, a quota), once per error and account, not once per retry. A success
// clears the memory, so the same fault coming back later is told again.
import type { ErrorView, Lang } from '../contract';
import { shellText } from './text';

/** Errors a person must act on; network faults and stale tokens fix themselves and stay quiet. */
const MUST_FIX = new Set<number | string>([40001, 40013, 40125, 40164, 40243, 45009, 48001, 61004, 89501, 89503, 89506, 89507, 'NO_SECRET', 'STORE_UNREADABLE']);

export function mustFix(e: Pick<ErrorView, 'code' | 'kind'>): boolean {
  return MUST_FIX.has(e.code) && e.kind !== 'token' && e.kind !== 'transient';
}

export interface NotificationText {
  title: string;
  body: string;
}

export class NotificationRule {
  /** The error last told per account (code and IP), until the account refreshes cleanly. */
  private readonly told = new Map<string, string>();

  /** What to show now for an account's current last error, if anything. */
  decide(account: { appId: string; label: string }, lastError: ErrorView | undefined, enabled: boolean, lang: Lang): NotificationText | null {
    if (!lastError) {
      this.told.delete(account.appId);
      return null;
    }
    if (!mustFix(lastError)) return null;
    const key = `${lastError.code}|${lastError.ip ?? ''}`;
    if (this.told.get(account.appId) === key) return null;
    // Remembered even while notifications are off: switching them on later does not replay old faults.
    this.told.set(account.appId, key);
    if (!enabled) return null;
    const text = lang === 'zh-CN' && lastError.zh ? lastError.zh : { message: lastError.message, hint: lastError.hint };
    return { title: shellText(lang, 'notifyTitle', { label: account.label }), body: `${text.message} ${text.hint}` };
  }

  forget(appId: string): void {
    this.told.delete(appId);
  }
}

/** What HeldNotifications needs of a notification: Electron's Notification is an EventEmitter. */
export interface Releasable {
  once(event: 'click' | 'close' | 'failed', listener: () => void): unknown;
}

/**
 * Notifications shown and not yet clicked or closed. A Notification held only by a local variable
 * can be garbage-collected while it is on screen, and its click handler goes with it ("click opens
 * the account" then fails at random): each is kept here until it is clicked, closed or fails. Some
 * desktops never report a close, so only the latest `max` are kept.
 */
export class HeldNotifications<N extends Releasable> {
  private readonly held = new Set<N>();

  constructor(private readonly max = 20) {}

  hold(n: N): N {
    this.held.add(n);
    const release = () => this.held.delete(n);
    n.once('click', release);
    n.once('close', release);
    n.once('failed', release);
    for (const old of this.held) {
      if (this.held.size <= this.max) break;
      this.held.delete(old);
    }
    return n;
  }

  get size(): number {
    return this.held.size;
  }

  has(n: N): boolean {
    return this.held.has(n);
  }
}
