// The fake WeChat's management APIs (fixtures/fake-wechat-mp.ts), as the API console will call them:
// each endpoint's answers and errors, quota counting with 45009 and clear_quota's limits, rid lookup,
// and invalidate().
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeWeChat } from './fixtures/fake-wechat';
import { fetchAnswer, type Answer as FetchedAnswer } from './fixtures/fetch-answer';

const APPID = 'wx0123456789abcdef';
const SECRET = '0123456789abcdef0123456789abcdef';
const OTHER_APPID = 'wxfedcba9876543210';
const OTHER_SECRET = 'fedcba9876543210fedcba9876543210';

const TOKEN = '/cgi-bin/token';
const STABLE = '/cgi-bin/stable_token';
const CALLBACK_IP = '/cgi-bin/getcallbackip';
const API_DOMAIN_IP = '/cgi-bin/get_api_domain_ip';
const MENU_CREATE = '/cgi-bin/menu/create';
const MENU_GET = '/cgi-bin/menu/get';
const MENU_DELETE = '/cgi-bin/menu/delete';
const SELFMENU = '/cgi-bin/get_current_selfmenu_info';
const USER_GET = '/cgi-bin/user/get';
const USER_INFO = '/cgi-bin/user/info';
const TEMPLATES = '/cgi-bin/template/get_all_private_template';
const TEMPLATE_SEND = '/cgi-bin/message/template/send';
const QR_CREATE = '/cgi-bin/qrcode/create';
const QUOTA_GET = '/cgi-bin/openapi/quota/get';
const RID_GET = '/cgi-bin/openapi/rid/get';
const CLEAR_QUOTA = '/cgi-bin/clear_quota';
const CLEAR_QUOTA_V2 = '/cgi-bin/clear_quota/v2';

const POST_ONLY = [MENU_CREATE, TEMPLATE_SEND, QR_CREATE, QUOTA_GET, RID_GET, CLEAR_QUOTA];

const RID_RE = / rid: ([0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8})$/;
const OPENID_RE = /^o[A-Za-z0-9_-]{27}$/;
const INVALID_TOKEN = 'invalid credential, access_token is invalid or not latest';

// 2025-01-15 10:00 in Shanghai.
const T0 = Date.UTC(2025, 0, 15, 2, 0, 0);
const DAY = 86_400;

type Body = Record<string, unknown> & { errcode?: number; errmsg?: string };

type Answer = FetchedAnswer<Body>;

let clock = T0;
let fake: FakeWeChat;
let token: string;

beforeEach(async () => {
  clock = T0;
  fake = await FakeWeChat.start({ now: () => clock });
  fake.addAccount(APPID, SECRET);
  fake.addAccount(OTHER_APPID, OTHER_SECRET);
  token = await stableToken();
});

afterEach(async () => {
  await fake.close();
});

function advance(seconds: number): void {
  clock += seconds * 1000;
}

function request(path: string, init?: RequestInit): Promise<Answer> {
  return fetchAnswer<Body>(fake.url + path, init);
}

function withToken(path: string, params: Record<string, string> = {}, t = token): string {
  return `${path}?${new URLSearchParams({ access_token: t, ...params }).toString()}`;
}

/** GET path with the token (and params). */
function get(path: string, params: Record<string, string> = {}, t = token): Promise<Answer> {
  return request(withToken(path, params, t));
}

/** POST body (JSON unless a string) to path with the token. */
function post(path: string, body: unknown, t = token): Promise<Answer> {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  return request(withToken(path, {}, t), { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload });
}

function classic(appid = APPID, secret = SECRET): Promise<Answer> {
  return request(`${TOKEN}?${new URLSearchParams({ grant_type: 'client_credential', appid, secret }).toString()}`);
}

async function stableToken(appid = APPID, secret = SECRET): Promise<string> {
  const a = await request(STABLE, {
    method: 'POST',
    body: JSON.stringify({ grant_type: 'client_credential', appid, secret }),
  });
  expect(typeof a.body.access_token).toBe('string');
  return a.body.access_token as string;
}

function expectOk(a: Answer): void {
  expect(a.status).toBe(200);
  expect(a.body).toMatchObject({ errcode: 0, errmsg: 'ok' });
}

/** A WeChat error answer; returns its rid. */
function expectError(a: Answer, errcode: number, text: string): string {
  expect(a.status).toBe(200);
  expect(a.type).toMatch(/^application\/json/);
  expect(a.body).toEqual({ errcode, errmsg: expect.stringMatching(RID_RE) });
  const errmsg = a.body.errmsg as string;
  expect(errmsg.startsWith(`${text} rid: `)).toBe(true);
  return RID_RE.exec(errmsg)?.[1] as string;
}

async function followers(t = token): Promise<string[]> {
  const a = await get(USER_GET, {}, t);
  return (a.body.data as { openid: string[] }).openid;
}

async function templateId(t = token): Promise<string> {
  const a = await get(TEMPLATES, {}, t);
  return (a.body.template_list as Array<{ template_id: string }>)[0]?.template_id as string;
}

async function quota(path: string, t = token): Promise<{ daily_limit: number; used: number; remain: number }> {
  const a = await post(QUOTA_GET, { cgi_path: path }, t);
  expectOk(a);
  return a.body.quota as { daily_limit: number; used: number; remain: number };
}

function ridGet(rid: unknown, t = token): Promise<Answer> {
  return post(RID_GET, rid === undefined ? {} : { rid }, t);
}

function clearV2(body: Record<string, string>): Promise<Answer> {
  return request(CLEAR_QUOTA_V2, { method: 'POST', body: JSON.stringify(body) });
}

const MENU = [
  { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
  {
    name: '菜单',
    sub_button: [
      { type: 'view', name: '搜索', url: 'http://www.soso.com/' },
      { type: 'miniprogram', name: 'wxa', url: 'http://mp.weixin.qq.com', appid: 'wx286b93c14bbf93aa', pagepath: 'pages/lunar/index' },
      { type: 'click', name: '赞一下我们', key: 'V1001_GOOD' },
    ],
  },
  { type: 'scancode_push', name: '扫码', key: 'rselfmenu_0_1', sub_button: [] },
];

describe('common rules', () => {
  it('POST-only endpoints answer 43002 to GET, before looking at the token', async () => {
    for (const path of [...POST_ONLY, CLEAR_QUOTA_V2]) {
      expectError(await request(path), 43002, 'require POST method');
      expectError(await get(path), 43002, 'require POST method');
    }
  });

  it('a body that is not a JSON object is 47001; an empty one 44002', async () => {
    for (const path of POST_ONLY) {
      expectError(await post(path, '{"button":'), 47001, 'data format error');
      expectError(await post(path, '[1]'), 47001, 'data format error');
      expectError(await post(path, ''), 44002, 'empty post data');
    }
  });

  it('token checks work as on the other APIs: 41001, 40001, 42001', async () => {
    for (const path of [API_DOMAIN_IP, MENU_GET, USER_GET, TEMPLATES]) {
      expectError(await request(path), 41001, 'access_token missing');
      expectError(await get(path, {}, 'x'.repeat(140)), 40001, INVALID_TOKEN);
    }
    expectError(await post(MENU_CREATE, { button: MENU }, 'nope'), 40001, INVALID_TOKEN);
    advance(7200);
    expectError(await get(API_DOMAIN_IP), 42001, 'access_token expired');
    expectError(await post(QR_CREATE, { action_name: 'QR_SCENE' }), 42001, 'access_token expired');
  });

  it('unknown paths keep the 404 page', async () => {
    const a = await get('/cgi-bin/menu/nope');
    expect(a.status).toBe(404);
    expect(a.type).toMatch(/^text\/html/);
  });

  it('get_api_domain_ip lists the API domain addresses', async () => {
    const a = await get(API_DOMAIN_IP);
    expect(a.body).toEqual({ ip_list: ['101.226.103.0/25', '101.226.103.128/25'] });
  });
});

describe('call records', () => {
  it('carry the raw query, the body and the token, without changing what toEqual compares', async () => {
    await request(`${API_DOMAIN_IP}?access_token=${token}&x=a%20b&y=%E4%B8%AD`);
    await post(QR_CREATE, { action_name: 'QR_SCENE', action_info: { scene: { scene_id: 7 } } });
    await classic();
    const [ip, qr, tok] = fake.calls.slice(1);
    expect(ip?.query).toBe(`access_token=${token}&x=a%20b&y=%E4%B8%AD`);
    expect(ip?.body).toBe('');
    expect(ip?.token).toBe(token);
    expect(qr?.body).toBe('{"action_name":"QR_SCENE","action_info":{"scene":{"scene_id":7}}}');
    expect(qr?.token).toBe(token);
    expect(qr?.appid).toBe(APPID);
    expect(tok?.token).toBeUndefined();
    expect(tok?.query).toBe(`grant_type=client_credential&appid=${APPID}&secret=${SECRET}`);
    expect(ip).toEqual({ method: 'GET', path: API_DOMAIN_IP, appid: APPID, at: T0 });
  });
});

describe('menu', () => {
  it('create, get, selfmenu info, delete', async () => {
    expectError(await get(MENU_GET), 46003, 'menu no exist');
    expect((await get(SELFMENU)).body).toEqual({ is_menu_open: 0 });

    expect((await post(MENU_CREATE, { button: MENU })).body).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await get(MENU_GET)).body).toEqual({ menu: { button: MENU } });
    expect((await get(SELFMENU)).body).toEqual({
      is_menu_open: 1,
      selfmenu_info: {
        button: [
          MENU[0],
          { name: '菜单', sub_button: { list: (MENU[1] as { sub_button: unknown[] }).sub_button } },
          { type: 'scancode_push', name: '扫码', key: 'rselfmenu_0_1' },
        ],
      },
    });

    // per account
    const other = await stableToken(OTHER_APPID, OTHER_SECRET);
    expectError(await get(MENU_GET, {}, other), 46003, 'menu no exist');

    // a new create replaces the menu
    const one = [{ type: 'view', name: '官网', url: 'https://example.com/' }];
    expectOk(await post(MENU_CREATE, { button: one }));
    expect((await get(MENU_GET)).body).toEqual({ menu: { button: one } });

    expect((await get(MENU_DELETE)).body).toEqual({ errcode: 0, errmsg: 'ok' });
    expectError(await get(MENU_GET), 46003, 'menu no exist');
    expect((await get(SELFMENU)).body).toEqual({ is_menu_open: 0 });
  });

  const leaf = { type: 'click', name: 'a', key: 'k' };
  const cases: Array<[string, unknown, number, string]> = [
    ['no button', {}, 40016, 'invalid button size'],
    ['no top buttons', { button: [] }, 40016, 'invalid button size'],
    ['four top buttons', { button: [leaf, leaf, leaf, leaf] }, 40016, 'invalid button size'],
    ['six sub buttons', { button: [{ name: 'm', sub_button: [leaf, leaf, leaf, leaf, leaf, leaf] }] }, 40023, 'invalid sub button size'],
    ['empty sub_button and no type', { button: [{ name: 'm', sub_button: [] }] }, 40023, 'invalid sub button size'],
    ['a third level', { button: [{ name: 'm', sub_button: [{ name: 's', sub_button: [leaf] }] }] }, 40022, 'invalid sub_menu level'],
    ['no type', { button: [{ name: 'a', key: 'k' }] }, 40017, 'invalid button type'],
    ['unknown type', { button: [{ type: 'link', name: 'a', url: 'https://x' }] }, 40017, 'invalid button type'],
    ['sub button with no type', { button: [{ name: 'm', sub_button: [{ name: 's' }] }] }, 40024, 'invalid sub button type'],
    ['no name', { button: [{ type: 'click', key: 'k' }] }, 40018, 'invalid button name size'],
    ['top name over 16 bytes', { button: [{ type: 'click', name: '一二三四五六', key: 'k' }] }, 40018, 'invalid button name size'],
    ['sub name missing', { button: [{ name: 'm', sub_button: [{ type: 'click', key: 'k' }] }] }, 40025, 'invalid sub button name size'],
    ['sub name over 60 bytes', { button: [{ name: 'm', sub_button: [{ type: 'click', name: '一'.repeat(21), key: 'k' }] }] }, 40025, 'invalid sub button name size'],
    ['sub key over 128 bytes', { button: [{ name: 'm', sub_button: [{ type: 'click', name: 's', key: 'k'.repeat(129) }] }] }, 40026, 'invalid sub button key size'],
    ['click without key', { button: [{ type: 'click', name: 'a' }] }, 40019, 'invalid button key size'],
    ['scancode without key', { button: [{ type: 'scancode_waitmsg', name: 'a' }] }, 40019, 'invalid button key size'],
    ['key over 128 bytes', { button: [{ type: 'click', name: 'a', key: 'k'.repeat(129) }] }, 40019, 'invalid button key size'],
    ['view without url', { button: [{ type: 'view', name: 'a' }] }, 40020, 'invalid button url size'],
    ['sub view without url', { button: [leaf, { name: 'm', sub_button: [leaf, { type: 'view', name: 'v' }] }] }, 40027, 'invalid sub button url size'],
    ['media_id without media_id', { button: [{ type: 'media_id', name: 'a' }] }, 40007, 'invalid media_id'],
    ['article_id without article_id', { button: [{ type: 'article_id', name: 'a' }] }, 40007, 'invalid media_id'],
    ['miniprogram without appid', { button: [{ type: 'miniprogram', name: 'a', url: 'https://x/', pagepath: 'p' }] }, 40166, 'invalid weapp appid'],
    ['miniprogram without pagepath', { button: [{ type: 'miniprogram', name: 'a', url: 'https://x/', appid: 'wx286b93c14bbf93aa' }] }, 40165, 'invalid weapp pagepath'],
  ];
  for (const [name, body, code, text] of cases) {
    it(`create: ${name} → ${code}`, async () => {
      expectError(await post(MENU_CREATE, body), code, text);
      expectError(await get(MENU_GET), 46003, 'menu no exist');
    });
  }

  it('accepts every button type with what it needs', async () => {
    const types = ['pic_sysphoto', 'pic_photo_or_album', 'pic_weixin', 'location_select', 'media_id', 'article_id', 'article_view_limited'];
    const subs = types.slice(0, 5).map((type) => ({ type, name: type.slice(0, 8), key: 'k', media_id: 'm', article_id: 'a' }));
    const more = types.slice(5).map((type) => ({ type, name: 'n', article_id: 'a' }));
    expectOk(await post(MENU_CREATE, { button: [{ name: 'm', sub_button: subs }, { name: 'n', sub_button: more }] }));
  });
});

describe('users', () => {
  it('every account starts with three followers, deterministic per appid', async () => {
    const a = await get(USER_GET);
    expect(a.body).toEqual({ total: 3, count: 3, data: { openid: expect.any(Array) }, next_openid: '' });
    const mine = await followers();
    expect(mine).toHaveLength(3);
    for (const openid of mine) expect(openid).toMatch(OPENID_RE);
    expect(new Set(mine).size).toBe(3);

    const other = await followers(await stableToken(OTHER_APPID, OTHER_SECRET));
    expect(other.some((o) => mine.includes(o))).toBe(false);

    // the same ids in a new fake
    await fake.close();
    fake = await FakeWeChat.start({ now: () => clock });
    fake.addAccount(APPID, SECRET);
    expect(await followers(await stableToken())).toEqual(mine);
  });

  it('user/info for a follower, with the defaults, and addFollower details', async () => {
    const initial = await followers();
    const [first] = initial;
    const a = await get(USER_INFO, { openid: first as string, lang: 'zh_CN' });
    expect(a.body).toEqual({
      subscribe: 1,
      openid: first,
      language: 'zh_CN',
      subscribe_time: Math.floor(T0 / 1000) - 3 * DAY,
      remark: '',
      groupid: 0,
      tagid_list: [],
      subscribe_scene: 'ADD_SCENE_QR_CODE',
      qr_scene: 0,
      qr_scene_str: '',
    });

    advance(60);
    fake.addFollower(APPID, 'oNEWuser0000000000000000000a');
    fake.addFollower(APPID, 'oNEWuser0000000000000000000b', {
      language: 'en',
      unionid: 'o6_bmasdasdsad6_2sgVt7hMZOPfL',
      remark: 'vip',
      tagidList: [128, 2],
      subscribeScene: 'ADD_SCENE_SEARCH',
      qrScene: 98765,
      qrSceneStr: 'promo',
      subscribeTime: 1_700_000_000,
    });
    expect((await get(USER_INFO, { openid: 'oNEWuser0000000000000000000a' })).body).toMatchObject({
      subscribe_time: Math.floor(T0 / 1000) + 60,
    });
    expect((await get(USER_INFO, { openid: 'oNEWuser0000000000000000000b' })).body).toEqual({
      subscribe: 1,
      openid: 'oNEWuser0000000000000000000b',
      language: 'en',
      subscribe_time: 1_700_000_000,
      unionid: 'o6_bmasdasdsad6_2sgVt7hMZOPfL',
      remark: 'vip',
      groupid: 0,
      tagid_list: [128, 2],
      subscribe_scene: 'ADD_SCENE_SEARCH',
      qr_scene: 98765,
      qr_scene_str: 'promo',
    });
    expect(await followers()).toEqual([...initial, 'oNEWuser0000000000000000000a', 'oNEWuser0000000000000000000b']);
    // adding a follower again changes the details, not the place in the list
    fake.addFollower(APPID, 'oNEWuser0000000000000000000a', { remark: 'again' });
    expect(await followers()).toEqual([...initial, 'oNEWuser0000000000000000000a', 'oNEWuser0000000000000000000b']);
    expect((await get(USER_INFO, { openid: 'oNEWuser0000000000000000000a' })).body.remark).toBe('again');
  });

  it('user/info: an unknown or missing openid is 40003', async () => {
    expectError(await get(USER_INFO, { openid: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M' }), 40003, 'invalid openid');
    expectError(await get(USER_INFO), 40003, 'invalid openid');
    // a follower of another account is unknown here
    const other = await followers(await stableToken(OTHER_APPID, OTHER_SECRET));
    expectError(await get(USER_INFO, { openid: other[0] as string }), 40003, 'invalid openid');
  });

  it('user/get pages by 10,000 with next_openid; an unknown next_openid is 40003', async () => {
    for (let i = 0; i < 10_000; i++) fake.addFollower(APPID, `oPAGE${String(i).padStart(23, '0')}`);
    const first = await get(USER_GET, { next_openid: '' });
    expect(first.body.total).toBe(10_003);
    expect(first.body.count).toBe(10_000);
    const page1 = (first.body.data as { openid: string[] }).openid;
    expect(page1).toHaveLength(10_000);
    expect(first.body.next_openid).toBe(page1.at(-1));

    const second = await get(USER_GET, { next_openid: first.body.next_openid as string });
    expect(second.body).toEqual({ total: 10_003, count: 3, data: { openid: expect.any(Array) }, next_openid: '' });
    const page2 = (second.body.data as { openid: string[] }).openid;
    expect(new Set([...page1, ...page2]).size).toBe(10_003);
    expect(page2.at(-1)).toBe(`oPAGE${'9999'.padStart(23, '0')}`);

    // past the last one: an empty page, without data, as WeChat answers
    expect((await get(USER_GET, { next_openid: page2.at(-1) as string })).body).toEqual({ total: 10_003, count: 0, next_openid: '' });
    expectError(await get(USER_GET, { next_openid: 'oUNKNOWN' }), 40003, 'invalid openid');
  });

  it('addFollower needs a known account', () => {
    expect(() => fake.addFollower('wx00000000000000ff', 'oX')).toThrow(/unknown account/);
  });
});

describe('templates', () => {
  it('lists the account template, fixed per account', async () => {
    const a = await get(TEMPLATES);
    expect(a.body).toEqual({
      template_list: [
        {
          template_id: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
          title: '订单状态通知',
          primary_industry: 'IT科技',
          deputy_industry: '互联网|电子商务',
          content: '{{first.DATA}}\n订单号：{{keyword1.DATA}}\n{{remark.DATA}}',
          example: expect.any(String),
        },
      ],
    });
    const mine = await templateId();
    expect(await templateId()).toBe(mine);
    expect(await templateId(await stableToken(OTHER_APPID, OTHER_SECRET))).not.toBe(mine);
  });

  it('send: ok with a msgid, and recorded', async () => {
    const [touser] = await followers();
    const id = await templateId();
    const data = { first: { value: '您的订单已发货' }, keyword1: { value: '20250115001', color: '#173177' }, remark: { value: '谢谢' } };
    const a = await post(TEMPLATE_SEND, { touser, template_id: id, url: 'https://example.com/o/1', data });
    expect(a.body).toEqual({ errcode: 0, errmsg: 'ok', msgid: expect.any(Number) });
    advance(1);
    const b = await post(TEMPLATE_SEND, { touser, template_id: id, data: { first: { value: 'x' } } });
    expect(b.body.msgid).not.toBe(a.body.msgid);

    expect(fake.templateSends(APPID)).toEqual([
      { touser, templateId: id, url: 'https://example.com/o/1', data, msgid: a.body.msgid, at: T0 },
      { touser, templateId: id, data: { first: { value: 'x' } }, msgid: b.body.msgid, at: T0 + 1000 },
    ]);
    expect(fake.templateSends(OTHER_APPID)).toEqual([]);
  });

  it('send errors: 40003 touser, 40037 template_id, 47003 data', async () => {
    const [touser] = await followers();
    const id = await templateId();
    const data = { first: { value: 'x' } };
    expectError(await post(TEMPLATE_SEND, { touser: 'oNOBODY', template_id: id, data }), 40003, 'invalid openid');
    expectError(await post(TEMPLATE_SEND, { template_id: id, data }), 40003, 'invalid openid');
    expectError(await post(TEMPLATE_SEND, { touser, template_id: 'nope', data }), 40037, 'invalid template_id');
    expectError(await post(TEMPLATE_SEND, { touser, data }), 40037, 'invalid template_id');
    const otherId = await templateId(await stableToken(OTHER_APPID, OTHER_SECRET));
    expectError(await post(TEMPLATE_SEND, { touser, template_id: otherId, data }), 40037, 'invalid template_id');
    expectError(await post(TEMPLATE_SEND, { touser, template_id: id }), 47003, 'argument invalid! data.first.value is empty');
    expectError(await post(TEMPLATE_SEND, { touser, template_id: id, data: {} }), 47003, 'argument invalid! data.first.value is empty');
    expectError(await post(TEMPLATE_SEND, { touser, template_id: id, data: { first: { value: 'x' }, keyword1: 'y' } }), 47003, 'argument invalid! data.keyword1.value is empty');
    expect(fake.templateSends(APPID)).toEqual([]);
  });
});

describe('QR codes', () => {
  const scene = (s: object) => ({ scene: s });

  it('temporary codes: default 60 s, at most 2592000, a ticket that needs URL-encoding', async () => {
    const a = await post(QR_CREATE, { action_name: 'QR_SCENE', action_info: scene({ scene_id: 123 }) });
    expect(a.body).toEqual({ ticket: expect.any(String), expire_seconds: 60, url: expect.stringMatching(/^http:\/\/weixin\.qq\.com\/q\/[A-Za-z0-9_-]{22}$/) });
    const ticket = a.body.ticket as string;
    expect(ticket).toMatch(/^gQ[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(ticket, 'base64').toString('latin1')).toContain(a.body.url as string);

    const b = await post(QR_CREATE, { expire_seconds: 604800, action_name: 'QR_STR_SCENE', action_info: scene({ scene_str: 'test' }) });
    expect(b.body.expire_seconds).toBe(604800);
    expect(b.body.ticket).not.toBe(ticket);
    const c = await post(QR_CREATE, { expire_seconds: 9_999_999, action_name: 'QR_SCENE', action_info: scene({ scene_id: 1 }) });
    expect(c.body.expire_seconds).toBe(2_592_000);
  });

  it('permanent codes have no expire_seconds', async () => {
    for (const [action_name, s] of [['QR_LIMIT_SCENE', { scene_id: 100000 }], ['QR_LIMIT_STR_SCENE', { scene_str: 'forever' }]] as const) {
      const a = await post(QR_CREATE, { expire_seconds: 30, action_name, action_info: scene(s) });
      expect(a.body).toEqual({ ticket: expect.any(String), url: expect.stringMatching(/^http:\/\/weixin\.qq\.com\/q\//) });
    }
  });

  const bad: Array<[string, unknown]> = [
    ['no action_name', { action_info: scene({ scene_id: 1 }) }],
    ['unknown action_name', { action_name: 'QR_FOREVER', action_info: scene({ scene_id: 1 }) }],
    ['no action_info', { action_name: 'QR_SCENE' }],
    ['no scene', { action_name: 'QR_SCENE', action_info: {} }],
    ['scene_str for QR_SCENE', { action_name: 'QR_SCENE', action_info: scene({ scene_str: 'a' }) }],
    ['scene_id for QR_STR_SCENE', { action_name: 'QR_STR_SCENE', action_info: scene({ scene_id: 1 }) }],
    ['scene_id 0', { action_name: 'QR_SCENE', action_info: scene({ scene_id: 0 }) }],
    ['QR_LIMIT_SCENE over 100000', { action_name: 'QR_LIMIT_SCENE', action_info: scene({ scene_id: 100001 }) }],
    ['scene_str over 64 bytes', { action_name: 'QR_LIMIT_STR_SCENE', action_info: scene({ scene_str: 's'.repeat(65) }) }],
    ['expire_seconds not a number', { expire_seconds: '60', action_name: 'QR_SCENE', action_info: scene({ scene_id: 1 }) }],
  ];
  for (const [name, body] of bad) {
    it(`create: ${name} → 40097`, async () => {
      expectError(await post(QR_CREATE, body), 40097, 'invalid args');
    });
  }
});

describe('quota', () => {
  it('counts every call per account and path, failed ones and the token APIs included', async () => {
    // beforeEach made one stable_token call for APPID
    expect(fake.used(APPID, STABLE)).toBe(1);
    await classic();
    await classic(APPID, OTHER_SECRET); // 40001, still counted
    await get(CALLBACK_IP);
    await get(USER_INFO, { openid: 'nobody' }); // 40003, still counted
    await get(USER_INFO, { openid: 'nobody' });
    await classic(OTHER_APPID, OTHER_SECRET);
    await classic('wx00000000000000ff', SECRET); // no such account: counted nowhere

    expect(fake.used(APPID, TOKEN)).toBe(2);
    expect(fake.used(APPID, CALLBACK_IP)).toBe(1);
    expect(fake.used(APPID, USER_INFO)).toBe(2);
    expect(fake.used(OTHER_APPID, TOKEN)).toBe(1);
    expect(fake.used(OTHER_APPID, USER_INFO)).toBe(0);
    expect(fake.used('wx00000000000000ff', TOKEN)).toBe(0);

    expect(await quota(TOKEN)).toEqual({ daily_limit: 2000, used: 2, remain: 1998 });
    expect(await quota(STABLE)).toEqual({ daily_limit: 500_000, used: 1, remain: 499_999 });
    expect(await quota(USER_INFO)).toEqual({ daily_limit: 100_000, used: 2, remain: 99_998 });
    // the quota/get calls count too, this one included
    expect(await quota(QUOTA_GET)).toEqual({ daily_limit: 100_000, used: 4, remain: 99_996 });
  });

  it('quota/get errors: 40097 without cgi_path, 76021 for a path the fake does not serve', async () => {
    expectError(await post(QUOTA_GET, {}), 40097, 'invalid args');
    expectError(await post(QUOTA_GET, { cgi_path: '' }), 40097, 'invalid args');
    expectError(await post(QUOTA_GET, { cgi_path: '/cgi-bin/nope' }), 76021, 'cgi_path not found, please check');
  });

  it('45009 once used reaches the limit, for that account and path only; refused calls are not counted', async () => {
    fake.setQuota(APPID, TOKEN, { used: 1999 });
    expect(await quota(TOKEN)).toEqual({ daily_limit: 2000, used: 1999, remain: 1 });
    expect(typeof (await classic()).body.access_token).toBe('string');
    expectError(await classic(), 45009, 'reach max api daily quota limit');
    expectError(await classic(APPID, OTHER_SECRET), 45009, 'reach max api daily quota limit');
    expect(fake.used(APPID, TOKEN)).toBe(2000);
    expect(await quota(TOKEN)).toEqual({ daily_limit: 2000, used: 2000, remain: 0 });
    expect(typeof (await classic(OTHER_APPID, OTHER_SECRET)).body.access_token).toBe('string');
    expect((await get(CALLBACK_IP)).body.ip_list).toBeDefined();

    fake.setQuota(APPID, MENU_GET, { dailyLimit: 2 });
    expectError(await get(MENU_GET), 46003, 'menu no exist');
    expectError(await get(MENU_GET), 46003, 'menu no exist');
    expectError(await get(MENU_GET), 45009, 'reach max api daily quota limit');
    expect(await quota(MENU_GET)).toEqual({ daily_limit: 2, used: 2, remain: 0 });

    fake.setQuota(APPID, STABLE, { dailyLimit: 1 });
    expectError(
      await request(STABLE, { method: 'POST', body: JSON.stringify({ grant_type: 'client_credential', appid: APPID, secret: SECRET }) }),
      45009,
      'reach max api daily quota limit',
    );
  });

  it('used counts restart at Shanghai midnight; a changed limit stays', async () => {
    clock = Date.UTC(2025, 0, 15, 15, 59, 0); // 23:59 in Shanghai
    token = await stableToken();
    fake.setQuota(APPID, MENU_GET, { dailyLimit: 5, used: 5 });
    expectError(await get(MENU_GET), 45009, 'reach max api daily quota limit');
    clock = Date.UTC(2025, 0, 15, 16, 0, 0);
    expect(fake.used(APPID, MENU_GET)).toBe(0);
    expectError(await get(MENU_GET), 46003, 'menu no exist');
    expect(await quota(MENU_GET)).toEqual({ daily_limit: 5, used: 1, remain: 4 });
  });

  it('setQuota refuses unknown paths, accounts and counts', () => {
    expect(() => fake.setQuota(APPID, '/cgi-bin/nope', { used: 1 })).toThrow(/does not serve/);
    expect(() => fake.setQuota('wx00000000000000ff', TOKEN, { used: 1 })).toThrow(/unknown account/);
    expect(() => fake.setQuota(APPID, TOKEN, { dailyLimit: -1 })).toThrow(RangeError);
  });
});

describe('clear_quota', () => {
  it('with a token: resets every used count of the account for today', async () => {
    fake.setQuota(APPID, TOKEN, { used: 2000 });
    await get(CALLBACK_IP);
    fake.setQuota(OTHER_APPID, TOKEN, { used: 7 });
    expectError(await classic(), 45009, 'reach max api daily quota limit');

    expect((await post(CLEAR_QUOTA, { appid: APPID })).body).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(fake.clearCount(APPID)).toBe(1);
    expect(fake.used(APPID, TOKEN)).toBe(0);
    expect(fake.used(APPID, CALLBACK_IP)).toBe(0);
    expect(fake.used(APPID, STABLE)).toBe(0);
    expect(fake.used(OTHER_APPID, TOKEN)).toBe(7);
    expect(typeof (await classic()).body.access_token).toBe('string');
  });

  it('with a token: another appid is 40013, none 41002', async () => {
    expectError(await post(CLEAR_QUOTA, { appid: OTHER_APPID }), 40013, 'invalid appid');
    expectError(await post(CLEAR_QUOTA, { appid: 'wx00000000000000ff' }), 40013, 'invalid appid');
    expectError(await post(CLEAR_QUOTA, {}), 41002, 'appid missing');
    expect(fake.clearCount(APPID)).toBe(0);
  });

  it('v2: appid and appsecret in a JSON body or in the query, no token', async () => {
    fake.setQuota(APPID, TOKEN, { used: 2000 });
    expect((await clearV2({ appid: APPID, appsecret: SECRET })).body).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(fake.used(APPID, TOKEN)).toBe(0);
    const q = new URLSearchParams({ appid: APPID, appsecret: SECRET }).toString();
    expectOk(await request(`${CLEAR_QUOTA_V2}?${q}`, { method: 'POST' }));
    expect(fake.clearCount(APPID)).toBe(2);
    expect(fake.calls.at(-1)?.appid).toBe(APPID);
  });

  const v2cases: Array<[string, Record<string, string>, number, string]> = [
    ['appid missing', { appsecret: SECRET }, 41002, 'appid missing'],
    ['appsecret missing', { appid: APPID }, 41004, 'appsecret missing'],
    ['unknown appid', { appid: 'wx00000000000000ff', appsecret: SECRET }, 40013, 'invalid appid'],
    ['malformed secret', { appid: APPID, appsecret: 'not-a-secret' }, 40125, 'invalid appsecret'],
    ['wrong secret', { appid: APPID, appsecret: OTHER_SECRET }, 40001, INVALID_TOKEN],
  ];
  for (const [name, body, code, text] of v2cases) {
    it(`v2: ${name} → ${code}`, async () => {
      expectError(await clearV2(body), code, text);
      expect(fake.clearCount(APPID)).toBe(0);
    });
  }

  it('v2: a body that is not JSON is 47001', async () => {
    expectError(await request(CLEAR_QUOTA_V2, { method: 'POST', body: `appid=${APPID}` }), 47001, 'data format error');
  });

  it('10 resets per Shanghai calendar month, both kinds together, then 48006', async () => {
    clock = Date.UTC(2025, 0, 31, 15, 0, 0); // Jan 31, 23:00 in Shanghai
    token = await stableToken();
    for (let i = 0; i < 5; i++) expectOk(await post(CLEAR_QUOTA, { appid: APPID }));
    for (let i = 0; i < 5; i++) expectOk(await clearV2({ appid: APPID, appsecret: SECRET }));
    expect(fake.clearCount(APPID)).toBe(10);
    fake.setQuota(APPID, TOKEN, { used: 2000 });
    expectError(await post(CLEAR_QUOTA, { appid: APPID }), 48006, 'forbid to clear quota because of reaching the limit');
    expectError(await clearV2({ appid: APPID, appsecret: SECRET }), 48006, 'forbid to clear quota because of reaching the limit');
    expect(fake.used(APPID, TOKEN)).toBe(2000); // nothing was reset
    // another account has its own count
    expectOk(await clearV2({ appid: OTHER_APPID, appsecret: OTHER_SECRET }));

    clock = Date.UTC(2025, 0, 31, 16, 0, 0); // Feb 1, 00:00 in Shanghai (still Jan 31 in UTC)
    expect(fake.clearCount(APPID)).toBe(0);
    expectOk(await clearV2({ appid: APPID, appsecret: SECRET }));
    expect(fake.clearCount(APPID)).toBe(1);
  });
});

describe('rid', () => {
  it('finds the request and answer of an error, for the account it concerns', async () => {
    advance(5);
    const body = '{"touser":"oNOBODY","template_id":"x","data":{}}';
    const sent = await post(TEMPLATE_SEND, body);
    const rid = expectError(sent, 40003, 'invalid openid');
    expect(fake.lastRid()).toBe(rid);

    advance(2);
    const a = await ridGet(rid);
    expect(a.body).toEqual({
      errcode: 0,
      errmsg: 'ok',
      request: {
        invoke_time: Math.floor(T0 / 1000) + 5,
        cost_in_ms: 0,
        request_url: `access_token=${token}`,
        request_body: body,
        response_body: sent.text,
        client_ip: '127.0.0.1',
      },
    });
    // a successful lookup is no error: lastRid is unchanged
    expect(fake.lastRid()).toBe(rid);

    const other = await stableToken(OTHER_APPID, OTHER_SECRET);
    expectError(await ridGet(rid, other), 76003, 'could not query this rid,no permission');
  });

  it('remembers errors of the token APIs and injected faults, under the appid of the request', async () => {
    const wrong = expectError(await classic(APPID, OTHER_SECRET), 40001, INVALID_TOKEN);
    expect((await ridGet(wrong)).body.request).toMatchObject({
      request_url: `grant_type=client_credential&appid=${APPID}&secret=${OTHER_SECRET}`,
      request_body: '',
    });
    fake.fail({ errcode: 45011 });
    const injected = expectError(await get(CALLBACK_IP), 45011, 'api minute-quota reach limit  mustslower  retry next minute');
    expect(fake.lastRid()).toBe(injected);
    expect(((await ridGet(injected)).body.request as { response_body: string }).response_body).toContain('45011');
    fake.fail('busy');
    const busy = expectError(await classic(), -1, 'system error');
    expectOk(await ridGet(busy));
    // an error of the other account is not ours to see
    const theirs = expectError(await classic(OTHER_APPID, SECRET), 40001, INVALID_TOKEN);
    expectError(await ridGet(theirs), 76003, 'could not query this rid,no permission');
  });

  it('unknown 76001, empty or malformed 76002', async () => {
    expectError(await ridGet('0123abcd-0123abcd-0123abcd'), 76001, 'rid not found');
    expectError(await ridGet(''), 76002, 'rid is error');
    expectError(await ridGet(undefined), 76002, 'rid is error');
    expectError(await ridGet(12345), 76002, 'rid is error');
    expectError(await ridGet('not a rid'), 76002, 'rid is error');
    // the rid/get errors have rids of their own, found like any other
    const own = fake.lastRid() as string;
    expect(((await ridGet(own)).body.request as { request_body: string }).request_body).toBe('{"rid":"not a rid"}');
  });

  it('forgets records after 7 days', async () => {
    const rid = expectError(await get(USER_INFO, { openid: 'x' }), 40003, 'invalid openid');
    advance(7 * DAY - 1);
    token = await stableToken(); // the first one has long expired
    expectOk(await ridGet(rid));
    advance(1);
    expectOk(await ridGet(rid));
    advance(1);
    expectError(await ridGet(rid), 76001, 'rid not found');
  });

  it('cost_in_ms is the time the answer took by the injected clock', async () => {
    fake.fail({ delayMs: 30 });
    const pending = get(USER_INFO, { openid: 'x' });
    while (fake.count(USER_INFO) < 1) await new Promise((r) => setTimeout(r, 2));
    advance(0.25);
    const rid = expectError(await pending, 40003, 'invalid openid');
    expect(((await ridGet(rid)).body.request as { cost_in_ms: number }).cost_in_ms).toBe(250);
  });
});

describe('invalidate()', () => {
  it('kills every classic and stable token of the account now; the next stable call issues a new one', async () => {
    const c1 = (await classic()).body.access_token as string;
    const c2 = (await classic()).body.access_token as string; // c1 is in its 5-minute overlap
    const other = await stableToken(OTHER_APPID, OTHER_SECRET);
    for (const t of [token, c1, c2]) expect(fake.isValid(t)).toBe(true);

    fake.invalidate(APPID);
    for (const t of [token, c1, c2]) {
      expect(fake.isValid(t)).toBe(false);
      expectError(await get(CALLBACK_IP, {}, t), 40001, INVALID_TOKEN);
    }
    expect(fake.isValid(other)).toBe(true);

    const fresh = await stableToken();
    expect(fresh).not.toBe(token);
    expect(fake.currentStable(APPID)).toBe(fresh);
    expect((await get(MENU_DELETE, {}, fresh)).body).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await stableToken()).toBe(fresh);
    const c3 = (await classic()).body.access_token as string;
    expect(fake.isValid(c3)).toBe(true);
  });
});
