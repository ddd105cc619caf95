// The Console tab (API console) in Chromium against `wxdesk serve` and the fake WeChat API: a call
// and its answer, a preset that changes the account asked about first, the body checked as typed,
// a WeChat error with its rid looked up, the history with Re-run and curl, the quota card, and
// the Chinese UI; and the rid of a token error looked up from the Token tab.
import type { Locator, Page } from '@playwright/test';
import type { TokenView } from '../../electron/contract';
import { checkJson } from '../../electron/core/console/json-check';
import { expect, test, type Dashboard, type Served } from './fixtures';

async function openConsole(dashboard: Dashboard, page: Page, tab = 'Console') {
  const seeded = await dashboard.seed();
  await dashboard.open();
  await page.getByRole('tab', { name: tab, exact: true }).click();
  return { seeded, panel: page.getByRole('tabpanel', { name: tab, exact: true }) };
}

const field = (panel: Locator, label: string) => panel.getByLabel(label, { exact: true });
const response = (panel: Locator, name = 'Response') => panel.getByRole('region', { name, exact: true });
const history = (panel: Locator, name = 'Console history') => panel.getByRole('table', { name, exact: true });
/** The value of one fact of a <dl> (a dt and its dd, paired in a div). */
const fact = (scope: Locator, term: string) => scope.locator('dl > div').filter({ has: scope.page().getByRole('term').getByText(term, { exact: true }) }).getByRole('definition');

/** Fills the request form by hand (a custom request). */
async function request(panel: Locator, method: 'GET' | 'POST', path: string, query = '', body = '') {
  await field(panel, 'Preset').selectOption('');
  await field(panel, 'Method').selectOption(method);
  await field(panel, 'Path').fill(path);
  await field(panel, 'Query').fill(query);
  await field(panel, 'Body').fill(body);
}

async function send(panel: Locator) {
  await panel.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(panel.getByRole('button', { name: 'Send', exact: true })).toBeEnabled();
}

async function liveToken(wxdesk: Served, appId: string): Promise<string> {
  const view = await wxdesk.call<TokenView>('token', appId);
  expect(view.token).toBeTruthy();
  return view.token!;
}

test.describe('Console tab', () => {
  test('sends GET /cgi-bin/menu/get with the live token and shows the answer', async ({ dashboard, page, fake, wxdesk }) => {
    const { seeded, panel } = await openConsole(dashboard, page);
    await request(panel, 'GET', '/cgi-bin/menu/get');
    await panel.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(response(panel)).toBeVisible();
    await expect(panel.getByRole('button', { name: 'Send', exact: true })).toBeEnabled();

    const answer = response(panel);
    // A new account has no menu: WeChat's 46003, explained.
    await expect(fact(answer, 'HTTP status')).toHaveText('200');
    await expect(fact(answer, 'Latency')).toHaveText(/^\d+ ms$/);
    await expect(fact(answer, 'errcode')).toHaveText('46003');
    await expect(answer.getByRole('region', { name: 'WeChat answered with an error' })).toContainText('Code 46003');
    await expect(answer.getByRole('region', { name: 'Response body', exact: true })).toContainText('"errcode": 46003');
    // The request as sent, with the token masked.
    await expect(answer).toContainText('/cgi-bin/menu/get?access_token=ACCESS_TOKEN');
    await expect(answer).not.toContainText(await liveToken(wxdesk, seeded.appId));
    expect(fake.count('/cgi-bin/menu/get')).toBe(1);
  });

  test('a token invalidated elsewhere: one refresh, the call succeeds, and the answer says so', async ({ dashboard, page, fake, wxdesk }) => {
    const { seeded, panel } = await openConsole(dashboard, page);
    const before = await liveToken(wxdesk, seeded.appId);
    const tokenCalls = fake.count('/cgi-bin/stable_token');
    fake.invalidate(seeded.appId);
    await request(panel, 'GET', '/cgi-bin/get_api_domain_ip');
    await send(panel);
    const answer = response(panel);
    await expect(answer).toContainText('The token was stale (40001): WxDesk refreshed it once and sent the request again.');
    await expect(fact(answer, 'HTTP status')).toHaveText('200');
    await expect(answer.getByRole('region', { name: 'Response body', exact: true })).toContainText('"ip_list"');
    expect(fake.count('/cgi-bin/stable_token') - tokenCalls).toBe(1);
    expect(fake.count('/cgi-bin/get_api_domain_ip')).toBe(2);
    expect(await liveToken(wxdesk, seeded.appId)).not.toBe(before);
  });

  test('the preset "Menu: create" fills the form, asks before sending, then menu/get returns the menu', async ({ dashboard, page, fake }) => {
    const { panel } = await openConsole(dashboard, page);
    await field(panel, 'Preset').selectOption({ label: 'Menu: create' });
    await expect(field(panel, 'Method')).toHaveValue('POST');
    await expect(field(panel, 'Path')).toHaveValue('/cgi-bin/menu/create');
    await expect(field(panel, 'Body')).toHaveValue(/"V1001_TODAY_MUSIC"/);
    await expect(panel.getByRole('link', { name: 'Docs' })).toHaveAttribute('href', /\/custommenu\/api_createcustommenu$/);

    // Cancel: nothing is sent.
    await panel.getByRole('button', { name: 'Send', exact: true }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Send “Menu: create”?' });
    await expect(dialog).toContainText('POST /cgi-bin/menu/create changes the account');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    expect(fake.count('/cgi-bin/menu/create')).toBe(0);

    await panel.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Send it' }).click();
    await expect(response(panel)).toContainText('"errcode": 0');
    expect(fake.count('/cgi-bin/menu/create')).toBe(1);

    await field(panel, 'Preset').selectOption({ label: 'Menu: get' });
    await expect(field(panel, 'Method')).toHaveValue('GET');
    await panel.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByRole('alertdialog')).toHaveCount(0);
    const body = response(panel).getByRole('region', { name: 'Response body', exact: true });
    await expect(body).toContainText('今日歌曲');
    await expect(body).toContainText('V1001_GOOD');
  });

  test('a malformed body shows where the JSON breaks and disables Send', async ({ dashboard, page, fake }) => {
    const { panel } = await openConsole(dashboard, page);
    const bad = '{\n  "button": [\n    { "type": "click",, "name": "x" }\n  ]\n}';
    const check = checkJson(bad);
    if (check.ok) throw new Error('the sample body should be malformed');
    expect(check.line).toBe(3);

    await request(panel, 'POST', '/cgi-bin/menu/create', '', bad);
    const message = `JSON error at line ${check.line}, column ${check.column}: ${check.reason}`;
    await expect(panel.getByRole('alert')).toHaveText(message);
    await expect(field(panel, 'Body')).toHaveAttribute('aria-invalid', 'true');
    await expect(field(panel, 'Body')).toHaveAccessibleDescription(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    await expect(panel.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();

    // An empty body is no body; a valid one is fine again.
    await field(panel, 'Body').fill('');
    await expect(panel.getByRole('alert')).toHaveCount(0);
    await expect(panel.getByRole('button', { name: 'Send', exact: true })).toBeEnabled();
    await field(panel, 'Body').fill('{"button": []}');
    await expect(field(panel, 'Body')).not.toHaveAttribute('aria-invalid', 'true');
    await expect(panel.getByRole('button', { name: 'Send', exact: true })).toBeEnabled();
    expect(fake.count('/cgi-bin/menu/create')).toBe(0);
  });

  test('a WeChat error shows its code, and "Look up rid" shows what WeChat stored', async ({ dashboard, page, fake, wxdesk }) => {
    const { seeded, panel } = await openConsole(dashboard, page);
    await field(panel, 'Preset').selectOption({ label: 'Followers: user info' });
    await expect(field(panel, 'Query')).toHaveValue('openid=OPENID\nlang=zh_CN');
    await send(panel);

    const note = response(panel).getByRole('region', { name: 'WeChat answered with an error' });
    await expect(note).toContainText('Code 40003');
    const rid = fake.lastRid();
    expect(rid).toBeTruthy();
    await expect(note).toContainText(`rid ${rid}`);
    await note.getByRole('button', { name: 'Look up rid' }).click();

    const stored = note.getByRole('region', { name: `What WeChat stored for rid ${rid}` });
    // The request as WeChat recorded it, its token masked by WxDesk.
    await expect(stored).toContainText('openid=OPENID');
    await expect(stored).toContainText('access_token=ACCESS_TOKEN');
    await expect(stored).toContainText('127.0.0.1');
    await expect(stored).toContainText('40003');
    await expect(stored).not.toContainText(await liveToken(wxdesk, seeded.appId));
    await expect(note.getByRole('button', { name: 'Look up rid' })).toHaveAttribute('aria-expanded', 'true');
  });

  test('the history lists the calls, newest first, with Re-run and curl', async ({ dashboard, page, fake, wxdesk }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: wxdesk.url });
    const { seeded, panel } = await openConsole(dashboard, page);
    await request(panel, 'GET', '/cgi-bin/menu/get');
    await send(panel);
    await request(panel, 'GET', '/cgi-bin/user/info', 'openid=OPENID');
    await send(panel);

    const rows = history(panel).getByRole('row');
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(1)).toContainText('/cgi-bin/user/info?openid=OPENID');
    await expect(rows.nth(1)).toContainText('40003');
    await expect(rows.nth(2)).toContainText('/cgi-bin/menu/get');
    await expect(rows.nth(2)).toContainText('46003');

    // The form stays as it was across tabs.
    await page.getByRole('tab', { name: 'Token', exact: true }).click();
    await page.getByRole('tab', { name: 'Console', exact: true }).click();
    await expect(field(panel, 'Path')).toHaveValue('/cgi-bin/user/info');

    await history(panel).getByRole('button', { name: 'Re-run GET /cgi-bin/menu/get' }).click();
    await expect(field(panel, 'Path')).toHaveValue('/cgi-bin/menu/get');
    await expect(field(panel, 'Query')).toHaveValue('');
    await expect(rows).toHaveCount(4);
    await expect(rows.nth(1)).toContainText('/cgi-bin/menu/get');
    await expect(response(panel)).toContainText('46003');
    expect(fake.count('/cgi-bin/menu/get')).toBe(2);

    const token = await liveToken(wxdesk, seeded.appId);
    await history(panel).getByRole('button', { name: 'Copy curl of GET /cgi-bin/user/info' }).click();
    await expect(panel.getByRole('status').filter({ hasText: 'curl command copied to the clipboard (token masked).' })).toBeVisible();
    let clip = String(await page.evaluate('navigator.clipboard.readText()'));
    expect(clip).toMatch(/^curl /);
    expect(clip).toContain('/cgi-bin/user/info?');
    expect(clip).toContain('openid=OPENID');
    expect(clip).not.toContain(token);

    // The answer's own curl, with the real token when asked for.
    await response(panel).getByLabel('Include the real token').check();
    await response(panel).getByRole('button', { name: 'Copy as curl' }).click();
    await expect(response(panel).getByRole('status').filter({ hasText: 'with the real token' })).toBeVisible();
    clip = String(await page.evaluate('navigator.clipboard.readText()'));
    expect(clip).toContain('/cgi-bin/menu/get');
    expect(clip).toContain(token);
  });

  test('quota: one API checked, the token API from the token card, and every quota reset after asking', async ({ dashboard, page, fake }) => {
    const { seeded, panel } = await openConsole(dashboard, page);
    fake.setQuota(seeded.appId, '/cgi-bin/menu/get', { dailyLimit: 1000, used: 7 });
    const quota = panel.getByRole('region', { name: 'Quota', exact: true });
    await expect(field(quota, 'API path')).toHaveValue('/cgi-bin/stable_token');
    await field(quota, 'API path').fill('/cgi-bin/menu/get');
    await quota.getByRole('button', { name: 'Check quota' }).click();
    await expect(fact(quota, 'Daily limit')).toHaveText('1000');
    await expect(fact(quota, 'Used')).toHaveText('7');
    await expect(fact(quota, 'Remaining')).toHaveText('993');

    await quota.getByRole('button', { name: 'Reset quota…' }).click();
    const dialog = page.getByRole('alertdialog');
    await expect(dialog).toContainText('resets every daily API quota');
    await expect(dialog).toContainText('10 resets a month');
    await expect(dialog).toContainText('AppSecret');
    await dialog.getByRole('button', { name: 'Reset quotas' }).click();
    await expect(quota.getByRole('status').filter({ hasText: 'Every daily quota of the account was reset' })).toBeVisible();
    expect(fake.clearCount(seeded.appId)).toBe(1);
    // The numbers shown are fetched again after the reset.
    await expect(fact(quota, 'Used')).toHaveText('0');
    await expect(fact(quota, 'Remaining')).toHaveText('1000');

    await page.getByRole('tab', { name: 'Token', exact: true }).click();
    const tokenTab = page.getByRole('tabpanel', { name: 'Token', exact: true });
    await tokenTab.getByRole('button', { name: 'Check quota' }).click();
    await expect(tokenTab.getByRole('status').filter({ hasText: /^Token API quota: used \d+ of 500000 today \(\d+ left\)$/ })).toBeVisible();
  });
});

test.describe('Console tab in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the tab is 接口调试, its fields and answer in Chinese', async ({ dashboard, page }) => {
    const { panel } = await openConsole(dashboard, page, '接口调试');
    await field(panel, '请求方法').selectOption('GET');
    await field(panel, '路径').fill('/cgi-bin/menu/get');
    await expect(field(panel, '查询参数')).toHaveValue('');
    await expect(field(panel, '请求体')).toHaveValue('');
    await field(panel, '预设请求').selectOption({ label: '自定义请求' });
    await panel.getByRole('button', { name: '发送', exact: true }).click();
    const answer = response(panel, '响应');
    await expect(answer).toContainText('46003');
    await expect(answer.getByRole('region', { name: '微信返回了错误' })).toContainText('错误码 46003');
    await expect(history(panel, '调试记录').getByRole('row')).toHaveCount(2);
    await expect(history(panel, '调试记录').getByRole('button', { name: '重新发送 GET /cgi-bin/menu/get' })).toBeEnabled();
  });
});

test.describe('rid look-up on the Token tab', () => {
  test('the last error and its history line offer "Look up rid"', async ({ dashboard, page, fake }) => {
    await dashboard.seed();
    await dashboard.open();
    const tokenTab = page.getByRole('tabpanel', { name: 'Token', exact: true });
    await expect(tokenTab.getByRole('timer')).toBeVisible();
    fake.fail({ errcode: 45009 }, { path: '/cgi-bin/stable_token' });
    await tokenTab.getByRole('button', { name: 'Refresh', exact: true }).click();

    const last = tokenTab.getByRole('region', { name: 'Last error' });
    await expect(last).toContainText('Code 45009');
    const rid = fake.lastRid();
    expect(rid).toBeTruthy();
    await last.getByRole('button', { name: 'Look up rid' }).click();
    await expect(last.getByRole('region', { name: `What WeChat stored for rid ${rid}` })).toContainText('45009');

    const row = tokenTab.getByRole('table', { name: 'Refresh history' }).getByRole('row').filter({ hasText: '45009' });
    await row.getByRole('button', { name: 'Look up rid' }).click();
    await expect(tokenTab.getByRole('table', { name: 'Refresh history' }).getByRole('region', { name: `What WeChat stored for rid ${rid}` })).toContainText('reach max api daily quota limit');
  });
});
