// The renderer as the desktop app runs it: over a `window.wxdesk` bridge that answers with
// envelopes, as electron/preload.ts does. Electron cannot start here, so a stand-in bridge is
// injected before the page loads; it carries each call to the same handler table over HTTP and
// answers as ipc.ts would ({ok, value} / {ok, error}), with `info().host` = 'electron'.
import { expect, test } from './fixtures';

test.describe('renderer over the preload bridge', () => {
  test.beforeEach(async ({ page, wxdesk }) => {
    await page.addInitScript(
      ({ key, methods }) => {
        const call = async (method: string, args: unknown[]) => {
          const res = await fetch(`/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wxdesk-key': key }, body: JSON.stringify({ args }) });
          const body = (await res.json()) as { value?: unknown; error?: unknown };
          if (body.error) return { ok: false, error: body.error };
          const value = method === 'info' ? { ...(body.value as object), host: 'electron', endpointUrl: null } : body.value;
          return { ok: true, value };
        };
        const bridge: Record<string, unknown> = { onChange: () => () => undefined };
        for (const m of methods) bridge[m] = (...args: unknown[]) => call(m, args);
        Object.defineProperty(globalThis, 'wxdesk', { value: Object.freeze(bridge) });
      },
      { key: wxdesk.key, methods: ['info', 'listAccounts', 'saveAccount', 'removeAccount', 'token', 'refresh', 'forceRefresh', 'history', 'copy', 'getSettings', 'saveSettings', 'signServer', 'signMessage', 'signJssdk', 'encryptMessage', 'decryptMessage', 'parseCallback', 'ticket', 'wxConfig'] },
    );
  });

  test('no key needed; accounts, tokens and errors arrive through envelopes', async ({ dashboard, page, fake, wxdesk }) => {
    const { appId } = await dashboard.seed({ label: 'Desk account', mode: 'classic' });
    // Opened without #key: the page must take the preload bridge, not ask for a key.
    await page.goto(`${wxdesk.url}/`);
    await expect(page.getByRole('heading', { name: 'Desk account' })).toBeVisible();
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await expect(page.getByRole('timer')).toBeVisible();
    const token = await dashboard.shownToken();
    expect(fake.isValid(token)).toBe(true);
    // A failure envelope becomes a DashboardError the page shows in plain words.
    fake.whitelist(appId, '198.51.100.23');
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await expect(page.getByText('198.51.100.23').first()).toBeVisible();
  });

  test('the desktop shows the local endpoint switch and saves it', async ({ dashboard, page, wxdesk }) => {
    await dashboard.seed({ label: 'Desk account' });
    await page.goto(`${wxdesk.url}/`);
    const group = page.getByRole('group', { name: 'Local token endpoint' });
    await expect(group).toBeVisible();
    await group.getByLabel('Port').fill('70000');
    await expect(group.getByRole('button', { name: 'Apply' })).toBeDisabled();
    await expect(group.getByText('The port is a whole number from 1 to 65535.')).toBeVisible();
    await group.getByLabel('Port').fill('7311');
    await group.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => wxdesk.call<{ endpointPort: number }>('getSettings').then((s) => s.endpointPort)).toBe(7311);
    await group.getByLabel("Answer WeChat's token API on this machine").check();
    await expect.poll(() => wxdesk.call<{ endpointEnabled: boolean }>('getSettings').then((s) => s.endpointEnabled)).toBe(true);
  });
});

test('the browser dashboard shows where its token endpoint is, with no switch', async ({ dashboard, page, wxdesk }) => {
  await dashboard.seed();
  await dashboard.open();
  await expect(page.getByText(`${wxdesk.url}/cgi-bin/token`)).toBeVisible();
  await expect(page.getByRole('group', { name: 'Local token endpoint' })).toHaveCount(0);
});
