// Writes docs/probe.png for the README: the Probe tab after a run against a safe-mode server that
// passes every check but handles a retried message twice (a warning).
import { join } from 'node:path';
import { CallbackServer, newAesKey } from '../fixtures/callback-servers';
import { ROOT, expect, test } from '../e2e/fixtures';

test('screenshot of the Probe tab for the README', async ({ dashboard, page }) => {
  await page.setViewportSize({ width: 1280, height: 1500 });
  const aesKey = newAesKey();
  const appId = 'wx5d8f0c2a9b71e3f4';
  const server = await CallbackServer.start({ token: 'wxdeskDemo2024', mode: 'safe', aesKey, appId, fault: 'no-dedupe' });
  try {
    await dashboard.seed({ appId, label: 'Demo Official Account', serverToken: 'wxdeskDemo2024', aesKey, messageMode: 'safe' });
    await dashboard.open();
    await page.getByRole('tab', { name: 'Probe', exact: true }).click();
    const probe = page.getByRole('tabpanel', { name: 'Probe', exact: true });
    await probe.getByLabel('Callback URL', { exact: true }).fill(server.url);
    await probe.getByRole('button', { name: 'Run probe' }).click();
    await expect(probe.getByRole('status').filter({ hasText: 'No check failed' })).toBeVisible();
    await page.mouse.move(0, 0);
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    await page.screenshot({ path: join(ROOT, 'docs', 'probe.png') });
  } finally {
    await server.close();
  }
});
