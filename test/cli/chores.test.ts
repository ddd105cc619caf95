// `wxdesk followers`, `template list|send`, `qrcode`, `media upload` and `api --file/--out` as users
// run them, in process against the fake WeChat API: output, exit codes 0 / 1 / 2, Chinese under
// LANG=zh_CN, a PNG that jsQR reads back, and a file refused before anything is sent.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import jsQR from 'jsqr';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, type Io } from '../../electron/cli';
import { APPID, SECRET, removeTempDirs, tempDir } from '../fixtures/core';
import { FakeWeChat } from '../fixtures/fake-wechat';
import { followerOpenid, templateIdOf } from '../fixtures/fake-wechat-mp';

let fake: FakeWeChat;
let dir: string;

afterAll(removeTempDirs);

beforeEach(async () => {
  fake = await FakeWeChat.start();
  fake.addAccount(APPID, SECRET);
  dir = tempDir();
  const r = await cli(['accounts', 'add', '--app-id', APPID, '--secret', SECRET, '--api-base', fake.url]);
  expect(r.code, r.err).toBe(0);
});

afterEach(async () => {
  await fake.close();
});

async function cli(args: string[], env: NodeJS.ProcessEnv = { LANG: 'C.UTF-8' }): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (s) => void (out += s), err: (s) => void (err += s), env };
  const code = await runCli(['--data-dir', dir, ...args], io);
  return { code, out, err };
}

const PNG = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(64, 1)]);
const file = (name: string, bytes: Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};

/** The 1-bit greyscale PNG qr-png.ts writes, as RGBA for jsQR. */
function decodeQr(png: Buffer): string | undefined {
  let at = 8;
  let w = 0;
  const idat: Buffer[] = [];
  while (at < png.length) {
    const len = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('latin1');
    if (type === 'IHDR') w = png.readUInt32BE(at + 8);
    if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rb = Math.ceil(w / 8);
  const rgba = new Uint8ClampedArray(w * w * 4);
  for (let y = 0; y < w; y++) for (let x = 0; x < w; x++) rgba.fill((((raw[y * (rb + 1) + 1 + (x >> 3)] as number) >> (7 - (x & 7))) & 1) * 255, (y * w + x) * 4, (y * w + x) * 4 + 4);
  return jsQR(rgba, w, w)?.data;
}

describe('wxdesk followers / template / qrcode / media', () => {
  it('followers lists every follower with details; --json the list', async () => {
    const r = await cli(['followers']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(new RegExp(`^${APPID}: 3 followers\\n`));
    expect(r.out).toContain(followerOpenid(APPID, 0));
    const j = await cli(['followers', APPID, '--json']);
    expect(JSON.parse(j.out)).toHaveLength(3);
    expect((await cli(['followers', 'wx123'])).code).toBe(2);
  });

  it('template list and send: msgid, a color; 43004 and 40037 exit 1 with the code named', async () => {
    const list = await cli(['template', 'list']);
    expect(list.out).toContain(`${templateIdOf(APPID)}  订单状态通知\n  fields: first, keyword1, remark`);
    const to = followerOpenid(APPID, 0);
    const args = ['template', 'send', '--template-id', templateIdOf(APPID), '--to', to, '--data', 'first=你好#173177', '--data', 'keyword1=A1', '--data', 'remark=谢谢', '--url', 'https://example.com/'];
    const sent = await cli(args);
    expect(sent.code, sent.err).toBe(0);
    expect(sent.out).toMatch(/^Sent, msgid \d+\n$/);
    expect(fake.templateSends(APPID).at(-1)?.data).toMatchObject({ first: { value: '你好', color: '#173177' } });
    fake.chores.unfollow(APPID, to);
    const left = await cli(args, { LANG: 'zh_CN.UTF-8' });
    expect([left.code, left.err]).toEqual([1, expect.stringMatching(/43004.*未关注|未关注.*43004/s)]);
    const bad = await cli(['template', 'send', '--template-id', 'nope', '--to', followerOpenid(APPID, 1), '--data', 'first=a']);
    expect([bad.code, bad.err]).toEqual([1, expect.stringContaining('40037')]);
    expect((await cli(['template', 'send', '--to', to])).code).toBe(2);
    expect((await cli(['template', 'sned'])).code).toBe(2);
  });

  it('qrcode prints ticket, url and expiry, and --png saves a code jsQR reads back to the url', async () => {
    const png = join(dir, 'qr.png');
    const r = await cli(['qrcode', '--scene', 'promo', '--expire', '600', '--png', png]);
    expect(r.code, r.err).toBe(0);
    const url = /^url: (.+)$/m.exec(r.out)?.[1];
    expect(url).toMatch(/^http:\/\/weixin\.qq\.com\/q\//);
    expect(r.out).toMatch(/^expires: \d{4}-/m);
    expect(decodeQr(readFileSync(png))).toBe(url);
    expect((await cli(['qrcode', '--scene', '7', '--permanent'])).out).toMatch(/expires: never/);
    expect((await cli(['qrcode', '--scene', '1', '--expire', '10'])).code).toBe(2);
    expect((await cli(['qrcode'])).code).toBe(2);
  });

  it('media upload prints the media_id; a file of the wrong content is refused before sending (exit 2)', async () => {
    const up = await cli(['media', 'upload', 'image', file('a.png', PNG)]);
    expect(up.code, up.err).toBe(0);
    const id = /^media_id: (\S+)$/m.exec(up.out)?.[1];
    expect(fake.chores.media(APPID, id!)?.bytes).toEqual(PNG);
    const before = fake.calls.length;
    const bad = await cli(['media', 'upload', 'voice', file('v.mp3', PNG)], { LANG: 'zh_CN.UTF-8' });
    expect([bad.code, bad.err]).toEqual([2, expect.stringMatching(/未发送任何内容/)]);
    expect(fake.calls.length).toBe(before);
    expect((await cli(['media', 'upload', 'doc', 'x'])).code).toBe(2);
  });

  it('api --file sends multipart; a binary answer goes to --out only (without it: exit 2, nothing printed)', async () => {
    const up = await cli(['api', 'POST', '/cgi-bin/media/upload', '--query', 'type=image', '--file', `media=@${file('b.png', PNG)}`]);
    expect(up.code, up.err).toBe(0);
    const id = (JSON.parse(up.out) as { media_id: string }).media_id;
    const shown = await cli(['api', 'GET', '/cgi-bin/media/get', '--query', `media_id=${id}`]);
    expect([shown.code, shown.out, shown.err]).toEqual([2, '', expect.stringContaining(`binary (image/png, ${PNG.length} bytes)`)]);
    const out = join(dir, 'got.png');
    const saved = await cli(['api', 'GET', '/cgi-bin/media/get', '--query', `media_id=${id}`, '--out', out]);
    expect(saved.code, saved.err).toBe(0);
    expect(readFileSync(out)).toEqual(PNG);
    const wrong = await cli(['api', 'POST', '/cgi-bin/media/upload', '--query', 'type=voice', '--file', `media=@${file('c.png', PNG)}`]);
    expect([wrong.code, wrong.err]).toEqual([1, expect.stringContaining('40005')]);
  });
});
