// The Menu tab's edits of a draft menu, apart from React so they are tested alone. A button is found
// by its path counted from 0 ([1] the second top-level button, [1, 4] its fifth sub-button); WeChat's
// problems count from 1 (MenuProblem.at), and atOf / pathOf turn one into the other. Every edit
// returns a new menu (the old one is never changed) or null when the move is not possible.
import type { MenuButton, MenuButtonType, MenuDraft } from '../../../../electron/contract';
import type { MenuProblem } from '../../../../electron/contract/menu-editor';
import { MENU_LIMITS, REQUIRED_FIELDS } from '../../../../electron/core/menu/rules';

export type Path = readonly number[];

/** The fields a type can hold (all but name and sub_button). */
export const TYPE_FIELDS = ['type', 'key', 'url', 'media_id', 'article_id', 'appid', 'pagepath'] as const;
export type TypeField = (typeof TYPE_FIELDS)[number];

export const atOf = (path: Path): number[] => path.map((i) => i + 1);
export const samePath = (a: Path | null | undefined, b: Path | null | undefined): boolean => !!a && !!b && a.length === b.length && a.every((v, i) => v === b[i]);

export function buttonAt(menu: MenuDraft, path: Path): MenuButton | undefined {
  const top = menu.button[path[0] ?? -1];
  return path.length === 1 ? top : top?.sub_button?.[path[1] ?? -1];
}

/** The list a path's button sits in, changed by `change` (a copy of the menu). */
function withList(menu: MenuDraft, parent: Path, change: (list: MenuButton[]) => void): MenuDraft {
  const button = menu.button.map((b) => ({ ...b, ...(b.sub_button ? { sub_button: [...b.sub_button] } : {}) }));
  if (parent.length === 0) {
    change(button);
    return { button };
  }
  const owner = button[parent[0]!]!;
  const list = owner.sub_button ?? [];
  change(list);
  if (list.length > 0) owner.sub_button = list;
  else delete owner.sub_button;
  return { button };
}

/** Only name and the sub-buttons: what a button keeps when it becomes a parent. */
const asParent = (b: MenuButton): MenuButton => ({ name: b.name, ...(b.sub_button?.length ? { sub_button: b.sub_button } : {}) });

export function updateButton(menu: MenuDraft, path: Path, patch: Partial<Record<'name' | TypeField, string>>): MenuDraft {
  return withList(menu, path.slice(0, -1), (list) => {
    const i = path[path.length - 1]!;
    const next: Record<string, unknown> = { ...list[i]! };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || (v === '' && k !== 'name')) delete next[k];
      else next[k] = v;
    }
    list[i] = next as unknown as MenuButton;
  });
}

/** A new type: the fields it needs are kept when they are there, the others go (the name stays). */
export function setType(menu: MenuDraft, path: Path, type: MenuButtonType): MenuDraft {
  const b = buttonAt(menu, path);
  if (!b) return menu;
  const keep = new Set<string>(REQUIRED_FIELDS[type]);
  const patch: Partial<Record<TypeField, string>> = { type };
  for (const f of TYPE_FIELDS) if (f !== 'type' && !keep.has(f)) patch[f] = '';
  return updateButton(menu, path, patch);
}

/** A new button at the end of the menu (null when it has 3). */
export function addTop(menu: MenuDraft, fresh: MenuButton): { menu: MenuDraft; path: Path } | null {
  if (menu.button.length >= MENU_LIMITS.buttons) return null;
  return { menu: { button: [...menu.button, fresh] }, path: [menu.button.length] };
}

/** A new sub-button at the end of a top-level button's (null at 5); the button becomes a parent. */
export function addSub(menu: MenuDraft, top: number, fresh: MenuButton): { menu: MenuDraft; path: Path } | null {
  const owner = menu.button[top];
  const subs = owner?.sub_button ?? [];
  if (!owner || subs.length >= MENU_LIMITS.subButtons) return null;
  const button = menu.button.map((b, i) => (i === top ? { ...asParent(b), sub_button: [...subs, fresh] } : b));
  return { menu: { button }, path: [top, subs.length] };
}

/** Removes a button; a parent whose last sub-button goes is a button again (it then needs a type). */
export function removeButton(menu: MenuDraft, path: Path): MenuDraft {
  return withList(menu, path.slice(0, -1), (list) => void list.splice(path[path.length - 1]!, 1));
}

/**
 * Moves the button at `from` to stand at `to` (its position once moved; a path of one number for the
 * top level, two for a sub-button). Null when it cannot go there: a button with sub-buttons cannot
 * become a sub-button (a menu has two levels), nor a button go under itself, nor past a list's limit.
 */
export function moveButton(menu: MenuDraft, from: Path, to: Path): MenuDraft | null {
  const moving = buttonAt(menu, from);
  if (!moving || to.length === 0 || to.length > 2) return null;
  if (to.length === 2 && moving.sub_button?.length) return null;
  if (to.length === 2 && from.length === 1 && from[0] === to[0]) return null;
  const removed = removeButton(menu, from);
  // Taking a top-level button out shifts the index of a later owner.
  const owner = to.length === 2 && from.length === 1 && from[0]! < to[0]! ? to[0]! - 1 : to[0]!;
  const target = to.length === 1 ? [] : [owner];
  const list = target.length === 0 ? removed.button : (removed.button[owner]?.sub_button ?? []);
  if (target.length === 1 && !removed.button[owner]) return null;
  const limit = target.length === 0 ? MENU_LIMITS.buttons : MENU_LIMITS.subButtons;
  const sameList = from.length === to.length && (from.length === 1 || from[0] === to[0]);
  if (!sameList && list.length >= limit) return null;
  const at = Math.max(0, Math.min(to[to.length - 1]!, list.length));
  if (target.length === 0) return withList(removed, [], (l) => void l.splice(at, 0, moving));
  const button = removed.button.map((b, i) => (i === owner ? { ...asParent(b), sub_button: [...(b.sub_button ?? [])] } : b));
  button[owner]!.sub_button!.splice(at, 0, moving);
  return { button };
}

export type KeyMove = 'up' | 'down' | 'into' | 'out';

/**
 * A keyboard move and where the button lands: up and down within its list; into: a top-level button
 * becomes the last sub-button of the one before it; out: a sub-button becomes the top-level button
 * after its parent.
 */
export function keyMove(menu: MenuDraft, path: Path, move: KeyMove): { menu: MenuDraft; path: Path } | null {
  const last = path[path.length - 1]!;
  let to: Path;
  if (move === 'up' || move === 'down') {
    const siblings = path.length === 1 ? menu.button.length : (menu.button[path[0]!]?.sub_button?.length ?? 0);
    const next = last + (move === 'up' ? -1 : 1);
    if (next < 0 || next >= siblings) return null;
    to = [...path.slice(0, -1), next];
  } else if (move === 'into') {
    if (path.length !== 1 || last === 0) return null;
    to = [last - 1, menu.button[last - 1]?.sub_button?.length ?? 0];
  } else {
    if (path.length !== 2) return null;
    to = [path[0]! + 1];
  }
  const moved = moveButton(menu, path, to);
  if (!moved) return null;
  return { menu: moved, path: to.length === 2 && path.length === 1 && path[0]! < to[0]! ? [to[0]! - 1, to[1]!] : to };
}

/** The problems of one button (at its path), or of the menu itself with []. */
export const problemsOf = (problems: readonly MenuProblem[], path: Path): MenuProblem[] => problems.filter((p) => p.at.length === path.length && p.at.every((v, i) => v === path[i]! + 1));

/** True when the button or, for a top-level button, one of its sub-buttons has a problem. */
export function hasProblem(problems: readonly MenuProblem[], path: Path): boolean {
  return problems.some((p) => p.at.length >= path.length && path.every((v, i) => p.at[i] === v + 1));
}

/** Where a button is in a menu (by identity: the edits keep the moved button's object). */
export function findButton(menu: MenuDraft, b: MenuButton): Path | null {
  for (const [i, top] of menu.button.entries()) {
    if (top === b) return [i];
    const j = (top.sub_button ?? []).indexOf(b);
    if (j >= 0) return [i, j];
  }
  return null;
}

/** Where a drag ends on a button of the tree: above it, below it, or (a top-level button) under it as its last sub-button. */
export type DropZone = 'before' | 'after' | 'into';

/**
 * A drag of the button at `from` dropped on the button at `onto`, in one of its zones: the menu with
 * the button moved and where it landed, or null when it cannot go there (see moveButton). Below a
 * top-level button with sub-buttons is the next place in the bar, after the whole group.
 */
export function dropMove(menu: MenuDraft, from: Path, onto: Path, zone: DropZone): { menu: MenuDraft; path: Path } | null {
  const moving = buttonAt(menu, from);
  if (!moving || !buttonAt(menu, onto) || samePath(from, onto)) return null;
  let to: Path;
  if (zone === 'into') {
    if (onto.length !== 1) return null;
    to = [onto[0]!, menu.button[onto[0]!]?.sub_button?.length ?? 0];
  } else {
    let at = onto[onto.length - 1]! + (zone === 'after' ? 1 : 0);
    const sameList = from.length === onto.length && (from.length === 1 || from[0] === onto[0]);
    if (sameList && from[from.length - 1]! < at) at -= 1;
    to = [...onto.slice(0, -1), at];
  }
  const moved = moveButton(menu, from, to);
  const path = moved && findButton(moved, moving);
  return moved && path ? { menu: moved, path } : null;
}
