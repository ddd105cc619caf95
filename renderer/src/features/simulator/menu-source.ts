// The menu the phone draws: a draft (the JSON menu/create takes, pasted or from a file) or the live
// one (menu/get's answer through the console). Read apart from React so it is tested alone.
import type { MenuButton, MenuDraft, ProbeText } from '../../../../electron/contract';

export type MenuRead = { ok: true; menu: MenuDraft } | { ok: false; problem: ProbeText; line?: number };

const fail = (en: string, zh: string, line?: number): MenuRead => ({ ok: false, problem: { en, zh }, ...(line ? { line } : {}) });

/** The 1-based line of a JSON.parse error, from its "position N" or "line N" (V8 says one or both). */
export function jsonErrorLine(text: string, message: string): number | undefined {
  const line = /\bline (\d+)/.exec(message);
  if (line) return Number(line[1]);
  const pos = /\bposition (\d+)/.exec(message);
  if (pos) return text.slice(0, Number(pos[1])).split('\n').length;
  return undefined;
}

function checkButton(b: unknown, where: string): { en: string; zh: string } | null {
  if (!b || typeof b !== 'object' || Array.isArray(b)) return { en: `${where} is not an object.`, zh: `${where} 不是对象。` };
  const button = b as Record<string, unknown>;
  if (typeof button.name !== 'string' || button.name === '') return { en: `${where} has no "name".`, zh: `${where} 缺少 "name"。` };
  if (button.sub_button !== undefined && !Array.isArray(button.sub_button)) return { en: `${where}: "sub_button" is not an array.`, zh: `${where}：“sub_button” 不是数组。` };
  return null;
}

/** A menu from JSON: {"button":[…]} as menu/create takes it, or menu/get's {"menu":{"button":[…]}}. */
export function readMenu(text: string): MenuRead {
  if (text.trim() === '') return fail('The menu JSON is empty.', '菜单 JSON 为空。');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return fail(`Not valid JSON: ${message}`, `不是有效的 JSON：${message}`, jsonErrorLine(text, message));
  }
  const root = doc && typeof doc === 'object' ? (doc as Record<string, unknown>) : {};
  const inner = root.menu && typeof root.menu === 'object' ? (root.menu as Record<string, unknown>) : root;
  const buttons = inner.button;
  if (!Array.isArray(buttons)) return fail('No "button" array: paste the JSON menu/create takes, {"button":[…]}.', '没有 "button" 数组：请粘贴 menu/create 接收的 JSON，即 {"button":[…]}。');
  if (buttons.length === 0) return fail('The "button" array is empty.', '"button" 数组为空。');
  for (const [i, b] of buttons.entries()) {
    const problem = checkButton(b, `button[${i}]`);
    if (problem) return { ok: false, problem };
    for (const [j, s] of (((b as MenuButton).sub_button ?? []) as unknown[]).entries()) {
      const sub = checkButton(s, `button[${i}].sub_button[${j}]`);
      if (sub) return { ok: false, problem: sub };
    }
  }
  // menu/get hands leaves back with an empty sub_button: drop it, so a leaf is drawn as a leaf.
  const clean = (b: MenuButton): MenuButton => {
    const { sub_button: subs, ...rest } = b;
    return subs && subs.length > 0 ? { ...rest, sub_button: subs.map(clean) } : rest;
  };
  return { ok: true, menu: { button: (buttons as MenuButton[]).map(clean) } };
}
