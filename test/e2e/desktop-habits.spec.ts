// Habits of a desktop tool, in the browser dashboard (`wxdesk serve`): Ctrl+K finds an account by
// label or AppID; what was typed in the Signature, Probe and Console tabs is kept per account, across
// tab switches and account switches, for the page's lifetime.
import type { Page } from '@playwright/test';
import { CallbackServer } from '../fixtures/callback-servers';
import { expect, test } from './fixtures';

const SERVER = { token: 'weixin', timestamp: '1357982061', nonce: '1358161344', digest: '335b26997f05c82243aad6b10a2d1853637e71a8' };
const AES_KEY = 'WxDeskE2eKey0123456789abcdefghijklmnopqrstu';

const servers: CallbackServer[] = [];
test.afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });
const panel = (page: Page, name: string) => page.getByRole('tabpanel', { name, exact: true });
const field = (page: Page, pane: string, label: string) => panel(page, pane).getByLabel(label, { exact: true });
const accountButton = (page: Page, appId: string) => page.getByRole('navigation').getByRole('list').getByRole('button', { name: new RegExp(appId) });

async function showAccount(page: Page, appId: string, label: string) {
  await accountButton(page, appId).click();
  await expect(page.getByRole('heading', { name: label, level: 2 })).toBeVisible();
}

test('Ctrl+K focuses the account search; it filters by label or AppID as typed; Escape clears it', async ({ dashboard, page }) => {
  const alpha = await dashboard.seed({ label: 'Alpha shop' });
  const beta = await dashboard.seed({ label: 'Beta news' });
  const gamma = await dashboard.seed({ label: 'Gamma blog' });
  await dashboard.open();
  const items = page.getByRole('navigation').getByRole('list').getByRole('listitem');
  await expect(items).toHaveCount(3);
  const search = page.getByRole('searchbox', { name: 'Find account' });
  await expect(search).toHaveAttribute('type', 'search');

  await tab(page, 'Token').focus();
  await page.keyboard.press('Control+k');
  await expect(search).toBeFocused();
  await page.keyboard.type('bEtA');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText('Beta news');
  await expect(items.first()).toContainText(beta.appId);

  // By AppID, in any case.
  await search.fill(gamma.appId.slice(-7).toUpperCase());
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText('Gamma blog');
  await search.fill('wx');
  await expect(items).toHaveCount(3);

  await search.fill('no such account');
  await expect(items).toHaveCount(0);
  await expect(page.getByRole('navigation').getByText('No account matches “no such account”.')).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(search).toHaveValue('');
  await expect(items).toHaveCount(3);
  await expect(search).toBeFocused();

  // Enter shows the first account listed; the selection is kept when the search hides it.
  await search.fill('alpha');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Alpha shop', level: 2 })).toBeVisible();
  await search.fill('gamma');
  await expect(items).toHaveCount(1);
  await expect(page.getByRole('heading', { name: 'Alpha shop', level: 2 })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(accountButton(page, alpha.appId)).toHaveAttribute('aria-current', 'true');

  // From anywhere in the page, in Chinese too.
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('searchbox', { name: '查找账号' })).toBeVisible();
  await tab(page, '签名').click();
  await panel(page, '签名').getByRole('textbox').first().focus();
  await page.keyboard.press('Control+K');
  await expect(page.getByRole('searchbox', { name: '查找账号' })).toBeFocused();
  await page.keyboard.type('nothing');
  await expect(page.getByRole('navigation').getByText('没有与“nothing”匹配的账号。')).toBeVisible();
  await page.getByLabel('语言').selectOption('en');
});

test('Signature inputs survive a tab switch and an account switch, and come back per account', async ({ dashboard, page }) => {
  const a = await dashboard.seed({ label: 'Account A', serverToken: 'tokenOfA', aesKey: AES_KEY });
  const b = await dashboard.seed({ label: 'Account B', serverToken: 'tokenOfB' });
  await dashboard.open();
  await showAccount(page, a.appId, 'Account A');
  await tab(page, 'Signature').click();

  // Server pane: the official example.
  await field(page, 'Server', 'Token').fill(SERVER.token);
  await field(page, 'Server', 'Timestamp').fill(SERVER.timestamp);
  await field(page, 'Server', 'Nonce').fill(SERVER.nonce);
  await expect(panel(page, 'Server').getByRole('status', { name: 'Signature', exact: true })).toHaveText(SERVER.digest);
  await field(page, 'Server', 'Paste a callback URL or raw request').fill('https://example.com/wx?left=here');

  // Safe mode: a message encrypted by the crypto card.
  await tab(page, 'Safe mode').click();
  await field(page, 'Safe mode', 'Message').fill('<xml>kept for A</xml>');
  await panel(page, 'Safe mode').getByRole('button', { name: 'Encrypt', exact: true }).click();
  await expect(panel(page, 'Safe mode').getByText('Encrypted into Encrypt.')).toBeVisible();
  const encrypt = await field(page, 'Safe mode', 'Encrypt').inputValue();
  expect(encrypt).toMatch(/^[A-Za-z0-9+/]{40,}={0,2}$/);

  // JS-SDK, and left on that pane.
  await tab(page, 'JS-SDK').click();
  await field(page, 'JS-SDK', 'jsapi_ticket').fill('ticketOfA');
  await field(page, 'JS-SDK', 'noncestr').fill('nonceOfA');
  await field(page, 'JS-SDK', 'Timestamp').fill('1414587457');
  await field(page, 'JS-SDK', 'URL').fill('https://a.example.com/page');
  await panel(page, 'JS-SDK').getByRole('button', { name: 'wx.config snippet', exact: true }).click();
  await expect(panel(page, 'JS-SDK').getByLabel('wx.config snippet', { exact: true })).toContainText('wx.config({');

  const expectA = async () => {
    await expect(tab(page, 'JS-SDK')).toHaveAttribute('aria-selected', 'true');
    await expect(field(page, 'JS-SDK', 'jsapi_ticket')).toHaveValue('ticketOfA');
    await expect(field(page, 'JS-SDK', 'noncestr')).toHaveValue('nonceOfA');
    await expect(field(page, 'JS-SDK', 'URL')).toHaveValue('https://a.example.com/page');
    await expect(panel(page, 'JS-SDK').getByLabel('wx.config snippet', { exact: true })).toContainText('nonceStr: "nonceOfA"');
    await tab(page, 'Safe mode').click();
    await expect(field(page, 'Safe mode', 'Message')).toHaveValue('<xml>kept for A</xml>');
    await expect(field(page, 'Safe mode', 'Encrypt')).toHaveValue(encrypt);
    await expect(field(page, 'Safe mode', 'EncodingAESKey')).toHaveValue(AES_KEY);
    await expect(panel(page, 'Safe mode').getByText('Encrypted into Encrypt.')).toBeVisible();
    await tab(page, 'Server').click();
    await expect(field(page, 'Server', 'Token')).toHaveValue(SERVER.token);
    await expect(field(page, 'Server', 'Timestamp')).toHaveValue(SERVER.timestamp);
    await expect(field(page, 'Server', 'Paste a callback URL or raw request')).toHaveValue('https://example.com/wx?left=here');
    await expect(panel(page, 'Server').getByRole('status', { name: 'Signature', exact: true })).toHaveText(SERVER.digest);
    await tab(page, 'JS-SDK').click();
  };

  // Another tab and back.
  await tab(page, 'Token').click();
  await expect(panel(page, 'Token').getByRole('timer')).toBeVisible();
  await tab(page, 'Signature').click();
  await expectA();

  // Another account: its own defaults, and its own values kept in turn.
  await showAccount(page, b.appId, 'Account B');
  await tab(page, 'Signature').click();
  await expect(tab(page, 'Server')).toHaveAttribute('aria-selected', 'true');
  await expect(field(page, 'Server', 'Token')).toHaveValue('tokenOfB');
  await expect(field(page, 'Server', 'Timestamp')).toHaveValue('');
  await expect(field(page, 'Server', 'Paste a callback URL or raw request')).toHaveValue('');
  await field(page, 'Server', 'Timestamp').fill('1700000000');
  await tab(page, 'JS-SDK').click();
  await expect(field(page, 'JS-SDK', 'URL')).toHaveValue('');
  await expect(panel(page, 'JS-SDK').getByLabel('wx.config snippet', { exact: true })).toHaveCount(0);
  await tab(page, 'Server').click();

  await showAccount(page, a.appId, 'Account A');
  await tab(page, 'Signature').click();
  await expectA();

  // A result shown is the one of the values shown: an edited message hides the encryption of the old one.
  await tab(page, 'Safe mode').click();
  await field(page, 'Safe mode', 'Message').fill('<xml>changed</xml>');
  await expect(panel(page, 'Safe mode').getByText('Encrypted into Encrypt.')).toHaveCount(0);

  await showAccount(page, b.appId, 'Account B');
  await tab(page, 'Signature').click();
  await expect(tab(page, 'Server')).toHaveAttribute('aria-selected', 'true');
  await expect(field(page, 'Server', 'Timestamp')).toHaveValue('1700000000');
  await expect(field(page, 'Server', 'Token')).toHaveValue('tokenOfB');
});

test('a probe URL and a console path typed survive an account switch; a probe run goes on meanwhile', async ({ dashboard, page }) => {
  const s = await CallbackServer.start({ token: 'habitToken', fault: 'slow', slowMs: 800 });
  servers.push(s);
  const a = await dashboard.seed({ label: 'Account A', serverToken: 'habitToken' });
  const b = await dashboard.seed({ label: 'Account B' });
  await dashboard.open();
  await showAccount(page, a.appId, 'Account A');

  await tab(page, 'Console').click();
  await field(page, 'Console', 'Path').fill('/cgi-bin/user/info');
  await field(page, 'Console', 'Query').fill('openid=oKeptForA');

  await tab(page, 'Probe').click();
  await field(page, 'Probe', 'Callback URL').fill(s.url);
  await field(page, 'Probe', 'Message').fill('Kept for A');
  await panel(page, 'Probe').getByRole('button', { name: 'Run probe' }).click();
  await expect(panel(page, 'Probe').getByRole('button', { name: 'Probing…' })).toBeDisabled();

  // B starts from its own defaults.
  await showAccount(page, b.appId, 'Account B');
  await tab(page, 'Probe').click();
  await expect(field(page, 'Probe', 'Callback URL')).toHaveValue('');
  await expect(field(page, 'Probe', 'Message')).toHaveValue('Hello from WxDesk');
  await expect(panel(page, 'Probe').getByRole('button', { name: 'Run probe' })).toBeEnabled();
  await tab(page, 'Console').click();
  await expect(field(page, 'Console', 'Path')).toHaveValue('/cgi-bin/menu/get');
  await expect(field(page, 'Console', 'Query')).toHaveValue('');
  await field(page, 'Console', 'Path').fill('/cgi-bin/get_api_domain_ip');

  // Back on A: as left, and the run that went on meanwhile ends there.
  await showAccount(page, a.appId, 'Account A');
  await tab(page, 'Probe').click();
  await expect(field(page, 'Probe', 'Callback URL')).toHaveValue(s.url);
  await expect(field(page, 'Probe', 'Message')).toHaveValue('Kept for A');
  await expect(panel(page, 'Probe').getByRole('status').filter({ hasText: 'All 5 checks passed' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('list', { name: 'Probe results' }).getByRole('listitem', { name: 'Text message', exact: true })).toContainText('You said: Kept for A');
  await tab(page, 'Console').click();
  await expect(field(page, 'Console', 'Path')).toHaveValue('/cgi-bin/user/info');
  await expect(field(page, 'Console', 'Query')).toHaveValue('openid=oKeptForA');

  await showAccount(page, b.appId, 'Account B');
  await tab(page, 'Console').click();
  await expect(field(page, 'Console', 'Path')).toHaveValue('/cgi-bin/get_api_domain_ip');
});
