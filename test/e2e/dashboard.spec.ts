import type { Response } from '@playwright/test';
import { expect, newAppId, newSecret, test } from './fixtures';

test.describe('dashboard in Chromium against wxdesk serve and a fake WeChat', () => {
  test('adds an account through the form: listed by AppID, token shown, AppSecret never sent back', async ({ dashboard, fake, page }) => {
    const appId = newAppId();
    const secret = newSecret();
    fake.addAccount(appId, secret);

    // Every body the page receives, checked for the secret at the end (the event stream never ends: its
    // events carry only a type and an AppID, so it is left out).
    const bodies: Promise<{ url: string; text: string }>[] = [];
    page.on('response', (r: Response) => {
      if (r.url().endsWith('/api/events')) return;
      bodies.push(r.text().then((text) => ({ url: r.url(), text }), () => ({ url: r.url(), text: '' })));
    });

    await dashboard.open();
    // No accounts yet: the form is the page.
    await expect(page.getByRole('heading', { name: 'Add account' })).toBeVisible();
    const secretInput = page.getByLabel('AppSecret', { exact: true });
    await expect(secretInput).toHaveAttribute('type', 'password');
    await page.getByLabel('AppID', { exact: true }).fill(appId);
    await secretInput.fill(secret);
    await page.getByLabel('Label', { exact: true }).fill('Form test');
    await page.getByLabel('API base', { exact: true }).selectOption({ label: 'Custom URL…' });
    await page.getByLabel('Custom API base URL').fill(fake.url);
    await expect(page.getByRole('radio', { name: /Stable/ })).toBeChecked();
    await page.getByRole('button', { name: 'Save account' }).click();

    const list = page.getByRole('navigation').getByRole('list');
    await expect(list.getByRole('button', { name: new RegExp(appId) })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Form test', level: 2 })).toBeVisible();
    await expect(page.getByTestId('token-value')).toBeVisible();
    const token = await dashboard.shownToken();
    expect(token).toBe(fake.currentStable(appId));
    expect(fake.isValid(token)).toBe(true);
    // Masked by default: the full token is not on screen.
    await expect(page.getByTestId('token-value')).not.toHaveText(token);

    // Editing: the AppSecret field is write-only, empty; leaving it empty keeps the stored one.
    await page.getByRole('button', { name: 'Edit' }).click();
    await expect(page.getByLabel('AppSecret', { exact: true })).toHaveValue('');
    await expect(page.getByLabel('AppID', { exact: true })).toHaveValue(appId);
    await page.getByLabel('Label', { exact: true }).fill('Form test renamed');
    await page.getByRole('button', { name: 'Save account' }).click();
    await expect(page.getByRole('heading', { name: 'Form test renamed', level: 2 })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Refresh', exact: true })).toBeEnabled();
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Last error' })).toHaveCount(0);

    const seen = await Promise.all(bodies);
    expect(seen.length).toBeGreaterThan(5);
    for (const { url, text } of seen) expect(text, `response of ${url}`).not.toContain(secret);
  });

  test('a second account added through the form is the one shown; an AppID already saved is refused', async ({ dashboard, fake, page }) => {
    const first = await dashboard.seed({ label: 'First' });
    await dashboard.open();
    await expect(page.getByRole('heading', { name: 'First', level: 2 })).toBeVisible();

    const saves: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/saveAccount')) saves.push(r.url());
    });
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByLabel('AppID', { exact: true }).fill(first.appId);
    await page.getByLabel('AppSecret', { exact: true }).fill(newSecret());
    await page.getByRole('button', { name: 'Save account' }).click();
    await expect(page.getByText('This AppID is already saved: select it in the list and use Edit.')).toBeVisible();
    expect(saves).toEqual([]);

    const appId = newAppId();
    const secret = newSecret();
    fake.addAccount(appId, secret);
    await page.getByLabel('AppID', { exact: true }).fill(appId);
    await page.getByLabel('AppSecret', { exact: true }).fill(secret);
    await page.getByLabel('Label', { exact: true }).fill('Second');
    await page.getByLabel('API base', { exact: true }).selectOption({ label: 'Custom URL…' });
    await page.getByLabel('Custom API base URL').fill(fake.url);
    await page.getByRole('button', { name: 'Save account' }).click();
    await expect(page.getByRole('heading', { name: 'Second', level: 2 })).toBeVisible();
    // And it stays the one shown once the list has reloaded.
    await expect(page.getByRole('navigation').getByRole('list').getByRole('button', { name: new RegExp(appId) })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Second', level: 2 })).toBeVisible();
  });

  test('inline validation refuses a malformed AppID and AppSecret before asking the main process', async ({ dashboard, page }) => {
    const saves: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/saveAccount')) saves.push(r.url());
    });
    await dashboard.open();
    await page.getByLabel('AppID', { exact: true }).fill('wx123');
    await page.getByLabel('AppSecret', { exact: true }).fill('not-a-secret');
    await page.getByRole('button', { name: 'Save account' }).click();
    await expect(page.getByText('Please correct the highlighted fields.')).toBeVisible();
    await expect(page.getByText(/AppID must be "wx" followed by 16 hex characters/)).toBeVisible();
    await expect(page.getByText(/AppSecret must be 32 hex characters/)).toBeVisible();
    await expect(page.getByLabel('AppID', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('AppID', { exact: true })).toBeFocused();
    expect(saves).toEqual([]);
  });

  test('the countdown is a timer that ticks', async ({ dashboard, page }) => {
    await dashboard.seed();
    await dashboard.open();
    const timer = page.getByRole('timer');
    await expect(timer).toHaveText(/^\d:\d{2}:\d{2}$/);
    const first = await timer.textContent();
    await expect.poll(() => timer.textContent(), { timeout: 3_500, intervals: [250] }).not.toBe(first);
    await expect(timer).toHaveAttribute('aria-label', /Time until the access_token expires/);
    await expect(timer).toHaveClass(/countdown--ok/);
  });

  test('Copy puts the live token on the clipboard', async ({ dashboard, page, fake, wxdesk }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: wxdesk.url });
    const { appId } = await dashboard.seed();
    await dashboard.open();
    await expect(page.getByTestId('token-value')).toBeVisible();

    await page.getByRole('button', { name: 'Copy token' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Token copied to the clipboard.' })).toBeVisible();
    const copied = (await page.evaluate('navigator.clipboard.readText()')) as string;
    expect(copied).toBe(fake.currentStable(appId));
    expect(fake.isValid(copied)).toBe(true);

    await page.getByRole('button', { name: 'Copy access_token=…' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'access_token=… copied' })).toBeVisible();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(`access_token=${copied}`);

    await page.getByRole('button', { name: 'Copy curl' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'curl command copied' })).toBeVisible();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(`curl '${fake.url}/cgi-bin/getcallbackip?access_token=${copied}'`);
  });

  test('Refresh on a classic account swaps the token for a new valid one', async ({ dashboard, page, fake }) => {
    await dashboard.seed({ mode: 'classic', label: 'Classic one' });
    await dashboard.open();
    await expect(page.getByTestId('token-value')).toBeVisible();
    const before = await dashboard.shownToken();
    expect(fake.isValid(before)).toBe(true);
    const calls = fake.count('/cgi-bin/token');

    const refresh = page.getByRole('button', { name: 'Refresh', exact: true });
    await expect(refresh).toHaveAttribute('title', /new classic token/);
    await refresh.click();
    await expect.poll(() => fake.count('/cgi-bin/token')).toBe(calls + 1);
    await expect(page.getByRole('button', { name: 'Show token' })).toBeVisible();
    await expect.poll(() => dashboard.shownToken()).not.toBe(before);
    const after = await dashboard.shownToken();
    expect(fake.isValid(after)).toBe(true);
    // The new token is the one WeChat issued last (the fake keeps the old one alive 5 more minutes).
    await expect(page.getByRole('table', { name: 'Refresh history' }).getByRole('row')).toHaveCount(3);
    await expect(page.getByRole('table', { name: 'Refresh history' }).getByRole('row').nth(1)).toContainText('Manual');
  });

  test('Force new token asks first: Cancel does nothing, Confirm issues a new one', async ({ dashboard, page, fake }) => {
    const { appId } = await dashboard.seed({ label: 'Stable one' });
    await dashboard.open();
    await expect(page.getByTestId('token-value')).toBeVisible();
    const before = await dashboard.shownToken();
    await expect(page.getByText('Forced refreshes: 20 of 20 left today')).toBeVisible();

    const force = page.getByRole('button', { name: 'Force new token' });
    await force.click();
    const dialog = page.getByRole('alertdialog', { name: 'Force a new token?' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('20 left today');
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(force).toBeFocused();
    expect(fake.forceCount(appId)).toBe(0);
    expect(fake.isValid(before)).toBe(true);

    // Escape is a Cancel too.
    await force.click();
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    expect(fake.forceCount(appId)).toBe(0);

    await force.click();
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => fake.forceCount(appId)).toBe(1);
    await expect.poll(() => dashboard.shownToken()).toBe(fake.currentStable(appId));
    const after = await dashboard.shownToken();
    expect(after).not.toBe(before);
    expect(fake.isValid(after)).toBe(true);
    expect(fake.isValid(before)).toBe(false);
    await expect(page.getByText(/Forced refreshes: 19 of 20 left today · next one possible in \d+ s/)).toBeVisible();
    await expect(force).toBeDisabled();
  });

  test('an IP-whitelist error shows the IP with its own Copy button', async ({ dashboard, page, fake, wxdesk }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: wxdesk.url });
    const appId = newAppId();
    fake.whitelist(appId, '203.0.113.77');
    await dashboard.seed({ appId, label: 'Not whitelisted' });
    await dashboard.open();

    const note = page.getByRole('region', { name: 'Last error' });
    await expect(note).toBeVisible();
    await expect(note).toContainText("This machine's IP 203.0.113.77 is not on the account's IP whitelist (40164).");
    await expect(note).toContainText('IP白名单');
    await expect(note).toContainText('Code 40164');
    await note.getByRole('button', { name: 'Copy IP' }).click();
    await expect(note.getByRole('status')).toHaveText('IP address copied to the clipboard.');
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe('203.0.113.77');
    await expect(page.getByRole('navigation').getByText('Error')).toBeVisible();

    // Once whitelisted, Refresh brings a token and the error goes away.
    fake.whitelist(appId, null);
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await expect(page.getByTestId('token-value')).toBeVisible();
    await expect(note).toHaveCount(0);
  });

  test('the language switch shows the dashboard in Chinese and is remembered', async ({ dashboard, page, wxdesk }) => {
    await dashboard.seed({ label: 'Lang' });
    await dashboard.open();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByLabel('Language').selectOption('zh-CN');
    await expect(page.getByRole('heading', { name: '账号' })).toBeVisible();
    await expect(page.getByRole('button', { name: '添加账号' })).toBeVisible();
    await expect(page.getByRole('button', { name: '刷新', exact: true })).toBeVisible();
    await expect(page.getByRole('tab', { name: '签名' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    expect(await wxdesk.call('getSettings')).toMatchObject({ locale: 'zh-CN' });

    // A reload keeps the key (session storage) and the language (settings).
    await page.reload();
    await expect(page.getByRole('heading', { name: '账号' })).toBeVisible();
    await page.getByLabel('语言').selectOption('en');
    await expect(page.getByRole('heading', { name: 'Accounts' })).toBeVisible();
  });

  test('tabs work from the keyboard; Signature opens the lab, Probe the probe form, Console the request form', async ({ dashboard, page }) => {
    await dashboard.seed();
    await dashboard.open();
    const tokenTab = page.getByRole('tab', { name: 'Token' });
    await expect(tokenTab).toHaveAttribute('aria-selected', 'true');
    await tokenTab.focus();
    await page.keyboard.press('ArrowRight');
    const signature = page.getByRole('tab', { name: 'Signature' });
    await expect(signature).toBeFocused();
    await expect(signature).toHaveAttribute('aria-selected', 'true');
    const lab = page.getByRole('tabpanel', { name: 'Signature' });
    await expect(lab.getByRole('tab', { name: 'Server' })).toHaveAttribute('aria-selected', 'true');
    await expect(lab.getByLabel('Token', { exact: true })).toBeVisible();
    await page.keyboard.press('ArrowRight');
    const probe = page.getByRole('tabpanel', { name: 'Probe' });
    await expect(probe.getByLabel('Callback URL', { exact: true })).toBeVisible();
    await expect(probe.getByRole('button', { name: 'Run probe' })).toBeVisible();
    await page.keyboard.press('ArrowRight');
    const consolePanel = page.getByRole('tabpanel', { name: 'Console' });
    await expect(consolePanel.getByLabel('Path', { exact: true })).toBeVisible();
    await expect(consolePanel.getByRole('button', { name: 'Send', exact: true })).toBeVisible();
    // End: the last of the account's tabs, whichever tool comes last.
    await page.keyboard.press('End');
    const last = page.getByRole('tablist').first().getByRole('tab').last();
    await expect(last).toBeFocused();
    await expect(last).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Home');
    await expect(page.getByRole('tabpanel', { name: 'Token' }).getByRole('timer')).toBeVisible();
  });

  test('the key leaves the address bar; without it the page says how to open the dashboard', async ({ dashboard, page, wxdesk }) => {
    await dashboard.open();
    expect(page.url()).toBe(`${wxdesk.url}/`);
    await page.context().clearCookies();
    const fresh = await page.context().newPage();
    await fresh.goto(`${wxdesk.url}/`);
    await expect(fresh.getByRole('heading', { name: 'Open the dashboard with its key' })).toBeVisible();
    await expect(fresh.getByText('wxdesk serve', { exact: true })).toBeVisible();
    await fresh.close();
  });
});

test('a key from an earlier run is refused with a clear message', async ({ dashboard, page, wxdesk }) => {
  await page.goto(`${wxdesk.url}/#key=from-an-earlier-run`);
  await expect(page.getByRole('heading', { name: 'Open the dashboard with its key' })).toBeVisible();
  await expect(page.getByText(/The key of this tab was refused/)).toBeVisible();
  // The refused calls are the only thing the console may show here.
  expect(dashboard.problems.length).toBeGreaterThan(0);
  for (const p of dashboard.problems) expect(p).toMatch(/status of 401/);
  dashboard.problems.length = 0;
  // The stale key is forgotten: a reload without one asks for the URL, and calls nothing.
  await page.reload();
  await expect(page.getByText(/ends with #key=/)).toBeVisible();
});

test.describe('with tokens that live 4 seconds', () => {
  test.use({ fakeTtlSec: 4 });

  test('the countdown turns amber in the last 5 minutes and red when the token has expired', async ({ dashboard, page }) => {
    await dashboard.seed({ autoRefresh: false, label: 'Short-lived' });
    await dashboard.open();
    await expect(page.getByText('No token yet. Press Refresh to fetch one.')).toBeVisible();
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    const timer = page.getByRole('timer');
    await expect(timer).toHaveText(/^0:0[1-4]$/);
    await expect(timer).toHaveClass(/countdown--soon/);
    await expect(page.getByRole('navigation').getByText('Expiring soon')).toBeVisible();
    await expect(timer).toHaveText('Expired', { timeout: 6_000 });
    await expect(timer).toHaveClass(/countdown--expired/);
    await expect(page.getByRole('navigation').getByText('Expired')).toBeVisible();
  });
});
