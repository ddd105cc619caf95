// The Menu tab in Chromium against `wxdesk serve` and the fake WeChat API (test/e2e/fixtures.ts):
// buttons built by keyboard and by mouse (drag and drop), checked as typed, published behind a
// confirmation that shows the diff and read back from the fake's menu/get; a menu WeChat would
// refuse cannot be published and its button is marked; revert and delete; zh-CN and dark.
import type { Locator, Page } from '@playwright/test';
import type { FakeWeChat } from '../fixtures/fake-wechat';
import { expect, test, type Dashboard } from './fixtures';

async function openMenu(dashboard: Dashboard, page: Page, tab = 'Menu') {
  const seeded = await dashboard.seed({ label: 'Menu account' });
  await dashboard.open();
  await page.getByRole('tab', { name: tab, exact: true }).click();
  return { seeded, panel: page.getByRole('tabpanel', { name: tab, exact: true }) };
}

/** The body of the last menu/create the fake received. */
const lastCreate = (fake: FakeWeChat) => JSON.parse([...fake.calls].reverse().find((c) => c.path === '/cgi-bin/menu/create')!.body) as { button: { name: string; sub_button?: { name: string }[] }[] };

const tree = (panel: Locator) => panel.locator('ol.menu-tree__list');
const select = (panel: Locator, name: string) => tree(panel).getByRole('button', { name });

test.describe('the Menu tab', () => {
  test('builds a menu by keyboard and by mouse, publishes it behind the diff, reverts and deletes', async ({ dashboard, page, fake }) => {
    const { panel } = await openMenu(dashboard, page);
    await expect(panel.getByText('The account has no menu yet.').first()).toBeVisible();

    // By keyboard: add a button, name it, give it its key.
    await panel.getByRole('button', { name: 'Add button', exact: true }).click();
    await expect(panel.getByRole('status').filter({ hasText: 'added at position 1' })).toHaveCount(1);
    await select(panel, 'New button').click();
    await panel.getByLabel('Name', { exact: true }).fill('今日歌曲');
    await expect(panel.getByText('a click button needs key (40019)')).toBeVisible();
    await expect(panel.getByRole('button', { name: 'Publish', exact: true })).toBeDisabled();
    await panel.getByLabel('Key (EventKey)', { exact: true }).fill('V1001_TODAY_MUSIC');
    await expect(panel.getByRole('button', { name: 'Publish', exact: true })).toBeEnabled();

    // A second and a third: a view and a parent with a miniprogram sub-button.
    await panel.getByRole('button', { name: 'Add button', exact: true }).click();
    await select(panel, 'New button').click();
    await panel.getByLabel('Name', { exact: true }).fill('官网');
    await panel.getByLabel('Type', { exact: true }).selectOption('view');
    await panel.getByLabel('URL', { exact: true }).fill('https://example.com/');
    await panel.getByRole('button', { name: 'Add button', exact: true }).click();
    await select(panel, 'New button').click();
    await panel.getByLabel('Name', { exact: true }).fill('服务');
    await panel.getByRole('button', { name: 'Add sub-button', exact: true }).click();
    await panel.getByLabel('Name', { exact: true }).fill('小程序');
    await panel.getByLabel('Type', { exact: true }).selectOption('miniprogram');
    await panel.getByLabel('Mini program AppID', { exact: true }).fill('wx286b93c14bbf93aa');
    await panel.getByLabel('Page path', { exact: true }).fill('pages/index');
    await panel.getByLabel('URL (for WeChat versions without mini programs)', { exact: true }).fill('http://mp.weixin.qq.com');

    // Alt+ArrowUp moves the selected sub-button's parent... here: 官网 moves to the top, announced.
    await select(panel, '官网').focus();
    await page.keyboard.press('Alt+ArrowUp');
    await expect(panel.getByRole('status').filter({ hasText: '“官网” moved to position 1.' })).toHaveCount(1);
    // And with the mouse: 今日歌曲 dragged onto the upper half of 小程序 goes above it, under 服务.
    // (Where it would land is drawn over the rows: nothing moves under the pointer while dragging.)
    await tree(panel).locator('[data-path="2"]').dragTo(tree(panel).locator('[data-path="3.1"]'), { targetPosition: { x: 24, y: 3 } });
    await expect(tree(panel).locator('[data-path="2.1"]')).toContainText('今日歌曲');

    // A name the phone cuts: the note in the form, the whole name on the phone.
    await select(panel, '服务').click();
    await panel.getByLabel('Name', { exact: true }).fill('Help Center');
    await expect(panel.getByText('The phone shows this name as “Help Cen…”.')).toBeVisible();

    // Publish: the question shows the diff; the fake has the menu; the live phone shows it.
    await panel.getByRole('button', { name: 'Publish', exact: true }).click();
    const ask = page.getByRole('alertdialog');
    await expect(ask).toContainText('Added');
    await expect(ask).toContainText('button 1 "官网"');
    await ask.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(panel.getByText(/unfollow and follow again/)).toBeVisible();
    expect(lastCreate(fake).button.map((b) => b.name)).toEqual(['官网', 'Help Center']);
    expect(lastCreate(fake).button[1]!.sub_button!.map((b) => b.name)).toEqual(['今日歌曲', '小程序']);
    await expect(panel.getByText('The draft is the live menu.')).toBeVisible();
    const livePhone = panel.locator('[data-phone="live"]');
    await expect(livePhone.getByRole('button', { name: 'Help Center' })).toBeVisible();

    // A menu WeChat would refuse: a sub-button name over 60 bytes. Publish is off, the button marked.
    await select(panel, '小程序').click();
    await panel.getByLabel('Name', { exact: true }).fill('拍照或者相册发图拍照或者相册发图拍照或者相册发图');
    await expect(panel.getByText(/name is 72 bytes, WeChat allows 60 \(40025\)/)).toBeVisible();
    await expect(panel.getByRole('button', { name: 'Publish', exact: true })).toBeDisabled();
    await expect(tree(panel).locator('[data-path="2.2"]')).toHaveClass(/menu-tree__item--bad/);
    await panel.locator('[data-phone="draft"]').getByRole('button', { name: 'Help Center (has a problem)' }).click();
    await expect(panel.locator('[data-phone="draft"]').getByRole('button', { name: /拍照或者相册发图.*\(has a problem\)/ })).toBeVisible();

    // Revert: back to live, after a question.
    await panel.getByRole('button', { name: 'Revert to live', exact: true }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Revert to live', exact: true }).click();
    await expect(panel.getByText('The draft is the live menu again.')).toBeVisible();
    await expect(panel.getByRole('button', { name: 'Publish', exact: true })).toBeEnabled();

    // WeChat refuses what the rules allow (40018): the refusal is shown and the buttons marked.
    fake.fail({ errcode: 40018, errmsg: 'invalid button name size' }, { path: '/cgi-bin/menu/create' });
    await panel.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(panel.getByText('WeChat’s refusal concerns:')).toBeVisible();
    await expect(tree(panel).locator('[data-path="1"]')).toHaveClass(/menu-tree__item--bad/);

    // Delete: after a question, the fake has no menu.
    await panel.getByRole('button', { name: 'Delete the menu', exact: true }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete the menu', exact: true }).click();
    await expect(panel.getByText(/The live menu was deleted/)).toBeVisible();
    expect(fake.calls.some((c) => c.path === '/cgi-bin/menu/delete')).toBe(true);
    await expect(livePhone.getByRole('navigation')).toHaveCount(0);
  });

  test('an open Simulator reads the live menu again on a publish, a revert or a delete, never on a draft save; a publish shows the new menu even over a draft', async ({ dashboard, page, fake, wxdesk }) => {
    const { seeded } = await openMenu(dashboard, page, 'Simulator');
    const appId = seeded.appId;
    const sim = page.getByRole('tabpanel', { name: 'Simulator', exact: true });
    const phoneMenu = sim.getByRole('navigation', { name: 'Menu' });
    const gets = () => fake.calls.filter((c) => c.path === '/cgi-bin/menu/get').length;
    await sim.getByRole('radio', { name: 'Live menu (menu/get)' }).check();
    await expect(sim.getByText('The account has no menu yet (46003)')).toBeVisible();
    const before = gets();

    // Draft saves (the Menu tab saves as you type): the phone's live menu is not read again.
    for (const name of ['一', '二', '三']) await wxdesk.call('menuSaveDraft', appId, { button: [{ type: 'click', name, key: 'K' }] });
    // A publish: the core reads menu/get once (the diff), the simulator once (the new menu), nothing more.
    await wxdesk.call('menuPublish', appId);
    await expect(phoneMenu.getByRole('button', { name: '三', exact: true })).toBeVisible();
    expect(gets()).toBe(before + 2);

    // On a draft of its own, the phone turns to the live menu when a new one is published.
    await sim.getByRole('radio', { name: 'Draft (JSON)' }).check();
    await sim.getByLabel('Menu JSON', { exact: true }).fill(JSON.stringify({ button: [{ type: 'click', name: 'Draft only', key: 'D' }] }));
    await sim.getByRole('button', { name: 'Show on the phone' }).click();
    await expect(phoneMenu.getByRole('button', { name: 'Draft only', exact: true })).toBeVisible();
    await wxdesk.call('menuSaveDraft', appId, { button: [{ type: 'click', name: '新菜单', key: 'NEW' }] });
    await wxdesk.call('menuPublish', appId);
    await expect(sim.getByRole('radio', { name: 'Live menu (menu/get)' })).toBeChecked();
    await expect(phoneMenu.getByRole('button', { name: '新菜单', exact: true })).toBeVisible();

    // A delete: the phone has no menu.
    await wxdesk.call('menuDelete', appId);
    await expect(sim.getByText('The account has no menu yet (46003)')).toBeVisible();
  });

  test.describe('in Chinese and dark', () => {
    test.use({ locale: 'zh-CN', colorScheme: 'dark' });
    test('the draft survives a reload and the rules speak Chinese', async ({ dashboard, page }) => {
      const { panel } = await openMenu(dashboard, page, '菜单');
      await panel.getByRole('button', { name: '添加按钮', exact: true }).click();
      await tree(panel).getByRole('button', { name: /新按钮/ }).click();
      await panel.getByLabel('名称', { exact: true }).fill('一个非常非常长的名字');
      await expect(panel.getByText(/name 为 30 字节，微信最多允许 16 字节（40018）/)).toBeVisible();
      await expect(panel.getByText(/草稿已于 .* 保存。/)).toBeVisible();
      await page.reload();
      await page.getByRole('tab', { name: '菜单', exact: true }).click();
      const again = page.getByRole('tabpanel', { name: '菜单', exact: true });
      await expect(tree(again).getByRole('button', { name: /一个非常非常长的名字/ })).toBeVisible();
      await expect(again.getByRole('button', { name: '发布', exact: true })).toBeDisabled();
    });
  });
});
