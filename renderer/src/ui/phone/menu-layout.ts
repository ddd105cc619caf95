// The custom menu as the phone lays it out: at most 3 buttons in the bar, at most 5 under each, and
// names cut with "…" where WeChat cuts them. The official menu docs (自定义菜单, menu/create) say a
// top-level name shows at most 4 Chinese characters and a sub-button's at most 8; the rest becomes
// an ellipsis. A Latin letter, digit or space takes half a Chinese character's room (the 16- and
// 60-byte name limits count them so too). See /work/shared/WECHAT.md, "How the phone draws the menu".
import type { MenuButton, MenuDraft } from '../../../../electron/contract';

/** Room for a name, in half-width units: a Chinese character takes 2. */
export const NAME_ROOM = { top: 8, sub: 16 } as const;
export const MAX_TOP = 3;
export const MAX_SUB = 5;

// East Asian Wide and Fullwidth characters, and emoji: two units each.
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1faff}\u{20000}-\u{3fffd}]/u;

/** The characters as the eye sees them (an emoji with modifiers is one). */
function graphemes(text: string): string[] {
  const Segmenter = (Intl as { Segmenter?: typeof Intl.Segmenter }).Segmenter;
  if (!Segmenter) return Array.from(text);
  return Array.from(new Segmenter(undefined, { granularity: 'grapheme' }).segment(text), (s) => s.segment);
}

/** The room a character takes: 2 for a Chinese (wide) one, 1 otherwise. */
export const widthOf = (ch: string): number => (WIDE.test(ch) ? 2 : 1);

/** The name as the phone shows it: whole when it fits its room, else what fits and "…". */
export function cutMenuName(name: string, level: keyof typeof NAME_ROOM): string {
  const room = NAME_ROOM[level];
  const chars = graphemes(name);
  if (chars.reduce((sum, ch) => sum + widthOf(ch), 0) <= room) return name;
  let used = 0;
  let kept = '';
  for (const ch of chars) {
    const w = widthOf(ch);
    if (used + w > room) break;
    used += w;
    kept += ch;
  }
  return `${kept}…`;
}

/** A button as drawn: its shown name, the button it stands for, and its sub-buttons (top level). */
export interface LaidButton {
  shown: string;
  button: MenuButton;
  subs: LaidButton[];
}

/** The bar: what the phone draws of a menu, and how many buttons it leaves out (over 3, or over 5). */
export function layoutMenu(menu: MenuDraft): { buttons: LaidButton[]; leftOut: number } {
  let leftOut = Math.max(0, menu.button.length - MAX_TOP);
  const buttons = menu.button.slice(0, MAX_TOP).map((button) => {
    const subs = button.sub_button ?? [];
    leftOut += Math.max(0, subs.length - MAX_SUB);
    return {
      shown: cutMenuName(button.name, 'top'),
      button,
      subs: subs.slice(0, MAX_SUB).map((sub) => ({ shown: cutMenuName(sub.name, 'sub'), button: sub, subs: [] })),
    };
  });
  return { buttons, leftOut };
}
