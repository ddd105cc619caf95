// When the desktop shows a native notification: a refresh failed with an error only the user can
// fix (a whitelist, a secret, a quota), once per error and account, not once per retry. A success
// clears the memory, so the same fault coming back later is told again.
import type { ErrorView, Lang, Notice } from '../contract';
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

/** What main.ts needs to read for one keeper 'change' event. */
export interface KeeperEventContext {
  account(appId: string): { appId: string; label: string } | undefined;
  lastError(appId: string): ErrorView | undefined;
  notificationsOn: boolean;
  lang: Lang;
}

export interface KeeperEventEffects {
  /** The accounts changed: the menu and tray are built again. */
  menus: boolean;
  /** A native notification to show (clicking it opens the account). */
  notify: (NotificationText & { appId: string }) | null;
}

/**
 * Which keeper events become what: an account change rebuilds the menus; a refresh's outcome (a
 * token or an error) may notify, by the rule; every other event ('refreshing', …) does nothing.
 */
export function keeperEventEffects(event: { appId: string; reason: string }, rule: NotificationRule, ctx: KeeperEventContext): KeeperEventEffects {
  const none = { menus: event.reason === 'account', notify: null };
  if (event.reason !== 'token' && event.reason !== 'error') return none;
  const account = ctx.account(event.appId);
  if (!account) return none;
  const text = rule.decide(account, ctx.lastError(event.appId), ctx.notificationsOn, ctx.lang);
  return { menus: false, notify: text && { ...text, appId: event.appId } };
}

/** The log line for a store notice (the dashboard shows them too; the console keeps a trace). */
export function noticeLine(n: Notice): string {
  switch (n.kind) {
    case 'damaged':
      return `WxDesk: ${n.file} was damaged; the copy is kept at ${n.movedTo}`;
    case 'fault':
    case 'team-entry':
      return `WxDesk: [${n.error.code}] ${n.error.message}`;
    case 'refused':
      return `WxDesk: refused a record of ${n.appId} from the team's Redis, written by ${n.by} (${n.reason}: ${n.detail})`;
    default:
      return `WxDesk: team Redis ${n.server} is ${n.state}`;
  }
}
