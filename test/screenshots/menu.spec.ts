// Writes docs/menu.png and docs/menu-zh.png for the README: the Menu tab with a live menu and a
// draft that differs from it (a sub-button added, one renamed past what WeChat allows, marked in
// the tree, the form and the draft phone), the sub-menu open on the draft phone; in English, then
// in Chinese.
import { join } from 'node:path';
import type { MenuDraft } from '../../electron/contract';
import { menuStrings } from '../../renderer/src/features/menu/strings';
import { ROOT, expect, test } from '../e2e/fixtures';

const LIVE: MenuDraft = {
  button: [
    { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
    { name: '服务', sub_button: [{ type: 'view', name: '官网', url: 'https://example.com/' }, { type: 'scancode_push', name: '扫一扫', key: 'SCAN_1' }] },
    { name: '关于我们', sub_button: [{ type: 'click', name: '赞一下我们', key: 'V1001_GOOD' }] },
  ],
};

for (const lang of ['en', 'zh-CN'] as const) {
  test.describe(lang, () => {
    test.use({ locale: lang === 'en' ? 'en-US' : 'zh-CN' });

    test(`screenshot of the Menu tab for the README (${lang})`, async ({ dashboard, page, wxdesk }) => {
      const zh = lang === 'zh-CN';
      const w = menuStrings[lang];
      await page.setViewportSize({ width: 1280, height: 1300 });
      const appId = 'wx5d8f0c2a9b71e3f4';
      await dashboard.seed({ appId, label: zh ? '演示公众号' : 'Demo Official Account' });
      await wxdesk.call('consoleSend', { appId, method: 'POST', path: '/cgi-bin/menu/create', body: JSON.stringify(LIVE) });
      await dashboard.open();
      const tab = zh ? '菜单' : 'Menu';
      await page.getByRole('tab', { name: tab, exact: true }).click();
      const panel = page.getByRole('tabpanel', { name: tab, exact: true });
      const tree = panel.locator('ol.menu-tree__list');
      await expect(panel.locator('[data-phone="live"]').getByRole('button', { name: '今日歌曲', exact: true })).toBeVisible();

      // A mini program under 服务, then 扫一扫 renamed past the 60 bytes WeChat allows a sub-button.
      await tree.getByRole('button', { name: /服务/ }).click();
      await panel.getByRole('button', { name: w['menu.addSub'], exact: true }).click();
      await panel.getByLabel(w['menu.name'], { exact: true }).fill('小程序');
      await panel.getByLabel(w['menu.type'], { exact: true }).selectOption('miniprogram');
      await panel.getByLabel(w['menu.field.appid'], { exact: true }).fill('wx286b93c14bbf93aa');
      await panel.getByLabel(w['menu.field.pagepath'], { exact: true }).fill('pages/index/index');
      await panel.getByLabel(w['menu.field.urlMini'], { exact: true }).fill('https://example.com/mini');
      await tree.getByRole('button', { name: /扫一扫/ }).click();
      await panel.getByLabel(w['menu.name'], { exact: true }).fill('扫一扫：扫描商品条码查看价格与库存，扫描会员卡积分');
      await expect(tree.locator('[data-path="2.2"]')).toHaveClass(/menu-tree__item--bad/);
      await panel.locator('[data-phone="draft"]').getByRole('navigation').getByRole('button', { name: /服务/ }).click();
      await expect(panel.getByText(w['menu.saved'].split('{')[0]!.trim()).first()).toBeVisible();
      await page.getByRole('tab', { name: tab, exact: true }).scrollIntoViewIfNeeded();
      await page.mouse.move(0, 0);
      await page.screenshot({ path: join(ROOT, 'docs', zh ? 'menu-zh.png' : 'menu.png') });
    });
  });
}
