// Issue 21 in Chromium: the account's message mode (item 1) saved from the form's radio group and
// taken by the Probe tab as its default, the warning of a safe run against a plain-only server;
// and a rid lookup that fails beside the Last error without replacing it or its rid (item 3).
import type { Page } from '@playwright/test';
import { CallbackServer, newAesKey } from '../fixtures/callback-servers';
import { expect, test } from './fixtures';

const TOKEN = 'e2eMode2024';
const servers: CallbackServer[] = [];
test.afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

const probeTab = (page: Page, name: string) => page.getByRole('tabpanel', { name, exact: true });

test.describe('message mode', () => {
  test('the form saves the radio, the Probe tab starts from it, in English and Chinese', async ({ dashboard, page, wxdesk }) => {
    const aesKey = newAesKey();
    // An account with a key, saved before it had a mode: plain, whatever the key.
    const { appId } = await dashboard.seed({ serverToken: TOKEN, aesKey, label: 'Keyed' });
    await dashboard.open();
    await page.getByRole('tab', { name: 'Probe', exact: true }).click();
    await expect(probeTab(page, 'Probe').getByRole('radio', { name: /^Plain/ })).toBeChecked();

    await page.getByRole('button', { name: 'Edit' }).click();
    const group = page.getByRole('group', { name: 'Message encryption (消息加解密方式)' });
    await expect(group.getByRole('radio', { name: 'Plain (明文模式)' })).toBeChecked();
    await expect(page.getByText('it shows an EncodingAESKey even in plain mode')).toBeVisible();
    await group.getByRole('radio', { name: 'Safe (安全模式)' }).check();
    await page.getByRole('button', { name: 'Save account' }).click();
    await expect(page.getByRole('heading', { name: 'Keyed', level: 2 })).toBeVisible();
    expect((await wxdesk.call<{ appId: string; messageMode: string }[]>('listAccounts')).find((a) => a.appId === appId)?.messageMode).toBe('safe');
    await page.getByRole('tab', { name: 'Probe', exact: true }).click();
    const probe = probeTab(page, 'Probe');
    await expect(probe.getByRole('radio', { name: /^Safe mode/ })).toBeChecked();
    await expect(probe.getByLabel('EncodingAESKey', { exact: true })).toHaveValue(aesKey);

    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('button', { name: '编辑' }).click();
    const zhGroup = page.getByRole('group', { name: '消息加解密方式' });
    await expect(zhGroup.getByRole('radio', { name: '安全模式' })).toBeChecked();
    await expect(page.getByText('即使是明文模式，该页面也会显示 EncodingAESKey')).toBeVisible();
    await zhGroup.getByRole('radio', { name: '兼容模式' }).check();
    await page.getByRole('button', { name: '保存账号' }).click();
    await expect(page.getByRole('heading', { name: 'Keyed', level: 2 })).toBeVisible();
    await page.getByRole('tab', { name: '探测', exact: true }).click();
    await expect(probeTab(page, '探测').getByRole('radio', { name: /^兼容模式/ })).toBeChecked();
    expect((await wxdesk.call<{ appId: string; messageMode: string }[]>('listAccounts')).find((a) => a.appId === appId)?.messageMode).toBe('compatible');
    await page.getByLabel('语言').selectOption('en');
  });

  test('a safe-mode run against a plain-only server: every check passes, and the run warns the server may not decrypt', async ({ dashboard, page }) => {
    const aesKey = newAesKey();
    const appId = 'wx00112233445566ee';
    const plainOnly = await CallbackServer.start({ token: TOKEN, mode: 'safe', aesKey, appId, fault: 'plain-only' });
    servers.push(plainOnly);
    await dashboard.seed({ appId, serverToken: TOKEN, aesKey, messageMode: 'safe' });
    await dashboard.open();
    await page.getByRole('tab', { name: 'Probe', exact: true }).click();
    const probe = probeTab(page, 'Probe');
    await probe.getByLabel('Callback URL', { exact: true }).fill(plainOnly.url);
    await probe.getByRole('button', { name: 'Run probe' }).click();
    await expect(probe.getByRole('status').filter({ hasText: 'All 5 checks passed, but see the warning' })).toBeVisible();
    await expect(probe.getByRole('region', { name: 'Warnings about the run' })).toContainText('the server may not be decrypting <Encrypt>');

    await page.getByLabel('Language').selectOption('zh-CN');
    const zhProbe = probeTab(page, '探测');
    await expect(zhProbe.getByRole('status').filter({ hasText: '全部 5 项检查通过，但请看下面的警告' })).toBeVisible();
    await expect(zhProbe.getByRole('region', { name: '整体警告' })).toContainText('服务器可能没有解密 <Encrypt>');
    await page.getByLabel('语言').selectOption('en');
  });
});

test.describe('rid lookup', () => {
  for (const lang of ['en', 'zh-CN'] as const) {
    test(`a lookup that fails leaves the Last error and its rid on screen (${lang})`, async ({ dashboard, page, fake }) => {
      const zh = lang === 'zh-CN';
      // No token yet, and no timer: the only fetch is the one the Refresh button makes. 40002 is
      // neither retried nor held back, so before the fix the lookup's own fetch failed anew and its
      // error (with a new rid) replaced this one.
      await dashboard.seed({ autoRefresh: false, label: 'No token' });
      fake.fail({ errcode: 40002 }, { path: '/cgi-bin/stable_token', times: 100 });
      await dashboard.open();
      if (zh) await page.getByLabel('Language').selectOption('zh-CN');
      const tokenTab = page.getByRole('tabpanel', { name: 'Token', exact: true });
      await tokenTab.getByRole('button', { name: zh ? '刷新' : 'Refresh', exact: true }).click();
      const last = tokenTab.getByRole('region', { name: zh ? '最近错误' : 'Last error' });
      const rid = fake.lastRid()!;
      await expect(last).toContainText(rid);
      const calls = fake.calls.length;

      await last.getByRole('button', { name: zh ? '查询 rid' : 'Look up rid' }).click();
      const failed = last.getByRole('alert');
      await expect(failed).toContainText(zh ? '查询 rid 需要' : 'Looking up a rid needs a valid access_token');
      // The error it is about, and its rid, are still there; nothing was fetched for the lookup.
      await expect(last).toContainText(rid);
      await expect(last.getByRole('button', { name: zh ? '查询 rid' : 'Look up rid' })).toHaveAttribute('aria-expanded', 'true');
      expect(fake.calls.length).toBe(calls);
      expect(fake.lastRid()).toBe(rid);
      if (zh) await page.getByLabel('语言').selectOption('en');
    });
  }
});
