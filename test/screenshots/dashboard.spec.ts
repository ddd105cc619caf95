// Writes docs/dashboard.png for the README: the dashboard with two accounts, the token masked, and a
// history that shows a whitelist error, a new token and a re-sync.
import { join } from 'node:path';
import { ROOT, expect, newAppId, test } from '../e2e/fixtures';

test('screenshot of the dashboard for the README', async ({ dashboard, page, fake }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await dashboard.seed({ label: 'Staging (classic)', mode: 'classic' });
  const appId = newAppId();
  fake.whitelist(appId, '203.0.113.77');
  await dashboard.seed({ appId, label: 'Demo Official Account', serverToken: 'wxdeskDemo2024' });
  await dashboard.open();
  await page.getByRole('button', { name: new RegExp(appId) }).click();
  await expect(page.getByRole('heading', { name: 'Demo Official Account', level: 2 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Last error' })).toContainText('203.0.113.77');

  const history = page.getByRole('table', { name: 'Refresh history' }).getByRole('row');
  fake.whitelist(appId, null);
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(page.getByTestId('token-value')).toBeVisible();
  await expect(history).toHaveCount(3);
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(history).toHaveCount(4);
  await expect(page.getByRole('region', { name: 'Last error' })).toHaveCount(0);
  await expect(page.getByTestId('token-value')).toContainText('••••');
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(ROOT, 'docs', 'dashboard.png') });
});
