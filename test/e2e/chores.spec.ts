// The Test account tab (issue 25) in Chromium against `wxdesk serve`, the fake WeChat API and a
// callback server from test/fixtures: each panel with good and bad input. Templates: a form from the
// template's {{name.DATA}} fields, bad values named before sending, sent with its msgid, the phone's
// preview. QR codes: the code drawn in the page decodes (jsQR, not the encoder) back to the url the
// fake returned, saved as a PNG, a simulated scan reaches the callback server. Followers: paged past
// 10,000, searched, remarked, tagged, used in the simulator, sent a template. Media: a file too large
// is refused with nothing sent. zh-CN and dark.
import type { Locator, Page } from '@playwright/test';
import jsQR from 'jsqr';
import { readFile } from 'node:fs/promises';
import { CallbackServer } from '../fixtures/callback-servers';
import { followerOpenid } from '../fixtures/fake-wechat-mp';
import type { FakeWeChat } from '../fixtures/fake-wechat';
import { expectAccessible } from './a11y';
import { expect, test, type Dashboard } from './fixtures';

const TOKEN = 'choresToken2024';
const openIdOf = (i: number) => `oWxDesk${String(i).padStart(21, '0')}`;
const field = (xml: string | undefined, name: string) => new RegExp(`<${name}>(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))</${name}>`).exec(xml ?? '')?.slice(1).find((v) => v !== undefined);

async function openChores(dashboard: Dashboard, page: Page, panelName: string, words = { tab: 'Test account' }, prepare?: (appId: string) => void) {
  const seeded = await dashboard.seed({ label: 'Chores account', serverToken: TOKEN });
  prepare?.(seeded.appId);
  await dashboard.open();
  await page.getByRole('tab', { name: words.tab, exact: true }).click();
  const tab = page.getByRole('tabpanel', { name: words.tab, exact: true });
  await tab.getByRole('tab', { name: panelName, exact: true }).click();
  return { seeded, tab, panel: tab.getByRole('tabpanel', { name: panelName, exact: true }) };
}

/** What the test reads of a canvas in the page (the test's types have no DOM). */
interface PageCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
}

/** The pixels of the page's QR canvas, decoded by jsQR. */
async function decodeCanvas(canvas: Locator): Promise<string | undefined> {
  const { w, h, b64 } = await canvas.evaluate((node) => {
    const el = node as unknown as PageCanvas;
    const data = el.getContext('2d')!.getImageData(0, 0, el.width, el.height).data;
    let s = '';
    for (let i = 0; i < data.length; i += 0x8000) s += String.fromCharCode(...data.subarray(i, i + 0x8000));
    return { w: el.width, h: el.height, b64: btoa(s) };
  });
  return jsQR(new Uint8ClampedArray(Buffer.from(b64, 'base64')), w, h)?.data;
}

const sends = (fake: FakeWeChat, appId: string) => fake.templateSends(appId);

test.describe('the Test account tab', () => {
  test('each panel’s code loads the first time it is opened, once', async ({ dashboard, page }) => {
    const loaded: string[] = [];
    page.on('response', (r) => {
      const name = /\/assets\/(\w+)-[\w-]+\.js$/.exec(r.url())?.[1];
      if (name) loaded.push(name);
    });
    const { tab } = await openChores(dashboard, page, 'Followers');
    await expect(tab.getByRole('tabpanel', { name: 'Followers', exact: true }).getByRole('table')).toBeVisible();
    expect(loaded.filter((n) => ['ChoresTab', 'FollowersPanel'].includes(n))).toEqual(['ChoresTab', 'FollowersPanel']);
    for (const name of ['TemplatesPanel', 'QrPanel', 'MediaPanel']) expect(loaded).not.toContain(name);
    for (const [label, name] of [['Template messages', 'TemplatesPanel'], ['QR codes', 'QrPanel'], ['Media', 'MediaPanel'], ['Followers', 'FollowersPanel']] as const) {
      await tab.getByRole('tab', { name: label, exact: true }).click();
      await expect(tab.getByRole('tabpanel', { name: label, exact: true }).getByRole('heading').first()).toBeVisible();
      expect(loaded.filter((n) => n === name)).toHaveLength(1);
    }
  });

  test('templates: a form from the fields, bad input named before sending, sent with its msgid, previewed on the phone', async ({ dashboard, page, fake }) => {
    const { seeded, panel } = await openChores(dashboard, page, 'Template messages');
    fake.addFollower(seeded.appId, openIdOf(1));
    await expect(panel.getByLabel('Template', { exact: true })).toContainText('订单状态通知');
    for (const f of ['first', 'keyword1', 'remark']) await expect(panel.getByLabel(`Value of ${f}`, { exact: true })).toBeVisible();

    // Bad input: no follower, a color WeChat does not take, a url that is not one. Nothing is sent.
    await panel.getByLabel('Color of first (optional, #RRGGBB)', { exact: true }).fill('red');
    await expect(panel.getByText('The color of first must be #RRGGBB, e.g. #173177, or empty.')).toBeVisible();
    await panel.getByRole('radio', { name: 'Open a URL' }).check();
    await panel.getByLabel('URL', { exact: true }).fill('example.com');
    await panel.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(panel.getByText('Fill in the OpenID of a follower of this account (the followers panel has them).')).toBeVisible();
    await expect(panel.getByText('Enter a URL starting with http:// or https://.')).toBeVisible();
    expect(sends(fake, seeded.appId)).toHaveLength(0);

    // Good input: the preview follows the form, the send answers with the msgid.
    await panel.getByLabel('Send to (follower’s OpenID)', { exact: true }).fill(openIdOf(1));
    await panel.getByLabel('Color of first (optional, #RRGGBB)', { exact: true }).fill('#173177');
    await panel.getByLabel('Value of first', { exact: true }).fill('您的订单已发货');
    await panel.getByLabel('Value of keyword1', { exact: true }).fill('20250115001');
    await panel.getByLabel('Value of remark', { exact: true }).fill('感谢您的购买');
    await panel.getByLabel('URL', { exact: true }).fill('https://example.com/order/1');
    const preview = panel.getByTestId('template-preview');
    await expect(preview).toContainText('订单号：20250115001');
    await expect(preview.locator('[data-field="first"]')).toHaveCSS('color', 'rgb(23, 49, 119)');
    await expect(preview).toContainText('Details');
    await panel.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(panel.getByText(/^Sent: msgid \d+ at/)).toBeVisible();
    const [sent] = sends(fake, seeded.appId);
    expect(sent).toMatchObject({ touser: openIdOf(1), url: 'https://example.com/order/1', data: { first: { value: '您的订单已发货', color: '#173177' }, keyword1: { value: '20250115001' } } });
    expect(await panel.getByText(/^Sent: msgid/).textContent()).toContain(`msgid ${sent!.msgid} `);

    // A follower the account does not have: WeChat's refusal, named.
    await panel.getByLabel('Send to (follower’s OpenID)', { exact: true }).fill(openIdOf(2));
    await panel.getByRole('button', { name: 'Send', exact: true }).click();
    const refused = panel.getByRole('alert').filter({ hasText: 'The template message was not sent' });
    await expect(refused).toBeVisible();
    await expect(refused).toContainText(/40003/);
    // One who stopped following: 43004, named.
    fake.chores.unfollow(seeded.appId, openIdOf(1));
    await panel.getByLabel('Send to (follower’s OpenID)', { exact: true }).fill(openIdOf(1));
    await panel.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(refused).toContainText(/43004/);
    expect(sends(fake, seeded.appId)).toHaveLength(1);
  });

  test('QR codes: bad input refused; the code drawn in the page decodes to the url WeChat returned; PNG; a simulated scan reaches the server', async ({ dashboard, page, fake }) => {
    const server = await CallbackServer.start({ token: TOKEN });
    try {
      const { tab, panel } = await openChores(dashboard, page, 'QR codes');
      // The simulator sends to the server set in its tab.
      await page.getByRole('tab', { name: 'Simulator', exact: true }).click();
      await page.getByRole('tabpanel', { name: 'Simulator', exact: true }).getByLabel('Callback URL', { exact: true }).fill(server.url);
      await page.getByRole('tab', { name: 'Test account', exact: true }).click();
      await expect(tab).toBeVisible();

      const created = () => fake.calls.filter((c) => c.path === '/cgi-bin/qrcode/create').length;
      await panel.getByLabel('Scene value', { exact: true }).fill('0');
      await expect(panel.getByText('Enter a whole number from 1 to 4294967295.')).toBeVisible();
      await panel.getByLabel('Scene value', { exact: true }).fill('42');
      await panel.getByLabel('Expires after (seconds)', { exact: true }).fill('3000000');
      await expect(panel.getByText('Enter a number of seconds from 1 to 2592000 (30 days).')).toBeVisible();
      await panel.getByRole('button', { name: 'Create', exact: true }).click();
      expect(created()).toBe(0);

      await panel.getByLabel('Expires after (seconds)', { exact: true }).fill('600');
      await panel.getByRole('button', { name: 'Create', exact: true }).click();
      const url = panel.getByTestId('qr-url');
      await expect(url).toHaveText(/^http:\/\/weixin\.qq\.com\/q\//);
      expect(created()).toBe(1);
      const body = JSON.parse(fake.calls.find((c) => c.path === '/cgi-bin/qrcode/create')!.body) as Record<string, unknown>;
      expect(body).toMatchObject({ action_name: 'QR_SCENE', expire_seconds: 600, action_info: { scene: { scene_id: 42 } } });
      const canvas = panel.getByRole('img', { name: /^QR code of / });
      expect(await decodeCanvas(canvas)).toBe(await url.textContent());
      await expect(panel.getByText(/\(600 s after it was made\)/)).toBeVisible();

      const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Save as PNG' }).click()]);
      expect(download.suggestedFilename()).toBe('wxdesk-qrcode-42.png');
      const png = await readFile((await download.path())!);
      expect(png.subarray(0, 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');

      // A scan by someone new: subscribe with qrscene_42 and the ticket; by a follower: SCAN with 42.
      await panel.getByRole('button', { name: 'Simulate a scan by a new follower' }).click();
      await expect(panel.getByTestId('qr-scan')).toContainText('Sent subscribe with EventKey qrscene_42');
      await expect.poll(() => server.pushes.length).toBe(1);
      expect(field(server.pushes[0], 'Event')).toBe('subscribe');
      expect(field(server.pushes[0], 'EventKey')).toBe('qrscene_42');
      expect(field(server.pushes[0], 'Ticket')).toBeTruthy();
      await panel.getByRole('button', { name: 'Simulate a scan by a follower' }).click();
      await expect.poll(() => server.pushes.length).toBe(2);
      expect(field(server.pushes[1], 'Event')).toBe('SCAN');
      expect(field(server.pushes[1], 'EventKey')).toBe('42');
      await expect(panel.getByTestId('qr-scan')).toContainText('Sent SCAN with EventKey 42');

      // A permanent text scene.
      await panel.getByRole('radio', { name: 'Permanent' }).check();
      await panel.getByRole('radio', { name: 'Text (scene_str)' }).check();
      await panel.getByLabel('Scene value', { exact: true }).fill('x'.repeat(65));
      await expect(panel.getByText('Enter 1 to 64 characters.')).toBeVisible();
      await panel.getByLabel('Scene value', { exact: true }).fill('spring-promo');
      await panel.getByRole('button', { name: 'Create', exact: true }).click();
      await expect(panel.getByText('Never (permanent)')).toBeVisible();
      expect(await decodeCanvas(canvas)).toBe(await url.textContent());
    } finally {
      await server.close();
    }
  });

  test('followers: paged past 10,000, searched by OpenID and remark, remarked, tagged, used in the simulator, sent a template', async ({ dashboard, page, fake }) => {
    const { seeded, panel } = await openChores(dashboard, page, 'Followers', undefined, (appId) => {
      for (let i = 3; i < 10_250; i++) fake.addFollower(appId, followerOpenid(appId, i));
    });
    const appId = seeded.appId;
    await expect(panel.getByRole('heading', { name: 'Followers (10250)' })).toBeVisible();
    await expect(panel.getByText('Page 1 of 103')).toBeVisible();
    const table = panel.getByRole('table', { name: 'Followers' });
    await expect(table.locator('tbody tr')).toHaveCount(100);
    // The details of the first page came in one batchget of 100.
    const batch = fake.calls.filter((c) => c.path === '/cgi-bin/user/info/batchget');
    expect(batch).toHaveLength(1);
    expect((JSON.parse(batch[0]!.body) as { user_list: unknown[] }).user_list).toHaveLength(100);

    // The last page is past the first 10,000: user/get is read on with next_openid.
    await panel.getByLabel('Page', { exact: true }).fill('103');
    await panel.getByRole('button', { name: 'Go', exact: true }).click();
    await expect(panel.getByText('Page 103 of 103')).toBeVisible();
    const last = followerOpenid(appId, 10_249);
    await expect(table.getByRole('button', { name: last })).toBeVisible();
    expect(fake.calls.filter((c) => c.path === '/cgi-bin/user/get')).toHaveLength(2);

    // Search by a part of an OpenID; choose the follower; a remark too long is refused, a good one saved.
    await panel.getByRole('searchbox', { name: 'Search' }).fill(last.slice(-10));
    await expect(panel.getByText('1 found')).toBeVisible();
    await table.getByRole('button', { name: last }).click();
    const card = panel.getByRole('region', { name: `Follower ${last}` });
    await card.getByLabel('Remark', { exact: true }).fill('备'.repeat(11));
    await expect(card.getByText('This remark is 33 bytes: WeChat takes at most 30 (10 Chinese characters, 30 Latin letters).')).toBeVisible();
    await expect(card.getByRole('button', { name: 'Save remark' })).toBeDisabled();
    await card.getByLabel('Remark', { exact: true }).fill('测试者');
    await card.getByRole('button', { name: 'Save remark' }).click();
    await expect(card.getByText('Remark saved.')).toBeVisible();
    await panel.getByRole('searchbox', { name: 'Search' }).fill('测试');
    await expect(panel.getByText('1 found')).toBeVisible();
    await expect(table.getByRole('cell', { name: '测试者' })).toBeVisible();

    // Tags: an empty name is refused, VIP created, the follower tagged and untagged.
    const tags = panel.getByRole('region', { name: 'Tags' });
    await tags.getByRole('button', { name: 'Create tag' }).click();
    await expect(tags.getByText('Give the tag a name.')).toBeVisible();
    await tags.getByLabel('New tag', { exact: true }).fill('VIP');
    await tags.getByRole('button', { name: 'Create tag' }).click();
    await expect(tags.getByText(/^VIP \(id \d+\): 0 followers$/)).toBeVisible();
    await card.getByLabel('Tag', { exact: true }).selectOption({ label: 'VIP' });
    await card.getByRole('button', { name: 'Add tag', exact: true }).click();
    await expect(card.getByText('Tagged “VIP”.')).toBeVisible();
    await expect(tags.getByText(/^VIP \(id \d+\): 1 followers$/)).toBeVisible();
    await expect(card.locator('dd').filter({ hasText: 'VIP' })).toHaveCount(1);
    await card.getByRole('button', { name: 'Remove tag', exact: true }).click();
    await expect(card.getByText('Untagged “VIP”.')).toBeVisible();
    await expect(tags.getByText(/^VIP \(id \d+\): 0 followers$/)).toBeVisible();

    // Use in simulator: the simulator's follower is this one.
    await card.getByRole('button', { name: 'Use in simulator' }).click();
    await expect(card.getByText('The simulator now plays this follower.')).toBeVisible();
    await page.getByRole('tab', { name: 'Simulator', exact: true }).click();
    const simFollower = page.getByRole('tabpanel', { name: 'Simulator', exact: true }).getByLabel('Follower', { exact: true });
    await expect(simFollower).toHaveValue(last);
    // Added to the simulated followers, the one the simulator had kept.
    await expect(simFollower.locator('option')).toHaveCount(2);
    await page.getByRole('tab', { name: 'Test account', exact: true }).click();

    // Send a template: the template panel opens with the follower filled in.
    await card.getByRole('button', { name: 'Send a template' }).click();
    const tpl = page.getByRole('tabpanel', { name: 'Template messages', exact: true });
    await expect(tpl.getByLabel('Send to (follower’s OpenID)', { exact: true })).toHaveValue(last);
  });

  test('media: a file too large or misnamed is refused before anything is sent; an image uploaded is listed with its media_id and expiry', async ({ dashboard, page, fake }) => {
    const { seeded, panel } = await openChores(dashboard, page, 'Media');
    const upload = panel.getByRole('button', { name: 'Upload', exact: true });
    const file = panel.getByLabel('File', { exact: true });
    const jpeg = (size: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(size - 4, 7)]);

    // A thumbnail over 64 KB: refused in the page, nothing sent.
    await panel.getByLabel('Kind', { exact: true }).selectOption('thumb');
    await expect(panel.getByText('Thumbnail: at most 64 KB, as jpg, jpeg.')).toBeVisible();
    await file.setInputFiles({ name: 'big.jpg', mimeType: 'image/jpeg', buffer: jpeg(64 * 1024 + 1) });
    await expect(panel.getByRole('alert').filter({ hasText: 'The file is 65 KB: WeChat takes Thumbnail files of at most 64 KB. Nothing was sent.' })).toBeVisible();
    await expect(upload).toBeDisabled();
    // A name WeChat refuses.
    await file.setInputFiles({ name: 'photo.gif', mimeType: 'image/gif', buffer: jpeg(100) });
    await expect(panel.getByText('The file’s name must end in .jpg .jpeg. Nothing was sent.')).toBeVisible();
    await expect(upload).toBeDisabled();
    expect(fake.chores.uploads).toHaveLength(0);
    expect(fake.calls.filter((c) => c.path.startsWith('/cgi-bin/media/'))).toHaveLength(0);

    // A .png whose content is not a picture: the core refuses it, still nothing sent.
    await panel.getByLabel('Kind', { exact: true }).selectOption('image');
    await file.setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('just some text') });
    await upload.click();
    await expect(panel.getByRole('alert').filter({ hasText: 'The file was not uploaded' })).toContainText('40005');
    expect(fake.chores.uploads).toHaveLength(0);

    // A good image: uploaded as multipart, its media_id shown and listed with its 3-day expiry.
    const png = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(200, 1)]);
    await file.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
    await upload.click();
    await expect(panel.getByText(/^Uploaded logo\.png: media_id \S+\.$/)).toBeVisible();
    expect(fake.chores.uploads).toHaveLength(1);
    expect(fake.chores.uploads[0]!.parts.find((p) => p.name === 'media')!.bytes.equals(png)).toBe(true);
    const row = panel.getByRole('table', { name: 'Uploads' }).locator('tbody tr').first();
    await expect(row).toContainText('logo.png');
    await expect(row.getByRole('button', { name: 'Copy media_id' })).toBeVisible();
    const mediaId = /media_id (\S+)\.$/.exec((await panel.getByText(/^Uploaded logo\.png/).textContent())!)![1]!;
    await expect(row.locator('code')).toHaveText(mediaId);
    expect(fake.chores.media(seeded.appId, mediaId)?.bytes.equals(png)).toBe(true);
  });

  test.describe('in Chinese and dark', () => {
    test.use({ locale: 'zh-CN', colorScheme: 'dark' });
    test('each panel speaks Chinese, refuses bad input in Chinese, and passes axe in the dark', async ({ dashboard, page, fake }) => {
      const { seeded, tab, panel } = await openChores(dashboard, page, '粉丝', { tab: '测试号' });
      await expect(panel.getByRole('heading', { name: '粉丝（3）' })).toBeVisible();
      await panel.getByRole('table', { name: '粉丝' }).getByRole('button').first().click();
      await panel.getByLabel('备注', { exact: true }).fill('备'.repeat(11));
      await expect(panel.getByText('该备注为 33 字节：微信最多接受 30 字节（10 个汉字或 30 个英文字母）。')).toBeVisible();
      await expectAccessible(page, 'the followers panel, zh-CN dark');

      await tab.getByRole('tab', { name: '模板消息', exact: true }).click();
      const tpl = tab.getByRole('tabpanel', { name: '模板消息', exact: true });
      await tpl.getByLabel('first 的颜色（可选，#RRGGBB）', { exact: true }).fill('蓝色');
      await expect(tpl.getByText('first 的颜色须为 #RRGGBB 格式（如 #173177），或留空。')).toBeVisible();
      await tpl.getByRole('button', { name: '发送', exact: true }).click();
      await expect(tpl.getByText('请填写该账号某位粉丝的 OpenID（粉丝面板里有）。')).toBeVisible();
      await expectAccessible(page, 'the template panel, zh-CN dark');

      await tab.getByRole('tab', { name: '二维码', exact: true }).click();
      const qr = tab.getByRole('tabpanel', { name: '二维码', exact: true });
      await qr.getByLabel('有效期（秒）', { exact: true }).fill('0');
      await expect(qr.getByText('请输入 1 到 2592000 之间的秒数（30 天）。')).toBeVisible();
      await qr.getByLabel('有效期（秒）', { exact: true }).fill('60');
      await qr.getByRole('button', { name: '生成', exact: true }).click();
      // The code stays black on white in the dark, and still decodes.
      expect(await decodeCanvas(qr.getByRole('img', { name: /的二维码$/ }))).toBe(await qr.getByTestId('qr-url').textContent());
      await expectAccessible(page, 'the QR panel, zh-CN dark');

      await tab.getByRole('tab', { name: '素材', exact: true }).click();
      const media = tab.getByRole('tabpanel', { name: '素材', exact: true });
      await media.getByLabel('类型', { exact: true }).selectOption('voice');
      await media.getByLabel('文件', { exact: true }).setInputFiles({ name: 'long.mp3', mimeType: 'audio/mpeg', buffer: Buffer.alloc(2 * 1024 * 1024 + 1, 0xff) });
      await expect(media.getByText('文件大小为 2.0 MB：微信的语音文件最大 2 MB。 未发送任何内容。')).toBeVisible();
      expect(fake.chores.uploads.filter((u) => u.appid === seeded.appId)).toHaveLength(0);
      await expectAccessible(page, 'the media panel, zh-CN dark');
    });
  });
});
