// One account's simulator, kept in the account's memory (memory.ts) so that a push on its way, the
// log, the follower and the menu outlast the tab: the URL and the message mode (the mode starts at
// the account's and a change lasts while the app runs), the followers, the log, the phone's own
// lines, and what is being asked (a scan's text).
import type { AccountView, ErrorView, MenuButton, MenuChange, MenuDraft, ProbeMode, ProbeText, PushExchange, PushInput, PushKind, SimFollower } from '../../../../electron/contract';
import type { AccountMemory } from '../../app/memory';
import { rebase } from '../../rebase';
import { Slot } from '../../slot';
import { asErrorView } from '../../state';
import { planTap, scanPush, type PlannedPush, type TapNote } from './menu-push';
import { api } from '../../bridge';
import { reloadLiveMenu } from './sim-menu';

/** A line the phone shows of its own (a view button's URL), in the follower's conversation. */
export interface SimNote {
  id: string;
  at: number;
  openId: string;
  note: TapNote;
}

/** What the URL and the mode start from: the account's values (a probe remembers a URL; an edit sets the mode). */
export interface SimDefaults {
  url: string;
  mode: ProbeMode;
}

export interface SimState {
  url: string;
  mode: ProbeMode;
  /** Pushes go out with a forged signature (an attacker's), while the app runs. */
  forge: boolean;
  defaults: SimDefaults;
  followers: SimFollower[];
  openId: string;
  log: PushExchange[];
  notes: SimNote[];
  /** The name of the menu button a push came from, by exchange id. */
  tapped: Record<string, string>;
  /** A scancode button was tapped: the scanner "opens" and asks what it read. */
  scanning: { event: 'scancode_push' | 'scancode_waitmsg'; key: string; name: string } | null;
  menuFrom: 'live' | 'draft';
  draft: string;
  draftProblem: { problem: ProbeText; line?: number } | null;
  draftMenu: MenuDraft | null;
  live: { menu: MenuDraft | null; none: boolean; error: ErrorView | null; bad: ProbeText | null; loading: boolean; loaded: boolean };
  /** Pushes on their way (taps are not dropped while one is answered: each is sent). */
  sending: number;
  /** The exchange being resent as WeChat's retry. */
  retrying: string | null;
  error: ErrorView | null;
  loadError: ErrorView | null;
  loaded: boolean;
}

const defaultsOf = (account: AccountView): SimDefaults => ({ url: account.callbackUrl ?? '', mode: account.messageMode ?? 'plain' });

export function initialSim(account: AccountView): SimState {
  const defaults = defaultsOf(account);
  return {
    ...defaults,
    defaults,
    forge: false,
    followers: [],
    openId: '',
    log: [],
    notes: [],
    tapped: {},
    scanning: null,
    menuFrom: 'draft',
    draft: '',
    draftProblem: null,
    draftMenu: null,
    live: { menu: null, none: false, error: null, bad: null, loading: false, loaded: false },
    sending: 0,
    retrying: null,
    error: null,
    loadError: null,
    loaded: false,
  };
}

export const simSlot = (memory: AccountMemory, account: AccountView): Slot<SimState> => memory.keep('simulator', () => new Slot(initialSim(account)));

let noteSeq = 0;

/** The log with x at its end, unless a refresh (the 'simulator' event) brought it in already. */
const withExchange = (log: PushExchange[], x: PushExchange) => (log.some((y) => y.id === x.id) ? log : [...log, x]);

/** The simulator's actions over its slot: each call lands in the slot, whether the tab is shown or not. */
export class Simulator {
  constructor(
    readonly slot: Slot<SimState>,
    readonly appId: string,
  ) {}

  /** The followers and the log, the first time the tab opens for the account. */
  async load(): Promise<void> {
    if (this.slot.get().loaded) return;
    this.slot.patch({ loaded: true });
    try {
      const [followers, log] = await Promise.all([api.simulatorFollowers(this.appId), api.simulatorLog(this.appId)]);
      this.slot.set((s) => ({ ...s, followers, openId: s.openId || followers[0]?.openId || '', log, loadError: null }));
    } catch (e) {
      this.slot.patch({ loadError: asErrorView(e), loaded: false });
    }
  }

  /** The account changed (edited, or a URL probed): a URL or mode still at the old value follows; a choice made here stays. */
  followAccount(account: AccountView): void {
    this.slot.set((s) => {
      const next = defaultsOf(account);
      if (next.url === s.defaults.url && next.mode === s.defaults.mode) return s;
      return { ...s, ...rebase({ url: s.url, mode: s.mode }, s.defaults, next), defaults: next };
    });
  }

  /**
   * Follows the account's log and followers while the tab shows: another window (or this one) changed
   * them, so they are read again; the current follower stays if it is still there.
   */
  follow(): () => void {
    // The live menu shown when the tab opens again may have been published (or deleted) meanwhile.
    if (this.slot.get().live.loaded) void reloadLiveMenu(this.slot, this.appId);
    return api.onChange((ev) => {
      if (!('appId' in ev) || ev.appId !== this.appId) return;
      if (ev.type === 'simulator') void this.refresh();
      // The live menu changed (the Menu tab, another window, the CLI through serve): menu/get again.
      // A draft saved in the Menu tab is not the phone's business. A publish shows the new menu at
      // once, whatever the phone was showing: WeChat's followers get it, so the simulator does.
      else if (ev.type === 'menu') this.liveMenuChanged(ev.change);
    });
  }

  liveMenuChanged(change: MenuChange): void {
    if (change === 'draft' || change === 'conditional') return;
    if (change === 'published') this.slot.patch({ menuFrom: 'live' });
    else if (!this.slot.get().live.loaded) return;
    void reloadLiveMenu(this.slot, this.appId, true);
  }

  async refresh(): Promise<void> {
    try {
      const [followers, log] = await Promise.all([api.simulatorFollowers(this.appId), api.simulatorLog(this.appId)]);
      this.slot.set((s) => ({ ...s, followers, openId: followers.some((f) => f.openId === s.openId) ? s.openId : (followers[0]?.openId ?? ''), log }));
    } catch {
      // The next change, or the next push, reads them again; what is shown stays meanwhile.
    }
  }

  /** The push input for the current follower, URL and mode. */
  input(kind: PushKind, extra: Partial<PushInput> = {}): PushInput {
    const s = this.slot.get();
    return { appId: this.appId, kind, mode: s.mode, ...(s.url.trim() ? { url: s.url.trim() } : {}), ...(s.openId ? { openId: s.openId } : {}), ...(s.forge ? { forgeSignature: true } : {}), ...extra };
  }

  async send(input: PushInput, tapped?: string): Promise<PushExchange | null> {
    this.slot.set((s) => ({ ...s, sending: s.sending + 1, error: null }));
    try {
      const x = await api.simulatorSend(input);
      this.slot.set((s) => ({ ...s, log: withExchange(s.log, x), tapped: tapped ? { ...s.tapped, [x.id]: tapped } : s.tapped }));
      return x;
    } catch (e) {
      this.slot.patch({ error: asErrorView(e) });
      return null;
    } finally {
      this.slot.set((s) => ({ ...s, sending: s.sending - 1 }));
    }
  }

  sendPush(push: PlannedPush, tapped?: string): Promise<PushExchange | null> {
    return this.send(this.input(push.kind, { fields: push.fields }), tapped);
  }

  note(note: TapNote): void {
    this.slot.set((s) => ({ ...s, notes: [...s.notes, { id: `note-${++noteSeq}`, at: Date.now(), openId: s.openId, note }] }));
  }

  /** A tap on a menu button, as WeChat handles it. */
  tap(button: MenuButton): void {
    const plan = planTap(button);
    if (plan.kind === 'scan') {
      this.slot.patch({ scanning: { event: plan.event, key: plan.key, name: button.name } });
      return;
    }
    if (plan.note) this.note(plan.note);
    if (plan.kind === 'push') void this.sendPush(plan.push, button.name);
  }

  scanned(text: string): void {
    const scan = this.slot.get().scanning;
    if (!scan) return;
    this.slot.patch({ scanning: null });
    void this.sendPush(scanPush(scan.event, scan.key, text), scan.name);
  }

  /** The same push (one MsgId) three times, 5 s apart; the result is a log line of its own. */
  async retry(x: PushExchange): Promise<void> {
    if (this.slot.get().retrying) return;
    this.slot.patch({ retrying: x.id, error: null });
    try {
      const result = await api.simulatorRetry({ appId: this.appId, kind: x.kind, xml: x.xml, url: x.url, mode: x.mode, openId: x.openId, ...(x.forged ? { forgeSignature: true } : {}) });
      this.slot.set((s) => ({ ...s, log: withExchange(s.log, result) }));
    } catch (e) {
      this.slot.patch({ error: asErrorView(e) });
    } finally {
      this.slot.patch({ retrying: null });
    }
  }

  async clear(): Promise<void> {
    try {
      await api.simulatorClearLog(this.appId);
      this.slot.set((s) => ({ ...s, log: [], notes: [], tapped: {} }));
    } catch (e) {
      this.slot.patch({ error: asErrorView(e) });
    }
  }

  /** Saves the followers; the current one stays if it is still there, else the first is chosen. */
  async saveFollowers(followers: SimFollower[]): Promise<ErrorView | null> {
    try {
      const saved = await api.simulatorSaveFollowers(this.appId, followers);
      this.slot.set((s) => ({ ...s, followers: saved, openId: saved.some((f) => f.openId === s.openId) ? s.openId : (saved[0]?.openId ?? '') }));
      return null;
    } catch (e) {
      return asErrorView(e);
    }
  }
}
