// The phone simulator's core against callback servers written apart from WxDesk (node:crypto only):
// every kind of push round-trips in all three message modes, each broken server is drawn as the
// follower's "cannot serve" line with its cause, the check refuses bad XML at its line with nothing
// sent, and a retry sends one MsgId three times on the core's clock.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeMode, PushExchange, PushKind } from '../electron/contract';
import { errorView } from '../electron/core/dashboard';
import type { Core } from '../electron/core/services';
import { KIND_NAMES } from '../electron/core/simulator/kinds';
import { RETRY_GAP_MS, Simulator, retryGapMs } from '../electron/core/simulator/simulator';
import { CallbackServer, newAesKey, type CallbackFault } from './fixtures/callback-servers';
import { FakeClock, settle } from './fixtures/clock';
import { APPID, makeCore, removeTempDirs } from './fixtures/core';
import { FakeWeChat } from './fixtures/fake-wechat';

const TOKEN = 'simToken1';
const AES = newAesKey();
let fake: FakeWeChat;
let core: Core;
const servers: CallbackServer[] = [];

beforeAll(async () => {
  fake = await FakeWeChat.start();
  core = makeCore({ fake });
  await core.accounts.save({ appId: APPID, serverToken: TOKEN, aesKey: AES });
});

afterAll(async () => {
  await core.close();
  await fake.close();
  removeTempDirs();
});

afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function server(mode: ProbeMode, fault?: CallbackFault, more: Partial<Parameters<typeof CallbackServer.start>[0]> = {}): Promise<CallbackServer> {
  const s = await CallbackServer.start({ token: TOKEN, mode, aesKey: AES, appId: APPID, ...(fault ? { fault } : {}), ...more });
  servers.push(s);
  return s;
}

const send = (kind: PushKind, url: string, mode: ProbeMode, fields?: Record<string, string>) => core.simulator.send({ appId: APPID, kind, url, mode, ...(fields ? { fields } : {}) });

/** What the fixture answers each kind with, as the phone draws it. */
const EXPECTED: Record<PushKind, (x: PushExchange) => unknown> = {
  text: () => ({ kind: 'text', content: 'You said: Hello' }),
  image: (x) => ({ kind: 'image', mediaId: field(x.xml, 'MediaId') }),
  voice: (x) => ({ kind: 'voice', mediaId: field(x.xml, 'MediaId') }),
  video: (x) => ({ kind: 'video', mediaId: field(x.xml, 'MediaId'), title: 'Your video', description: 'video' }),
  shortvideo: (x) => ({ kind: 'video', mediaId: field(x.xml, 'MediaId'), title: 'Your video', description: 'shortvideo' }),
  location: () => ({ kind: 'text', content: 'You are at 23.134521,113.358803 (广州市海珠区新港中路397号)' }),
  link: () => ({ kind: 'news', articles: [{ title: 'WxDesk', description: 'A link sent from the simulator', picUrl: 'https://example.com/cover.jpg', url: 'https://mp.weixin.qq.com/' }] }),
  subscribe: () => ({ kind: 'text', content: 'Welcome' }),
  unsubscribe: () => ({ kind: 'none' }),
  SCAN: () => ({ kind: 'text', content: 'Scanned 123123' }),
  LOCATION: () => ({ kind: 'none' }),
  CLICK: () => ({ kind: 'text', content: 'V1001_TODAY_MUSIC' }),
  VIEW: () => ({ kind: 'none' }),
  scancode_push: () => ({ kind: 'text', content: 'rselfmenu_0_1: https://weixin.qq.com/r/wxdesk-simulated-scan' }),
  scancode_waitmsg: () => ({ kind: 'text', content: 'rselfmenu_0_0: https://weixin.qq.com/r/wxdesk-simulated-scan' }),
  pic_sysphoto: () => ({ kind: 'text', content: 'rselfmenu_1_0: 1 picture(s)' }),
  pic_photo_or_album: () => ({ kind: 'text', content: 'rselfmenu_1_1: 1 picture(s)' }),
  pic_weixin: () => ({ kind: 'text', content: 'rselfmenu_1_2: 1 picture(s)' }),
  location_select: () => ({ kind: 'text', content: 'rselfmenu_2_0: 广州市海珠区客村艺苑路 106号' }),
  view_miniprogram: () => ({ kind: 'none' }),
  TEMPLATESENDJOBFINISH: () => ({ kind: 'none' }),
};

function field(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))</${name}>`).exec(xml)?.slice(1).find((v) => v !== undefined);
}

describe('every kind round-trips', () => {
  for (const mode of ['plain', 'compatible', 'safe'] as const) {
    it(`in ${mode} mode`, async () => {
      const cb = await server(mode);
      expect(Object.keys(EXPECTED).sort()).toEqual([...KIND_NAMES].sort());
      for (const kind of KIND_NAMES) {
        const x = await send(kind, cb.url, mode);
        expect({ kind, verdict: x.verdict, findings: x.findings[0]!.text.en }).toEqual({ kind, verdict: 'pass', findings: expect.any(String) });
        expect(x.reply, kind).toEqual(EXPECTED[kind](x));
        // The server read exactly the push WxDesk meant to send (decrypted in safe mode).
        expect(cb.pushes.at(-1), kind).toBe(x.xml);
        const q = cb.requests.at(-1)!.query;
        expect(q.openid).toBe(x.openId);
        expect(q.encrypt_type === 'aes').toBe(mode !== 'plain');
        if (mode === 'safe') expect(cb.requests.at(-1)!.body).not.toContain('<MsgType>');
        if (mode === 'compatible') expect(cb.requests.at(-1)!.body).toMatch(/<MsgType>[\s\S]*<Encrypt>/);
      }
      expect(cb.pushes).toHaveLength(KIND_NAMES.length);
    });
  }

  it('nested fields from dotted names, several pictures as items, menu keys as given', async () => {
    const cb = await server('plain');
    const x = await send('pic_weixin', cb.url, 'plain', { EventKey: 'PICS', 'SendPicsInfo.PicList.item.PicMd5Sum': 'aaa,bbb' });
    expect(x.xml).toContain('<SendPicsInfo>\n<Count>2</Count>\n<PicList>\n<item><PicMd5Sum><![CDATA[aaa]]></PicMd5Sum></item>\n<item><PicMd5Sum><![CDATA[bbb]]></PicMd5Sum></item>\n</PicList>\n</SendPicsInfo>');
    expect(x.reply).toEqual({ kind: 'text', content: 'PICS: 2 picture(s)' });
    const scan = await send('scancode_waitmsg', cb.url, 'plain', { 'ScanCodeInfo.ScanResult': 'hello' });
    expect(scan.xml).toContain('<ScanCodeInfo>\n<ScanType><![CDATA[qrcode]]></ScanType>\n<ScanResult><![CDATA[hello]]></ScanResult>\n</ScanCodeInfo>');
    const music = await send('text', cb.url, 'plain', { Content: 'music' });
    expect(music.reply).toMatchObject({ kind: 'music', title: 'Song', hqMusicUrl: 'https://example.com/a-hq.mp3' });
    expect((await send('text', cb.url, 'plain', { Content: 'kefu' })).reply).toEqual({ kind: 'transfer_customer_service' });
    const lines = await send('text', cb.url, 'plain', { Content: 'a\nb <a href="https://x.example/">x</a>' });
    expect(lines.reply).toEqual({ kind: 'text', content: 'You said: a\nb <a href="https://x.example/">x</a>' });
  });

  it('accepts a reply whose CreateTime is in milliseconds, as WeChat does, and says so', async () => {
    const cb = await server('plain', undefined, { createTimeMs: true });
    const x = await send('text', cb.url, 'plain');
    expect(x.reply).toEqual({ kind: 'text', content: 'You said: Hello' });
    expect(x.verdict).toBe('warning');
    expect(x.findings.map((f) => f.text.en).join(' ')).toMatch(/milliseconds/);
  });
});

describe('a reply WeChat would not show is drawn as "cannot serve", with its cause', () => {
  const cases: [CallbackFault, ProbeMode, RegExp][] = [
    ['json-reply', 'plain', /neither "success", an empty body nor a reply XML/],
    ['no-swap', 'plain', /not swapped/],
    ['html-error', 'plain', /HTTP 500[\s\S]*HTML page/],
    ['plain-reply', 'safe', /not encrypted/],
    ['bad-reply-signature', 'safe', /MsgSignature .* does not verify/],
    ['wrong-key', 'safe', /does not decrypt/],
  ];
  for (const [fault, mode, cause] of cases) {
    it(fault, async () => {
      const x = await send('text', (await server(mode, fault)).url, mode);
      expect(x.verdict).toBe('fail');
      expect(x.reply.kind).toBe('cannot_serve');
      expect((x.reply as { cause: { en: string } }).cause.en).toMatch(cause);
      expect(x.findings[0]).toMatchObject({ verdict: 'fail' });
    });
  }

  it('an answer after 5 s', { timeout: 20_000 }, async () => {
    const x = await send('CLICK', (await server('plain', 'slow', { slowMs: 5_300 })).url, 'plain');
    expect(x.reply.kind).toBe('cannot_serve');
    expect((x.reply as { cause: { en: string } }).cause.en).toMatch(/took 5\.\d s\. WeChat waits 5 s/);
  });

  // An attacker's push (forgeSignature): the server must refuse it; a reply to it is drawn as the
  // "cannot serve" line with the cause, in plain and in safe mode (where msg_signature is forged too).
  for (const mode of ['plain', 'safe'] as const) {
    it(`forged signature accepted (${mode} mode)`, async () => {
      const cb = await server(mode, 'accepts-forged');
      const x = await core.simulator.send({ appId: APPID, kind: 'text', url: cb.url, mode, forgeSignature: true });
      expect(x.forged).toBe(true);
      expect(x.verdict).toBe('fail');
      expect(x.reply.kind).toBe('cannot_serve');
      expect((x.reply as { cause: { en: string } }).cause.en).toMatch(/^Forged signature accepted/);
      const sent = new URL(x.exchanges[0]!.request.url);
      expect(sent.searchParams.get('signature')).toMatch(/^[0-9a-f]{40}$/);
      expect(cb.pushes).toHaveLength(1);
    });

    it(`a forged push refused with 403 is a pass (${mode} mode), and a retry of it is one send`, async () => {
      const cb = await server(mode);
      const x = await core.simulator.retry({ appId: APPID, kind: 'text', url: cb.url, mode, forgeSignature: true });
      expect(x.exchanges).toHaveLength(1);
      expect(x.exchanges[0]!.response?.status).toBe(403);
      expect(x).toMatchObject({ verdict: 'pass', reply: { kind: 'none' } });
      expect(cb.pushes).toHaveLength(0);
    });
  }

  it('nothing listening', async () => {
    const cb = await server('plain');
    const url = cb.url;
    await cb.close();
    servers.pop();
    const x = await send('text', url, 'plain');
    expect(x.reply.kind).toBe('cannot_serve');
    expect((x.reply as { cause: { en: string } }).cause.en).toMatch(/Nothing is listening/);
  });
});

describe('the check', () => {
  const refused = async (input: Parameters<Core['simulator']['send']>[0]) => errorView(await core.simulator.send(input).then(() => null, (e: unknown) => e));

  it('finds a syntax error at its line, and nothing is sent', async () => {
    const cb = await server('plain');
    const xml = '<xml>\n<ToUserName><![CDATA[gh_000000000000]]></ToUserName>\n<FromUserName><![CDATA[oAbc123]]></FromUserName>\n<CreateTime>1</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content>a < b</Content>\n<MsgId>1</MsgId>\n</xml>';
    const preview = await core.simulator.preview({ appId: APPID, kind: 'text', xml });
    expect(preview.problems).toEqual([{ line: 6, text: { en: expect.stringMatching(/^Line 6: A "<" that does not start an element name/), zh: expect.stringMatching(/^第 6 行/) } }]);
    const fixed = xml.replace('a < b', 'a &lt; b');
    expect((await core.simulator.preview({ appId: APPID, kind: 'text', xml: fixed })).problems).toEqual([]);
    const unclosed = await core.simulator.preview({ appId: APPID, kind: 'text', xml: fixed.replace('</MsgId>', '') });
    expect(unclosed.problems).toEqual([{ line: 8, text: { en: 'Line 8: </xml> closes <MsgId> (line 7): the names must match.', zh: expect.stringMatching(/^第 8 行/) } }]);
    const view = await refused({ appId: APPID, kind: 'text', xml, url: cb.url });
    expect(view.code).toBe('INVALID_INPUT');
    expect(view.message).toMatch(/Nothing was sent: Line 6/);
    expect(cb.requests).toHaveLength(0);
  });

  it('names a missing required field, a wrong type, a URL that is not http(s), control characters and XML over 64 KB', async () => {
    const cb = await server('plain');
    const base = '<xml><ToUserName><![CDATA[gh_0]]></ToUserName><FromUserName><![CDATA[oAbc123]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[CLICK]]></Event></xml>';
    expect((await core.simulator.preview({ appId: APPID, kind: 'CLICK', xml: base })).problems.map((p) => p.text.en)).toEqual(['A CLICK push needs <EventKey>.']);
    const cases: [Record<string, string>, PushKind, RegExp][] = [
      [{ Location_X: 'north' }, 'location', /Location_X must be a number/],
      [{ PicUrl: 'file:///etc/passwd' }, 'image', /PicUrl must be an http:\/\/ or https:\/\/ URL/],
      [{ Content: 'a\u0007b' }, 'text', /control character \(U\+0007\)/],
      [{ Content: 'x'.repeat(3000) }, 'text', /Content is 3000 characters long: at most 2048/],
      [{ Content: 'a]]>b' }, 'text', /cannot contain "]]>"/],
      [{ Nope: '1' }, 'text', /text has no field Nope/],
      [{ MsgType: 'image' }, 'text', /MsgType of a text push is text/],
    ];
    for (const [fields, kind, why] of cases) {
      const view = await refused({ appId: APPID, kind, fields, url: cb.url });
      expect(view.message, JSON.stringify(fields)).toMatch(why);
      expect(view.zh?.message).toMatch(/未发送/);
    }
    const big = base.replace('</xml>', `<EventKey><![CDATA[${'k'.repeat(70_000)}]]></EventKey></xml>`);
    expect((await refused({ appId: APPID, kind: 'CLICK', xml: big, url: cb.url })).message).toMatch(/64 KB/);
    expect((await refused({ appId: APPID, kind: 'text', url: 'ftp://127.0.0.1/x' })).message).toMatch(/http:\/\/ or https:\/\//);
    expect(cb.requests).toHaveLength(0);
  });

  it('says what to do when the account has no callback URL', async () => {
    const view = await refused({ appId: APPID, kind: 'text' });
    expect(view.message).toMatch(/no callback URL yet.*run the probe once/);
  });
});

describe('retry, log and followers', () => {
  it('sends one MsgId three times 5 s apart on the core clock, and sees whether it was handled once', async () => {
    const clock = new FakeClock(Date.now());
    const sim = new Simulator({ accounts: core.accounts, dataDir: core.dataDir, clock });
    for (const [fault, same] of [[undefined, true], ['no-dedupe', false]] as const) {
      const cb = await server('safe', fault);
      const run = sim.retry({ appId: APPID, kind: 'text', url: cb.url, mode: 'safe' });
      for (let i = 0; i < 2; i++) {
        while (clock.pending().length === 0) await settle();
        await clock.advance(5_000);
      }
      const x = await run;
      expect(x.exchanges).toHaveLength(3);
      expect(x.retry).toEqual({ sends: 3, sameReply: same });
      // The same ciphertext each time (one MsgId); the query signed anew.
      expect(new Set(cb.requests.map((r) => r.body)).size).toBe(1);
      expect(cb.handled).toBe(same ? 1 : 3);
      if (!same) expect(x.findings.map((f) => f.text.en).join(' ')).toMatch(/handled it more than once/);
    }
  });

  it('takes a shorter retry gap from WXDESK_TEST_RETRY_GAP_MS (tests only), never a longer one, and ignores anything else', () => {
    expect(RETRY_GAP_MS).toBe(5_000);
    expect(retryGapMs({})).toBe(5_000);
    expect(retryGapMs({ WXDESK_TEST_RETRY_GAP_MS: '50' })).toBe(50);
    expect(retryGapMs({ WXDESK_TEST_RETRY_GAP_MS: '0' })).toBe(0);
    for (const v of ['', '-1', '1e3', '50ms', ' 50', '9999', '60000', '0x10']) expect(retryGapMs({ WXDESK_TEST_RETRY_GAP_MS: v }), v).toBe(5_000);
  });

  it('keeps 200 exchanges per account, and forgets the log and followers with the account', async () => {
    const cb = await server('plain');
    const sim = new Simulator({ accounts: core.accounts, dataDir: core.dataDir });
    const followers = await sim.saveFollowers(APPID, [{ openId: 'oFollowerOne0000000000000001', name: 'Ann' }, { openId: 'oFollowerTwo0000000000000002', name: 'Bo' }]);
    expect(await new Simulator({ accounts: core.accounts, dataDir: core.dataDir }).followers(APPID)).toEqual(followers);
    const x = await sim.send({ appId: APPID, kind: 'text', url: cb.url, mode: 'plain', openId: followers[1]!.openId });
    expect(field(x.xml, 'FromUserName')).toBe(followers[1]!.openId);
    await expect(sim.saveFollowers(APPID, [{ openId: 'bad id', name: 'x' }])).rejects.toThrow(/OpenID/);
    for (let i = 0; i < 201; i++) await sim.send({ appId: APPID, kind: 'unsubscribe', url: cb.url, mode: 'plain' });
    expect(sim.log(APPID)).toHaveLength(200);
    expect(sim.log(APPID)[0]!.kind).toBe('unsubscribe');
    await core.accounts.remove(APPID);
    await settle();
    await expect(async () => sim.log(APPID)).rejects.toThrow();
    await core.accounts.save({ appId: APPID, secret: '0123456789abcdef0123456789abcdef', serverToken: TOKEN, aesKey: AES, apiBase: fake.url });
    expect(sim.log(APPID)).toEqual([]);
    const fresh = await sim.followers(APPID);
    expect(fresh).toHaveLength(1);
    expect(fresh[0]!.openId).toMatch(/^o[A-Za-z0-9_-]{27}$/);
    // Unnamed: the page names it by its place in its own language ("Follower 1", "粉丝 1"), not the core in English.
    expect(fresh[0]!.name).toBe('');
  }, 60_000);

  it('keeps an unnamed follower unnamed (the first one the core makes is), and still refuses a long name or a control character', async () => {
    const sim = new Simulator({ accounts: core.accounts, dataDir: core.dataDir });
    const saved = await sim.saveFollowers(APPID, [{ openId: 'oUnnamed00000000000000000001', name: '' }, { openId: 'oUnnamed00000000000000000002', name: '  ' }, { openId: 'oUnnamed00000000000000000003', name: ' 小明 ' }]);
    expect(saved.map((f) => f.name)).toEqual(['', '', '小明']);
    expect(await new Simulator({ accounts: core.accounts, dataDir: core.dataDir }).followers(APPID)).toEqual(saved);
    await expect(sim.saveFollowers(APPID, [{ openId: 'oUnnamed00000000000000000001', name: 'x'.repeat(33) }])).rejects.toThrow(/at most 32 characters/);
    await expect(sim.saveFollowers(APPID, [{ openId: 'oUnnamed00000000000000000001', name: 'a\u0007' }])).rejects.toThrow(/control characters/);
  });
});
