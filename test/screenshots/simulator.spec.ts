// Writes docs/simulator.png and docs/simulator-zh.png for the README: the Simulator tab after a
// conversation with a safe-mode server (a typed text, a menu tap, a link shared as a news card),
// the draft menu at the bottom of the phone and the log beside it; in English, then in Chinese.
import { join } from 'node:path';
import type { MenuDraft } from '../../electron/contract';
import { CallbackServer, newAesKey } from '../fixtures/callback-servers';
import { ROOT, expect, test } from '../e2e/fixtures';

const MENU: MenuDraft = {
  button: [
    { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
    { name: '服务', sub_button: [{ type: 'view', name: '官网', url: 'https://example.com/' }, { type: 'scancode_push', name: '扫一扫', key: 'SCAN_1' }] },
    { name: '关于我们的故事', sub_button: [{ type: 'click', name: '赞一下我们', key: 'V1001_GOOD' }] },
  ],
};

for (const lang of ['en', 'zh-CN'] as const) {
  test.describe(lang, () => {
    test.use({ locale: lang === 'en' ? 'en-US' : 'zh-CN' });

    test(`screenshot of the Simulator tab for the README (${lang})`, async ({ dashboard, page }) => {
      const zh = lang === 'zh-CN';
      await page.setViewportSize({ width: 1280, height: 1300 });
      const aesKey = newAesKey();
      const appId = 'wx5d8f0c2a9b71e3f4';
      const server = await CallbackServer.start({ token: 'wxdeskDemo2024', mode: 'safe', aesKey, appId });
      try {
        await dashboard.seed({ appId, label: zh ? '演示公众号' : 'Demo Official Account', serverToken: 'wxdeskDemo2024', aesKey, messageMode: 'safe' });
        await dashboard.open();
        const tab = zh ? '模拟器' : 'Simulator';
        await page.getByRole('tab', { name: tab, exact: true }).click();
        const panel = page.getByRole('tabpanel', { name: tab, exact: true });
        await panel.getByLabel(zh ? '回调 URL' : 'Callback URL', { exact: true }).fill(server.url);
        await panel.getByRole('radio', { name: zh ? '安全模式' : 'Safe', exact: true }).check();
        await panel.getByLabel(zh ? '菜单 JSON' : 'Menu JSON', { exact: true }).fill(JSON.stringify(MENU, null, 2));
        await panel.getByRole('button', { name: zh ? '在手机上显示' : 'Show on the phone' }).click();
        await panel.getByRole('button', { name: zh ? '切换到键盘' : 'Switch to the keyboard' }).click();
        const message = panel.getByRole('textbox', { name: zh ? '消息' : 'Message', exact: true });
        await message.fill(zh ? '你好' : 'Hello');
        await message.press('Enter');
        const chat = panel.getByRole('list', { name: zh ? '对话' : 'Conversation', exact: true });
        await expect(chat.locator('.chat__row--account')).toHaveCount(1);
        await panel.getByRole('button', { name: zh ? '切换到菜单' : 'Switch to the menu' }).click();
        await panel.getByRole('navigation', { name: zh ? '菜单' : 'Menu' }).getByRole('button', { name: '今日歌曲', exact: true }).click();
        await expect(chat.locator('.chat__row--account')).toHaveCount(2);
        await panel.getByRole('button', { name: zh ? '链接' : 'Link', exact: true }).click();
        await panel.getByRole('button', { name: zh ? '发送链接' : 'Send Link' }).click();
        await expect(chat.locator('.chat__row--account')).toHaveCount(3);
        await panel.getByRole('navigation', { name: zh ? '菜单' : 'Menu' }).getByRole('button', { name: '服务', exact: true }).click();
        await page.getByRole('tab', { name: tab, exact: true }).scrollIntoViewIfNeeded();
        await page.mouse.move(0, 0);
        await page.screenshot({ path: join(ROOT, 'docs', zh ? 'simulator-zh.png' : 'simulator.png') });
      } finally {
        await server.close();
      }
    });
  });
}
