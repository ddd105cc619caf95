// The menu rules as WeChat checks them (electron/core/menu/rules.ts): byte counts in UTF-8, every
// type's required fields, each errcode at each level, the words a person reads; and the pure parts
// around them: the diff, the refusal mapping, WeChat's shapes converted, the matchrule.
import { describe, expect, it } from 'vitest';
import type { MenuButton, MenuDraft } from '../electron/contract';
import { conditionalOf, fromSelfMenu, parseMenuText } from '../electron/core/menu/convert';
import { diffLines, diffMenus } from '../electron/core/menu/diff';
import { readMatchRule } from '../electron/core/menu/match-rule';
import { MENU_TYPES, REQUIRED_FIELDS, checkMenu, problemsForCode, readMenu, utf8Bytes } from '../electron/core/menu/rules';

const leaf = (name: string, extra: Partial<MenuButton> = {}): MenuButton => ({ name, type: 'click', key: 'K', ...extra });
const codes = (menu: unknown) => checkMenu(menu).map((p) => p.code);

/** A valid button of each type, with exactly the fields it needs. */
const FILLED: Record<string, Partial<MenuButton>> = {
  key: { key: 'K1' },
  url: { url: 'https://example.com/' },
  appid: { appid: 'wx286b93c14bbf93aa' },
  pagepath: { pagepath: 'pages/index/index' },
  media_id: { media_id: 'MEDIA_ID1' },
  article_id: { article_id: 'ARTICLE_ID1' },
};

describe('byte counting', () => {
  it('counts UTF-8 as WeChat does: ASCII 1, CJK 3, emoji 4, a lone surrogate as U+FFFD (3)', () => {
    expect(utf8Bytes('abc')).toBe(3);
    expect(utf8Bytes('菜单')).toBe(6);
    expect(utf8Bytes('😀')).toBe(4);
    expect(utf8Bytes('é')).toBe(2);
    expect(utf8Bytes('\ud800')).toBe(3);
    expect(utf8Bytes('👨‍👩‍👧')).toBe(new TextEncoder().encode('👨‍👩‍👧').length);
  });

  it('a top name of 16 bytes passes, 17 fails (40018): 5 CJK characters + 1 letter is 16, 6 CJK is 18', () => {
    expect(codes({ button: [leaf('今日歌曲好a')] })).toEqual([]);
    const [p] = checkMenu({ button: [leaf('今日歌曲好听')] });
    expect(p).toMatchObject({ at: [1], field: 'name', rule: 'too-long', actual: 18, limit: 16, code: 40018 });
    expect(p!.en).toBe('button 1 "今日歌曲好听": name is 18 bytes, WeChat allows 16 (40018)');
    expect(p!.zh).toBe('按钮 1「今日歌曲好听」：name 为 18 字节，微信最多允许 16 字节（40018）');
  });

  it('emoji count 4 bytes: four emoji fill a top name, a fifth breaks it', () => {
    expect(codes({ button: [leaf('😀😀😀😀')] })).toEqual([]);
    expect(checkMenu({ button: [leaf('😀😀😀😀😀')] })[0]).toMatchObject({ actual: 20, code: 40018 });
  });

  it('a sub-button name is held to 60 bytes and answers 40025; the label cuts a long name with "…"', () => {
    const name = '拍照或者相册发图然后再说点别的吧再多一点点二十二个字';
    expect(utf8Bytes(name)).toBe(78);
    const menu = { button: [leaf('A'), { name: '发图', sub_button: [leaf('1'), leaf('2'), leaf('3'), leaf('4'), leaf(name)] }] };
    const [p] = checkMenu(menu);
    expect(p!.en).toBe('button 2 › 5 "拍照或者相册发图…": name is 78 bytes, WeChat allows 60 (40025)');
    expect(p!.zh).toBe('按钮 2 › 5「拍照或者相册发图…」：name 为 78 字节，微信最多允许 60 字节（40025）');
    expect(codes({ button: [{ name: 'S', sub_button: [leaf('一'.repeat(20))] }] })).toEqual([]);
  });

  it('key 128 and url 1024 bytes: top 40019 / 40020, sub 40026 / 40027', () => {
    expect(codes({ button: [leaf('a', { key: 'k'.repeat(128) })] })).toEqual([]);
    expect(codes({ button: [leaf('a', { key: '键'.repeat(43) })] })).toEqual([40019]);
    expect(codes({ button: [{ name: 'v', type: 'view', url: `https://x/${'u'.repeat(1014)}` }] })).toEqual([]);
    expect(codes({ button: [{ name: 'v', type: 'view', url: `https://x/${'u'.repeat(1015)}` }] })).toEqual([40020]);
    expect(codes({ button: [{ name: 'S', sub_button: [leaf('a', { key: 'k'.repeat(129) }), { name: 'v', type: 'view', url: 'u'.repeat(1025) }] }] })).toEqual([40026, 40027]);
  });
});

describe('structure', () => {
  it('1 to 3 buttons (40016); a fourth is named as the one over the limit', () => {
    expect(codes({ button: [] })).toEqual([40016]);
    const ps = checkMenu({ button: [leaf('一'), leaf('二'), leaf('三'), leaf('四')] });
    expect(ps).toHaveLength(1);
    expect(ps[0]!.en).toBe('button 4 "四": one button too many: a menu has at most 3 (this one is number 4 of 4) (40016)');
  });

  it('1 to 5 sub-buttons (40023): a sixth is named, an empty list is refused', () => {
    const six = { name: 'S', sub_button: ['1', '2', '3', '4', '5', '6'].map((n) => leaf(n)) };
    expect(checkMenu({ button: [six] }).map((p) => [p.at, p.code])).toEqual([[[1, 6], 40023]]);
    expect(codes({ button: [{ name: 'S', sub_button: [] }] })).toEqual([40023]);
  });

  it('a button with sub-buttons has no type of its own (40017); a third level is 40022', () => {
    expect(checkMenu({ button: [{ name: 'S', type: 'click', key: 'k', sub_button: [leaf('a')] }] })[0]).toMatchObject({ field: 'type', rule: 'type-with-subs', code: 40017 });
    const deep = { button: [{ name: 'S', sub_button: [{ name: 'T', sub_button: [leaf('x')] }] }] };
    expect(checkMenu(deep)[0]).toMatchObject({ at: [1, 1], rule: 'too-deep', code: 40022 });
    expect(readMenu(deep).draft).toBeNull();
  });

  it('a leaf echoed by menu/get with "sub_button": [] is a leaf, and the kept draft drops the empty list', () => {
    const r = readMenu({ button: [{ ...leaf('a'), sub_button: [] }] });
    expect(r.problems).toEqual([]);
    expect(r.draft).toEqual({ button: [leaf('a')] });
  });

  it('unknown and missing types: 40017 at the top, 40024 below', () => {
    expect(checkMenu({ button: [{ name: 'a', type: 'news' }] })[0]).toMatchObject({ rule: 'unknown-type', code: 40017 });
    expect(checkMenu({ button: [{ name: 'a' }] })[0]).toMatchObject({ rule: 'required', field: 'type', code: 40017 });
    expect(codes({ button: [{ name: 'S', sub_button: [{ name: 'a', type: 'view_limited', media_id: 'm' }, { name: 'b' }] }] })).toEqual([40024, 40024]);
  });

  it('wrong JSON types are named, and the menu cannot be kept', () => {
    const r = readMenu({ button: [{ name: 5, type: 'click', key: ['k'] }, 'x'] });
    expect(r.draft).toBeNull();
    expect(r.problems.map((p) => [p.at, p.field, p.rule])).toEqual([
      [[1], 'name', 'not-text'],
      [[1], 'key', 'not-text'],
      [[2], 'type', 'not-text'],
    ]);
    expect(readMenu([]).problems[0]).toMatchObject({ field: 'button', code: 40016 });
    expect(readMenu({ menu: 1 }).draft).toBeNull();
  });
});

describe('every type and its required fields', () => {
  it.each(MENU_TYPES.map((t) => [t]))('%s: valid with its fields, each missing field named with its code', (type) => {
    const needs = REQUIRED_FIELDS[type];
    const full = Object.assign({ name: 'b', type }, ...needs.map((f) => FILLED[f]));
    expect(checkMenu({ button: [full] })).toEqual([]);
    expect(checkMenu({ button: [{ name: 'S', sub_button: [full] }] })).toEqual([]);
    for (const f of needs) {
      const { [f]: _gone, ...missing } = full as Record<string, string>;
      void _gone;
      const [p, ...rest] = checkMenu({ button: [missing] });
      expect(rest).toEqual([]);
      expect(p).toMatchObject({ field: f, rule: 'required' });
      const expected = { key: 40019, url: 40020, appid: 40166, pagepath: 40165, media_id: 40007, article_id: 40007 }[f as string];
      expect(p!.code).toBe(expected);
      const sub = checkMenu({ button: [{ name: 'S', sub_button: [missing] }] })[0]!;
      expect(sub.code).toBe({ key: 40026, url: 40027 }[f as string] ?? expected);
    }
  });

  it('miniprogram needs appid, pagepath and url; its appid is a lowercase wx AppID (40166)', () => {
    expect(checkMenu({ button: [{ name: 'm', type: 'miniprogram' }] }).map((p) => p.field)).toEqual(['url', 'appid', 'pagepath']);
    expect(checkMenu({ button: [{ name: 'm', type: 'miniprogram', url: 'https://x/', appid: 'WX286B93C14BBF93AA', pagepath: 'p' }] })[0]).toMatchObject({ rule: 'format', code: 40166 });
  });
});

describe('refusals mapped onto buttons', () => {
  const menu: MenuDraft = { button: [leaf('今日歌曲好听呀'), leaf('ok'), { name: 'S', sub_button: [leaf('一'.repeat(21))] }] };
  it('40018 marks every top-level name over the limit; 40025 the sub-button names', () => {
    expect(problemsForCode(menu, 40018).map((p) => p.at)).toEqual([[1]]);
    expect(problemsForCode(menu, 40025).map((p) => p.at)).toEqual([[3, 1]]);
  });
  it('a code the rules did not foresee at that level falls back to the same field at the other level', () => {
    const subOnly: MenuDraft = { button: [{ name: 'S', sub_button: [leaf('一'.repeat(21))] }] };
    expect(problemsForCode(subOnly, 40018).map((p) => p.at)).toEqual([[1, 1]]);
    expect(problemsForCode(subOnly, 45009)).toEqual([]);
  });
  it('a refusal the documented rules do not explain marks every button the code can concern', () => {
    const ok: MenuDraft = { button: [leaf('a'), { name: 'S', sub_button: [leaf('b'), { name: 'v', type: 'view', url: 'https://x/' }] }] };
    expect(problemsForCode(ok, 40025).map((p) => [p.at, p.rule])).toEqual([[[2, 1], 'refused'], [[2, 2], 'refused']]);
    expect(problemsForCode(ok, 40027).map((p) => p.at)).toEqual([[2, 2]]);
    expect(problemsForCode(ok, 40016)).toEqual([]);
  });
});

describe('diff', () => {
  const live: MenuDraft = { button: [leaf('歌曲'), { name: '菜单', sub_button: [{ name: '搜索', type: 'view', url: 'https://a/' }, leaf('赞')] }] };
  it('the same menu is the same', () => {
    expect(diffMenus(live, structuredClone(live))).toEqual({ added: [], removed: [], changed: [], same: true });
  });
  it('added, removed and changed buttons, by position and name, with the fields that changed', () => {
    const draft: MenuDraft = { button: [leaf('歌曲', { key: 'K2' }), { name: '菜单', sub_button: [{ name: '搜索', type: 'view', url: 'https://b/' }] }, leaf('新品')] };
    const d = diffMenus(draft, live);
    expect(d.same).toBe(false);
    expect(d.added).toEqual([{ at: [3], name: '新品' }]);
    expect(d.removed).toEqual([{ at: [2, 2], name: '赞' }]);
    expect(d.changed).toEqual([
      { at: [1], name: '歌曲', fields: ['key'] },
      { at: [2, 1], name: '搜索', fields: ['url'] },
      { at: [2], name: '菜单', fields: ['sub_button'] },
    ]);
    expect(diffLines(d, 'en')).toEqual(['+ button 3 "新品"', '- button 2 › 2 "赞"', '~ button 1 "歌曲": key', '~ button 2 › 1 "搜索": url', '~ button 2 "菜单": sub_button']);
  });
  it('a rename at the same place is a change that says what it was; a reorder says position', () => {
    const d = diffMenus({ button: [live.button[1]!, leaf('曲目')] }, live);
    expect(d.changed).toEqual([
      { at: [1], name: '菜单', fields: ['position'] },
      { at: [2], name: '曲目', fields: ['name', 'position'], was: '歌曲' },
    ]);
  });
  it('against no live menu, every top button is added (with its sub-buttons)', () => {
    expect(diffMenus(live, null).added.map((c) => c.at)).toEqual([[1], [2]]);
  });
});

describe("WeChat's shapes", () => {
  it('get_current_selfmenu_info: sub_button {list}, extra fields dropped; off is null', () => {
    const self = { is_menu_open: 1, selfmenu_info: { button: [{ name: 'A', sub_button: { list: [{ type: 'view', name: 'v', url: 'https://x/' }, { type: 'news', name: 'n', value: 'x', news_info: { list: [] } }] } }] } };
    expect(fromSelfMenu(self)).toEqual({ button: [{ name: 'A', sub_button: [{ type: 'view', name: 'v', url: 'https://x/' }, { type: 'news', name: 'n' }] }] });
    expect(fromSelfMenu({ is_menu_open: 0 })).toBeNull();
  });
  it('conditional menus from menu/get', () => {
    expect(conditionalOf([{ button: [leaf('a')], matchrule: { tag_id: '2', group_id: '2' }, menuid: 208379533 }])).toEqual([{ menuid: '208379533', button: [leaf('a')], matchrule: { tag_id: '2' } }]);
  });
  it('import: menu/create JSON, or menu/get\'s answer; oversize and broken JSON are refused in words', () => {
    expect(parseMenuText('{"menu":{"button":[{"name":"a","type":"click","key":"k"}],"menuid":1}}')).toEqual({ ok: true, value: { button: [leaf('a', { key: 'k' })] } });
    expect(parseMenuText('{"button":[],"menuid":3}')).toEqual({ ok: true, value: { button: [] } });
    expect(parseMenuText('{"button":[')).toMatchObject({ ok: false, en: expect.stringContaining('not valid JSON') });
    expect(parseMenuText(' '.repeat(70_000))).toMatchObject({ ok: false, en: expect.stringContaining('70000 characters') });
    expect(parseMenuText(`${'['.repeat(60_000)}${']'.repeat(60_000)}`).ok).toBe(false);
  });
});

describe('matchrule', () => {
  it('tag_id and client_platform_type pass (numbers as text); sex, region and language are refused with 65320', () => {
    expect(readMatchRule({ tag_id: 2, client_platform_type: '1' })).toEqual({ rule: { tag_id: '2', client_platform_type: '1' }, problems: [] });
    expect(readMatchRule({ sex: '1' }).problems.map((p) => p.code)).toEqual([65320]);
    expect(readMatchRule({ city: '广州' }).problems.map((p) => p.code)).toEqual([65310, 65311, 65320]);
  });
  it('empty (65304), unknown fields, bad values', () => {
    expect(readMatchRule({}).problems[0]!.code).toBe(65304);
    expect(readMatchRule(null).problems[0]!.code).toBe(65304);
    expect(readMatchRule({ group_id: '1' }).problems[0]!.en).toContain('use tag_id');
    expect(readMatchRule({ client_platform_type: '4', tag_id: 'x' }).problems.map((p) => p.field)).toEqual(['tag_id', 'client_platform_type']);
  });
});
