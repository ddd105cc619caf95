// The Signature tab in Chromium against `wxdesk serve` and the fake WeChat: the three panes compute
// through the dashboard API as the user types. Digests are checked against official vectors and
// against sha1 computed here, independently of the app.
import type { Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { expect, newAppId, test, type Dashboard } from './fixtures';

const sha1 = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex');
const sortedSignature = (...parts: string[]) => sha1([...parts].sort().join(''));

// WeChat's server-URL example (Token weixin) and the JS-SDK doc's appendix 1.
const SERVER = { token: 'weixin', timestamp: '1357982061', nonce: '1358161344', digest: '335b26997f05c82243aad6b10a2d1853637e71a8' };
const JSSDK = {
  ticket: 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg',
  noncestr: 'Wm3WZYTPz0wzccnW',
  timestamp: '1414587457',
  url: 'http://mp.weixin.qq.com?params=value',
  digest: '0f9de62fce790f9a083d5c99e95740ceb90c27ed',
};
const AES_KEY = 'WxDeskE2eKey0123456789abcdefghijklmnopqrstu';

async function openSignature(dashboard: Dashboard, page: Page, seed: Parameters<Dashboard['seed']>[0] = {}) {
  const seeded = await dashboard.seed(seed);
  await dashboard.open();
  await page.getByRole('tab', { name: 'Signature', exact: true }).click();
  await expect(page.getByRole('tab', { name: 'Server', exact: true })).toHaveAttribute('aria-selected', 'true');
  return seeded;
}

const pane = (page: Page, name: string) => page.getByRole('tabpanel', { name, exact: true });
const field = (page: Page, pane: string, label: string) => page.getByRole('tabpanel', { name: pane, exact: true }).getByLabel(label, { exact: true });

test.describe('Signature tab', () => {
  test('Server pane: each step of the official example, Match / Mismatch and a millisecond timestamp', async ({ dashboard, page, wxdesk }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: wxdesk.url });
    await openSignature(dashboard, page, { serverToken: 'fromAccount42', label: 'Demo Official Account' });
    const server = pane(page, 'Server');
    const token = field(page, 'Server', 'Token');
    await expect(token).toHaveValue('fromAccount42');
    await expect(server).toContainText('Enter Token, Timestamp and Nonce');
    for (const label of ['Token', 'Timestamp', 'Nonce', 'Signature to check']) await expect(page.getByLabel(label)).toHaveCount(1);

    await token.fill(SERVER.token);
    await field(page, 'Server', 'Timestamp').fill(SERVER.timestamp);
    await field(page, 'Server', 'Nonce').fill(SERVER.nonce);
    const digest = server.getByRole('status', { name: 'Signature', exact: true });
    await expect(digest).toHaveText(SERVER.digest);
    await expect(page.getByText(SERVER.digest)).toBeVisible();
    // Each step: sorted as strings, then joined.
    await expect(server.getByText('13579820611358161344weixin', { exact: true })).toBeVisible();
    await expect(server.getByRole('listitem').filter({ hasText: 'Sorted' }).locator('code')).toHaveText(['"1357982061"', '"1358161344"', '"weixin"']);
    await expect(server.getByText('Mismatch', { exact: true })).toHaveCount(0);

    const check = field(page, 'Server', 'Signature to check');
    await check.fill(SERVER.digest);
    await expect(server.getByText('Match', { exact: true })).toBeVisible();

    await check.fill('0000000000000000000000000000000000000000');
    await expect(server.getByText('Mismatch', { exact: true })).toBeVisible();
    await expect(server.locator('.verdict')).toHaveClass(/verdict--mismatch/);

    await check.fill(SERVER.digest.toUpperCase());
    await expect(server.getByText('Mismatch', { exact: true })).toBeVisible();
    await expect(server.getByText('Signature in upper case')).toBeVisible();

    // Milliseconds: the digest changes, the check fails and the cause is named.
    await check.fill(SERVER.digest);
    await field(page, 'Server', 'Timestamp').fill('1357982061000');
    await expect(digest).toHaveText(sortedSignature(SERVER.token, '1357982061000', SERVER.nonce));
    await expect(server.getByText('Mismatch', { exact: true })).toBeVisible();
    await expect(server.getByText('Timestamp in milliseconds')).toBeVisible();
    await expect(server.getByText(/WeChat uses seconds \(1357982061\)/)).toBeVisible();

    await server.getByRole('button', { name: 'Copy sha1 digest' }).click();
    await expect(server.getByRole('status').filter({ hasText: 'sha1 digest copied to the clipboard.' })).toBeVisible();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(sortedSignature(SERVER.token, '1357982061000', SERVER.nonce));
    await server.getByRole('button', { name: 'Copy Joined string' }).click();
    await expect(server.getByRole('status').filter({ hasText: 'Joined string copied to the clipboard.' })).toBeVisible();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe('13579820610001358161344weixin');

    // The causes are translated by their code; the fields keep their values.
    await page.getByLabel('Language').selectOption('zh-CN');
    const zhServer = pane(page, '服务器');
    await expect(zhServer.getByText('不一致', { exact: true })).toBeVisible();
    await expect(zhServer.getByText('时间戳是毫秒')).toBeVisible();
    await expect(zhServer.getByLabel('时间戳 Timestamp', { exact: true })).toHaveValue('1357982061000');
    await page.getByLabel('语言').selectOption('en');
    await expect(server.getByText('Timestamp in milliseconds')).toBeVisible();
  });

  test('Safe mode: encrypt then decrypt gives the message back; a foreign AppID is refused by name', async ({ dashboard, page }) => {
    const { appId } = await openSignature(dashboard, page, { serverToken: 'safeToken1', aesKey: AES_KEY });
    await page.getByRole('tab', { name: 'Safe mode', exact: true }).click();
    const safe = pane(page, 'Safe mode');
    await expect(field(page, 'Safe mode', 'Token')).toHaveValue('safeToken1');
    await expect(field(page, 'Safe mode', 'EncodingAESKey')).toHaveValue(AES_KEY);
    await expect(field(page, 'Safe mode', 'AppID')).toHaveValue(appId);
    // Only the visible pane's fields exist, and no other element carries these names.
    for (const label of ['Token', 'Timestamp', 'Nonce', 'Encrypt', 'EncodingAESKey', 'AppID', 'Message']) await expect(page.getByLabel(label)).toHaveCount(1);

    const message = '<xml>\n  <Content><![CDATA[你好，WxDesk！签名 ✓]]></Content>\n</xml>\n';
    const messageBox = field(page, 'Safe mode', 'Message');
    const encryptBox = field(page, 'Safe mode', 'Encrypt');
    await messageBox.fill(message);
    await safe.getByRole('button', { name: 'Encrypt', exact: true }).click();
    await expect(safe.getByText('Encrypted into Encrypt.')).toBeVisible();
    await expect(encryptBox).toHaveValue(/^[A-Za-z0-9+/]{40,}={0,2}$/);
    const encrypt = await encryptBox.inputValue();
    await expect(safe.getByRole('status').filter({ hasText: 'Pad byte' })).toContainText(/Pad byte\s*\d+ \(0x[0-9a-f]{2}\)/);

    // msg_signature over the ciphertext, checked against sha1 computed here.
    await field(page, 'Safe mode', 'Timestamp').fill('1409304348');
    await field(page, 'Safe mode', 'Nonce').fill('xxxxxx');
    await expect(safe.getByRole('status', { name: 'msg_signature', exact: true })).toHaveText(sortedSignature('safeToken1', '1409304348', 'xxxxxx', encrypt));

    await messageBox.fill('');
    await safe.getByRole('button', { name: 'Decrypt', exact: true }).click();
    await expect(safe.getByText('Decrypted into Message.')).toBeVisible();
    await expect(messageBox).toHaveValue(message);
    await expect(safe.getByRole('status').filter({ hasText: 'AppID inside' })).toContainText(appId);

    const other = newAppId();
    await field(page, 'Safe mode', 'AppID').fill(other);
    await messageBox.fill('');
    await safe.getByRole('button', { name: 'Decrypt', exact: true }).click();
    const refused = safe.getByRole('alert').filter({ hasText: 'Could not decrypt' });
    await expect(refused).toBeVisible();
    await expect(refused).toContainText(`The message was encrypted for AppID "${appId}", not "${other}".`);
    // The specific hint, not the generic "Correct the value and try again." (issue 21, item 5).
    await expect(refused).toContainText('Leave AppID empty to read the message anyway');
    await expect(refused).not.toContainText('Correct the value and try again.');
    await expect(messageBox).toHaveValue('');
  });

  test('JS-SDK: the official vector, a #fragment, the cached ticket and a wx.config snippet', async ({ dashboard, page, fake }) => {
    const { appId } = await openSignature(dashboard, page);
    await page.getByRole('tab', { name: 'JS-SDK', exact: true }).click();
    const jssdk = pane(page, 'JS-SDK');
    for (const label of ['jsapi_ticket', 'noncestr', 'Timestamp', 'URL', 'Signature to check']) await expect(page.getByLabel(label)).toHaveCount(1);
    const ticket = field(page, 'JS-SDK', 'jsapi_ticket');
    await ticket.fill(JSSDK.ticket);
    await field(page, 'JS-SDK', 'noncestr').fill(JSSDK.noncestr);
    await field(page, 'JS-SDK', 'Timestamp').fill(JSSDK.timestamp);
    await field(page, 'JS-SDK', 'URL').fill(JSSDK.url);
    const digest = jssdk.getByRole('status', { name: 'Signature', exact: true });
    await expect(digest).toHaveText(JSSDK.digest);
    await expect(page.getByText(JSSDK.digest)).toBeVisible();
    await expect(jssdk.getByText(`jsapi_ticket=${JSSDK.ticket}&noncestr=${JSSDK.noncestr}&timestamp=${JSSDK.timestamp}&url=${JSSDK.url}`, { exact: true })).toBeVisible();

    await field(page, 'JS-SDK', 'URL').fill(`${JSSDK.url}#frag`);
    await expect(jssdk.getByText('The #fragment is not signed')).toBeVisible();
    await expect(digest).toHaveText(JSSDK.digest);
    await expect(jssdk.getByRole('listitem').filter({ hasText: 'URL as signed' }).locator('code')).toHaveText(JSSDK.url);
    await field(page, 'JS-SDK', 'Signature to check').fill(JSSDK.digest);
    await expect(jssdk.getByText('Match', { exact: true })).toBeVisible();

    // The account's ticket, from the fake WeChat (fetched with a token on first use).
    expect(fake.count('/cgi-bin/ticket/getticket')).toBe(0);
    await jssdk.getByRole('button', { name: 'Use cached ticket' }).click();
    await expect(ticket).not.toHaveValue(JSSDK.ticket);
    await expect(ticket).toHaveValue(/^[A-Za-z0-9_-]{86}$/);
    expect(fake.count('/cgi-bin/ticket/getticket')).toBe(1);
    await expect(jssdk.getByText(/The cached jsapi_ticket is filled in/)).toBeVisible();
    const cached = await ticket.inputValue();
    const expected = sha1(`jsapi_ticket=${cached}&noncestr=${JSSDK.noncestr}&timestamp=${JSSDK.timestamp}&url=${JSSDK.url}`);
    await expect(digest).toHaveText(expected);
    await expect(jssdk.getByText('Mismatch', { exact: true })).toBeVisible();

    // The snippet is signed with the same cached ticket, so it carries the digest shown above.
    await jssdk.getByRole('button', { name: 'wx.config snippet', exact: true }).click();
    const snippet = jssdk.getByLabel('wx.config snippet', { exact: true });
    await expect(snippet).toContainText('wx.config({');
    await expect(snippet).toContainText(`appId: "${appId}"`);
    await expect(snippet).toContainText(`signature: "${expected}"`);
    await expect(snippet).toContainText(`nonceStr: "${JSSDK.noncestr}"`);
    await expect(jssdk.getByRole('button', { name: 'Copy snippet' })).toBeVisible();
    expect(fake.count('/cgi-bin/ticket/getticket')).toBe(1);
  });

  test('pasting a callback fills the fields and opens the pane they belong to', async ({ dashboard, page }) => {
    await openSignature(dashboard, page, { serverToken: 'weixin' });
    const paste = (name: string) => field(page, name, 'Paste a callback URL or raw request');

    // A plain callback pasted in Safe mode belongs to Server: the pane switches.
    await page.getByRole('tab', { name: 'Safe mode', exact: true }).click();
    await paste('Safe mode').fill('https://example.com/wx?signature=abc&timestamp=1357982061&nonce=1358161344&echostr=hi');
    await pane(page, 'Safe mode').getByRole('button', { name: 'Fill fields' }).click();
    await expect(page.getByRole('tab', { name: 'Server', exact: true })).toHaveAttribute('aria-selected', 'true');
    await expect(field(page, 'Server', 'Timestamp')).toHaveValue(SERVER.timestamp);
    await expect(field(page, 'Server', 'Nonce')).toHaveValue(SERVER.nonce);
    await expect(field(page, 'Server', 'Signature to check')).toHaveValue('abc');
    await expect(page.getByText('Filled Timestamp, Nonce, and Signature to check in Server from the paste.')).toBeVisible();
    const server = pane(page, 'Server');
    await expect(server.getByRole('status', { name: 'Signature', exact: true })).toHaveText(SERVER.digest);
    await expect(server.getByText('Mismatch', { exact: true })).toBeVisible();

    // A raw safe-mode request: query string and XML body; its msg_signature matches.
    const encrypt = 'kZvGYbSmbM1tTi6tK3vMUGjnVuPKWIGZSHCFkWsJ9JRFsK5+tFDp4gAVcoQxzdeFTz5GJbVpJBmHyNqRCFOfjyZdr5xK3bhm0CEq36TfrZ2H/3dM/3fw3WlRLzdIvpTk';
    const msgSignature = sortedSignature('weixin', '1409304348', 'xxxxxx', encrypt);
    const request = [
      `POST /wx?signature=ignored&timestamp=1409304348&nonce=xxxxxx&openid=oABC&encrypt_type=aes&msg_signature=${msgSignature} HTTP/1.1`,
      'Host: example.com',
      'Content-Type: text/xml',
      '',
      `<xml>\n  <ToUserName><![CDATA[gh_0123456789ab]]></ToUserName>\n  <Encrypt><![CDATA[${encrypt}]]></Encrypt>\n</xml>`,
    ].join('\r\n');
    await paste('Server').fill(request);
    await server.getByRole('button', { name: 'Fill fields' }).click();
    await expect(page.getByRole('tab', { name: 'Safe mode', exact: true })).toHaveAttribute('aria-selected', 'true');
    await expect(field(page, 'Safe mode', 'Encrypt')).toHaveValue(encrypt);
    await expect(field(page, 'Safe mode', 'msg_signature to check')).toHaveValue(msgSignature);
    await expect(pane(page, 'Safe mode').getByText('Match', { exact: true })).toBeVisible();
    await expect(pane(page, 'Safe mode').getByRole('status', { name: 'msg_signature', exact: true })).toHaveText(msgSignature);

    // Nothing readable: said in plain words, and the fields stay as they were.
    await paste('Safe mode').fill('hello world');
    await pane(page, 'Safe mode').getByRole('button', { name: 'Fill fields' }).click();
    const nothing = pane(page, 'Safe mode').getByRole('alert').filter({ hasText: 'Nothing could be read' });
    await expect(nothing).toContainText('No callback fields found');
    await expect(field(page, 'Safe mode', 'Encrypt')).toHaveValue(encrypt);
  });
});
