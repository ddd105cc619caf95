// axe-core (WCAG 2.0 / 2.1 A and AA, a11y.ts) on the Simulator tab in every state it has: the phone
// with a conversation (a text, a news card, the "cannot serve" line), a menu open with its
// sub-buttons, every push kind's form, Edit XML with a problem, the scan prompt, the followers
// editor, the log with an exchange expanded, the forge-signature checkbox; in en and zh-CN, light and
// dark. Zero serious or critical findings.
import type { Locator, Page } from '@playwright/test';
import type { Lang, MenuDraft } from '../../electron/contract';
import { accountsStrings } from '../../renderer/src/features/accounts/strings';
import { probeStrings } from '../../renderer/src/features/probe/strings';
import { PUSHES } from '../../renderer/src/features/simulator/push-kinds';
import { simulatorStrings } from '../../renderer/src/features/simulator/strings';
import { CANNOT_SERVE, phoneStrings } from '../../renderer/src/ui/phone/strings';
import { CallbackServer } from '../fixtures/callback-servers';
import { expectAccessible } from './a11y';
import { expect, test } from './fixtures';

const TOKEN = 'simA11yToken24';

const MENU: MenuDraft = {
  button: [
    { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
    {
      name: '菜单',
      sub_button: [
        { type: 'scancode_push', name: '扫码推事件', key: 'SCAN_PUSH' },
        { type: 'view', name: '搜索', url: 'https://www.soso.com/' },
        { type: 'click', name: '赞一下我们吧好不好', key: 'V1001_GOOD' },
      ],
    },
  ],
};

function wordsOf(lang: Lang) {
  return { ...accountsStrings[lang], ...probeStrings[lang], ...simulatorStrings[lang], ...phoneStrings[lang] };
}
const fill = (text: string, vars: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
const button = (where: Page | Locator, name: string) => where.getByRole('button', { name, exact: true });

for (const [lang, locale] of [
  ['en', 'en-US'],
  ['zh-CN', 'zh-CN'],
] as const) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test.describe(`the Simulator tab's accessibility (${lang}, ${colorScheme})`, () => {
      test.use({ locale, colorScheme });

      test('axe-core finds nothing serious in any state of the Simulator tab', async ({ dashboard, page }) => {
        test.setTimeout(90_000);
        const w = wordsOf(lang);
        const server = await CallbackServer.start({ token: TOKEN, fault: 'accepts-forged' });
        try {
          await dashboard.seed({ serverToken: TOKEN, label: 'A11y account' });
          await dashboard.open();
          await page.getByRole('tab', { name: w['tabs.simulator'], exact: true }).click();
          const panel = page.getByRole('tabpanel', { name: w['tabs.simulator'], exact: true });
          await panel.getByLabel(w['sim.url'], { exact: true }).fill(server.url);
          await expect(panel.getByLabel(w['sim.follower'], { exact: true })).toHaveValue(/^o/);
          await expectAccessible(page, 'the Simulator tab, empty');

          // A conversation: a text, a news card (the link comes back as one), then the forged push's "cannot serve" line.
          const message = panel.getByRole('textbox', { name: w['phone.message'], exact: true });
          await message.fill('hello');
          await message.press('Enter');
          const chat = panel.getByRole('list', { name: w['phone.chat'], exact: true });
          await expect(chat.locator('.chat__row--account')).toHaveCount(1);
          const pushes = panel.getByRole('region', { name: w['push.heading'] });
          await button(pushes, w['push.k.link']).click();
          await button(pushes, fill(w['push.send'], { name: w['push.k.link'] })).click();
          await expect(chat.getByRole('list', { name: w['phone.articles'] })).toBeVisible();
          const forge = panel.getByRole('checkbox', { name: w['sim.forge'] });
          await forge.check();
          await expectAccessible(page, 'the forge-signature checkbox, checked');
          await message.fill('forged');
          await message.press('Enter');
          await expect(chat.getByRole('group', { name: CANNOT_SERVE })).toBeVisible();
          await forge.uncheck();
          await expectAccessible(page, 'the phone with a text, a news card and the cannot-serve line');

          // The log with an exchange expanded: its push XML and its requests and responses.
          const log = panel.getByRole('region', { name: w['log.heading'] });
          const entry = log.locator('[data-exchange]').first();
          await entry.getByText(w['log.pushXml'], { exact: true }).click();
          await entry.getByText(w['probe.exchanges'], { exact: true }).click();
          await expect(entry.locator('details[open]')).toHaveCount(2);
          await expectAccessible(page, 'the log with an exchange expanded');

          // A menu with a sub-menu open, then the scan prompt one of its buttons asks.
          await panel.getByLabel(w['sim.draft'], { exact: true }).fill(JSON.stringify(MENU));
          await button(panel, w['sim.draftApply']).click();
          const menu = panel.getByRole('navigation', { name: w['phone.menu'] });
          await button(menu, '菜单').click();
          await expect(button(menu, '扫码推事件')).toBeVisible();
          await expectAccessible(page, 'the menu with its sub-buttons open');
          await button(menu, '扫码推事件').click();
          await expect(panel.getByRole('form', { name: w['sim.scanAsk'] })).toBeVisible();
          await expectAccessible(page, 'the scan prompt');
          await button(panel.getByRole('form', { name: w['sim.scanAsk'] }), w['sim.cancel']).click();

          // The followers editor.
          await button(panel, w['sim.addFollower']).click();
          await expect(panel.getByRole('form', { name: w['sim.addFollower'] })).toBeVisible();
          await expectAccessible(page, 'the followers editor');
          await button(panel.getByRole('form', { name: w['sim.addFollower'] }), w['sim.cancel']).click();

          // Every push kind's form (the radio-like buttons are pressed one after the other).
          for (const spec of PUSHES) {
            const name = w[`push.k.${spec.id}` as keyof typeof w];
            await button(pushes, name).click();
            await expect(button(pushes, name)).toHaveAttribute('aria-pressed', 'true');
            await expectAccessible(page, `the push form of ${spec.id}`);
          }

          // Edit XML with a problem at a line.
          await button(pushes, w['push.k.text']).click();
          await button(pushes, w['push.editXml']).click();
          const xml = pushes.getByLabel(w['xml.label'], { exact: true });
          await xml.fill((await xml.inputValue()).replace('</Content>', '</Contnt>'));
          await button(pushes, w['xml.check']).click();
          await expect(xml).toHaveAttribute('aria-invalid', 'true');
          await expectAccessible(page, 'Edit XML with a problem');
        } finally {
          await server.close();
        }
      });
    });
  }
}
