import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeWeChat } from './fixtures/fake-wechat';
import { fetchAnswer, type Answer as FetchedAnswer } from './fixtures/fetch-answer';

const APPID = 'wx0123456789abcdef';
const SECRET = '0123456789abcdef0123456789abcdef';
const OTHER_APPID = 'wxfedcba9876543210';
const OTHER_SECRET = 'fedcba9876543210fedcba9876543210';

const TOKEN = '/cgi-bin/token';
const STABLE = '/cgi-bin/stable_token';
const TICKET = '/cgi-bin/ticket/getticket';
const CALLBACK_IP = '/cgi-bin/getcallbackip';

const TOKEN_RE = /^[A-Za-z0-9_-]{140}$/;
const RID_RE = / rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/;

// 2025-01-15 10:00 in Shanghai.
const T0 = Date.UTC(2025, 0, 15, 2, 0, 0);

interface WxBody {
  errcode?: number;
  errmsg?: string;
  access_token?: string;
  expires_in?: number;
  ticket?: string;
  ip_list?: string[];
}

type Answer = FetchedAnswer<WxBody>;

let clock = T0;
let fake: FakeWeChat;

beforeEach(async () => {
  clock = T0;
  fake = await FakeWeChat.start({ now: () => clock });
  fake.addAccount(APPID, SECRET);
  fake.addAccount(OTHER_APPID, OTHER_SECRET);
});

afterEach(async () => {
  await fake.close();
});

function advance(seconds: number): void {
  clock += seconds * 1000;
}

function request(path: string, init?: RequestInit): Promise<Answer> {
  return fetchAnswer<WxBody>(fake.url + path, init);
}

function classic(params: Record<string, string> = { grant_type: 'client_credential', appid: APPID, secret: SECRET }) {
  return request(`${TOKEN}?${new URLSearchParams(params).toString()}`);
}

function stable(body: unknown = {}, init: RequestInit = {}) {
  const payload = typeof body === 'string' ? body : JSON.stringify({ grant_type: 'client_credential', appid: APPID, secret: SECRET, ...(body as object) });
  return request(STABLE, { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload, ...init });
}

function force() {
  return stable({ force_refresh: true });
}

function ticket(token: string | undefined, type = 'jsapi') {
  const q = new URLSearchParams();
  if (token !== undefined) q.set('access_token', token);
  q.set('type', type);
  return request(`${TICKET}?${q.toString()}`);
}

function callbackIp(token: string) {
  return request(`${CALLBACK_IP}?access_token=${encodeURIComponent(token)}`);
}

async function classicToken(): Promise<string> {
  const a = await classic();
  expect(a.body.access_token).toMatch(TOKEN_RE);
  return a.body.access_token as string;
}

async function stableToken(body: unknown = {}): Promise<string> {
  const a = await stable(body);
  expect(a.body.errcode).toBeUndefined();
  expect(a.body.access_token).toMatch(TOKEN_RE);
  return a.body.access_token as string;
}

function expectError(a: Answer, errcode: number, text: string): void {
  expect(a.status).toBe(200);
  expect(a.type).toMatch(/^application\/json/);
  expect(a.body.errcode).toBe(errcode);
  expect(a.body.errmsg).toMatch(RID_RE);
  expect(a.body.errmsg?.startsWith(`${text} rid: `)).toBe(true);
}

describe('server basics', () => {
  it('listens on 127.0.0.1 and answers 404 for unknown paths', async () => {
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const a = await request('/cgi-bin/nope');
    expect(a.status).toBe(404);
    expect(fake.count()).toBe(1);
    expect(fake.calls[0]).toMatchObject({ method: 'GET', path: '/cgi-bin/nope', at: T0 });
  });

  it('records every call in order with appid and force', async () => {
    await classic();
    advance(1);
    await stable({ force_refresh: true });
    await stable({ appid: OTHER_APPID, secret: OTHER_SECRET });
    expect(fake.count()).toBe(3);
    expect(fake.count(STABLE)).toBe(2);
    expect(fake.count(TOKEN)).toBe(1);
    expect(fake.calls).toEqual([
      { method: 'GET', path: TOKEN, appid: APPID, at: T0 },
      { method: 'POST', path: STABLE, appid: APPID, force: true, at: T0 + 1000 },
      { method: 'POST', path: STABLE, appid: OTHER_APPID, force: false, at: T0 + 1000 },
    ]);
  });

  it('rids differ between errors', async () => {
    const a = await classic({ grant_type: 'client_credential', appid: APPID, secret: OTHER_SECRET });
    const b = await classic({ grant_type: 'client_credential', appid: APPID, secret: OTHER_SECRET });
    expect(a.body.errmsg).not.toBe(b.body.errmsg);
  });
});

describe('classic token', () => {
  it('issues a new token on every call; the previous one lives 300 s more, older ones die at once', async () => {
    const first = await classic();
    expect(first.status).toBe(200);
    expect(first.type).toMatch(/^application\/json/);
    expect(first.body).toEqual({ access_token: expect.stringMatching(TOKEN_RE), expires_in: 7200 });
    const t1 = first.body.access_token as string;

    advance(10);
    const t2 = await classicToken();
    expect(t2).not.toBe(t1);
    expect(fake.isValid(t1)).toBe(true);
    expect(fake.isValid(t2)).toBe(true);

    advance(299);
    expect(fake.isValid(t1)).toBe(true);
    expect((await callbackIp(t1)).body).toEqual({ ip_list: ['101.226.103.0/25'] });

    advance(1);
    expect(fake.isValid(t1)).toBe(false);
    expectError(await callbackIp(t1), 40001, 'invalid credential, access_token is invalid or not latest');
    expect(fake.isValid(t2)).toBe(true);

    const t3 = await classicToken();
    const t4 = await classicToken();
    expect(fake.isValid(t2)).toBe(false); // two generations back: dead immediately
    expect(fake.isValid(t3)).toBe(true);
    expect(fake.isValid(t4)).toBe(true);
    expect(new Set([t1, t2, t3, t4]).size).toBe(4);
  });

  it('expires after ttl with 42001', async () => {
    const t1 = await classicToken();
    advance(7199);
    expect(fake.isValid(t1)).toBe(true);
    advance(1);
    expect(fake.isValid(t1)).toBe(false);
    expectError(await callbackIp(t1), 42001, 'access_token expired');
  });

  it('honours ttlSec', async () => {
    await fake.close();
    fake = await FakeWeChat.start({ now: () => clock, ttlSec: 600 });
    fake.addAccount(APPID, SECRET);
    expect((await classic()).body.expires_in).toBe(600);
    expect((await stable()).body.expires_in).toBe(600);
  });

  it('is isolated from the stable token, both ways', async () => {
    const s1 = await stableToken();
    const c1 = await classicToken();
    await classicToken();
    await classicToken();
    expect(fake.isValid(s1)).toBe(true);
    expect(await stableToken()).toBe(s1);
    await stableToken({ force_refresh: true });
    expect(fake.isValid(c1)).toBe(false); // by the classic rotation, not by the stable one
    const c4 = await classicToken();
    advance(31);
    await stableToken({ force_refresh: true });
    expect(fake.isValid(c4)).toBe(true);
  });
});

describe('stable token', () => {
  it('returns the same token with the seconds left while more than 300 s remain', async () => {
    const first = await stable();
    expect(first.body).toEqual({ access_token: expect.stringMatching(TOKEN_RE), expires_in: 7200 });
    const s1 = first.body.access_token as string;
    expect(fake.currentStable(APPID)).toBe(s1);

    clock += 1500; // floor, not round
    expect((await stable()).body).toEqual({ access_token: s1, expires_in: 7198 });
    clock -= 1500;
    advance(1000);
    expect((await stable()).body).toEqual({ access_token: s1, expires_in: 6200 });
    advance(5899); // 301 s left
    expect((await stable()).body).toEqual({ access_token: s1, expires_in: 301 });
    expect(fake.currentStable(OTHER_APPID)).toBeUndefined();
  });

  it('rotates at <= 300 s left and lets the old token live to its own expiry', async () => {
    const s1 = await stableToken();
    advance(6900); // exactly 300 s left
    const rotated = await stable();
    const s2 = rotated.body.access_token as string;
    expect(s2).toMatch(TOKEN_RE);
    expect(s2).not.toBe(s1);
    expect(rotated.body.expires_in).toBe(7200);
    expect(fake.currentStable(APPID)).toBe(s2);
    expect(fake.isValid(s1)).toBe(true);
    expect((await stable()).body.access_token).toBe(s2);

    advance(299);
    expect(fake.isValid(s1)).toBe(true);
    advance(1);
    expect(fake.isValid(s1)).toBe(false);
    expectError(await callbackIp(s1), 42001, 'access_token expired');
    expect(fake.isValid(s2)).toBe(true);
    expect((await stable()).body).toEqual({ access_token: s2, expires_in: 6900 });
  });

  it('issues a new token when the current one has expired', async () => {
    const s1 = await stableToken();
    advance(8000);
    const s2 = await stableToken();
    expect(s2).not.toBe(s1);
    expect(fake.isValid(s2)).toBe(true);
  });

  it('is per appid', async () => {
    const a = await stableToken();
    const b = await stableToken({ appid: OTHER_APPID, secret: OTHER_SECRET });
    expect(a).not.toBe(b);
    expect(fake.currentStable(OTHER_APPID)).toBe(b);
  });
});

describe('stable token, force_refresh', () => {
  it('invalidates the previous token at once; calls under 30 s apart return the current one', async () => {
    const s1 = await stableToken();
    advance(100);
    const s2 = await stableToken({ force_refresh: true });
    expect(s2).not.toBe(s1);
    expect(fake.isValid(s1)).toBe(false);
    expectError(await callbackIp(s1), 40001, 'invalid credential, access_token is invalid or not latest');
    expect(fake.forceCount(APPID)).toBe(1);

    advance(29);
    const again = await force();
    expect(again.body).toEqual({ access_token: s2, expires_in: 7171 });
    expect(fake.forceCount(APPID)).toBe(1);

    advance(1);
    const s3 = await stableToken({ force_refresh: true });
    expect(s3).not.toBe(s2);
    expect(fake.isValid(s2)).toBe(false);
    expect(fake.forceCount(APPID)).toBe(2);
    expect(fake.currentStable(APPID)).toBe(s3);
  });

  it('also kills a token still in its rotation overlap', async () => {
    const s1 = await stableToken();
    advance(7000);
    const s2 = await stableToken();
    expect(fake.isValid(s1)).toBe(true);
    await stableToken({ force_refresh: true });
    expect(fake.isValid(s1)).toBe(false);
    expect(fake.isValid(s2)).toBe(false);
  });

  it('answers 45009 after 20 forced refreshes in a Shanghai day, and resets at Shanghai midnight', async () => {
    clock = Date.UTC(2025, 0, 15, 15, 0, 0); // 23:00 in Shanghai
    const issued = new Set<string>();
    for (let i = 0; i < 20; i++) {
      issued.add(await stableToken({ force_refresh: true }));
      advance(30);
    }
    expect(issued.size).toBe(20);
    expect(fake.forceCount(APPID)).toBe(20);
    const last = fake.currentStable(APPID) as string;

    expectError(await force(), 45009, 'reach max api daily quota limit');
    expect(fake.isValid(last)).toBe(true); // the refused refresh changed nothing
    expect(fake.currentStable(APPID)).toBe(last);
    // normal mode is unaffected
    expect((await stable()).body.access_token).toBe(last);
    // another account has its own count
    expect(await stableToken({ appid: OTHER_APPID, secret: OTHER_SECRET, force_refresh: true })).toMatch(TOKEN_RE);

    clock = Date.UTC(2025, 0, 15, 15, 59, 59);
    expectError(await force(), 45009, 'reach max api daily quota limit');
    clock = Date.UTC(2025, 0, 15, 16, 0, 0); // 00:00 in Shanghai, Jan 16
    expect(fake.forceCount(APPID)).toBe(0);
    const fresh = await stableToken({ force_refresh: true });
    expect(fresh).not.toBe(last);
    expect(fake.isValid(last)).toBe(false);
    expect(fake.forceCount(APPID)).toBe(1);
  });

  it('does not reset at UTC midnight', async () => {
    clock = Date.UTC(2025, 0, 15, 23, 40, 0); // 07:40 in Shanghai, Jan 16
    for (let i = 0; i < 20; i++) {
      await stableToken({ force_refresh: true });
      advance(30);
    }
    clock = Date.UTC(2025, 0, 16, 0, 0, 30); // UTC day changed, Shanghai day did not
    expectError(await force(), 45009, 'reach max api daily quota limit');
    expect(fake.forceCount(APPID)).toBe(20);
  });
});

describe('credential errors', () => {
  const cases: Array<[string, Record<string, string>, number, string]> = [
    ['grant_type missing', { appid: APPID, secret: SECRET }, 40002, 'invalid grant_type'],
    ['grant_type wrong', { grant_type: 'password', appid: APPID, secret: SECRET }, 40002, 'invalid grant_type'],
    ['appid missing', { grant_type: 'client_credential', secret: SECRET }, 41002, 'appid missing'],
    ['secret missing', { grant_type: 'client_credential', appid: APPID }, 41004, 'appsecret missing'],
    ['unknown appid', { grant_type: 'client_credential', appid: 'wx00000000000000ff', secret: SECRET }, 40013, 'invalid appid'],
    ['secret malformed', { grant_type: 'client_credential', appid: APPID, secret: 'not-a-secret' }, 40125, 'invalid appsecret'],
    ['secret too short', { grant_type: 'client_credential', appid: APPID, secret: SECRET.slice(1) }, 40125, 'invalid appsecret'],
    ['secret wrong', { grant_type: 'client_credential', appid: APPID, secret: OTHER_SECRET }, 40001, 'invalid credential, access_token is invalid or not latest'],
  ];

  for (const [name, params, code, text] of cases) {
    it(`classic: ${name} → ${code}`, async () => {
      expectError(await classic(params), code, text);
    });
    it(`stable: ${name} → ${code}`, async () => {
      expectError(await stable(JSON.stringify(params)), code, text);
      expect(fake.currentStable(APPID)).toBeUndefined();
    });
  }

  it('stable_token needs POST (43002) and a JSON object body (47001)', async () => {
    expectError(await request(STABLE), 43002, 'require POST method');
    expectError(await stable('grant_type=client_credential&appid=x'), 47001, 'data format error');
    expectError(await stable('{"grant_type":'), 47001, 'data format error');
    expectError(await stable('[1,2]'), 47001, 'data format error');
    expectError(await stable(''), 47001, 'data format error');
  });

  it('a changed secret (addAccount again) rejects the old one', async () => {
    fake.addAccount(APPID, OTHER_SECRET);
    expectError(await classic(), 40001, 'invalid credential, access_token is invalid or not latest');
    expect((await classic({ grant_type: 'client_credential', appid: APPID, secret: OTHER_SECRET })).body.access_token).toMatch(TOKEN_RE);
  });

  it('whitelist() answers 40164 with the IP on every token call for that appid until cleared', async () => {
    fake.whitelist(APPID, '203.0.113.7');
    for (let i = 0; i < 2; i++) {
      for (const a of [await classic(), await stable(), await force()]) {
        expectError(a, 40164, 'invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist');
      }
    }
    expect(fake.count()).toBe(6);
    expect(fake.calls.every((c) => c.appid === APPID && JSON.stringify(c.fault) === '{"whitelistIp":"203.0.113.7"}')).toBe(true);
    expect(fake.forceCount(APPID)).toBe(0);
    // other accounts are unaffected
    expect((await stable({ appid: OTHER_APPID, secret: OTHER_SECRET })).body.access_token).toMatch(TOKEN_RE);

    fake.whitelist(APPID, null);
    expect(await classicToken()).toMatch(TOKEN_RE);
    expect(fake.calls.at(-1)?.fault).toBeUndefined();
  });
});

describe('getticket and getcallbackip', () => {
  it('checks the token and the type', async () => {
    expectError(await ticket(undefined), 41001, 'access_token missing');
    expectError(await ticket('x'.repeat(140)), 40001, 'invalid credential, access_token is invalid or not latest');
    const t = await classicToken();
    expectError(await ticket(t, 'card'), 40097, 'invalid args');
    expectError(await request(`${TICKET}?access_token=${t}`), 40097, 'invalid args');
    advance(7200);
    expectError(await ticket(t), 42001, 'access_token expired');
    expectError(await request(CALLBACK_IP), 41001, 'access_token missing');
    expectError(await callbackIp('nope'), 40001, 'invalid credential, access_token is invalid or not latest');
  });

  it('caches the ticket per appid and type until it expires', async () => {
    const c = await classicToken();
    const first = await ticket(c);
    expect(first.body).toEqual({ errcode: 0, errmsg: 'ok', ticket: expect.stringMatching(/^[A-Za-z0-9_-]{86}$/), expires_in: 7200 });
    const k1 = first.body.ticket as string;
    expect(fake.calls.at(-1)?.appid).toBe(APPID);

    // same ticket from another token of the same account, classic or stable
    const s = await stableToken();
    advance(3600);
    expect((await ticket(s)).body.ticket).toBe(k1);
    const c2 = await classicToken();
    expect((await ticket(c2)).body.ticket).toBe(k1);

    const card = (await ticket(c2, 'wx_card')).body.ticket as string;
    expect(card).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(card).not.toBe(k1);
    expect((await ticket(c2, 'wx_card')).body.ticket).toBe(card);

    const other = await stableToken({ appid: OTHER_APPID, secret: OTHER_SECRET });
    const otherTicket = (await ticket(other)).body.ticket as string;
    expect(otherTicket).not.toBe(k1);

    advance(3599);
    expect((await ticket(c2)).body.ticket).toBe(k1);
    advance(1);
    const k2 = (await ticket(c2)).body.ticket as string;
    expect(k2).not.toBe(k1);
    expect((await ticket(c2)).body.ticket).toBe(k2);
  });
});

describe('faults', () => {
  it('http500: HTTP 500 with an HTML body', async () => {
    fake.fail('http500');
    const a = await classic();
    expect(a.status).toBe(500);
    expect(a.type).toMatch(/^text\/html/);
    expect(a.text).toContain('500');
    expect(fake.calls[0]).toMatchObject({ path: TOKEN, appid: APPID, fault: 'http500' });
  });

  it('busy: errcode -1', async () => {
    fake.fail('busy');
    expectError(await classic(), -1, 'system error');
  });

  it('truncated: a complete response whose JSON body is cut', async () => {
    fake.fail('truncated');
    const res = await fetch(`${fake.url}${TOKEN}?grant_type=client_credential&appid=${APPID}&secret=${SECRET}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    await expect(res.json()).rejects.toThrow(SyntaxError);
    fake.fail('truncated');
    expect((await classic()).text).toBe('{"access_token":"AB');
  });

  it('html: HTTP 200 with a portal page', async () => {
    fake.fail('html');
    const a = await stable();
    expect(a.status).toBe(200);
    expect(a.type).toMatch(/^text\/html/);
    expect(a.text).toMatch(/^<!DOCTYPE html>/);
  });

  it('reset: the socket is destroyed without an answer', async () => {
    fake.fail('reset');
    await expect(classic()).rejects.toThrow();
    expect(fake.count()).toBe(1);
    expect(fake.calls[0]?.fault).toBe('reset');
    // the next request is served normally
    expect(await classicToken()).toMatch(TOKEN_RE);
  });

  it('hang: the client gives up on its own timeout', async () => {
    fake.fail('hang');
    await expect(request(TOKEN, { signal: AbortSignal.timeout(50) })).rejects.toThrow();
    expect(fake.calls[0]?.fault).toBe('hang');
  });

  it('delayMs: answers normally after the delay', async () => {
    fake.fail({ delayMs: 40 });
    const started = performance.now();
    const t = await classicToken();
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
    expect(fake.isValid(t)).toBe(true);
    expect(fake.calls[0]?.fault).toEqual({ delayMs: 40 });
  });

  it('errcode: a WeChat error with a default or given errmsg', async () => {
    fake.fail({ errcode: 45009 });
    expectError(await stable(), 45009, 'reach max api daily quota limit');
    fake.fail({ errcode: 89503, errmsg: 'risk confirmation needed' });
    expectError(await classic(), 89503, 'risk confirmation needed');
    fake.fail({ errcode: 99999 });
    expect((await classic()).body.errcode).toBe(99999);
  });

  it('whitelistIp: 40164 naming the IP, once', async () => {
    fake.fail({ whitelistIp: '198.51.100.4' });
    expectError(await classic(), 40164, 'invalid ip 198.51.100.4 ipv6 ::ffff:198.51.100.4, not in whitelist');
    expect(await classicToken()).toMatch(TOKEN_RE);
  });

  it('a faulted request issues no token', async () => {
    const c1 = await classicToken();
    const c2 = await classicToken();
    const s1 = await stableToken();
    advance(100);
    fake.fail({ errcode: -1 }, { times: 2 });
    fake.fail('busy', { path: STABLE });
    await classic();
    await force();
    await force();
    expect(fake.isValid(c1)).toBe(true); // no classic rotation happened
    expect(fake.isValid(c2)).toBe(true);
    expect(fake.isValid(s1)).toBe(true);
    expect(fake.currentStable(APPID)).toBe(s1);
    expect(fake.forceCount(APPID)).toBe(0);
    expect(fake.calls.slice(3).map((c) => c.fault)).toEqual([{ errcode: -1 }, { errcode: -1 }, 'busy']);
  });

  it('queues FIFO, with times, and path-scoped faults skip other paths', async () => {
    fake.fail('busy', { times: 2 });
    fake.fail('html');
    fake.fail({ errcode: 40164 }, { path: STABLE, times: 2 });

    expect((await classic()).body.errcode).toBe(-1);
    expect((await stable()).body.errcode).toBe(-1);
    expect((await classic()).type).toMatch(/^text\/html/);
    // only the stable-scoped fault is left
    expect((await classic()).body.access_token).toMatch(TOKEN_RE);
    expect((await stable()).body.errcode).toBe(40164);
    expect((await classic()).body.access_token).toMatch(TOKEN_RE);
    expect((await stable()).body.errcode).toBe(40164);
    expect((await stable()).body.access_token).toMatch(TOKEN_RE);
    expect(fake.calls.map((c) => c.fault)).toEqual(['busy', 'busy', 'html', undefined, { errcode: 40164 }, undefined, { errcode: 40164 }, undefined]);
  });

  it('a path-scoped fault waits for its path even when queued first', async () => {
    fake.fail('busy', { path: TICKET });
    fake.fail('html');
    const t = await classic(); // takes 'html', the first entry matching /cgi-bin/token
    expect(t.type).toMatch(/^text\/html/);
    const c = await classicToken();
    expect((await ticket(c)).body.errcode).toBe(-1);
    expect((await ticket(c)).body.errcode).toBe(0);
  });
});

describe('close()', () => {
  it('ends hung requests and does not wait for them', async () => {
    fake.fail('hang', { times: 2 });
    const pending = [classic(), stable()].map((p) => p.then(() => 'answered', () => 'failed'));
    while (fake.count() < 2) await new Promise((r) => setTimeout(r, 2));
    const started = performance.now();
    await fake.close();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await Promise.all(pending)).toEqual(['failed', 'failed']);
  });

  it('ends a pending delayed answer and is idempotent', async () => {
    fake.fail({ delayMs: 60_000 });
    const pending = classic().then(() => 'answered', () => 'failed');
    while (fake.count() < 1) await new Promise((r) => setTimeout(r, 2));
    await fake.close();
    await fake.close();
    expect(await pending).toBe('failed');
  });

  it('refuses connections afterwards', async () => {
    await classicToken();
    await fake.close();
    await expect(classic()).rejects.toThrow();
  });
});
