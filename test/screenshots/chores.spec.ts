// Writes docs/chores.png and docs/chores-zh.png for the README: the Test account tab's template
// panel with a follower chosen from the followers panel, the form filled in with a color and a jump,
// and the message previewed on the phone; in English, then in Chinese.
import { join } from 'node:path';
import { ROOT, expect, test } from '../e2e/fixtures';

for (const lang of ['en', 'zh-CN'] as const) {
  test.describe(lang, () => {
    test.use({ locale: lang === 'en' ? 'en-US' : 'zh-CN' });

    test(`screenshot of the Test account tab for the README (${lang})`, async ({ dashboard, page }) => {
      const zh = lang === 'zh-CN';
      const w = (en: string, cn: string) => (zh ? cn : en);
      await page.setViewportSize({ width: 1280, height: 1200 });
      await dashboard.seed({ appId: 'wx5d8f0c2a9b71e3f4', label: w('Demo Official Account', '演示公众号') });
      await dashboard.open();
      await page.getByRole('tab', { name: w('Test account', '测试号'), exact: true }).click();
      const tab = page.getByRole('tabpanel', { name: w('Test account', '测试号'), exact: true });
      const followers = tab.getByRole('tabpanel', { name: w('Followers', '粉丝'), exact: true });
      await followers.getByRole('table').getByRole('button').first().click();
      await followers.getByRole('button', { name: w('Send a template', '发送模板消息') }).click();
      const tpl = tab.getByRole('tabpanel', { name: w('Template messages', '模板消息'), exact: true });
      await tpl.getByLabel(w('Value of first', 'first 的值'), { exact: true }).fill(w('Your order has shipped', '您的订单已发货'));
      await tpl.getByLabel(w('Color of first (optional, #RRGGBB)', 'first 的颜色（可选，#RRGGBB）'), { exact: true }).fill('#173177');
      await tpl.getByLabel(w('Value of keyword1', 'keyword1 的值'), { exact: true }).fill('20250115001');
      await tpl.getByLabel(w('Value of remark', 'remark 的值'), { exact: true }).fill(w('Thank you for your order.', '感谢您的购买'));
      await tpl.getByRole('radio', { name: w('Open a URL', '打开网页') }).check();
      await tpl.getByLabel(w('URL', '网址'), { exact: true }).fill('https://example.com/order/20250115001');
      await tpl.getByRole('button', { name: w('Send', '发送'), exact: true }).click();
      await expect(tpl.getByText(zh ? /^已发送：msgid/ : /^Sent: msgid/)).toBeVisible();
      await page.getByRole('tab', { name: w('Test account', '测试号'), exact: true }).scrollIntoViewIfNeeded();
      await page.mouse.move(0, 0);
      await page.screenshot({ path: join(ROOT, 'docs', zh ? 'chores-zh.png' : 'chores.png') });
    });
  });
}
