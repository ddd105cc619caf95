// The menu editor's core against the fake WeChat API: the draft kept per account (a restart, the
// account removed), revert and diff, publish with the live token (a stale token replaced once),
// refusals mapped onto the buttons, delete, the admin page's menu, conditional menus and trymatch,
// and the handler table's argument checks and its menu event.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DashboardEvent, MenuButton, MenuDraft } from '../electron/contract';
import { Dashboard } from '../electron/core/dashboard';
import type { WxError } from '../electron/core/errors';
import type { Core } from '../electron/core/services';
import { APPID, makeCore, removeTempDirs, tempDir } from './fixtures/core';
import { FakeWeChat } from './fixtures/fake-wechat';
import { followerOpenid } from './fixtures/fake-wechat-mp';

let fake: FakeWeChat;
let core: Core;
let dir: string;

beforeEach(async () => {
  fake = await FakeWeChat.start();
  dir = tempDir();
  core = makeCore({ fake, dataDir: dir });
});

afterEach(async () => {
  await core.close();
  await fake.close();
  removeTempDirs();
});

const leaf = (name: string, key = `K_${name}`): MenuButton => ({ name, type: 'click', key });
const MENU: MenuDraft = { button: [leaf('歌曲'), { name: '菜单', sub_button: [{ name: '搜索', type: 'view', url: 'https://example.com/' }, leaf('赞')] }] };
const refusal = async (p: Promise<unknown>) => (await p.then(() => expect.fail('expected a refusal'), (e: unknown) => e)) as WxError;
const created = () => fake.calls.filter((c) => c.path === '/cgi-bin/menu/create');

describe('the draft', () => {
  it('survives a restart, and goes with the account', async () => {
    await core.menu.saveDraft(APPID, MENU);
    await core.close();
    core = makeCore({ fake, dataDir: dir });
    expect(core.menu.draft(APPID)).toMatchObject({ draft: MENU, problems: [], savedAt: expect.any(Number) });
    await core.accounts.remove(APPID);
    await new Promise((r) => setTimeout(r, 50));
    expect(JSON.parse(readFileSync(join(dir, 'menu-drafts.json'), 'utf8'))).toEqual({});
  });

  it('keeps a draft that breaks rules (the tab saves as you type) with its problems; refuses a shape it cannot keep', async () => {
    const view = await core.menu.saveDraft(APPID, { button: [leaf('今日歌曲好听呀')] });
    expect(view.problems.map((p) => p.code)).toEqual([40018]);
    const e = await refusal(core.menu.saveDraft(APPID, { button: [{ name: 'a', sub_button: [{ name: 'b', sub_button: [leaf('c')] }] }] }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toContain('button 1 › 1 "b": a sub-button cannot have sub-buttons: a menu has two levels (40022)');
    expect(core.menu.draft(APPID).draft).toEqual({ button: [leaf('今日歌曲好听呀')] });
  });

  it('imports the JSON menu/create takes (or menu/get answers), and keeps only the fields menu/create knows', async () => {
    const text = JSON.stringify({ menu: { button: [{ ...leaf('a'), sub_button: [], extra: 1 }], menuid: 5 } });
    expect((await core.menu.saveDraft(APPID, text)).draft).toEqual({ button: [leaf('a')] });
    const e = await refusal(core.menu.saveDraft(APPID, '{"button": ['));
    expect(e.message).toContain('not valid JSON');
  });

  it('Revert makes the draft the live menu; the diff says what a publish would change', async () => {
    await core.menu.publish(APPID, MENU);
    await core.menu.saveDraft(APPID, { button: [leaf('歌曲', 'K2'), leaf('新品')] });
    const d = await core.menu.diff(APPID);
    expect(d).toMatchObject({ same: false, changed: [{ at: [1], name: '歌曲', fields: ['key'] }, { at: [2], name: '新品', was: '菜单' }] });
    expect((await core.menu.revert(APPID)).draft).toEqual(MENU);
    expect((await core.menu.diff(APPID)).same).toBe(true);
  });
});

describe('publish', () => {
  it('sends the draft with the live token; live shows it, in menu/create\'s shape', async () => {
    await core.menu.saveDraft(APPID, MENU);
    const r = await core.menu.publish(APPID);
    expect(r).toMatchObject({ published: true, diff: { added: [{ at: [1] }, { at: [2] }] } });
    expect(created()[0]!.token).toBe((await core.keeper.get(APPID)).token);
    expect(await core.menu.live(APPID)).toMatchObject({ menu: MENU, source: 'api', conditional: [] });
  });

  it('sends nothing while a rule is broken, and names every broken rule', async () => {
    await core.menu.saveDraft(APPID, { button: [leaf('一'), leaf('二'), leaf('三'), leaf('四'), { name: 'v', type: 'view' }] });
    const r = await core.menu.publish(APPID);
    expect(r.published).toBe(false);
    expect(!r.published && r.problems.map((p) => p.en)).toEqual([
      'button 4 "四": one button too many: a menu has at most 3 (this one is number 4 of 5) (40016)',
      'button 5 "v": one button too many: a menu has at most 3 (this one is number 5 of 5) (40016)',
      'button 5 "v": a view button needs url (40020)',
    ]);
    // The surplus buttons stay in the draft: the person moves them, nothing is dropped.
    expect(core.menu.draft(APPID).draft!.button.map((b) => b.name)).toEqual(['一', '二', '三', '四', 'v']);
    expect(created()).toHaveLength(0);
  });

  it("WeChat's refusal is mapped back onto the buttons it concerns", async () => {
    // A rule WxDesk does not know of (WeChat may tighten one): WeChat answers 40018, every name over the limit is marked.
    fake.fail({ errcode: 40018, errmsg: 'invalid button name size' }, { path: '/cgi-bin/menu/create' });
    await core.menu.saveDraft(APPID, MENU);
    const r = await core.menu.publish(APPID);
    expect(r).toMatchObject({ published: false, error: { code: 40018, message: expect.stringContaining('40018') } });
    // No name breaks the documented rules, so every top-level name is marked as the one WeChat may mean.
    expect(!r.published && r.problems.map((p) => [p.at, p.rule, p.code])).toEqual([
      [[1], 'refused', 40018],
      [[2], 'refused', 40018],
    ]);
    expect(!r.published && r.problems[0]!.en).toBe('button 1 "歌曲": WeChat refused this name (6 bytes), though the documented rules allow it (40018)');
  });

  it('a stale token is replaced once and the menu sent again', async () => {
    await core.keeper.get(APPID);
    fake.fail({ errcode: 40001, errmsg: 'invalid credential' }, { path: '/cgi-bin/menu/create' });
    expect((await core.menu.publish(APPID, MENU)).published).toBe(true);
    expect(created()).toHaveLength(2);
  });

  it('delete removes the menu (and the conditional ones)', async () => {
    await core.menu.publish(APPID, MENU);
    await core.menu.addConditional(APPID, { button: [leaf('VIP')], matchrule: { tag_id: '2' } });
    await core.menu.remove(APPID);
    expect(await core.menu.live(APPID)).toMatchObject({ menu: null, source: 'none', conditional: [] });
  });

  it("a menu set in the admin page comes from get_current_selfmenu_info, converted to menu/create's shape", async () => {
    fake.setAdminMenu(APPID, [{ name: '菜单', sub_button: [{ name: '搜索', type: 'view', url: 'https://example.com/' }] }]);
    expect(await core.menu.live(APPID)).toMatchObject({ source: 'admin', menu: { button: [{ name: '菜单', sub_button: [{ name: '搜索', type: 'view', url: 'https://example.com/' }] }] } });
  });
});

describe('conditional menus and trymatch', () => {
  it('add, list, trymatch by a follower\'s last tag, delete', async () => {
    const vip = followerOpenid(APPID, 0);
    fake.addFollower(APPID, vip, { tagidList: [5, 2] });
    await core.menu.publish(APPID, MENU);
    const { menuid } = await core.menu.addConditional(APPID, { button: [leaf('VIP')], matchrule: { tag_id: 2 } });
    expect(menuid).toMatch(/^\d+$/);
    expect((await core.menu.live(APPID)).conditional).toEqual([{ menuid, button: [leaf('VIP')], matchrule: { tag_id: '2' } }]);
    expect(await core.menu.tryMatch(APPID, vip)).toEqual({ button: [leaf('VIP')] });
    expect(await core.menu.tryMatch(APPID, followerOpenid(APPID, 1))).toEqual(MENU);
    expect((await refusal(core.menu.tryMatch(APPID, 'oNoSuchFollower'))).code).toBe(65302);
    await core.menu.deleteConditional(APPID, menuid);
    expect((await core.menu.live(APPID)).conditional).toEqual([]);
    expect((await refusal(core.menu.deleteConditional(APPID, menuid))).code).toBe(65301);
  });

  it('refused before sending: a private matchrule (65320), an empty one, broken buttons; WeChat: no default menu (65303)', async () => {
    const before = fake.count('/cgi-bin/menu/addconditional');
    expect((await refusal(core.menu.addConditional(APPID, { button: [leaf('a')], matchrule: { sex: '1' } }))).message).toContain('(65320)');
    expect((await refusal(core.menu.addConditional(APPID, { button: [leaf('a')], matchrule: {} }))).message).toContain('(65304)');
    expect((await refusal(core.menu.addConditional(APPID, { button: [], matchrule: { tag_id: '1' } }))).message).toContain('(40016)');
    expect(fake.count('/cgi-bin/menu/addconditional')).toBe(before);
    expect((await refusal(core.menu.addConditional(APPID, { button: [leaf('a')], matchrule: { tag_id: '1' } }))).code).toBe(65303);
  });
});

describe('the handler table', () => {
  it('checks arguments, and tells the renderer when the draft or the live menu changes', async () => {
    const dash = new Dashboard({ core, host: 'browser', version: 't' });
    const events: DashboardEvent[] = [];
    dash.subscribe((e) => events.push(e));
    await dash.handlers.menuSaveDraft(APPID, MENU);
    await dash.handlers.menuPublish(APPID);
    await dash.handlers.menuRevert(APPID);
    await dash.handlers.menuDelete(APPID);
    // What changed rides with the event: a draft save is not a change of the live menu (an open simulator reads menu/get only on the others).
    expect(events.filter((e) => e.type === 'menu')).toEqual(['draft', 'published', 'reverted', 'deleted'].map((change) => ({ type: 'menu', appId: APPID, change })));
    for (const bad of [[APPID, 5], [APPID, [MENU]], ['nope', MENU], [APPID, MENU, 1]]) {
      expect((await refusal(dash.handlers.menuSaveDraft(...bad))).code).toBe('INVALID_INPUT');
    }
    expect((await refusal(dash.handlers.menuTryMatch(APPID, 'x'.repeat(300)))).code).toBe('INVALID_INPUT');
    expect((await refusal(dash.handlers.menuDeleteConditional(APPID, '12a'))).code).toBe('INVALID_INPUT');
    expect(existsSync(join(dir, 'menu-drafts.json'))).toBe(true);
  });
});
