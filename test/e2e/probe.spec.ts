// The Probe tab in Chromium against `wxdesk serve` and the sample callback servers of
// test/fixtures/callback-servers.ts: live results, causes named, what was sent copyable, the URL
// remembered per account, both languages, and bad settings answered without a crash.
import type { Page } from '@playwright/test';
import { CallbackServer, newAesKey } from '../fixtures/callback-servers';
import { expect, test, type Dashboard } from './fixtures';

const TOKEN = 'e2eProbe2024';
const CHECKS = ['URL verification', 'Forged signature', 'Text message', 'Subscribe event', 'Retried message (same MsgId)'];

const servers: CallbackServer[] = [];
test.afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function callback(opts: Parameters<typeof CallbackServer.start>[0]): Promise<CallbackServer> {
  const s = await CallbackServer.start(opts);
  servers.push(s);
  return s;
}

async function openProbe(dashboard: Dashboard, page: Page, seed: Parameters<Dashboard['seed']>[0]) {
  const seeded = await dashboard.seed(seed);
  await dashboard.open();
  await page.getByRole('tab', { name: 'Probe', exact: true }).click();
  return { seeded, probe: page.getByRole('tabpanel', { name: 'Probe', exact: true }) };
}

const results = (page: Page) => page.getByRole('list', { name: 'Probe results' });
const item = (page: Page, name: string) => results(page).getByRole('listitem', { name, exact: true });

test.describe('Probe tab', () => {
  test('a correct plain server: five passes, the notes, and the URL remembered for the account', async ({ dashboard, page }) => {
    const s = await callback({ token: TOKEN });
    const { probe } = await openProbe(dashboard, page, { serverToken: TOKEN });
    await expect(probe.getByLabel('Token', { exact: true })).toHaveValue(TOKEN);
    await expect(probe.getByRole('radio', { name: /^Plain/ })).toBeChecked();
    await expect(probe.getByLabel('EncodingAESKey', { exact: true })).toHaveCount(0);
    await probe.getByLabel('Callback URL', { exact: true }).fill(s.url);
    await probe.getByRole('button', { name: 'Run probe' }).click();

    await expect(probe.getByRole('status').filter({ hasText: 'All 5 checks passed' })).toBeVisible();
    for (const name of CHECKS) await expect(item(page, name)).toContainText('Pass');
    await expect(item(page, 'Text message')).toContainText('You said: Hello from WxDesk');
    await expect(probe.getByRole('region', { name: 'Notes' })).toContainText('port 80 (http) or 443 (https)');
    await expect(probe.getByRole('button', { name: 'Run probe' })).toBeEnabled();
    expect(s.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'POST', 'POST', 'POST']);

    await page.reload();
    await page.getByRole('tab', { name: 'Probe', exact: true }).click();
    await expect(probe.getByLabel('Callback URL', { exact: true })).toHaveValue(s.url);
  });

  test('a safe-mode server that accepts forged signatures: the cause, and what was sent, copyable', async ({ dashboard, page, wxdesk }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: wxdesk.url });
    const aesKey = newAesKey();
    const appId = 'wx00112233445566ff';
    const s = await callback({ token: TOKEN, mode: 'safe', aesKey, appId, fault: 'accepts-forged' });
    const { probe } = await openProbe(dashboard, page, { appId, serverToken: TOKEN, aesKey, messageMode: 'safe' });
    // The account is in safe mode: safe mode, with its key and AppID filled in.
    await expect(probe.getByRole('radio', { name: /^Safe mode/ })).toBeChecked();
    await expect(probe.getByLabel('EncodingAESKey', { exact: true })).toHaveValue(aesKey);
    await expect(probe.getByLabel('AppID', { exact: true })).toHaveValue(appId);
    await probe.getByLabel('Callback URL', { exact: true }).fill(s.url);
    await probe.getByRole('button', { name: 'Run probe' }).click();

    await expect(probe.getByRole('status').filter({ hasText: '1 of 5 checks failed' })).toBeVisible();
    const forged = item(page, 'Forged signature');
    await expect(forged).toContainText('Fail');
    await expect(forged).toContainText('it accepts forged requests');
    await expect(item(page, 'URL verification')).toContainText('Pass');

    // The text message's exchange: the encrypted push, the reply and its decryption.
    const text = item(page, 'Text message');
    await text.getByText('Requests and responses').click();
    await expect(text.getByText('Decrypted reply')).toBeVisible();
    await expect(text).toContainText('encrypt_type=aes');
    await text.getByRole('button', { name: 'Copy curl' }).click();
    await expect(probe.getByRole('status').filter({ hasText: 'curl copied to the clipboard.' })).toBeVisible();
    const curl = String(await page.evaluate('navigator.clipboard.readText()'));
    expect(curl).toMatch(/^curl -sS -i -X POST '.*encrypt_type=aes.*' -H 'content-type: text\/xml' --data-binary '<xml>/);
    await text.getByRole('button', { name: 'Copy request' }).click();
    const raw = String(await page.evaluate('navigator.clipboard.readText()'));
    expect(raw).toMatch(/^POST \/wechat\?signature=[0-9a-f]{40}&.*HTTP\/1\.1\r\nHost: 127\.0\.0\.1:\d+\r\n/);
    expect(raw).toContain('<Encrypt><![CDATA[');
  });

  test('live: each check shows as it runs and as it ends', async ({ dashboard, page }) => {
    const s = await callback({ token: TOKEN, fault: 'slow', slowMs: 1_200 });
    const { probe } = await openProbe(dashboard, page, { serverToken: TOKEN });
    await probe.getByLabel('Callback URL', { exact: true }).fill(s.url);
    await probe.getByRole('button', { name: 'Run probe' }).click();
    await expect(probe.getByRole('button', { name: 'Probing…' })).toBeDisabled();
    await expect(item(page, 'URL verification')).toContainText('Running…');
    await expect(item(page, 'Retried message (same MsgId)')).toContainText('Waiting');
    await expect(item(page, 'URL verification')).toContainText('Pass');
    await expect(probe.getByRole('status').filter({ hasText: /^[1-4] of 5 checks done\. Running: / })).toBeVisible();
    await expect(probe.getByRole('status').filter({ hasText: 'All 5 checks passed' })).toBeVisible({ timeout: 15_000 });
    await expect(probe.getByRole('button', { name: 'Run probe' })).toBeEnabled();
  });

  test('leaving the tab mid-run: back on it, the same run goes on to its end', async ({ dashboard, page }) => {
    const s = await callback({ token: TOKEN, fault: 'slow', slowMs: 1_200 });
    const { probe } = await openProbe(dashboard, page, { serverToken: TOKEN });
    await probe.getByLabel('Callback URL', { exact: true }).fill(s.url);
    await probe.getByLabel('Message', { exact: true }).fill('Still here?');
    await probe.getByRole('button', { name: 'Run probe' }).click();
    await expect(item(page, 'URL verification')).toContainText('Running…');
    await page.getByRole('tab', { name: 'Token', exact: true }).click();
    await expect(page.getByRole('tabpanel', { name: 'Token', exact: true }).getByRole('timer')).toBeVisible();
    await page.getByRole('tab', { name: 'Probe', exact: true }).click();
    // The run is not forgotten (nor startable twice), and the form is as it was left.
    await expect(probe.getByRole('button', { name: 'Probing…' })).toBeDisabled();
    await expect(probe.getByLabel('Message', { exact: true })).toHaveValue('Still here?');
    await expect(results(page).getByRole('listitem')).toHaveCount(5);
    await expect(probe.getByRole('status').filter({ hasText: 'All 5 checks passed' })).toBeVisible({ timeout: 15_000 });
    await expect(item(page, 'Text message')).toContainText('You said: Still here?');
    await expect(probe.getByRole('button', { name: 'Run probe' })).toBeEnabled();
    expect(s.requests.filter((r) => r.method === 'GET')).toHaveLength(2);
  });

  test('a retry handled twice warns, and the warning alone passes the run', async ({ dashboard, page }) => {
    const s = await callback({ token: TOKEN, fault: 'no-dedupe' });
    const { probe } = await openProbe(dashboard, page, { serverToken: TOKEN });
    await probe.getByLabel('Callback URL', { exact: true }).fill(s.url);
    await probe.getByRole('button', { name: 'Run probe' }).click();
    await expect(probe.getByRole('status').filter({ hasText: 'No check failed; 1 of 5 warned' })).toBeVisible();
    await expect(item(page, 'Retried message (same MsgId)')).toContainText('Warning');
    await expect(item(page, 'Retried message (same MsgId)')).toContainText('handled twice');
  });

  test('in Chinese: the checks and their causes', async ({ dashboard, page }) => {
    const s = await callback({ token: TOKEN, fault: 'trailing-newline' });
    const { probe } = await openProbe(dashboard, page, { serverToken: TOKEN });
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('tab', { name: '探测', exact: true }).click();
    const zh = page.getByRole('tabpanel', { name: '探测', exact: true });
    await zh.getByLabel('回调 URL', { exact: true }).fill(s.url);
    await zh.getByRole('button', { name: '开始探测' }).click();
    await expect(zh.getByRole('status').filter({ hasText: '5 项检查中有 1 项失败' })).toBeVisible();
    const url = page.getByRole('list', { name: '探测结果' }).getByRole('listitem', { name: 'URL 验证' });
    await expect(url).toContainText('失败');
    await expect(url).toContainText('echostr 后面多了换行');
  });

  test('bad settings: the cause, nothing sent, and the form stays usable', async ({ dashboard, page }) => {
    const s = await callback({ token: TOKEN });
    const { probe } = await openProbe(dashboard, page, { serverToken: TOKEN });
    await probe.getByLabel('Callback URL', { exact: true }).fill('localhost:8080/wechat');
    await probe.getByRole('button', { name: 'Run probe' }).click();
    await expect(probe.getByRole('alert')).toContainText('no scheme: write it in full, e.g. http://localhost:8080/wechat');
    await probe.getByRole('radio', { name: /^Safe mode/ }).check();
    await probe.getByLabel('Callback URL', { exact: true }).fill(s.url);
    await probe.getByRole('button', { name: 'Run probe' }).click();
    await expect(probe.getByRole('alert')).toContainText('needs the EncodingAESKey');
    expect(s.requests).toHaveLength(0);
    await probe.getByRole('radio', { name: /^Plain/ }).check();
    await probe.getByRole('button', { name: 'Run probe' }).click();
    await expect(probe.getByRole('status').filter({ hasText: 'All 5 checks passed' })).toBeVisible();
    await expect(probe.getByRole('alert')).toHaveCount(0);
  });
});
