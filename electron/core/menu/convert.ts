// WeChat's menu shapes, turned into the one menu/create takes. Pure.
//   menu/get:                    {"menu":{"button":[…],"menuid":…},"conditionalmenu":[{"button","matchrule","menuid"}]}
//                                (leaves carry "sub_button":[])
//   get_current_selfmenu_info:   {"is_menu_open":1,"selfmenu_info":{"button":[…]}} where a parent's
//                                sub_button is {"list":[…]}, and news buttons carry "value" and "news_info"
import type { MenuButton, MenuDraft } from '../../contract/menu';
import type { ConditionalMenuView, MenuMatchRule } from '../../contract/menu-editor';
import { checkJson } from '../console/json-check';

const KEEP = ['name', 'type', 'key', 'url', 'media_id', 'article_id', 'appid', 'pagepath'] as const;
const RULE_KEYS = ['tag_id', 'sex', 'country', 'province', 'city', 'client_platform_type', 'language'] as const;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A button of any of WeChat's shapes, with only menu/create's fields (an empty sub_button dropped). */
export function cleanButton(raw: unknown, depth = 0): MenuButton {
  const o = isObject(raw) ? raw : {};
  const b: Record<string, unknown> = {};
  for (const f of KEEP) if (typeof o[f] === 'string') b[f] = o[f];
  if (typeof b.name !== 'string') b.name = '';
  const subs = Array.isArray(o.sub_button) ? o.sub_button : isObject(o.sub_button) && Array.isArray(o.sub_button.list) ? o.sub_button.list : [];
  if (subs.length > 0 && depth === 0) b.sub_button = subs.map((s) => cleanButton(s, 1));
  return b as unknown as MenuButton;
}

export function cleanMenu(buttons: unknown): MenuDraft {
  return { button: Array.isArray(buttons) ? buttons.map((b) => cleanButton(b)) : [] };
}

/** get_current_selfmenu_info: the menu set in the admin page (or by the API), or null when it is off. */
export function fromSelfMenu(json: Json): MenuDraft | null {
  if (json.is_menu_open !== 1 || !isObject(json.selfmenu_info)) return null;
  // In the admin page's menu a news button is "type":"news" with news_info, and text "type":"text":
  // menu/create has no such types; they are kept, and the rules name them for the person to redo.
  return cleanMenu(json.selfmenu_info.button);
}

export function matchRuleOf(raw: unknown): MenuMatchRule {
  const o = isObject(raw) ? raw : {};
  const r: Record<string, string> = {};
  for (const k of RULE_KEYS) if (o[k] !== undefined && o[k] !== null && o[k] !== '') r[k] = String(o[k]);
  return r as MenuMatchRule;
}

export function conditionalOf(raw: unknown): ConditionalMenuView[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isObject).map((m) => ({ menuid: String(m.menuid ?? ''), button: cleanMenu(m.button).button, matchrule: matchRuleOf(m.matchrule) }));
}

/**
 * An imported menu: menu/create's {"button":[…]}, or what menu/get answers ({"menu":{"button"}}),
 * so the output of `wxdesk menu get --json` or `wxdesk api GET /cgi-bin/menu/get` imports as it is.
 */
export function unwrapImport(v: unknown): unknown {
  if (isObject(v) && !('button' in v) && isObject(v.menu) && Array.isArray(v.menu.button)) return { button: v.menu.button };
  if (isObject(v) && 'button' in v) {
    const { menuid: _menuid, ...rest } = v;
    void _menuid;
    return rest;
  }
  return v;
}

/** The most a menu's JSON may be: the largest menu WeChat takes is about 20 KB. */
export const MAX_MENU_JSON = 64 * 1024;

/** JSON text as pasted or read from a file; refused with words in both languages. */
export function parseMenuText(text: string): { ok: true; value: unknown } | { ok: false; en: string; zh: string } {
  if (text.length > MAX_MENU_JSON) {
    return { ok: false, en: `The menu JSON is ${text.length} characters; a menu WeChat takes is far smaller (${MAX_MENU_JSON} at most here).`, zh: `菜单 JSON 长 ${text.length} 个字符；微信接受的菜单远小于此（此处最多 ${MAX_MENU_JSON} 个）。` };
  }
  // The console's checker: a mistake named by line and column in both languages, nesting bounded
  // (JSON.parse alone would recurse as deep as the text asks).
  const checked = checkJson(text);
  if (!checked.ok) {
    return {
      ok: false,
      en: `The menu is not valid JSON at line ${checked.line}, column ${checked.column}: ${checked.reason}. Paste what menu/create takes, {"button":[…]}.`,
      zh: `菜单不是合法的 JSON（第 ${checked.line} 行第 ${checked.column} 列）：${checked.reasonZh}。请粘贴 menu/create 接受的内容，即 {"button":[…]}。`,
    };
  }
  return { ok: true, value: unwrapImport(JSON.parse(text) as unknown) };
}
