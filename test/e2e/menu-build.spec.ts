// The Menu tab's "Done when": a 3×5 menu holding every button type WeChat accepts, built once with
// the mouse (clicks, and drags with Playwright's dragTo) and once with the keyboard alone (Tab, Enter,
// arrows, Alt+Arrows: no click anywhere, opening the tab included), published behind the diff and
// read back from the fake WeChat's menu/get equal to what was built. English light; Chinese dark.
import type { Locator, Page } from '@playwright/test';
import type { ConsoleResult, Lang, MenuButton, MenuButtonType, MenuDraft } from '../../electron/contract';
import { MENU_TYPES } from '../../electron/core/menu/rules';
import { dialogStrings } from '../../renderer/src/ui/dialog/strings';
import { menuStrings } from '../../renderer/src/features/menu/strings';
import { everyTypeMenu } from '../fixtures/menus';
import { expect, test } from './fixtures';

/** Every type, 3 buttons with 5 sub-buttons each (the Simulator's test menu, within WeChat's byte limits). */
const MENU: MenuDraft = everyTypeMenu();

/** How a person works the page: with the mouse, or with the keyboard alone. */
interface Hands {
  press(target: Locator): Promise<void>;
  type(field: Locator, text: string): Promise<void>;
  choose(select: Locator, from: MenuButtonType, to: MenuButtonType): Promise<void>;
  /** The button of this row goes under the top-level button of `parent` (its last sub-button). */
  moveUnder(row: Locator, parent: Locator): Promise<void>;
  /** The button of this row goes one place down in its list (below `next`). */
  moveDown(row: Locator, next: Locator): Promise<void>;
}

/** The element and the page's focus, as far as these tests look at them (no DOM types in the tests' build). */
interface El {
  ownerDocument: { activeElement: El | null; body: El };
  compareDocumentPosition(other: El): number;
}
const FOLLOWING = 4; // Node.DOCUMENT_POSITION_FOLLOWING

const isFocused = (l: Locator) => l.evaluate((el) => el === (el as unknown as El).ownerDocument.activeElement);

/** Tab (or Shift+Tab, toward where it is) until `target` has the focus: what a keyboard user does. */
async function tabTo(page: Page, target: Locator) {
  await expect(target).toBeVisible();
  for (let i = 0; i < 150; i++) {
    // One look per key: is the focus there, or is the target after it?
    const where = await target.evaluate((node, following) => {
      const el = node as unknown as El;
      const now = el.ownerDocument.activeElement;
      if (now === el) return 'here';
      return !now || now === el.ownerDocument.body || now.compareDocumentPosition(el) & following ? 'after' : 'before';
    }, FOLLOWING);
    if (where === 'here') return;
    await page.keyboard.press(where === 'after' ? 'Tab' : 'Shift+Tab');
  }
  throw new Error('the keyboard never reached the target');
}

const mouse = (): Hands => ({
  press: (target) => target.click(),
  type: (field, text) => field.fill(text),
  choose: async (select, _from, to) => void (await select.selectOption(to)),
  // A drop on a top-level button's right part puts the button under it; on the lower half of a button, below it.
  moveUnder: async (row, parent) => {
    const box = (await parent.boundingBox())!;
    await row.dragTo(parent, { targetPosition: { x: box.width - 12, y: box.height / 2 } });
  },
  moveDown: async (row, next) => {
    const box = (await next.boundingBox())!;
    await row.dragTo(next, { targetPosition: { x: 24, y: box.height - 3 } });
  },
});

const keyboard = (page: Page): Hands => ({
  press: async (target) => {
    await tabTo(page, target);
    await page.keyboard.press('Enter');
  },
  type: async (field, text) => {
    await tabTo(page, field);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(text);
  },
  choose: async (select, from, to) => {
    await tabTo(page, select);
    const steps = MENU_TYPES.indexOf(to) - MENU_TYPES.indexOf(from);
    for (let i = 0; i < Math.abs(steps); i++) await page.keyboard.press(steps > 0 ? 'ArrowDown' : 'ArrowUp');
  },
  moveUnder: async (row) => {
    await tabTo(page, row.getByRole('button'));
    await page.keyboard.press('Alt+ArrowRight');
  },
  moveDown: async (row) => {
    await tabTo(page, row.getByRole('button'));
    await page.keyboard.press('Alt+ArrowDown');
  },
});

/** The leaves' fields in the order the form shows them (the mini program's URL last, its fallback). */
const fieldsOf = (b: MenuButton): ('key' | 'url' | 'media_id' | 'article_id' | 'appid' | 'pagepath')[] =>
  b.type === 'miniprogram' ? ['appid', 'pagepath', 'url'] : b.type === 'view' ? ['url'] : b.type === 'media_id' ? ['media_id'] : b.type === 'article_id' || b.type === 'article_view_limited' ? ['article_id'] : ['key'];

/** Builds MENU with `hands`, in an order that needs a move under a button and a move down to come out right. */
async function build(page: Page, panel: Locator, lang: Lang, hands: Hands) {
  const w = menuStrings[lang];
  const tree = panel.locator('ol.menu-tree__list');
  const row = (name: string) => tree.locator('.menu-tree__item').filter({ has: page.locator('.menu-tree__name').getByText(name, { exact: true }) });
  const field = (label: string) => panel.getByLabel(label, { exact: true });
  const fill = async (b: MenuButton) => {
    await hands.type(field(w['menu.name']), b.name);
    await expect(field(w['menu.type'])).toHaveValue('click');
    if (b.type !== 'click') await hands.choose(field(w['menu.type']), 'click', b.type!);
    await expect(field(w['menu.type'])).toHaveValue(b.type!);
    for (const f of fieldsOf(b)) await hands.type(field(w[f === 'url' && b.type === 'miniprogram' ? 'menu.field.urlMini' : (`menu.field.${f}` as const)]), (b as unknown as Record<string, string>)[f]!);
  };
  const parent = async (b: MenuButton, subs: readonly MenuButton[]) => {
    await hands.press(panel.getByRole('button', { name: w['menu.addTop'], exact: true }));
    await hands.type(field(w['menu.name']), b.name);
    for (const s of subs) {
      await hands.press(panel.getByRole('button', { name: w['menu.addSub'], exact: true }));
      await fill(s);
    }
  };
  const [m1, m2, m3] = MENU.button as [MenuButton, MenuButton, MenuButton];
  const s1 = m1.sub_button!;
  const s3 = m3.sub_button!;
  // The first button without its fifth, which is made in the bar and then moved under it.
  await parent(m1, s1.slice(0, 4));
  await hands.press(panel.getByRole('button', { name: w['menu.addTop'], exact: true }));
  await fill(s1[4]!);
  await hands.moveUnder(row(s1[4]!.name), row(m1.name));
  await expect(tree.locator('[data-path="1.5"]')).toContainText(s1[4]!.name);
  await parent(m2, m2.sub_button!);
  // The third with its last two swapped, then put right.
  await parent(m3, [...s3.slice(0, 3), s3[4]!, s3[3]!]);
  await hands.moveDown(row(s3[4]!.name), row(s3[3]!.name));
  await expect(tree.locator('[data-path="3.5"]')).toContainText(s3[4]!.name);
  await expect(panel.getByRole('status').filter({ hasText: w['menu.noProblems'] })).toBeVisible();
}

/** The menu the fake WeChat hands back (menu/get through the console, as another client would read it). */
async function liveMenu(call: (method: 'consoleSend', ...args: unknown[]) => Promise<ConsoleResult>, appId: string) {
  const result = await call('consoleSend', { appId, method: 'GET', path: '/cgi-bin/menu/get' });
  const got = JSON.parse(result.body) as { menu: MenuDraft };
  // WeChat may echo an empty sub_button beside a leaf's type: not part of the menu.
  return { button: got.menu.button.map((b) => ({ ...b, sub_button: b.sub_button?.map(({ sub_button: _, ...s }) => s) })) };
}

for (const [lang, locale, colorScheme, how] of [
  ['en', 'en-US', 'light', 'mouse'],
  ['zh-CN', 'zh-CN', 'dark', 'keyboard'],
] as const) {
  test.describe(`the Menu tab (${lang}, ${colorScheme})`, () => {
    test.use({ locale, colorScheme });

    test(`builds a 3×5 menu of every type by ${how}, publishes it, and menu/get hands it back`, async ({ dashboard, page, wxdesk }) => {
      test.setTimeout(180_000);
      const w = menuStrings[lang];
      const { appId } = await dashboard.seed({ label: 'Menu account' });
      await dashboard.open();
      const tabName = lang === 'en' ? 'Menu' : '菜单';
      const tab = page.getByRole('tab', { name: tabName, exact: true });
      const hands = how === 'mouse' ? mouse() : keyboard(page);
      if (how === 'mouse') await hands.press(tab);
      else {
        // The tabs are one stop of the Tab key (the selected one); the arrows go along them.
        await tabTo(page, page.getByRole('tab', { selected: true }));
        for (let i = 0; i < 10 && !(await isFocused(tab)); i++) await page.keyboard.press('ArrowRight');
        await page.keyboard.press('Enter');
      }
      await expect(tab).toHaveAttribute('aria-selected', 'true');
      const panel = page.getByRole('tabpanel', { name: tabName, exact: true });
      await expect(panel.getByText(w['menu.empty']).first()).toBeVisible();

      await build(page, panel, lang, hands);

      await hands.press(panel.getByRole('button', { name: w['menu.publish'], exact: true }));
      const ask = page.getByRole('alertdialog');
      await expect(ask).toContainText(w['menu.diffAdded']);
      await expect(ask.getByRole('button', { name: dialogStrings[lang]['dialog.cancel'] })).toBeFocused();
      await hands.press(ask.getByRole('button', { name: w['menu.publish'], exact: true }));
      await expect(panel.getByText(w['menu.same'])).toBeVisible();
      expect(await liveMenu((m, ...a) => wxdesk.call<ConsoleResult>(m, ...a), appId)).toEqual(MENU);
      await expect(panel.locator('[data-phone="live"]').getByRole('button', { name: '更多服务', exact: true })).toBeVisible();
    });
  });
}
