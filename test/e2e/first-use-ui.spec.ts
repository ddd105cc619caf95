// Issue 21's smaller UI points, in English and in Chinese: the skip link and the page's h1, the key
// screen's wording, and the signature lab's "Filled … from the paste" note in the pane it filled.
import type { Page } from '@playwright/test';
import type { Lang } from '../../electron/contract';
import { appStrings } from '../../renderer/src/app/strings';
import { keyScreenStrings } from '../../renderer/src/app/key-screen/strings';
import { accountsStrings } from '../../renderer/src/features/accounts/strings';
import { signatureStrings } from '../../renderer/src/features/signature/strings';
import { sharedStrings } from '../../renderer/src/i18n/strings';
import { expect, test } from './fixtures';

const PLAIN_CALLBACK = 'https://example.com/wx?signature=abc&timestamp=1357982061&nonce=1358161344&echostr=hi';
// A raw safe-mode request: the query string, and the XML body with its Encrypt.
const SAFE_CALLBACK = [
  'POST /wx?timestamp=1409304348&nonce=xxxxxx&openid=oABC&encrypt_type=aes&msg_signature=0123456789abcdef0123456789abcdef01234567 HTTP/1.1',
  'Host: example.com',
  'Content-Type: text/xml',
  '',
  '<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><Encrypt><![CDATA[kZvGYbSmbM1tTi6tK3vMUGjnVuPKWIGZ]]></Encrypt></xml>',
].join('\r\n');

const words = (lang: Lang) => ({ ...sharedStrings[lang], ...appStrings[lang], ...keyScreenStrings[lang], ...accountsStrings[lang], ...signatureStrings[lang] });
const pane = (page: Page, name: string) => page.getByRole('tabpanel', { name, exact: true });

for (const [lang, locale] of [
  ['en', 'en-US'],
  ['zh-CN', 'zh-CN'],
] as const) {
  test.describe(`first use (${lang})`, () => {
    test.use({ locale });
    const w = words(lang);

    test('the first Tab reaches a visible skip link that moves the focus to the content; the page has its h1', async ({ dashboard, page, wxdesk }) => {
      await dashboard.seed({ label: 'Skip account' });
      await dashboard.open();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(w['app.name']);

      const skip = page.getByRole('link', { name: w['app.skip'], exact: true });
      await expect(skip).not.toBeInViewport();
      await page.keyboard.press('Tab');
      await expect(skip).toBeFocused();
      await expect(skip).toBeInViewport();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('main')).toBeFocused();
      await expect(skip).not.toBeInViewport();
      expect(page.url()).toBe(`${wxdesk.url}/`);
      // The next Tab lands inside the content, past the header and the account list.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { closest(s: string): unknown } } }).document.activeElement.closest('main') !== null)).toBe(true);
    });

    test('the key screen names the URL to open without a stray dot', async ({ page, wxdesk }) => {
      await page.goto(`${wxdesk.url}/`);
      const screen = page.getByRole('main');
      await expect(screen.getByRole('heading', { level: 1, name: w['nokey.title'] })).toBeVisible();
      await expect(screen).toContainText('#key=…');
      const text = (await screen.textContent()) ?? '';
      expect(text).not.toMatch(/…\.|\.{4}|。。/);
    });

    test('"Filled … from the paste" shows in the pane it filled, and only there', async ({ dashboard, page }) => {
      await dashboard.seed({ serverToken: 'weixin' });
      await dashboard.open();
      await page.getByRole('tab', { name: w['tabs.signature'], exact: true }).click();
      // The note's words before its first placeholder: "Filled " / "已从粘贴内容填写（".
      const FILLED = w['sig.filled'].split('{')[0]!;
      const noteIn = (paneName: string) => pane(page, paneName).getByRole('status').filter({ hasText: FILLED });
      const note = page.getByRole('status').filter({ hasText: FILLED }).filter({ hasText: w['sig.server'] });

      // Pasted in Safe mode, it belongs to Server: the note goes with it.
      await page.getByRole('tab', { name: w['sig.safe'], exact: true }).click();
      await pane(page, w['sig.safe']).getByLabel(w['sig.paste'], { exact: true }).fill(PLAIN_CALLBACK);
      await pane(page, w['sig.safe']).getByRole('button', { name: w['sig.fill'] }).click();
      await expect(page.getByRole('tab', { name: w['sig.server'], exact: true })).toHaveAttribute('aria-selected', 'true');
      await expect(noteIn(w['sig.server'])).toBeVisible();
      await expect(note).toHaveCount(1);

      for (const other of [w['sig.safe'], w['sig.jssdk']]) {
        await page.getByRole('tab', { name: other, exact: true }).click();
        await expect(pane(page, other)).toBeVisible();
        await expect(note).toBeHidden();
      }
      await page.getByRole('tab', { name: w['sig.server'], exact: true }).click();
      await expect(noteIn(w['sig.server'])).toBeVisible();

      // A safe-mode paste from Server: the note is Safe mode's now, Server's is gone.
      await pane(page, w['sig.server']).getByLabel(w['sig.paste'], { exact: true }).fill(SAFE_CALLBACK);
      await pane(page, w['sig.server']).getByRole('button', { name: w['sig.fill'] }).click();
      await expect(page.getByRole('tab', { name: w['sig.safe'], exact: true })).toHaveAttribute('aria-selected', 'true');
      await expect(noteIn(w['sig.safe'])).toBeVisible();
      await page.getByRole('tab', { name: w['sig.server'], exact: true }).click();
      await expect(note).toBeHidden();
      await expect(noteIn(w['sig.server'])).toHaveCount(0);
    });
  });
}
