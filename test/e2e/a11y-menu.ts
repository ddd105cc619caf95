// The Menu tab's part of the accessibility tour (accessibility.spec.ts): axe-core on the tab with a
// live menu and a draft with a broken rule (marked in the tree, the form and the phone), each of its
// questions (publish with the diff, revert, delete, a conditional menu's delete), a refused import,
// a refused publish, the conditional menus with one added and a trymatch answered.
import type { Page } from '@playwright/test';
import type { Lang, MenuDraft } from '../../electron/contract';
import { menuStrings } from '../../renderer/src/features/menu/strings';
import { dialogStrings } from '../../renderer/src/ui/dialog/strings';
import { followerOpenid } from '../fixtures/fake-wechat-mp';
import type { FakeWeChat } from '../fixtures/fake-wechat';
import { expectAccessible } from './a11y';
import { expect } from './fixtures';

const LIVE: MenuDraft = {
  button: [
    { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
    { name: '服务', sub_button: [{ type: 'view', name: '官网', url: 'https://example.com/' }, { type: 'miniprogram', name: '小程序', url: 'http://mp.weixin.qq.com', appid: 'wx286b93c14bbf93aa', pagepath: 'pages/index' }] },
  ],
};

interface Ctx {
  page: Page;
  lang: Lang;
  appId: string;
  tabName: string;
  fake: FakeWeChat;
  call(method: 'consoleSend', ...args: unknown[]): Promise<unknown>;
}

export async function menuTour({ page, lang, appId, tabName, fake, call }: Ctx): Promise<void> {
  const w = { ...menuStrings[lang], ...dialogStrings[lang] };
  await call('consoleSend', { appId, method: 'POST', path: '/cgi-bin/menu/create', body: JSON.stringify(LIVE) });
  await page.getByRole('tab', { name: tabName, exact: true }).click();
  const panel = page.getByRole('tabpanel', { name: tabName, exact: true });
  const tree = panel.locator('ol.menu-tree__list');
  const ask = page.getByRole('alertdialog');
  const cancel = () => ask.getByRole('button', { name: w['dialog.cancel'], exact: true }).click();
  const press = (name: string) => panel.getByRole('button', { name, exact: true }).click();
  await expect(panel.locator('[data-phone="live"]').getByRole('button', { name: '今日歌曲', exact: true })).toBeVisible();
  await expectAccessible(page, 'the Menu tab with the live menu as the draft');

  // A broken rule: a top-level name over 16 bytes, marked in the tree, under the field and on the phone.
  await tree.getByRole('button', { name: /今日歌曲/ }).click();
  await panel.getByLabel(w['menu.name'], { exact: true }).fill('一个非常非常长的名字');
  await expect(tree.locator('[data-path="1"]')).toHaveClass(/menu-tree__item--bad/);
  await expectAccessible(page, 'the Menu tab with a broken rule marked');

  // A sub-button's form (the mini program's three fields) and the questions.
  await panel.getByLabel(w['menu.name'], { exact: true }).fill('今日');
  await tree.getByRole('button', { name: /小程序/ }).click();
  await expect(panel.getByLabel(w['menu.field.pagepath'], { exact: true })).toBeVisible();
  await press(w['menu.publish']);
  await expect(ask).toContainText(w['menu.diffChanged']);
  await expectAccessible(page, 'the Menu tab: publish, with the diff');
  await cancel();
  await press(w['menu.revert']);
  await expect(ask).toBeVisible();
  await expectAccessible(page, 'the Menu tab: revert');
  await cancel();
  await press(w['menu.delete']);
  await expect(ask).toBeVisible();
  await expectAccessible(page, 'the Menu tab: delete');
  await cancel();

  // WeChat refuses the publish: the refusal and the buttons it concerns.
  fake.fail({ errcode: 40018, errmsg: 'invalid button name size' }, { path: '/cgi-bin/menu/create' });
  await press(w['menu.publish']);
  await ask.getByRole('button', { name: w['menu.publish'], exact: true }).click();
  await expect(panel.getByText(w['menu.refusedAt'])).toBeVisible();
  await expectAccessible(page, 'the Menu tab: a publish WeChat refused');

  // An import that is not a menu.
  await panel.getByLabel(w['menu.jsonLabel'], { exact: true }).fill('{"button": [{"name": 5}]');
  await press(w['menu.jsonLoad']);
  await expect(panel.locator('.menu-json__error')).toBeVisible();
  await expectAccessible(page, 'the Menu tab: an import refused');

  // Conditional menus: a rule with a problem, one added, a trymatch answered, its delete question.
  const tag = panel.getByLabel(w['menu.tagId'], { exact: true });
  await tag.fill('x');
  await expect(panel.locator('.menu-cond__rule .field__error')).toBeVisible();
  await expectAccessible(page, 'the Menu tab: a conditional rule with a problem');
  await tag.fill('2');
  await press(w['menu.condAdd']);
  const item = panel.locator('.menu-cond__list li').first();
  await expect(item).toBeVisible();
  await panel.getByLabel(w['menu.tryId'], { exact: true }).fill(followerOpenid(appId, 1));
  await press(w['menu.tryRun']);
  await expect(panel.locator('.menu-cond__tried')).toBeVisible();
  await expectAccessible(page, 'the Menu tab: a conditional menu and a trymatch');
  await item.getByRole('button').click();
  await expect(ask).toBeVisible();
  await expectAccessible(page, 'the Menu tab: a conditional menu\'s delete');
  await cancel();
}
