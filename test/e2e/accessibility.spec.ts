// axe-core (WCAG 2.0 / 2.1 A and AA) on every screen of the dashboard: the key screen, each tab with
// something in it (a token fetched, an error with its rid, the lab's three panes filled, a probe run,
// a console call), each dialog and form, and the desktop's settings. One test per language and
// colour scheme walks them all and expects no serious or critical finding (a11y.ts prints them).
import type { Page } from '@playwright/test';
import type { Lang } from '../../electron/contract';
import { accountsStrings } from '../../renderer/src/features/accounts/strings';
import { formStrings } from '../../renderer/src/features/account-form/strings';
import { consoleStrings } from '../../renderer/src/features/console/strings';
import { probeStrings } from '../../renderer/src/features/probe/strings';
import { signatureStrings } from '../../renderer/src/features/signature/strings';
import { tokenStrings } from '../../renderer/src/features/token/strings';
import { appStrings } from '../../renderer/src/app/strings';
import { dialogStrings } from '../../renderer/src/ui/dialog/strings';
import { sharedStrings } from '../../renderer/src/i18n/strings';
import { CallbackServer } from '../fixtures/callback-servers';
import { expectAccessible } from './a11y';
import { menuTour } from './a11y-menu';
import { expect, test } from './fixtures';
import { standInPreloadBridge } from './preload-bridge';

const TOKEN = 'a11yToken2024';

/** The words of the page in `lang`, from the same tables the page uses. */
function wordsOf(lang: Lang) {
  return {
    ...accountsStrings[lang],
    ...formStrings[lang],
    ...consoleStrings[lang],
    ...probeStrings[lang],
    ...signatureStrings[lang],
    ...tokenStrings[lang],
    ...appStrings[lang],
    ...dialogStrings[lang],
    ...sharedStrings[lang],
  };
}

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });
const panel = (page: Page, name: string) => page.getByRole('tabpanel', { name, exact: true });

for (const [lang, locale] of [
  ['en', 'en-US'],
  ['zh-CN', 'zh-CN'],
] as const) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test.describe(`accessibility (${lang}, ${colorScheme})`, () => {
      test.use({ locale, colorScheme });

      test('axe-core finds nothing serious on any tab, pane, dialog or form', async ({ dashboard, page, wxdesk, fake }) => {
        test.setTimeout(90_000);
        const w = wordsOf(lang);
        const server = await CallbackServer.start({ token: TOKEN, fault: 'accepts-forged' });
        try {
          // The key screen: a browser tab opened without the run's key.
          const bare = await page.context().newPage();
          await bare.goto(`${wxdesk.url}/`);
          await expect(bare.getByRole('heading', { level: 1 })).toBeVisible();
          await expectAccessible(bare, 'the key screen');
          await bare.close();

          // The first run: no account, the add form.
          await dashboard.open();
          await expect(button(page, w['form.save'])).toBeVisible();
          await expectAccessible(page, 'the add form (no account yet)');
          await button(page, w['form.save']).click();
          await expect(page.getByRole('alert').first()).toBeVisible();
          await expectAccessible(page, 'the add form with its errors');

          const { appId } = await dashboard.seed({ label: 'A11y account', serverToken: TOKEN });
          await expect(page.getByRole('heading', { name: 'A11y account' })).toBeVisible();

          // Token: fetched, then a refusal with its rid.
          await button(page, w['refresh.button']).click();
          await expect(page.getByRole('timer')).toBeVisible();
          await expectAccessible(page, 'the Token tab with a token');
          fake.whitelist(appId, '198.51.100.23');
          await button(page, w['refresh.button']).click();
          await expect(page.getByText('198.51.100.23').first()).toBeVisible();
          await page.getByRole('button', { name: w['rid.lookup'] }).first().click();
          await expect(page.getByRole('button', { name: w['rid.lookup'] }).first()).toHaveAttribute('aria-expanded', 'true');
          await expectAccessible(page, 'the Token tab with an error, its rid being looked up');
          await expect(page.locator('section.rid, div.rid')).toBeVisible();
          await expectAccessible(page, 'the Token tab with an error and its rid looked up');

          await button(page, w['force.button']).click();
          await expect(page.getByRole('alertdialog')).toBeVisible();
          await expectAccessible(page, 'the force-refresh dialog');
          await page.getByRole('alertdialog').getByRole('button', { name: w['dialog.cancel'] }).click();

          // Signature: a paste fills Server, then each pane.
          await tab(page, w['tabs.signature']).click();
          await panel(page, w['sig.server']).getByLabel(w['sig.paste'], { exact: true }).fill('https://example.com/wx?signature=abc&timestamp=1357982061&nonce=1358161344&echostr=hi');
          await button(page, w['sig.fill']).click();
          await expect(panel(page, w['sig.server']).locator('.verdict')).toBeVisible();
          await expectAccessible(page, 'the Signature tab, Server pane');
          await tab(page, w['sig.safe']).click();
          await expect(panel(page, w['sig.safe'])).toBeVisible();
          await expectAccessible(page, 'the Signature tab, Safe mode pane');
          await tab(page, w['sig.jssdk']).click();
          await expect(panel(page, w['sig.jssdk'])).toBeVisible();
          await expectAccessible(page, 'the Signature tab, JS-SDK pane');

          // Probe: a run with passes and a failure.
          await tab(page, w['tabs.probe']).click();
          const probe = panel(page, w['tabs.probe']);
          await probe.getByLabel(w['probe.url'], { exact: true }).fill(server.url);
          await expectAccessible(page, 'the Probe tab');
          await probe.getByRole('button', { name: w['probe.run'] }).click();
          await expect(probe.getByRole('listitem').nth(4)).toBeVisible();
          await expect(probe.getByRole('button', { name: w['probe.run'] })).toBeEnabled();
          await expectAccessible(page, 'the Probe tab with results');

          // Console: a call refused by WeChat, its rid looked up, a quota checked, and the two questions.
          fake.whitelist(appId, null);
          await tab(page, w['tabs.console']).click();
          const consoleTab = panel(page, w['tabs.console']);
          const send = consoleTab.getByRole('button', { name: w['console.send'], exact: true });
          await expect(send).toBeVisible();
          await expectAccessible(page, 'the Console tab');
          await consoleTab.getByLabel(w['console.preset'], { exact: true }).selectOption('user-info');
          await send.click();
          await expect(send).toBeEnabled();
          await consoleTab.getByRole('button', { name: w['rid.lookup'] }).first().click();
          await expect(consoleTab.getByRole('button', { name: w['rid.lookup'] }).first()).toHaveAttribute('aria-expanded', 'true');
          await expect(consoleTab.locator('section.rid, div.rid')).toBeVisible();
          await consoleTab.getByRole('button', { name: w['quota.check'] }).click();
          await expect(consoleTab.getByRole('definition').first()).toBeVisible();
          await expectAccessible(page, 'the Console tab with an error, its rid and a quota');
          await consoleTab.getByLabel(w['console.preset'], { exact: true }).selectOption('menu-create');
          await send.click();
          await expect(page.getByRole('alertdialog')).toBeVisible();
          await expectAccessible(page, 'the console\'s question before a call that changes the account');
          await page.getByRole('alertdialog').getByRole('button', { name: w['dialog.cancel'] }).click();
          await consoleTab.getByRole('button', { name: w['quota.reset'] }).click();
          await expect(page.getByRole('alertdialog')).toBeVisible();
          await expectAccessible(page, 'the quota reset question');
          await page.getByRole('alertdialog').getByRole('button', { name: w['dialog.cancel'] }).click();

          // Menu: the draft, its rules, its questions, an import, the conditional menus (a11y-menu.ts).
          await menuTour({ page, lang, appId, tabName: w['tabs.menu'], fake, call: (m, ...a) => wxdesk.call(m, ...a) });
          await tab(page, w['tabs.console']).click();

          // The account's edit form and the removal question.
          await button(page, w['account.edit']).click();
          await expect(button(page, w['form.save'])).toBeVisible();
          await expectAccessible(page, 'the edit form');
          await button(page, w['form.cancel']).click();
          await button(page, w['account.remove']).click();
          await expect(page.getByRole('alertdialog')).toBeVisible();
          await expectAccessible(page, 'the remove dialog');
          await page.getByRole('alertdialog').getByRole('button', { name: w['dialog.cancel'] }).click();

          // The add form over an existing account (the sidebar's button).
          await button(page, w['accounts.add']).click();
          await expect(button(page, w['form.cancel'])).toBeVisible();
          await expectAccessible(page, 'the add form');
          await button(page, w['form.cancel']).click();

          // The desktop's window: its settings in the sidebar's foot.
          const desk = await page.context().newPage();
          await standInPreloadBridge(desk, wxdesk);
          await desk.goto(`${wxdesk.url}/`);
          await expect(desk.getByRole('heading', { name: 'A11y account' })).toBeVisible();
          await expect(desk.locator('.sidebar__foot input').first()).toBeVisible();
          await expectAccessible(desk, 'the desktop window with its settings');
          await desk.goto('about:blank');
          await desk.close();
        } finally {
          await server.close();
        }
      });
    });
  }
}
