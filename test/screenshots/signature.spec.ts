// Writes docs/signature.png for the README: the Server pane on WeChat's own example, with the
// timestamp in milliseconds, so the mismatch and its cause are in view.
import { join } from 'node:path';
import { ROOT, expect, test } from '../e2e/fixtures';

test('screenshot of the signature lab for the README', async ({ dashboard, page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await dashboard.seed({ serverToken: 'weixin', label: 'Demo Official Account' });
  await dashboard.open();
  await page.getByRole('tab', { name: 'Signature', exact: true }).click();
  const server = page.getByRole('tabpanel', { name: 'Server', exact: true });
  const field = (label: string) => server.getByLabel(label, { exact: true });
  await field('Token').fill('weixin');
  await field('Timestamp').fill('1357982061000');
  await field('Nonce').fill('1358161344');
  await field('Signature to check').fill('335b26997f05c82243aad6b10a2d1853637e71a8');
  await expect(server.getByText('Timestamp in milliseconds')).toBeVisible();
  await expect(server.locator('.lab-result')).toHaveAttribute('aria-busy', 'false');
  await page.mouse.move(0, 0);
  await page.evaluate('document.activeElement && document.activeElement.blur()');
  await page.evaluate("document.querySelector('.lab').scrollIntoView({ block: 'start' })");
  await page.screenshot({ path: join(ROOT, 'docs', 'signature.png') });
});
