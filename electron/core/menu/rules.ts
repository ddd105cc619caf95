// WeChat's rules for a custom menu (menu/create, menu/addconditional), checked as WeChat checks them
// and named the way a person finds the button: by position and name, the field, the limit and the
// errcode WeChat would answer. Pure: no Node, so the Menu tab runs the same checks as you type.
// The limits and codes, and where they come from, are in /work/shared/WECHAT.md ("Custom menu").
import type { MenuButton, MenuButtonType, MenuDraft } from '../../contract/menu';
import type { MenuField, MenuProblem } from '../../contract/menu-editor';

export const MENU_TYPES: readonly MenuButtonType[] = [
  'click', 'view', 'scancode_push', 'scancode_waitmsg', 'pic_sysphoto', 'pic_photo_or_album', 'pic_weixin',
  'location_select', 'media_id', 'article_id', 'article_view_limited', 'miniprogram',
];

export const MENU_LIMITS = { buttons: 3, subButtons: 5, topName: 16, subName: 60, key: 128, url: 1024 } as const;

/** The fields each type needs (the docs: "click等点击类型必须", "view、miniprogram类型必填", …). */
export const REQUIRED_FIELDS: Readonly<Record<MenuButtonType, readonly MenuField[]>> = {
  click: ['key'],
  scancode_push: ['key'],
  scancode_waitmsg: ['key'],
  pic_sysphoto: ['key'],
  pic_photo_or_album: ['key'],
  pic_weixin: ['key'],
  location_select: ['key'],
  view: ['url'],
  miniprogram: ['url', 'appid', 'pagepath'],
  media_id: ['media_id'],
  article_id: ['article_id'],
  article_view_limited: ['article_id'],
};

const TEXT_FIELDS = ['name', 'type', 'key', 'url', 'media_id', 'article_id', 'appid', 'pagepath'] as const;

/** WeChat's code per field: top-level buttons (40016…40020) and sub-buttons (40023…40027) differ. */
const CODES = {
  top: { button: 40016, type: 40017, name: 40018, key: 40019, url: 40020 },
  sub: { button: 40023, type: 40024, name: 40025, key: 40026, url: 40027 },
} as const;
/** The same for both levels: media_id and article_id (invalid media_id), the mini program's appid and pagepath. */
const FIELD_CODES: Partial<Record<MenuField, number>> = { media_id: 40007, article_id: 40007, appid: 40166, pagepath: 40165 };
/** invalid sub_menu level: a sub-button that has sub-buttons of its own. */
const TOO_DEEP = 40022;
const APPID_RE = /^wx[0-9a-f]{16}$/;

/** UTF-8 bytes, as WeChat counts them: 1 for ASCII, 3 for most CJK, 4 for an emoji (a lone surrogate as U+FFFD: 3). */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

type Level = 'top' | 'sub';
const codeOf = (level: Level, field: MenuField): number => (CODES[level] as Record<string, number>)[field] ?? FIELD_CODES[field] ?? CODES[level].type;

/** "button 2 › 5 "拍照或者相册发图…"" and "按钮 2 › 5「拍照或者相册发图…」". */
export function buttonLabel(at: number[], name: string): { en: string; zh: string } {
  const chars = [...name];
  const shown = chars.length > 8 ? `${chars.slice(0, 8).join('')}…` : name;
  const pos = at.join(' › ');
  if (at.length === 0) return { en: 'the menu', zh: '菜单' };
  return { en: `button ${pos}${shown ? ` "${shown}"` : ''}`, zh: `按钮 ${pos}${shown ? `「${shown}」` : ''}` };
}

function problem(p: Omit<MenuProblem, 'en' | 'zh'>, en: string, zh: string): MenuProblem {
  const label = buttonLabel(p.at, p.name);
  return { ...p, en: `${label.en}: ${en} (${p.code})`, zh: `${label.zh}：${zh}（${p.code}）` };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** How many surplus buttons are named one by one (a hostile list of a million stays a short report). */
const MAX_NAMED_SURPLUS = 10;

/**
 * Checks a menu as WeChat would, every rule (not only the first, as WeChat answers). `draft` is the
 * menu with only the fields menu/create knows, or null when its shape cannot be kept (a field that
 * is not text, a button that is not an object, a third level).
 */
export function readMenu(value: unknown): { draft: MenuDraft | null; problems: MenuProblem[] } {
  const problems: MenuProblem[] = [];
  if (!isObject(value) || !Array.isArray(value.button)) {
    problems.push(problem({ at: [], name: '', field: 'button', rule: 'required', code: CODES.top.button }, 'needs "button": a list of 1 to 3 buttons', '需要 "button"：由 1～3 个按钮组成的列表'));
    return { draft: null, problems };
  }
  const out = readButtons(value.button, [], 'top', problems);
  return { draft: out ? { button: out } : null, problems };
}

/** The problems alone. */
export function checkMenu(value: unknown): MenuProblem[] {
  return readMenu(value).problems;
}

function readButtons(list: unknown[], parent: number[], level: Level, problems: MenuProblem[], parentName = ''): MenuButton[] | null {
  const max = level === 'top' ? MENU_LIMITS.buttons : MENU_LIMITS.subButtons;
  const field: MenuField = level === 'top' ? 'button' : 'sub_button';
  let keep = true;
  if (list.length === 0) {
    problems.push(
      problem({ at: parent, name: parentName, field, rule: 'too-few', actual: 0, limit: 1, code: CODES[level].button }, level === 'top' ? 'has no buttons; WeChat needs 1 to 3' : 'has an empty sub_button list; WeChat needs 1 to 5 (or none and a type)', level === 'top' ? '没有按钮；微信要求 1～3 个' : 'sub_button 为空列表；微信要求 1～5 个（或不写 sub_button 而设置 type）'),
    );
  }
  const out: MenuButton[] = [];
  list.forEach((raw, i) => {
    const at = [...parent, i + 1];
    if (i >= max) {
      if (i < max + MAX_NAMED_SURPLUS) {
        const name = isObject(raw) && typeof raw.name === 'string' ? raw.name : '';
        problems.push(
          problem(
            { at, name, field, rule: 'too-many', actual: list.length, limit: max, code: CODES[level].button },
            level === 'top' ? `one button too many: a menu has at most ${max} (this one is number ${i + 1} of ${list.length})` : `one sub-button too many: a button has at most ${max} (this one is number ${i + 1} of ${list.length})`,
            level === 'top' ? `按钮过多：菜单最多 ${max} 个（这是 ${list.length} 个中的第 ${i + 1} 个）` : `子按钮过多：每个按钮最多 ${max} 个（这是 ${list.length} 个中的第 ${i + 1} 个）`,
          ),
        );
      } else {
        // A list this long is not a menu being edited: it is not kept (and not named button by button).
        keep = false;
        return;
      }
    }
    const b = readButton(raw, at, level, problems);
    if (b) out.push(b);
    else keep = false;
  });
  return keep ? out : null;
}

function readButton(raw: unknown, at: number[], level: Level, problems: MenuProblem[]): MenuButton | null {
  if (!isObject(raw)) {
    problems.push(problem({ at, name: '', field: 'type', rule: 'not-text', code: CODES[level].type }, 'is not a button object ({"name": …, "type": …})', '不是按钮对象（{"name": …, "type": …}）'));
    return null;
  }
  const name = typeof raw.name === 'string' ? raw.name : '';
  let shapeOk = true;
  const b: Record<string, unknown> = {};
  const notText = new Set<string>();
  for (const f of TEXT_FIELDS) {
    const v = raw[f];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') {
      problems.push(problem({ at, name, field: f, rule: 'not-text', code: codeOf(level, f) }, `${f} must be text, not ${Array.isArray(v) ? 'a list' : typeof v}`, `${f} 应为文本，而不是${Array.isArray(v) ? '列表' : typeof v}`));
      shapeOk = false;
      notText.add(f);
      continue;
    }
    b[f] = v;
  }
  const nameLimit = level === 'top' ? MENU_LIMITS.topName : MENU_LIMITS.subName;
  if (b.name === undefined || b.name === '') {
    if (!notText.has('name')) problems.push(problem({ at, name, field: 'name', rule: 'required', code: CODES[level].name }, 'needs a name', '需要名称'));
  } else tooLong(problems, at, name, level, 'name', b.name as string, nameLimit);

  const subs = raw.sub_button;
  const hasSubs = Array.isArray(subs) && subs.length > 0;
  if (subs !== undefined && subs !== null && !Array.isArray(subs)) {
    problems.push(problem({ at, name, field: 'sub_button', rule: 'not-text', code: CODES[level].button }, 'sub_button must be a list of buttons', 'sub_button 应为按钮列表'));
    return null;
  }
  if (hasSubs) {
    if (level === 'sub') {
      problems.push(problem({ at, name, field: 'sub_button', rule: 'too-deep', code: TOO_DEEP }, 'a sub-button cannot have sub-buttons: a menu has two levels', '子按钮下不能再有子按钮：菜单只有两级'));
      return null;
    }
    if (b.type !== undefined) problems.push(problem({ at, name, field: 'type', rule: 'type-with-subs', code: CODES.top.type }, `has sub-buttons, so it has no type of its own (remove type "${b.type as string}")`, `已有子按钮，自身不能再有类型（请删除 type "${b.type as string}"）`));
    const children = readButtons(subs as unknown[], at, 'sub', problems, name);
    if (!children || !shapeOk) return null;
    return { ...(b as unknown as MenuButton), sub_button: children };
  }
  if (Array.isArray(subs) && subs.length === 0 && b.type === undefined && level === 'top') {
    readButtons([], at, 'sub', problems, name);
    return shapeOk ? (b as unknown as MenuButton) : null;
  }
  checkLeaf(b, at, name, level, problems, notText);
  return shapeOk ? (b as unknown as MenuButton) : null;
}

function checkLeaf(b: Record<string, unknown>, at: number[], name: string, level: Level, problems: MenuProblem[], notText: Set<string>): void {
  const type = b.type as string | undefined;
  if (notText.has('type')) return;
  if (type === undefined || type === '') {
    problems.push(problem({ at, name, field: 'type', rule: 'required', code: CODES[level].type }, level === 'top' ? 'needs a type (click, view, miniprogram, …) or sub-buttons' : 'needs a type (click, view, miniprogram, …)', level === 'top' ? '需要类型（click、view、miniprogram 等）或子按钮' : '需要类型（click、view、miniprogram 等）'));
    return;
  }
  if (!(MENU_TYPES as readonly string[]).includes(type)) {
    problems.push(problem({ at, name, field: 'type', rule: 'unknown-type', code: CODES[level].type }, `type "${type}" is not one WeChat knows (${MENU_TYPES.join(', ')})`, `微信不支持类型 "${type}"（可用：${MENU_TYPES.join('、')}）`));
    return;
  }
  for (const f of REQUIRED_FIELDS[type as MenuButtonType]) {
    if ((b[f] === undefined || b[f] === '') && !notText.has(f)) problems.push(problem({ at, name, field: f, rule: 'required', code: codeOf(level, f) }, `a ${type} button needs ${f}`, `${type} 类型的按钮需要 ${f}`));
  }
  if (typeof b.key === 'string') tooLong(problems, at, name, level, 'key', b.key, MENU_LIMITS.key);
  if (typeof b.url === 'string') tooLong(problems, at, name, level, 'url', b.url, MENU_LIMITS.url);
  if (type === 'miniprogram' && typeof b.appid === 'string' && b.appid !== '' && !APPID_RE.test(b.appid)) {
    problems.push(problem({ at, name, field: 'appid', rule: 'format', code: FIELD_CODES.appid! }, 'appid is a mini program\'s AppID: "wx" and 16 lowercase hex characters', 'appid 应为小程序的 AppID：wx 加 16 位小写十六进制字符'));
  }
}

function tooLong(problems: MenuProblem[], at: number[], name: string, level: Level, field: MenuField, value: string, limit: number): void {
  const bytes = utf8Bytes(value);
  if (bytes <= limit) return;
  problems.push(problem({ at, name, field, rule: 'too-long', actual: bytes, limit, code: codeOf(level, field) }, `${field} is ${bytes} bytes, WeChat allows ${limit}`, `${field} 为 ${bytes} 字节，微信最多允许 ${limit} 字节`));
}

/**
 * The problems a refusal from WeChat concerns: its code mapped back onto the buttons (40018: every
 * top-level name over the limit). WeChat's code at the other level counts too (WeChat is not always
 * precise about the level). When no rule of WxDesk's is broken there (WeChat refused what the
 * documented limits allow), every button the code can concern is marked as refused, so the person
 * sees where to look.
 */
export function problemsForCode(menu: unknown, code: number): MenuProblem[] {
  const all = checkMenu(menu);
  const exact = all.filter((p) => p.code === code);
  if (exact.length) return exact;
  const level = (Object.values(CODES.top) as number[]).includes(code) ? 'top' : (Object.values(CODES.sub) as number[]).includes(code) ? 'sub' : undefined;
  if (!level) return [];
  const field = (Object.keys(CODES[level]) as (keyof typeof CODES.top)[]).find((k) => CODES[level][k] === code)!;
  const other = CODES[level === 'top' ? 'sub' : 'top'][field];
  const near = all.filter((p) => p.code === other);
  if (near.length) return near;
  const draft = readMenu(menu).draft;
  if (!draft || field === 'button') return [];
  const out: MenuProblem[] = [];
  const mark = (b: MenuButton, at: number[]) => {
    const v = (b as unknown as Record<string, unknown>)[field];
    if (typeof v !== 'string' || v === '') return;
    out.push(problem({ at, name: b.name, field, rule: 'refused', actual: utf8Bytes(v), code }, `WeChat refused this ${field} (${utf8Bytes(v)} bytes), though the documented rules allow it`, `微信拒绝了此 ${field}（${utf8Bytes(v)} 字节），尽管文档中的规则允许`));
  };
  draft.button.forEach((b, i) => {
    if (level === 'top') mark(b, [i + 1]);
    else (b.sub_button ?? []).forEach((s, j) => mark(s, [i + 1, j + 1]));
  });
  return out;
}
