// Writes docs/console.png for the README: the Console tab after a menu was created from its preset
// and read back with menu/get, with the history below.
import { join } from 'node:path';
import { ROOT, expect, test } from '../e2e/fixtures';

test('screenshot of the Console tab for the README', async ({ dashboard, page }) => {
  await page.setViewportSize({ width: 1280, height: 1400 });
  await dashboard.seed({ appId: 'wx5d8f0c2a9b71e3f4', label: 'Demo Official Account' });
  await dashboard.open();
  await page.getByRole('tab', { name: 'Console', exact: true }).click();
  const panel = page.getByRole('tabpanel', { name: 'Console', exact: true });
  await panel.getByLabel('Preset', { exact: true }).selectOption({ label: 'Menu: create' });
  await panel.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Send it' }).click();
  const response = panel.getByRole('region', { name: 'Response', exact: true });
  await expect(response).toContainText('"errmsg": "ok"');
  await panel.getByLabel('Preset', { exact: true }).selectOption({ label: 'Menu: get' });
  await panel.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(response).toContainText('V1001_TODAY_MUSIC');
  await expect(panel.getByRole('table', { name: 'Console history' }).getByRole('row')).toHaveCount(3);
  await page.mouse.move(0, 0);
  await page.evaluate('document.activeElement && document.activeElement.blur()');
  await page.screenshot({ path: join(ROOT, 'docs', 'console.png') });
});
