// Where the phone's menu comes from: the live menu (menu/get through the console, with the account's
// live token) or a draft (menu/create's JSON, pasted or read from a file).
import type { MenuDraft } from '../../../../electron/contract';
import type { Slot } from '../../slot';
import { asErrorView } from '../../state';
import { readMenu } from './menu-source';
import { api } from '../../bridge';
import type { SimState } from './sim-state';

/** WeChat's answer when the account has no menu. */
const NO_MENU = 46003;

/** Slots whose live menu changed while a menu/get was on its way: read once more when it lands. */
const stale = new WeakSet<Slot<SimState>>();

/** menu/get into the slot; `changed`: the live menu changed, so a read already on its way may be old. */
export async function reloadLiveMenu(slot: Slot<SimState>, appId: string, changed = false): Promise<void> {
  if (slot.get().live.loading) {
    if (changed) stale.add(slot);
    return;
  }
  const live = (patch: Partial<SimState['live']>) => slot.set((s) => ({ ...s, live: { ...s.live, ...patch } }));
  live({ loading: true, error: null, bad: null, none: false });
  try {
    const result = await api.consoleSend({ appId, method: 'GET', path: '/cgi-bin/menu/get' });
    if (result.errcode === NO_MENU) live({ menu: null, none: true });
    else if (result.error) live({ menu: null, error: result.error });
    else {
      const read = readMenu(result.body);
      live(read.ok ? { menu: read.menu } : { menu: null, bad: read.problem });
    }
  } catch (e) {
    live({ menu: null, error: asErrorView(e) });
  } finally {
    live({ loading: false, loaded: true });
  }
  if (stale.delete(slot)) await reloadLiveMenu(slot, appId);
}

/** Reads the draft: the phone shows it when it is a menu, else the problem is shown at its line. */
export function applyDraft(slot: Slot<SimState>): void {
  const read = readMenu(slot.get().draft);
  slot.set((s) => (read.ok ? { ...s, draftMenu: read.menu, draftProblem: null } : { ...s, draftProblem: { problem: read.problem, ...(read.line ? { line: read.line } : {}) } }));
}

/** The menu the phone draws now, if any. */
export function shownMenu(s: SimState): MenuDraft | null {
  return s.menuFrom === 'live' ? s.live.menu : s.draftMenu;
}
