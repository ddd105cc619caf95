// The Console tab's file field and binary answers (issue 25) in Chromium against `wxdesk serve` and
// the fake WeChat API, which parses multipart for real and answers media/get and showqrcode with
// bytes: an image uploaded with media/upload gets its media_id, a file past 10 MB is refused with
// nothing sent, media/get of the image and showqrcode are previewed (the preview's pixels decode with
// jsQR, a decoder apart from the encoder, to the url the fake encoded), a non-image answer is offered
// as a download with its type and size; the history names the file, never its bytes; zh-CN and dark.
import type { Locator, Page } from '@playwright/test';
import jsQR from 'jsqr';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { qrPng } from '../../electron/core/chores/qr-png';
import { expectAccessible } from './a11y';
import { expect, test, type Dashboard } from './fixtures';

const field = (panel: Locator, label: string) => panel.getByLabel(label, { exact: true });
const response = (panel: Locator, name = 'Response') => panel.getByRole('region', { name, exact: true });

async function openConsole(dashboard: Dashboard, page: Page, tab = 'Console') {
  const seeded = await dashboard.seed();
  await dashboard.open();
  await page.getByRole('tab', { name: tab, exact: true }).click();
  return { seeded, panel: page.getByRole('tabpanel', { name: tab, exact: true }) };
}

async function request(panel: Locator, method: 'GET' | 'POST', path: string, query = '', words = { preset: 'Preset', method: 'Method', path: 'Path', query: 'Query' }) {
  await field(panel, words.preset).selectOption('');
  await field(panel, words.method).selectOption(method);
  await field(panel, words.path).fill(path);
  await field(panel, words.query).fill(query);
}

async function send(panel: Locator, name = 'Send') {
  await panel.getByRole('button', { name, exact: true }).click();
  await expect(panel.getByRole('button', { name, exact: true })).toBeEnabled();
}

/** What the test reads of the page's elements (its types have no DOM). */
interface PageImage {
  complete: boolean;
  naturalWidth: number;
  naturalHeight: number;
  ownerDocument: { createElement(tag: 'canvas'): { width: number; height: number; getContext(kind: '2d'): { drawImage(i: unknown, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null } };
}

/** The preview's pixels, drawn on a canvas in the page, decoded by jsQR. */
async function decodeImage(img: Locator): Promise<string | undefined> {
  await expect.poll(() => img.evaluate((n) => (n as unknown as PageImage).complete && (n as unknown as PageImage).naturalWidth)).toBeGreaterThan(0);
  const { w, h, b64 } = await img.evaluate((node) => {
    const el = node as unknown as PageImage;
    const canvas = el.ownerDocument.createElement('canvas');
    canvas.width = el.naturalWidth;
    canvas.height = el.naturalHeight;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(el, 0, 0);
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let s = '';
    for (let i = 0; i < data.length; i += 0x8000) s += String.fromCharCode(...data.subarray(i, i + 0x8000));
    return { w: canvas.width, h: canvas.height, b64: btoa(s) };
  });
  return jsQR(new Uint8ClampedArray(Buffer.from(b64, 'base64')), w, h)?.data;
}

const UPLOADED_URL = 'http://weixin.qq.com/q/uploaded-through-the-console';

test.describe('Console tab: files and binary answers', () => {
  test('an image uploaded as multipart gets its media_id; media/get previews it; the history names the file only', async ({ dashboard, page, fake }) => {
    const { seeded, panel } = await openConsole(dashboard, page);
    const png = qrPng(UPLOADED_URL);
    await request(panel, 'POST', '/cgi-bin/media/upload', 'type=image');
    await field(panel, 'Body').fill('{"not":"sent"}');
    await field(panel, 'File (multipart)').setInputFiles({ name: 'code.png', mimeType: 'image/png', buffer: png });
    // The JSON body is not sent with a file: said beside it, and the field is disabled.
    await expect(field(panel, 'Body')).toBeDisabled();
    await expect(panel.getByText(/Not sent: a file is chosen below/)).toBeVisible();
    await expect(field(panel, 'Form field name')).toHaveValue('media');
    await expect(panel.getByTestId('console-target')).toHaveText(/^POST http:\/\/[^ ]+\/cgi-bin\/media\/upload\?type=image&access_token=ACCESS_TOKEN -F media=@code\.png$/);
    await send(panel);

    const answer = response(panel);
    await expect(answer.getByRole('region', { name: 'Response body', exact: true })).toContainText('"media_id"');
    await expect(answer).toContainText(`with file media=code.png (${png.length} B)`);
    const parsed = fake.chores.uploads.at(-1)!;
    expect(parsed.parts).toEqual([{ name: 'media', fileName: 'code.png', contentType: 'image/png', bytes: png }]);
    const mediaId = /"media_id": "([^"]+)"/.exec((await answer.getByRole('region', { name: 'Response body', exact: true }).textContent()) ?? '')![1]!;
    expect(fake.chores.media(seeded.appId, mediaId)?.bytes).toEqual(png);

    const row = panel.getByRole('table', { name: 'Console history' }).getByRole('row').filter({ hasText: '/cgi-bin/media/upload' });
    await expect(row).toContainText('/cgi-bin/media/upload');
    await expect(row).toContainText('file code.png');

    // media/get: a binary answer, shown as a picture whose pixels are the uploaded code.
    await field(panel, 'Method').selectOption('GET');
    await field(panel, 'Path').fill('/cgi-bin/media/get');
    await field(panel, 'Query').fill(`media_id=${mediaId}`);
    await expect(field(panel, 'File (multipart)')).toHaveCount(0);
    await send(panel);
    await expect(answer).toContainText(`An image: image/png, `);
    await expect(answer.getByRole('region', { name: 'Response body', exact: true })).toHaveCount(0);
    expect(await decodeImage(answer.getByRole('img', { name: /The image \/cgi-bin\/media\/get returned/ }))).toBe(UPLOADED_URL);

    // Re-run of the upload: its bytes were not kept, so the form asks for the file again and sends nothing.
    const calls = fake.calls.length;
    await row.getByRole('button', { name: 'Re-run POST /cgi-bin/media/upload' }).click();
    await expect(panel.getByText('This request sent code.png. Its bytes are not kept: choose the file again, then Send.')).toBeVisible();
    await expect(field(panel, 'File (multipart)')).toBeFocused();
    expect(fake.calls.length).toBe(calls);
    await expectAccessible(page, 'the console with a file field and an image answer');
  });

  test('a file past 10 MB is refused before anything is read or sent', async ({ dashboard, page, fake }) => {
    const { panel } = await openConsole(dashboard, page);
    await request(panel, 'POST', '/cgi-bin/media/upload', 'type=video');
    await field(panel, 'File (multipart)').setInputFiles({ name: 'big.mp4', mimeType: 'video/mp4', buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 1) });
    await expect(panel.getByRole('alert')).toHaveText(/The file is 10\.0 MB, more than the 10 MB WeChat takes: nothing will be sent/);
    await expect(field(panel, 'File (multipart)')).toHaveAttribute('aria-invalid', 'true');
    await expect(panel.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();
    // Enter in a field does not send it either.
    await field(panel, 'Path').press('Enter');
    expect(fake.calls.filter((c) => c.path === '/cgi-bin/media/upload')).toHaveLength(0);
    expect(fake.chores.uploads).toHaveLength(0);
    // Removing it gives the JSON body back.
    await panel.getByRole('button', { name: 'Remove file' }).click();
    await expect(field(panel, 'Body')).toBeEnabled();
    await expect(panel.getByRole('button', { name: 'Send', exact: true })).toBeEnabled();
  });

  test('a file deleted after it was chosen is named as unreadable, and nothing is sent', async ({ dashboard, page, fake, dataDir }) => {
    const { panel } = await openConsole(dashboard, page);
    const path = join(dataDir, 'gone.png');
    await writeFile(path, qrPng(UPLOADED_URL));
    await request(panel, 'POST', '/cgi-bin/media/upload', 'type=image');
    await field(panel, 'File (multipart)').setInputFiles(path);
    await rm(path);
    await send(panel);
    const alert = panel.getByRole('alert').filter({ hasText: 'The request failed' });
    await expect(alert).toContainText('The chosen file could not be read (it was moved, deleted or changed after it was chosen): nothing was sent.');
    await expect(alert).toContainText('INVALID_INPUT');
    expect(fake.calls.filter((c) => c.path === '/cgi-bin/media/upload')).toHaveLength(0);
  });

  test('showqrcode is previewed and decodes to the url WeChat returned', async ({ dashboard, page }) => {
    const { panel } = await openConsole(dashboard, page);
    await field(panel, 'Preset').selectOption({ label: 'QR code: create (temporary)' });
    await send(panel);
    const answer = response(panel);
    const body = JSON.parse((await answer.getByRole('region', { name: 'Response body', exact: true }).textContent()) ?? '{}') as { ticket: string; url: string };
    expect(body.url).toMatch(/^http:\/\/weixin\.qq\.com\/q\//);
    await request(panel, 'GET', '/cgi-bin/showqrcode', `ticket=${body.ticket}`);
    await send(panel);
    await expect(answer).toContainText('An image: image/jpg, ');
    expect(await decodeImage(answer.getByRole('img', { name: /showqrcode/ }))).toBe(body.url);
  });

  test('a non-image answer is offered as a download with its type and size, never shown as text', async ({ dashboard, page }) => {
    const { panel } = await openConsole(dashboard, page);
    const voice = Buffer.concat([Buffer.from('#!AMR\n'), Buffer.alloc(2042, 0x3c)]);
    await request(panel, 'POST', '/cgi-bin/media/upload', 'type=voice');
    await field(panel, 'File (multipart)').setInputFiles({ name: 'hello.amr', mimeType: 'audio/amr', buffer: voice });
    await send(panel);
    const answer = response(panel);
    const mediaId = /"media_id": "([^"]+)"/.exec((await answer.getByRole('region', { name: 'Response body', exact: true }).textContent()) ?? '')![1]!;
    await request(panel, 'GET', '/cgi-bin/media/get', `media_id=${mediaId}`);
    await send(panel);
    await expect(answer).toContainText('A binary answer: audio/amr, 2 KB. It is not shown as text; save it to open it.');
    await expect(answer.getByRole('img')).toHaveCount(0);
    await expect(answer).not.toContainText('#!AMR');
    const saving = page.waitForEvent('download');
    await answer.getByRole('button', { name: `Save as get-${mediaId}.amr` }).click();
    const download = await saving;
    expect(download.suggestedFilename()).toBe(`get-${mediaId}.amr`);
    expect(await readFile((await download.path())!)).toEqual(voice);
    await expect(answer.getByRole('status').filter({ hasText: 'Saved as' })).toHaveText(`Saved as get-${mediaId}.amr (in your downloads).`);
    await expectAccessible(page, 'the console with a binary answer to save');
  });

  test.describe('in Chinese, dark', () => {
    test.use({ locale: 'zh-CN', colorScheme: 'dark' });

    test('the file field, a refusal and an image answer, accessible', async ({ dashboard, page, fake }) => {
      const { panel } = await openConsole(dashboard, page, '接口调试');
      const words = { preset: '预设请求', method: '请求方法', path: '路径', query: '查询参数' };
      await request(panel, 'POST', '/cgi-bin/media/upload', 'type=image', words);
      await field(panel, '文件（multipart）').setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 1) });
      await expect(panel.getByRole('alert')).toContainText('超过微信允许的 10 MB：不会发送任何内容');
      await expectAccessible(page, 'the console file field refused, zh-CN dark');
      await field(panel, '文件（multipart）').setInputFiles({ name: '码.png', mimeType: 'image/png', buffer: qrPng(UPLOADED_URL) });
      await expect(panel.getByText(/不会发送：下方已选择文件/)).toBeVisible();
      await send(panel, '发送');
      const answer = response(panel, '响应');
      const mediaId = /"media_id": "([^"]+)"/.exec((await answer.getByRole('region', { name: '响应体', exact: true }).textContent()) ?? '')![1]!;
      expect(fake.chores.uploads.at(-1)?.parts[0]?.fileName).toBe('码.png');
      await request(panel, 'GET', '/cgi-bin/media/get', `media_id=${mediaId}`, words);
      await send(panel, '发送');
      await expect(answer).toContainText('图片：image/png，');
      await expect(answer.getByRole('button', { name: /^保存为 get-/ })).toBeVisible();
      expect(await decodeImage(answer.getByRole('img', { name: /media\/get 返回的图片/ }))).toBe(UPLOADED_URL);
      await expectAccessible(page, 'the console with an image answer, zh-CN dark');
    });
  });
});
