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

export async function reloadLiveMenu(slot: Slot<SimState>, appId: string): Promise<void> {
  if (slot.get().live.loading) return;
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
