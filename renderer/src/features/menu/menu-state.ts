// One account's menu editor, kept in the account's memory (memory.ts) so a draft being saved or a
// publish on its way outlasts the tab: the live menu, the draft (saved to the core a moment after
// each edit, so it survives a restart), the selected button, and what a publish, revert or delete
// answered. The rules are checked here, in the page, as the draft changes (rules.ts, pure).
import type { ErrorView, MenuDraft } from '../../../../electron/contract';
import type { MenuLiveView, MenuProblem } from '../../../../electron/contract/menu-editor';
import type { AccountMemory } from '../../app/memory';
import { api } from '../../bridge';
import { Slot } from '../../slot';
import { asErrorView } from '../../state';
import type { Path } from './menu-edit';

/** How long the draft waits after an edit before it is saved (typing does not save every key). */
export const SAVE_DELAY_MS = 400;

export interface MenuTabState {
  live: MenuLiveView | null;
  liveLoading: boolean;
  liveError: ErrorView | null;
  /** The draft as edited; null until the first load. */
  draft: MenuDraft | null;
  savedAt: number | null;
  /** An edit not saved yet (or a save on its way). */
  dirty: boolean;
  saveError: ErrorView | null;
  selected: Path | null;
  /** WeChat's refusal of the last publish, mapped onto the buttons (cleared by the next edit). */
  refused: MenuProblem[];
  busy: 'publish' | 'revert' | 'delete' | null;
  actionError: ErrorView | null;
  /** The last publish or delete that went through. */
  done: { what: 'published' | 'deleted' | 'reverted'; at: number } | null;
  /** What a keyboard move did, for screen readers. */
  announce: string;
  loaded: boolean;
}

export function initialMenuTab(): MenuTabState {
  return { live: null, liveLoading: false, liveError: null, draft: null, savedAt: null, dirty: false, saveError: null, selected: null, refused: [], busy: null, actionError: null, done: null, announce: '', loaded: false };
}

export const menuSlot = (memory: AccountMemory): Slot<MenuTabState> => memory.keep('menu', () => new Slot(initialMenuTab()));

/** The JSON menu/create takes, as exported. */
export const exportMenu = (menu: MenuDraft): string => `${JSON.stringify(menu, null, 2)}\n`;

/** The editor's actions over its slot: each lands in the slot, whether the tab is shown or not. */
export class MenuEditor {
  #timer: ReturnType<typeof setTimeout> | null = null;
  #saving: Promise<void> | null = null;

  constructor(
    readonly slot: Slot<MenuTabState>,
    readonly appId: string,
  ) {}

  /** The live menu and the draft, the first time the tab opens for the account. */
  async load(): Promise<void> {
    if (this.slot.get().loaded) return;
    this.slot.patch({ loaded: true });
    const live = this.reload();
    try {
      const view = await api.menuDraft(this.appId);
      if (view.draft) this.slot.patch({ draft: view.draft, savedAt: view.savedAt });
      else {
        // No draft yet: the editor starts from the live menu (or an empty one).
        await live;
        if (this.slot.get().draft === null) this.slot.patch({ draft: this.slot.get().live?.menu ?? { button: [] } });
      }
    } catch (e) {
      this.slot.patch({ loaded: false, saveError: asErrorView(e), draft: this.slot.get().draft ?? { button: [] } });
    }
  }

  async reload(): Promise<void> {
    if (this.slot.get().liveLoading) return;
    this.slot.patch({ liveLoading: true, liveError: null });
    try {
      this.slot.patch({ live: await api.menuLive(this.appId) });
    } catch (e) {
      this.slot.patch({ liveError: asErrorView(e) });
    } finally {
      this.slot.patch({ liveLoading: false });
    }
  }

  /** An edit: shown and checked at once, saved a moment later. */
  edit(menu: MenuDraft, selected?: Path | null, announce?: string): void {
    this.slot.set((s) => ({ ...s, draft: menu, dirty: true, refused: [], done: null, ...(selected !== undefined ? { selected } : {}), ...(announce !== undefined ? { announce } : {}) }));
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
  }

  /** Saves the draft now if an edit waits (before a publish, so WeChat gets what is shown). */
  async flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    while (this.#saving) await this.#saving;
    const s = this.slot.get();
    if (!s.dirty || !s.draft) return;
    const draft = s.draft;
    this.#saving = (async () => {
      try {
        const view = await api.menuSaveDraft(this.appId, draft);
        // Edits made while saving stay dirty, and are saved next.
        this.slot.set((x) => ({ ...x, savedAt: view.savedAt, saveError: null, dirty: x.draft !== draft }));
      } catch (e) {
        this.slot.patch({ saveError: asErrorView(e) });
      }
    })();
    try {
      await this.#saving;
    } finally {
      this.#saving = null;
    }
    if (this.slot.get().dirty && !this.slot.get().saveError) await this.flush();
  }

  /**
   * An imported menu: the JSON text goes to the core as it is, which reads it as menu/create takes it
   * (or as menu/get answers it; size and nesting bounded) and keeps it as the draft, or refuses a
   * shape that cannot be a menu with its reasons (thrown, for the import's field to show).
   */
  async importText(text: string): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    while (this.#saving) await this.#saving;
    const view = await api.menuSaveDraft(this.appId, text);
    this.slot.patch({ draft: view.draft ?? { button: [] }, savedAt: view.savedAt, dirty: false, saveError: null, selected: null, refused: [], done: null });
  }

  async publish(): Promise<boolean> {
    this.slot.patch({ busy: 'publish', actionError: null, refused: [], done: null });
    try {
      await this.flush();
      if (this.slot.get().saveError) return false;
      const result = await api.menuPublish(this.appId);
      if (result.published) {
        this.slot.patch({ done: { what: 'published', at: result.at } });
        await this.reload();
        return true;
      }
      this.slot.patch({ refused: result.problems, actionError: result.error ?? null });
      return false;
    } catch (e) {
      this.slot.patch({ actionError: asErrorView(e) });
      return false;
    } finally {
      this.slot.patch({ busy: null });
    }
  }

  async revert(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.slot.patch({ busy: 'revert', actionError: null, refused: [], done: null });
    try {
      while (this.#saving) await this.#saving;
      const view = await api.menuRevert(this.appId);
      this.slot.patch({ draft: view.draft ?? { button: [] }, savedAt: view.savedAt, dirty: false, selected: null, done: { what: 'reverted', at: Date.now() } });
      await this.reload();
    } catch (e) {
      this.slot.patch({ actionError: asErrorView(e) });
    } finally {
      this.slot.patch({ busy: null });
    }
  }

  async remove(): Promise<void> {
    this.slot.patch({ busy: 'delete', actionError: null, refused: [], done: null });
    try {
      const r = await api.menuDelete(this.appId);
      this.slot.patch({ done: { what: 'deleted', at: r.at } });
      await this.reload();
    } catch (e) {
      this.slot.patch({ actionError: asErrorView(e) });
    } finally {
      this.slot.patch({ busy: null });
    }
  }
}
