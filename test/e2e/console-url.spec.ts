// The console's Path takes a URL pasted from WeChat's docs (issue 21, item 2): the host and the
// access_token go, the other parameters move into Query, the preview shows the URL to be sent; any
// other host is refused as it is typed and Send waits; after Send the answer is focused and in view
// at 1400×900. In English and Chinese, against `wxdesk serve` and the fake WeChat API.
import type { Locator, Page } from '@playwright/test';
import { expect, test, type Dashboard } from './fixtures';

test.use({ viewport: { width: 1400, height: 900 } });

const REAL_TOKEN = '86_PastedFromALog_Xw9dQn0aLk3pR7tYbVcE2mZs5uH1jF8gK4oI6eWqA0yT3rD7nB2vC9xM5';

async function openConsole(dashboard: Dashboard, page: Page, tab: string) {
  await dashboard.seed();
  await dashboard.open();
  await page.getByRole('tab', { name: tab, exact: true }).click();
  return page.getByRole('tabpanel', { name: tab, exact: true });
}

const field = (panel: Locator, label: string) => panel.getByLabel(label, { exact: true });

test.describe('Console: a URL from WeChat’s docs', () => {
  test('pasted into Path: path and Query rewritten, preview right, sent with the live token, the answer focused and in view', async ({ dashboard, page, fake }) => {
    const panel = await openConsole(dashboard, page, 'Console');
    await field(panel, 'Preset').selectOption('');
    await field(panel, 'Query').fill('lang=en\nextra=1');
    await field(panel, 'Path').fill(`https://api.weixin.qq.com/cgi-bin/user/info?access_token=${REAL_TOKEN}&openid=OPENID&lang=zh_CN`);

    await expect(field(panel, 'Path')).toHaveValue('/cgi-bin/user/info');
    // Merged in order: lang takes the URL's value in place, openid goes at the end; no token kept.
    await expect(field(panel, 'Query')).toHaveValue('lang=zh_CN\nextra=1\nopenid=OPENID');
    await expect(panel.getByTestId('console-target')).toHaveText(`GET ${fake.url}/cgi-bin/user/info?lang=zh_CN&extra=1&openid=OPENID&access_token=ACCESS_TOKEN`);
    await expect(panel.getByRole('alert')).toHaveCount(0);

    const sendButton = panel.getByRole('button', { name: 'Send', exact: true });
    await sendButton.click();
    const answer = panel.getByRole('region', { name: 'Response', exact: true });
    await expect(answer).toBeFocused();
    await expect(answer).toBeInViewport();
    await expect(answer.getByRole('heading', { name: 'Response', exact: true })).toBeInViewport();
    await expect(answer.getByRole('region', { name: 'Response body', exact: true })).toBeInViewport();
    await expect(answer).toContainText('/cgi-bin/user/info?lang=zh_CN&extra=1&openid=OPENID&access_token=ACCESS_TOKEN');
    const call = fake.calls.find((c) => c.path === '/cgi-bin/user/info')!;
    expect(call.query).toMatch(/^lang=zh_CN&extra=1&openid=OPENID&access_token=[A-Za-z0-9_-]{140}$/);
    expect(JSON.stringify(fake.calls)).not.toContain(REAL_TOKEN);
    await expect(page.locator('body')).not.toContainText(REAL_TOKEN);

    // With the keyboard: Enter on Send moves focus to the new answer again.
    await field(panel, 'Path').fill('https://api2.weixin.qq.com/cgi-bin/get_api_domain_ip?access_token=ACCESS_TOKEN');
    await expect(field(panel, 'Path')).toHaveValue('/cgi-bin/get_api_domain_ip');
    await field(panel, 'Query').fill('');
    await sendButton.focus();
    await page.keyboard.press('Enter');
    await expect(answer).toContainText('"ip_list"');
    await expect(answer).toBeFocused();
    await expect(answer).toBeInViewport();
  });

  test('another host is refused as it is typed, naming it and the hosts accepted, and Send is disabled', async ({ dashboard, page, fake }) => {
    const panel = await openConsole(dashboard, page, 'Console');
    const path = field(panel, 'Path');
    const sendButton = panel.getByRole('button', { name: 'Send', exact: true });
    await path.fill('');
    // Typed key by key, a lookalike is never taken for WeChat's host on the way.
    await path.pressSequentially('https://api.weixin.qq.com.evil.example/cgi-bin/menu/get');
    await expect(path).toHaveValue('https://api.weixin.qq.com.evil.example/cgi-bin/menu/get');
    const error = panel.getByRole('alert').filter({ hasText: 'evil.example' });
    await expect(error).toHaveText(
      `"api.weixin.qq.com.evil.example" is not one of WeChat's API hosts. The hosts accepted: api.weixin.qq.com, api2.weixin.qq.com, sh.api.weixin.qq.com, sz.api.weixin.qq.com, hk.api.weixin.qq.com. Or give the path relative to the account's API base (e.g. /cgi-bin/menu/get).`,
    );
    await expect(path).toHaveAttribute('aria-invalid', 'true');
    await expect(sendButton).toBeDisabled();
    await expect(panel.getByTestId('console-target')).toHaveCount(0);
    await path.press('Enter');

    await path.fill('https://api.weixin.qq.com@evil.example/cgi-bin/menu/get');
    await expect(panel.getByRole('alert').filter({ hasText: 'names a user before its host "evil.example"' })).toBeVisible();
    await expect(sendButton).toBeDisabled();

    await path.fill('/cgi-bin/menu/get');
    await expect(sendButton).toBeEnabled();
    await expect(panel.getByRole('alert')).toHaveCount(0);
    expect(fake.count('/cgi-bin/menu/get')).toBe(0);
  });
});

test.describe('Console: a URL from WeChat’s docs, in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the refusal in Chinese; a docs URL is taken and its answer focused', async ({ dashboard, page, fake }) => {
    const panel = await openConsole(dashboard, page, '接口调试');
    const path = field(panel, '路径');
    await path.fill('ftp://api.weixin.qq.com/cgi-bin/menu/get');
    await expect(panel.getByRole('alert').filter({ hasText: '"ftp:" 不是网址。可以粘贴的接口域名：api.weixin.qq.com' })).toBeVisible();
    await expect(panel.getByRole('button', { name: '发送', exact: true })).toBeDisabled();

    await path.fill('https://sz.api.weixin.qq.com/cgi-bin/menu/get?access_token=ACCESS_TOKEN');
    await expect(path).toHaveValue('/cgi-bin/menu/get');
    await expect(field(panel, '查询参数')).toHaveValue('');
    await expect(panel.getByTestId('console-target')).toHaveText(`GET ${fake.url}/cgi-bin/menu/get?access_token=ACCESS_TOKEN`);
    await panel.getByRole('button', { name: '发送', exact: true }).click();
    const answer = panel.getByRole('region', { name: '响应', exact: true });
    await expect(answer).toContainText('46003');
    await expect(answer).toBeFocused();
    await expect(answer).toBeInViewport();
    await expect(answer.getByRole('heading', { name: '响应', exact: true })).toBeInViewport();
    await expect(answer.getByRole('region', { name: '响应体', exact: true })).toBeInViewport();
    expect(fake.count('/cgi-bin/menu/get')).toBe(1);
  });
});
