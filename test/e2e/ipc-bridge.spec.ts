// The renderer as the desktop app runs it: over a `window.wxdesk` bridge that answers with
// envelopes, as electron/preload.ts does. Electron cannot start here, so a stand-in bridge is
// injected before the page loads (preload-bridge.ts).
import type { Page } from '@playwright/test';
import type { DashboardEvent, DesktopCommand, ErrorView, SettingsView, TokenView } from '../../electron/contract';
import { expect, test } from './fixtures';
import { standInPreloadBridge } from './preload-bridge';

const emit = (page: Page, event: DashboardEvent) => page.evaluate((e) => (globalThis as unknown as { __emit(e: DashboardEvent): void }).__emit(e), event);
const command = (page: Page, c: DesktopCommand) => emit(page, { type: 'command', command: c });
const refuse = (page: Page, method: string, error: ErrorView) =>
  page.evaluate(([m, e]) => (globalThis as unknown as { __refuse(m: string, e: ErrorView): void }).__refuse(m, e), [method, error] as const);

test.describe('renderer over the preload bridge', () => {
  test.beforeEach(async ({ page, wxdesk }) => {
    await standInPreloadBridge(page, wxdesk);
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

  test('menu commands: Refresh and Copy token act on the selected account as its token card does', async ({ dashboard, page, fake, wxdesk }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: wxdesk.url });
    const { appId } = await dashboard.seed({ label: 'Desk account', mode: 'classic' });
    await page.goto(`${wxdesk.url}/`);
    await expect(page.getByRole('button', { name: 'Refresh', exact: true })).toBeEnabled();
    const manualRows = page.getByRole('table', { name: 'Refresh history' }).getByRole('row').filter({ hasText: 'Manual' });
    await expect(manualRows).toHaveCount(0);
    const calls = fake.count('/cgi-bin/token');

    // From another tab: the Token tab comes forward, busy while WeChat takes its time.
    await page.getByRole('tab', { name: 'Signature', exact: true }).click();
    fake.fail({ delayMs: 1500 }, { path: '/cgi-bin/token' });
    await command(page, { name: 'refresh' });
    await expect(page.getByRole('tab', { name: 'Token', exact: true })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('button', { name: 'Refreshing…' })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Refresh', exact: true })).toBeEnabled({ timeout: 10_000 });
    expect(fake.count('/cgi-bin/token')).toBe(calls + 1);
    // A new line in the refresh history.
    await expect(manualRows).toHaveCount(1);

    // Copy token: the host hands the text back (copied: false here), the page writes the clipboard.
    await command(page, { name: 'copyToken' });
    await expect(page.getByRole('status').filter({ hasText: 'Token copied to the clipboard.' })).toBeVisible();
    const copied = String(await page.evaluate('navigator.clipboard.readText()'));
    expect(copied).toBe((await wxdesk.call<TokenView>('token', appId)).token);
    expect(fake.isValid(copied)).toBe(true);

    // A failure shows as the button's would.
    fake.whitelist(appId, '198.51.100.24');
    await command(page, { name: 'refresh' });
    await expect(page.getByText('198.51.100.24').first()).toBeVisible();
  });

  test('menu commands: add account, find, select by place in the list and from the tray', async ({ dashboard, page, wxdesk }) => {
    const first = await dashboard.seed({ label: 'First' });
    const second = await dashboard.seed({ label: 'Second' });
    await page.goto(`${wxdesk.url}/`);
    await expect(page.getByRole('heading', { name: 'First', level: 2 })).toBeVisible();
    const list = page.getByRole('navigation').getByRole('list');
    await expect(list.getByRole('button').nth(1)).toContainText(second.appId);
    const search = page.getByRole('searchbox', { name: 'Find account' });

    await command(page, { name: 'selectIndex', index: 1 });
    await expect(page.getByRole('heading', { name: 'Second', level: 2 })).toBeVisible();
    await expect(list.getByRole('button', { name: new RegExp(second.appId) })).toHaveAttribute('aria-current', 'true');
    // Past the end (or before the start): nothing happens.
    await command(page, { name: 'selectIndex', index: 2 });
    await command(page, { name: 'selectIndex', index: -1 });
    await command(page, { name: 'selectAccount', appId: 'wx0000000000000000' });
    await command(page, { name: 'findAccount' });
    await expect(search).toBeFocused();
    await expect(page.getByRole('heading', { name: 'Second', level: 2 })).toBeVisible();
    await command(page, { name: 'selectIndex', index: 0 });
    await expect(page.getByRole('heading', { name: 'First', level: 2 })).toBeVisible();

    // From the tray: that account, on its Token tab (also when it is already the one shown).
    await page.getByRole('tab', { name: 'Console', exact: true }).click();
    await command(page, { name: 'selectAccount', appId: second.appId });
    await expect(page.getByRole('heading', { name: 'Second', level: 2 })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Token', exact: true })).toHaveAttribute('aria-selected', 'true');
    await page.getByRole('tab', { name: 'Probe', exact: true }).click();
    await command(page, { name: 'selectAccount', appId: second.appId });
    await expect(page.getByRole('tab', { name: 'Token', exact: true })).toHaveAttribute('aria-selected', 'true');

    await command(page, { name: 'addAccount' });
    await expect(page.getByRole('heading', { name: 'Add account' })).toBeVisible();
    await expect(page.getByLabel('AppID', { exact: true })).toHaveValue('');
    // Selecting an account leaves the form.
    await command(page, { name: 'selectAccount', appId: first.appId });
    await expect(page.getByRole('heading', { name: 'First', level: 2 })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Add account' })).toHaveCount(0);

    await page.getByRole('tab', { name: 'Token', exact: true }).focus();
    await command(page, { name: 'findAccount' });
    await expect(search).toBeFocused();
  });

  test('the desktop settings: notifications and start at login are saved; a refusal is shown', async ({ dashboard, page, wxdesk }) => {
    await dashboard.seed({ label: 'Desk account' });
    await page.goto(`${wxdesk.url}/`);
    const group = page.getByRole('group', { name: 'Desktop app' });
    const notify = group.getByLabel('Notify me of errors I must fix', { exact: true });
    const atLogin = group.getByLabel('Start WxDesk at login', { exact: true });
    await expect(notify).toBeChecked();
    await expect(atLogin).not.toBeChecked();
    const saved = () => wxdesk.call<SettingsView>('getSettings');

    await notify.uncheck();
    await expect.poll(() => saved().then((s) => s.notifications)).toBe(false);
    await atLogin.check();
    await expect.poll(() => saved().then((s) => s.startAtLogin)).toBe(true);
    await expect(notify).not.toBeChecked();
    await expect(atLogin).toBeChecked();
    await expect(notify).toBeEnabled();

    // Refused (a login item the system would not set): said, and the box goes back.
    await refuse(page, 'saveSettings', { code: 'LOGIN_ITEM', kind: 'config', message: 'The system refused the login item.', hint: 'Allow WxDesk in the login items.' });
    await atLogin.click();
    const alert = group.getByRole('alert', { name: 'The setting could not be saved' });
    await expect(alert).toContainText('The system refused the login item.');
    await expect(atLogin).toBeChecked();
    expect((await saved()).startAtLogin).toBe(true);
  });
});

test('the browser dashboard shows where its token endpoint is, with no switch', async ({ dashboard, page, wxdesk }) => {
  await dashboard.seed();
  await dashboard.open();
  await expect(page.getByText(`${wxdesk.url}/cgi-bin/token`)).toBeVisible();
  await expect(page.getByRole('group', { name: 'Local token endpoint' })).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Desktop app' })).toHaveCount(0);
});
