// The chores' core (issue 25) against the fake WeChat API: followers paged past 10,000, details in
// batches of 100, remarks and tags, templates parsed and sent (43004, 40037 named), QR codes drawn
// locally and decoded back with jsQR (a decoder apart from the encoder), media uploads parsed as
// multipart by the fake, and files too large or of the wrong type refused before anything is sent.
import { inflateSync } from 'node:zlib';
import jsQR from 'jsqr';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Dashboard } from '../electron/core/dashboard';
import type { WxError } from '../electron/core/errors';
import type { Core } from '../electron/core/services';
import { APPID, makeCore, removeTempDirs, tempDir } from './fixtures/core';
import { FakeWeChat } from './fixtures/fake-wechat';
import { followerOpenid, templateIdOf } from './fixtures/fake-wechat-mp';

let fake: FakeWeChat;
let core: Core;

beforeEach(async () => {
  fake = await FakeWeChat.start();
  core = makeCore({ fake, dataDir: tempDir() });
});

afterEach(async () => {
  await core.close();
  await fake.close();
  removeTempDirs();
});

const refusal = async (p: Promise<unknown>) => (await p.then(() => expect.fail('expected a refusal'), (e: unknown) => e)) as WxError;
const PNG = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(100, 1)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 2)]);

/** A 1-bit greyscale PNG (the kind qr-png.ts writes) as RGBA, decoded here by hand. */
function pngToRgba(png: Buffer): { data: Uint8ClampedArray; width: number; height: number } {
  let at = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (at < png.length) {
    const len = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('latin1');
    const data = png.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9]]).toEqual([1, 0]);
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rowBytes = Math.ceil(width / 8);
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const bit = ((raw[y * (rowBytes + 1) + 1 + (x >> 3)] as number) >> (7 - (x & 7))) & 1;
      out.fill(bit ? 255 : 0, (y * width + x) * 4, (y * width + x) * 4 + 3);
      out[(y * width + x) * 4 + 3] = 255;
    }
  }
  return { data: out, width, height };
}

describe('followers', () => {
  it('pages past 10,000 with next_openid, and asks details 100 at a time', async () => {
    for (let i = 3; i < 10_250; i++) fake.addFollower(APPID, followerOpenid(APPID, i));
    const first = await core.chores.followerPage(APPID, '');
    expect(first.total).toBe(10_250);
    expect(first.openIds).toHaveLength(10_000);
    const second = await core.chores.followerPage(APPID, first.nextOpenId);
    expect(second.openIds).toHaveLength(250);
    expect(second.nextOpenId).toBe('');
    expect(new Set([...first.openIds, ...second.openIds]).size).toBe(10_250);
    const details = await core.chores.followerDetails(APPID, second.openIds);
    expect(details.map((d) => d.openId)).toEqual(second.openIds);
    expect(details[0]).toMatchObject({ subscribed: true, language: 'zh_CN', scene: 'ADD_SCENE_QR_CODE', subscribedAt: expect.any(Number) });
    expect(fake.calls.filter((c) => c.path === '/cgi-bin/user/info/batchget').map((c) => (JSON.parse(c.body) as { user_list: unknown[] }).user_list.length)).toEqual([100, 100, 50]);
  });

  it('sets a remark, creates a tag, tags and untags a follower; a bad openid is named (40003)', async () => {
    const { openIds } = await core.chores.followerPage(APPID, '');
    const who = openIds[0] as string;
    expect(await core.chores.followerRemark(APPID, who, '测试者')).toMatchObject({ openId: who, remark: '测试者' });
    const tag = await core.chores.tagCreate(APPID, '测试组');
    await core.chores.tagMembers(APPID, tag.id, [who], false);
    expect((await core.chores.tags(APPID)).find((t) => t.id === tag.id)).toEqual({ id: tag.id, name: '测试组', count: 1 });
    expect((await core.chores.followerDetails(APPID, [who]))[0]?.tagIds).toContain(tag.id);
    await core.chores.tagMembers(APPID, tag.id, [who], true);
    expect((await core.chores.followerDetails(APPID, [who]))[0]?.tagIds).not.toContain(tag.id);
    const e = await refusal(core.chores.followerRemark(APPID, 'oNoSuchFollower', 'x'));
    expect(e.code).toBe(40003);
    expect(e.view().message).toMatch(/openid/i);
  });
});

describe('templates', () => {
  it('parses the fields and sends with data, a url and a msgid', async () => {
    const [t] = await core.chores.templates(APPID);
    expect(t).toMatchObject({ templateId: templateIdOf(APPID), fields: ['first', 'keyword1', 'remark'] });
    const to = (await core.chores.followerPage(APPID, '')).openIds[0] as string;
    const sent = await core.chores.templateSend({ appId: APPID, templateId: t!.templateId, toOpenId: to, data: { first: { value: '你好', color: '#173177' }, keyword1: { value: 'A1' }, remark: { value: '谢谢' } }, url: 'https://example.com/o/1' });
    expect(sent.msgid).toBeGreaterThan(0);
    expect(fake.templateSends(APPID).at(-1)).toMatchObject({ touser: to, url: 'https://example.com/o/1', msgid: sent.msgid, data: { first: { value: '你好', color: '#173177' } } });
  });

  it('names 43004 (the follower left) and 40037 (a bad template_id), each with its rid', async () => {
    const to = (await core.chores.followerPage(APPID, '')).openIds[0] as string;
    const data = { first: { value: 'a' }, keyword1: { value: 'b' }, remark: { value: 'c' } };
    fake.chores.unfollow(APPID, to);
    const left = await refusal(core.chores.templateSend({ appId: APPID, templateId: templateIdOf(APPID), toOpenId: to, data }));
    expect([left.code, left.view().message, left.view().zh?.message]).toEqual([43004, expect.stringMatching(/does not follow/), expect.stringMatching(/未关注/)]);
    expect(left.rid).toBeTruthy();
    const other = (await core.chores.followerPage(APPID, '')).openIds[1] as string;
    const bad = await refusal(core.chores.templateSend({ appId: APPID, templateId: 'nope', toOpenId: other, data }));
    expect([bad.code, bad.view().message]).toEqual([40037, expect.stringMatching(/template_id/)]);
  });
});

describe('QR codes', () => {
  it('draws the code locally: jsQR reads back the url WeChat returned; temporary codes say when they expire', async () => {
    const qr = await core.chores.qrCreate({ appId: APPID, permanent: false, scene: 'promo-1', expireSeconds: 600 });
    expect(qr.expireSeconds).toBe(600);
    expect(qr.expiresAt).toBe(qr.at + 600_000);
    const img = pngToRgba(Buffer.from(qr.png, 'base64'));
    expect(jsQR(img.data, img.width, img.height)?.data).toBe(qr.url);
    const body = JSON.parse(fake.calls.find((c) => c.path === '/cgi-bin/qrcode/create')!.body);
    expect(body).toEqual({ action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str: 'promo-1' } }, expire_seconds: 600 });
    const forever = await core.chores.qrCreate({ appId: APPID, permanent: true, scene: 42 });
    expect(forever.expiresAt).toBeNull();
  });
});

describe('media', () => {
  it('uploads as multipart the fake parses, keeps the list with a 3-day expiry, and media/get answers binary', async () => {
    const up = await core.chores.mediaUpload(APPID, 'image', 'a.png', PNG);
    const parsed = fake.chores.uploads.at(-1)!;
    expect(parsed.parts).toEqual([{ name: 'media', fileName: 'a.png', contentType: 'image/png', bytes: PNG }]);
    expect(fake.calls.at(-1)?.query).toMatch(/type=image/);
    expect(up).toMatchObject({ kind: 'image', mediaId: expect.any(String), size: PNG.length, contentType: 'image/png' });
    expect(up.expiresAt).toBe(up.createdAt + 3 * 86_400_000);
    const img = await core.chores.mediaUpload(APPID, 'uploadimg', 'b.jpg', JPEG);
    expect(img.url).toMatch(/^http:\/\/mmbiz\.qpic\.cn\//);
    expect(img.expiresAt).toBeNull();
    expect(core.chores.mediaList(APPID).map((u) => u.fileName)).toEqual(['b.jpg', 'a.png']);
    const got = await core.console.send({ appId: APPID, method: 'GET', path: '/cgi-bin/media/get', query: [['media_id', up.mediaId!]], body: '' });
    expect(got.body).toBe('');
    expect(got.binary).toEqual({ contentType: 'image/png', size: PNG.length, base64: PNG.toString('base64') });
  });

  it('refuses before anything is sent: too large, the wrong content under a right name, a wrong name', async () => {
    const before = fake.calls.length;
    const big = Buffer.concat([JPEG, Buffer.alloc(64 * 1024)]);
    expect((await refusal(core.chores.mediaUpload(APPID, 'thumb', 't.jpg', big))).view().message).toMatch(/64 KB \(40006\)/);
    expect((await refusal(core.chores.mediaUpload(APPID, 'voice', 'v.mp3', PNG))).view().message).toMatch(/PNG by its content.*40005/);
    expect((await refusal(core.chores.mediaUpload(APPID, 'image', 'a.txt', PNG))).view().message).toMatch(/\.png/);
    expect(fake.calls.length).toBe(before);
  });

  it('the fake names 40004 and 40005 and 40007 when they reach it; the console shows WeChat\'s errors', async () => {
    const file = { field: 'media', fileName: 'a.png', base64: PNG.toString('base64') };
    const d = new Dashboard({ core, host: 'browser', version: 'test' });
    const wrongType = await d.handlers.consoleSend({ appId: APPID, method: 'POST', path: '/cgi-bin/media/upload', query: [['type', 'doc']], file });
    expect(wrongType.errcode).toBe(40004);
    const wrongExt = await d.handlers.consoleSend({ appId: APPID, method: 'POST', path: '/cgi-bin/media/upload', query: [['type', 'voice']], file });
    expect([wrongExt.errcode, wrongExt.error?.message]).toEqual([40005, expect.stringMatching(/format/)]);
    const gone = await d.handlers.consoleSend({ appId: APPID, method: 'GET', path: '/cgi-bin/media/get', query: [['media_id', 'nope']] });
    expect(gone.errcode).toBe(40007);
  });

  it('45009 (the daily quota) is named', async () => {
    fake.fail({ errcode: 45009 }, { path: '/cgi-bin/user/get' });
    const e = await refusal(core.chores.followerPage(APPID, ''));
    expect(e.code).toBe(45009);
  });
});
