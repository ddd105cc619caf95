// An agency's dashboard: 1,000 accounts in the data directory before `wxdesk serve` starts. The list
// shows them (only a screenful is in the page at a time, the rest is room to scroll through), the
// search box finds one far down, selecting it shows it, and the keyboard walks the list as before.
// No timings here: how fast it shows and how little it costs idle is the bench's to measure.
import type { Page } from '@playwright/test';
import { expect, stockedAppId, stockedLabel, test } from './fixtures';

const COUNT = 1000;
test.use({ stocked: COUNT });

const list = (page: Page) => page.getByRole('navigation').getByRole('list');
const row = (page: Page, i: number) => list(page).getByRole('button', { name: new RegExp(stockedAppId(i)) });
/** Scrolls the list to `fraction` of its height (1: the end). */
const scrollList = (page: Page, fraction: number) =>
  list(page).evaluate((ul, f) => {
    const el = ul as unknown as { scrollTop: number; scrollHeight: number };
    el.scrollTop = el.scrollHeight * f;
  }, fraction);

test.describe('a thousand accounts', () => {
  test('the list shows them, search finds a late one, and selecting it shows it', async ({ dashboard, page }) => {
    await dashboard.open();
    await expect(page.locator('.sidebar__count')).toHaveText(String(COUNT));
    await expect(row(page, 0)).toBeVisible();
    await expect(row(page, 0)).toContainText(stockedLabel(0));
    // Each row says where it stands in the whole list, and ticks like the one account's.
    const first = list(page).getByRole('listitem').first();
    await expect(first).toHaveAttribute('aria-setsize', String(COUNT));
    await expect(first).toHaveAttribute('aria-posinset', '1');
    await expect(row(page, 0)).toContainText(/\d:\d{2}:\d{2}/);
    await expect(row(page, 0)).toContainText('Valid');
    // A screenful is in the page, not a thousand rows.
    expect(await list(page).getByRole('listitem').count()).toBeLessThan(100);
    await expect(page.getByRole('heading', { name: stockedLabel(0), level: 2 })).toBeVisible();

    // The end of the list is there to scroll to.
    await scrollList(page, 1);
    await expect(row(page, COUNT - 1)).toBeVisible();
    await expect(list(page).getByRole('listitem').last()).toHaveAttribute('aria-posinset', String(COUNT));

    // Search: by label, then by AppID; click shows the account.
    const late = 987;
    const search = page.getByRole('searchbox', { name: 'Find account' });
    await search.fill(stockedLabel(late));
    await expect(list(page).getByRole('listitem')).toHaveCount(1);
    await row(page, late).click();
    await expect(page.getByRole('heading', { name: stockedLabel(late), level: 2 })).toBeVisible();
    await expect(page.getByRole('article').getByText(stockedAppId(late), { exact: true })).toBeVisible();
    await expect(row(page, late)).toHaveAttribute('aria-current', 'true');
    await expect(page.getByRole('tabpanel', { name: 'Token' }).getByRole('timer')).toBeVisible();

    // Enter picks the first match.
    await search.fill(stockedAppId(COUNT - 2));
    await expect(list(page).getByRole('listitem')).toHaveCount(1);
    await search.press('Enter');
    await expect(page.getByRole('heading', { name: stockedLabel(COUNT - 2), level: 2 })).toBeVisible();

    // Escape clears the search: the whole list again, the selection kept.
    await search.press('Escape');
    await expect(page.locator('.sidebar__count')).toHaveText(String(COUNT));
    await expect(row(page, 0)).toBeVisible();
    await expect(page.getByRole('heading', { name: stockedLabel(COUNT - 2), level: 2 })).toBeVisible();
  });

  test('Tab walks the rows past the screenful, and from a row scrolled out of view to its neighbour', async ({ dashboard, page }) => {
    await dashboard.open();
    await row(page, 0).focus();
    for (let i = 1; i <= 15; i++) {
      await page.keyboard.press('Tab');
      await expect(row(page, i)).toBeFocused();
    }
    await expect(row(page, 15)).toBeInViewport();

    // Scrolled far away, the focused row stays in the page; Tab goes on to the next one.
    await scrollList(page, 0.5);
    await expect(row(page, 15)).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(row(page, 16)).toBeFocused();
    await expect(row(page, 16)).toBeInViewport();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await expect(row(page, 14)).toBeFocused();

    // Enter on a row selects it, as a click does.
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: stockedLabel(14), level: 2 })).toBeVisible();
    await expect(row(page, 14)).toHaveAttribute('aria-current', 'true');
  });
});
