// The pure parts of the Simulator tab and the phone drawing: how WeChat cuts menu names and lays out
// the bar, how a tap maps to a push, how a draft menu is read, how a text reply's links are made
// safe, and what the follower's side of the chat says.
import { describe, expect, it } from 'vitest';
import type { MenuButton, MenuButtonType } from '../electron/contract';
import { cutMenuName, layoutMenu, widthOf } from '../renderer/src/ui/phone/menu-layout';
import { httpUrl, replyTextParts } from '../renderer/src/ui/phone/reply-text';
import { DEFAULT_PIC_MD5, planTap, scanPush } from '../renderer/src/features/simulator/menu-push';
import { jsonErrorLine, readMenu } from '../renderer/src/features/simulator/menu-source';
import { PUSHES, filledFields } from '../renderer/src/features/simulator/push-kinds';
import { saidOf, xmlField } from '../renderer/src/features/simulator/said';

describe('menu names, cut where the phone cuts them', () => {
  it('keeps 4 Chinese characters at the top level and 8 in a sub-menu, then "…"', () => {
    expect(cutMenuName('今日歌曲', 'top')).toBe('今日歌曲');
    expect(cutMenuName('今日歌曲推荐', 'top')).toBe('今日歌曲…');
    expect(cutMenuName('赞一下我们吧好不好', 'sub')).toBe('赞一下我们吧好不…');
    expect(cutMenuName('赞一下我们吧好不', 'sub')).toBe('赞一下我们吧好不');
  });

  it('counts a Latin letter, digit or space as half a Chinese character', () => {
    expect(widthOf('a')).toBe(1);
    expect(widthOf('中')).toBe(2);
    expect(widthOf('Ａ')).toBe(2);
    expect(cutMenuName('Settings', 'top')).toBe('Settings');
    expect(cutMenuName('Settings!', 'top')).toBe('Settings…');
    expect(cutMenuName('ab中文cd', 'top')).toBe('ab中文cd');
    expect(cutMenuName('ab中文cde', 'top')).toBe('ab中文cd…');
    // A wide character that would overflow the room is left out whole, never split.
    expect(cutMenuName('abc中文字', 'top')).toBe('abc中文…');
  });

  it('never splits an emoji with its modifiers', () => {
    const cut = cutMenuName('👍🏽👍🏽👍🏽👍🏽👍🏽', 'top');
    expect(cut).toBe('👍🏽👍🏽👍🏽👍🏽…');
  });

  it('lays out at most 3 buttons with at most 5 sub-buttons, and counts what it leaves out', () => {
    const sub = (n: number): MenuButton[] => Array.from({ length: n }, (_, i) => ({ name: `子菜单${i}`, type: 'click', key: `K${i}` }));
    const { buttons, leftOut } = layoutMenu({
      button: [
        { name: '第一个按钮很长', sub_button: sub(7) },
        { name: 'B', type: 'click', key: 'B' },
        { name: 'C', sub_button: sub(5) },
        { name: 'D', type: 'click', key: 'D' },
      ],
    });
    expect(buttons.map((b) => b.shown)).toEqual(['第一个按…', 'B', 'C']);
    expect(buttons.map((b) => b.subs.length)).toEqual([5, 0, 5]);
    expect(buttons[0]!.button.name).toBe('第一个按钮很长');
    expect(leftOut).toBe(1 + 2);
  });
});

describe('a tap maps to the push WeChat sends', () => {
  const tap = (type: MenuButtonType, extra: Partial<MenuButton> = {}) => planTap({ name: 'N', type, key: 'KEY_1', ...extra });

  it('click → CLICK with its key; view → VIEW with the URL, shown', () => {
    expect(tap('click')).toEqual({ kind: 'push', push: { kind: 'CLICK', fields: { EventKey: 'KEY_1' } } });
    expect(tap('view', { url: 'https://example.com/a' })).toEqual({
      kind: 'push',
      push: { kind: 'VIEW', fields: { EventKey: 'https://example.com/a' } },
      note: { note: 'view', url: 'https://example.com/a' },
    });
  });

  it('scancode_* asks for the scanned text, then sends ScanCodeInfo', () => {
    expect(tap('scancode_push')).toEqual({ kind: 'scan', event: 'scancode_push', key: 'KEY_1' });
    expect(tap('scancode_waitmsg')).toEqual({ kind: 'scan', event: 'scancode_waitmsg', key: 'KEY_1' });
    expect(scanPush('scancode_waitmsg', 'KEY_1', 'hello')).toEqual({
      kind: 'scancode_waitmsg',
      fields: { EventKey: 'KEY_1', 'ScanCodeInfo.ScanType': 'qrcode', 'ScanCodeInfo.ScanResult': 'hello' },
    });
  });

  it('pic_* → SendPicsInfo; location_select → SendLocationInfo', () => {
    for (const type of ['pic_sysphoto', 'pic_photo_or_album', 'pic_weixin'] as const) {
      expect(tap(type)).toEqual({ kind: 'push', push: { kind: type, fields: { EventKey: 'KEY_1', 'SendPicsInfo.Count': '1', 'SendPicsInfo.PicList.item.PicMd5Sum': DEFAULT_PIC_MD5 } } });
    }
    const loc = tap('location_select');
    expect(loc.kind).toBe('push');
    if (loc.kind !== 'push') return;
    expect(loc.push.kind).toBe('location_select');
    expect(Object.keys(loc.push.fields)).toEqual([
      'EventKey',
      'SendLocationInfo.Location_X',
      'SendLocationInfo.Location_Y',
      'SendLocationInfo.Scale',
      'SendLocationInfo.Label',
      'SendLocationInfo.Poiname',
    ]);
  });

  it('miniprogram → view_miniprogram with the pagepath, appid and pagepath shown', () => {
    expect(tap('miniprogram', { appid: 'wx286b93c14bbf93aa', pagepath: 'pages/lunar/index', url: 'http://mp.weixin.qq.com' })).toEqual({
      kind: 'push',
      push: { kind: 'view_miniprogram', fields: { EventKey: 'pages/lunar/index' } },
      note: { note: 'miniprogram', appid: 'wx286b93c14bbf93aa', pagepath: 'pages/lunar/index' },
    });
  });

  it('media_id and article buttons push nothing: WeChat answers them itself', () => {
    expect(tap('media_id', { media_id: 'M1' })).toEqual({ kind: 'none', note: { note: 'media', id: 'M1' } });
    expect(tap('article_id', { article_id: 'A1' })).toEqual({ kind: 'none', note: { note: 'article', id: 'A1' } });
    expect(tap('article_view_limited', { article_id: 'A2' })).toEqual({ kind: 'none', note: { note: 'article', id: 'A2' } });
    expect(planTap({ name: 'Parent' })).toEqual({ kind: 'none', note: { note: 'untyped', name: 'Parent' } });
  });
});

describe('a draft menu, read', () => {
  it('takes menu/create JSON and menu/get answers (empty sub_button on leaves dropped)', () => {
    const create = readMenu('{"button":[{"type":"click","name":"A","key":"K"},{"name":"B","sub_button":[{"type":"view","name":"V","url":"https://x.example"}]}]}');
    expect(create).toEqual({ ok: true, menu: { button: [{ type: 'click', name: 'A', key: 'K' }, { name: 'B', sub_button: [{ type: 'view', name: 'V', url: 'https://x.example' }] }] } });
    const get = readMenu('{"menu":{"button":[{"type":"click","name":"A","key":"K","sub_button":[]}]}}');
    expect(get).toEqual({ ok: true, menu: { button: [{ type: 'click', name: 'A', key: 'K' }] } });
  });

  it('says where JSON is broken, and what is missing', () => {
    const broken = readMenu('{\n  "button": [\n    {"name": "A",}\n  ]\n}');
    expect(broken.ok).toBe(false);
    if (!broken.ok) {
      expect(broken.line).toBe(3);
      expect(broken.problem.zh).toMatch(/JSON/);
    }
    expect(readMenu('')).toMatchObject({ ok: false });
    expect(readMenu('{"buttons":[]}')).toMatchObject({ ok: false, problem: { en: expect.stringContaining('"button"') } });
    expect(readMenu('{"button":[{"type":"click"}]}')).toMatchObject({ ok: false, problem: { en: 'button[0] has no "name".' } });
    expect(readMenu('{"button":[{"name":"P","sub_button":[7]}]}')).toMatchObject({ ok: false, problem: { en: 'button[0].sub_button[0] is not an object.' } });
    expect(jsonErrorLine('a\nb\nc', 'Unexpected token in JSON at position 4')).toBe(3);
  });
});

describe('a text reply, drawn safely', () => {
  it('makes http(s) <a href> links, keeps other markup and line breaks as text', () => {
    expect(replyTextParts('Hi\n<a href="https://example.com/x?a=1&amp;b=2">docs</a> and <b>bold</b>')).toEqual([
      { kind: 'text', text: 'Hi\n' },
      { kind: 'link', href: 'https://example.com/x?a=1&b=2', text: 'docs' },
      { kind: 'text', text: ' and <b>bold</b>' },
    ]);
    expect(replyTextParts("<a href='http://a.example'>a</a>")).toEqual([{ kind: 'link', href: 'http://a.example/', text: 'a' }]);
  });

  it('shows a link to anything but http(s) as its words only', () => {
    expect(replyTextParts('<a href="javascript:alert(1)">click</a>!')).toEqual([{ kind: 'text', text: 'click!' }]);
    expect(replyTextParts('<a href="data:text/html,x">d</a>')).toEqual([{ kind: 'text', text: 'd' }]);
    expect(replyTextParts('<a href=" JAVASCRIPT:alert(1)">x</a>')).toEqual([{ kind: 'text', text: 'x' }]);
    expect(replyTextParts('<img src=x onerror=alert(1)>')).toEqual([{ kind: 'text', text: '<img src=x onerror=alert(1)>' }]);
    expect(httpUrl('weixin://dl/chat')).toBeUndefined();
    expect(httpUrl('/relative')).toBeUndefined();
    expect(httpUrl('https://ok.example/p.jpg')).toBe('https://ok.example/p.jpg');
  });
});

describe('the follower’s side of the chat', () => {
  const push = (inner: string) => `<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o1]]></FromUserName><CreateTime>1</CreateTime>${inner}</xml>`;

  it('says what the follower sent or did, from the XML', () => {
    expect(saidOf(push('<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好\nthere]]></Content>'))).toEqual({ key: 'said.text', vars: { text: '你好\nthere' } });
    expect(saidOf(push('<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[CLICK]]></Event><EventKey><![CDATA[V1]]></EventKey>'), '今日歌曲')).toEqual({ key: 'said.click', vars: { name: '今日歌曲' } });
    expect(saidOf(push('<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event><EventKey><![CDATA[qrscene_1]]></EventKey>'))).toEqual({ key: 'said.subscribeScene', vars: { key: 'qrscene_1' } });
    expect(
      saidOf(push('<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[scancode_push]]></Event><EventKey><![CDATA[S]]></EventKey><ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult><![CDATA[abc]]></ScanResult></ScanCodeInfo>')),
    ).toEqual({ key: 'said.scancode', vars: { name: 'S', text: 'abc' } });
    // TEMPLATESENDJOBFINISH is explained by its Status (the three WeChat documents, any other as given).
    const job = (status: string) => saidOf(push(`<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event><MsgID>200163836</MsgID><Status><![CDATA[${status}]]></Status>`));
    expect(job('success')).toEqual({ key: 'said.template.success', vars: { status: 'success', msgid: '200163836' }, system: true });
    expect(job('failed:user block').key).toBe('said.template.block');
    expect(job('failed: system failed').key).toBe('said.template.system');
    expect(job('failed:freq limit').key).toBe('said.template');
    expect(xmlField('<a><B> 12 </B></a>', 'B')).toBe('12');
  });

  it('offers a form for every message and event kind', () => {
    const kinds = new Set(PUSHES.map((p) => p.kind));
    for (const kind of ['text', 'image', 'voice', 'video', 'shortvideo', 'location', 'link', 'subscribe', 'unsubscribe', 'SCAN', 'LOCATION', 'CLICK', 'VIEW', 'scancode_push', 'scancode_waitmsg', 'pic_sysphoto', 'pic_photo_or_album', 'pic_weixin', 'location_select', 'view_miniprogram', 'TEMPLATESENDJOBFINISH']) {
      expect(kinds.has(kind as never), kind).toBe(true);
    }
    expect(new Set(PUSHES.map((p) => p.id)).size).toBe(PUSHES.length);
    expect(filledFields({ A: '1', B: '' })).toEqual({ A: '1' });
  });
});
