// A bounded, seeded fuzz run of the HTTP host of `wxdesk serve` (startHost with the dashboard
// routes, one real account pointed at the fake WeChat API): about 3,000 requests of random methods,
// paths, query strings, headers and bodies, a few of them raw bytes on a socket. The host must never
// answer 5xx, must answer everything (or close cleanly, for oversized bodies and bytes that are
// not HTTP), must still hand out the real token at the end, must not grow, and must not spend
// WeChat calls on anything but the one account's legitimate needs.
//
// The seed is in the test name; rerun one with WXDESK_FUZZ_SEED=<seed> npx vitest run test/fuzz.test.ts.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Agent, request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_METHODS } from '../electron/contract';
import { Dashboard } from '../electron/core/dashboard';
import type { Core } from '../electron/core/services';
import { dashboardRoutes } from '../electron/host/dashboard-routes';
import { startHost, type Host } from '../electron/host/server';
import { FakeWeChat } from './fixtures/fake-wechat';
import { APPID, OTHER_APPID, SECRET, makeCore, removeTempDirs, tempDir } from './fixtures/core';

const SEED = Number(process.env.WXDESK_FUZZ_SEED ?? 0x5eed2024) >>> 0;
const TOTAL = 3_000;
const WARMUP = 300;
const CONNECTIONS = 4;
const MAX_BODY = 512 * 1024;
/** The routes that carry a file take 14 MB (README, "Headless mode"): a body over 512 KB is theirs to read. */
const FILE_ROUTES = ['/api/mediaUpload', '/api/consoleSend'];
const limitOf = (spec: Spec) => (FILE_ROUTES.includes(spec.path.split('?', 1)[0]!) ? 14 * 1024 * 1024 : MAX_BODY);
const AES = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

// ---- a small seeded PRNG ------------------------------------------------------------------------

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = mulberry32(SEED);
const int = (n: number) => Math.floor(rand() * n);
const chance = (p: number) => rand() < p;
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
const range = (lo: number, hi: number) => lo + int(hi - lo + 1);

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ ";
const UNICODE = ['😀', '\u200f', '\u202e', '中文', 'é', 'e\u0301', '\ufeff', '\u00a0', 'ß', '\ud83d\ude00', 'Ω'];
const CONTROL = Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1));

function randText(max: number): string {
  const n = range(0, max);
  let s = '';
  while (s.length < n) {
    const r = rand();
    if (r < 0.7) s += ALNUM[int(ALNUM.length)];
    else if (r < 0.85) s += PUNCT[int(PUNCT.length)];
    else if (r < 0.95) s += pick(UNICODE);
    else s += pick(CONTROL);
  }
  return s;
}

/** Percent-encoding, sometimes broken, sometimes raw where a request line allows it. */
function encodeJunk(s: string): string {
  const r = rand();
  if (r < 0.6) return encodeURIComponent(s);
  if (r < 0.75) return encodeURIComponent(s).replace(/%([0-9A-F])[0-9A-F]/g, (_m, d: string) => `%${d}`); // cut escapes
  if (r < 0.85) return `${encodeURIComponent(s)}%${pick(['', 'z', 'zz', 'e0%a4', 'C0%AF', '00', 'ff'])}`;
  // Raw bytes: node's client sends anything in \x21-\xff as is.
  return [...s].filter((c) => c.charCodeAt(0) > 0x20 && c.charCodeAt(0) <= 0xff && c !== '#').join('');
}

// ---- vocabulary ---------------------------------------------------------------------------------

const BAD_APPIDS = ['wx123', APPID.toUpperCase(), 'wx0123456789abcde', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'wxffffffffffffffff', OTHER_APPID, ''];
/** Values for the WeChat paths: the real AppID and secret take part, so some requests are valid. */
const WX_VALUES = [APPID, APPID, SECRET, SECRET, 'client_credential', 'client_credential', 'jsapi', 'wx_card', 'true', '1', ...BAD_APPIDS];
/**
 * Values for dashboard arguments: never the real AppID (removeAccount, saveAccount, refresh or
 * forceRefresh of it would change what this run checks) and never a well-formed AppSecret (an
 * account that validates could point at a real WeChat host).
 */
const API_VALUES: unknown[] = [...BAD_APPIDS, 'raw', 'curl', 'jsapi', 'bogus', AES, AES.slice(0, 42), `${AES}=`, 'https://api.weixin.qq.com', 'http://example.com', 'ftp://x', 'redis://:pw@203.0.113.7:6379/0', 'rediss://evil.example:6380', '', 7300, -1, 0, 65536, 1.5, true, false, null, 'en', 'fr', '1414587457000'];
const KEYS = ['args', 'appid', 'secret', 'grant_type', 'force_refresh', 'access_token', 'type', '__proto__', 'constructor', 'toString', 'appId', 'label', 'aesKey', 'serverToken', 'apiBase', 'mode', 'autoRefresh', 'endpointPort', 'locale', 'teamRedisUrl', 'token', 'timestamp', 'nonce', 'url', 'ticket', 'encrypt', 'message'];

function randJson(depth: number, values: readonly unknown[]): unknown {
  const r = rand();
  if (depth <= 0 || r < 0.4) {
    const s = rand();
    if (s < 0.4) return pick(values);
    if (s < 0.6) return randText(40);
    if (s < 0.7) return pick([0, -0, 1e308, -1, 2 ** 53 + 1, 3.14]);
    if (s < 0.8) return pick([true, false, null]);
    return randText(range(0, 2_000));
  }
  if (r < 0.65) return Array.from({ length: range(0, 5) }, () => randJson(depth - 1, values));
  // A null-prototype object, so a "__proto__" key is an own key that JSON.stringify writes out.
  const o = Object.create(null) as Record<string, unknown>;
  for (let i = range(0, 6); i > 0; i--) o[chance(0.85) ? pick(KEYS) : randText(12)] = randJson(depth - 1, values);
  return o;
}

// ---- requests -----------------------------------------------------------------------------------

interface Spec {
  index: number;
  method: string;
  path: string;
  headers: OutgoingHttpHeaders;
  setHost: boolean;
  body?: Buffer;
  chunked: boolean;
  /** Raw bytes on a fresh socket instead of an HTTP client request. */
  raw?: Buffer;
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH'];
const JUNK_METHODS = ['FOO', 'BREW', 'X-JUNK', 'get', 'Post', 'M-SEARCH', 'PROPFIND', 'PURGE', 'TRACE', 'LINK', 'QUERY', 'A'.repeat(40)];
const REAL_PATHS = ['/', '/index.html', '/app.js', '/api/events', '/api', '/api/', '/cgi-bin/token', '/cgi-bin/token', '/cgi-bin/stable_token', '/cgi-bin/stable_token', '/cgi-bin/ticket/getticket', '/cgi-bin/getcallbackip'];
const JUNK_PATHS = ['/..', '/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2f..%2fetc%2fpasswd', '//', '///x', '//evil.example/x', '//[', '/%', '/%zz', '/index.html/..', '/api/../index.html', '/api/%2e%2e/cgi-bin/token', '/cgi-bin/token/', '/CGI-BIN/TOKEN', '/cgi-bin//token', '/cgi-bin/token%00', '/\\..\\..\\etc', '/api/__proto__', '/api/constructor', '/api/toString', '/api/info/extra', '/%F0%9F%98%80', '*'];

let port = 0;
let key = '';

function randPath(): string {
  const r = rand();
  let path: string;
  if (r < 0.35) path = `/api/${pick(DASHBOARD_METHODS)}`;
  else if (r < 0.75) path = pick(REAL_PATHS);
  else if (r < 0.9) path = pick(JUNK_PATHS);
  else path = `/${Array.from({ length: range(1, 4) }, () => encodeJunk(randText(12))).join(pick(['/', '//', '/../', '/./']))}`;
  if (chance(0.6)) {
    const params: string[] = [];
    for (let i = range(0, 7); i > 0; i--) {
      const k = chance(0.8) ? pick(KEYS) : encodeJunk(randText(10));
      const v = chance(0.5) ? pick(WX_VALUES) : chance(0.05) ? 'v'.repeat(range(1_000, 8_192)) : encodeJunk(randText(30));
      params.push(chance(0.05) ? k : `${k}=${v}`);
    }
    path += `?${params.join(chance(0.9) ? '&' : pick([';', '&&', '&=&']))}`;
  }
  if (chance(0.05)) path += `#${encodeJunk(randText(10))}`;
  return path;
}

function randHeaders(): { headers: OutgoingHttpHeaders; setHost: boolean } {
  const headers: OutgoingHttpHeaders = {};
  let setHost = true;
  const h = rand();
  if (h < 0.55) {
    // node's default: 127.0.0.1:port
  } else if (h < 0.95) {
    headers.host = pick([`localhost:${port}`, 'localhost', `[::1]:${port}`, `LOCALHOST:${port}`, 'evil.example', `127.0.0.1.evil.example:${port}`, 'localhost:abc', '', `127.0.0.1:${port}:1`, 'localhost.', `[::ffff:127.0.0.1]:${port}`, 'a'.repeat(300)]);
  } else setHost = false;
  const o = rand();
  if (o < 0.2) headers.origin = pick(['http://evil.example', 'null', `http://127.0.0.1:${port}`, `http://localhost:${port}`, 'https://127.0.0.1', '']);
  else if (o < 0.35) headers.origin = `http://${typeof headers.host === 'string' ? headers.host : `127.0.0.1:${port}`}`;
  const k = rand();
  if (k < 0.5) headers['x-wxdesk-key'] = key;
  else if (k < 0.7) headers['x-wxdesk-key'] = pick(['', 'wrong', key.slice(1), `${key} `, key.toUpperCase(), 'x'.repeat(4_096)]);
  else if (k < 0.75) headers['x-wxdesk-key'] = [key, key];
  if (chance(0.7)) headers['content-type'] = pick(['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'a/b/c;;;', '', '*/*', 'application/json; charset=utf-16']);
  for (let i = range(0, 3) - 1; i > 0; i--) headers[`x-junk-${i}`] = [...randText(60)].filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) <= 0xff && c.charCodeAt(0) !== 0x7f).join('');
  if (chance(0.05)) headers.cookie = `a=${'b'.repeat(range(1, 4_000))}`;
  return { headers, setHost };
}

function randBody(path: string): Buffer | undefined {
  const r = rand();
  if (r < 0.2) return undefined;
  if (r < 0.3) return Buffer.alloc(0);
  if (r < 0.45) return randomBytesFromPrng(range(1, 4_096));
  if (r < 0.9) {
    const api = path.startsWith('/api/');
    const value = api && chance(0.8) ? { args: randJson(3, API_VALUES) } : randJson(3, api ? API_VALUES : WX_VALUES);
    let text = JSON.stringify(value) ?? 'null';
    if (chance(0.1)) text = text.slice(0, int(text.length + 1)); // cut short
    return Buffer.from(text, 'utf8');
  }
  if (r < 0.997) return Buffer.from(`{"args":["${'a'.repeat(range(4_096, 64 * 1024))}"]}`, 'utf8');
  // A few over the 512 KB limit.
  return Buffer.alloc(range(520, 600) * 1024, 0x61);
}

function randomBytesFromPrng(n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = int(256);
  return b;
}

/** A request that is entirely right: some of the traffic must be, or the guards are all the fuzz sees. */
function validSpec(index: number): Spec {
  const base = { index, setHost: true, chunked: false };
  const r = rand();
  if (r < 0.35) {
    const extra = chance(0.5) ? `&x=${int(1000)}` : '';
    return { ...base, method: 'GET', path: `/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${SECRET}${extra}`, headers: {} };
  }
  if (r < 0.6) {
    const force = pick([undefined, false, true, 'true', 'false']);
    const body = Buffer.from(JSON.stringify({ grant_type: 'client_credential', appid: APPID, secret: SECRET, ...(force === undefined ? {} : { force_refresh: force }) }));
    return { ...base, method: 'POST', path: '/cgi-bin/stable_token', headers: { 'content-type': 'application/json' }, body };
  }
  if (r < 0.9) {
    const [method, args] = pick<[string, unknown[]]>([
      ['info', []],
      ['listAccounts', []],
      ['getSettings', []],
      ['token', [APPID]],
      ['history', [APPID]],
      ['signServer', [{ token: 'tok', timestamp: '1414587457', nonce: 'n' }]],
      ['parseCallback', ['signature=a&timestamp=1&nonce=n']],
      // Refused whatever the URL (issue 20): only a local, confirmed action changes it.
      ['saveSettings', [{ teamRedisUrl: pick(['redis://:pw@203.0.113.7:6379/0', 'rediss://evil.example:6380', '']) }]],
    ]);
    const headers: OutgoingHttpHeaders = { 'x-wxdesk-key': key, 'content-type': 'application/json' };
    if (chance(0.5)) headers.origin = `http://127.0.0.1:${port}`;
    return { ...base, method: 'POST', path: `/api/${method}`, headers, body: Buffer.from(JSON.stringify({ args })) };
  }
  return { ...base, method: pick(['GET', 'HEAD']), path: pick(['/', '/index.html', '/app.js']), headers: {} };
}

const RAW_LINES = [
  'GET / HTTP/1.1',
  'GET /cgi-bin/token HTTP/9.9',
  'GARBAGE',
  'GET /\u0000 HTTP/1.1',
  `GET http://evil.example/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=x HTTP/1.1`,
  'GET * HTTP/1.1',
  'OPTIONS * HTTP/1.1',
  'POST /api/info HTTP/1.0',
  'GET /index.html HTTP/1.1 extra',
  ' GET / HTTP/1.1',
  'GET  /  HTTP/1.1',
  'get / http/1.1',
];

function rawSpec(index: number): Spec {
  const lines = [pick(RAW_LINES), `Host: ${pick([`127.0.0.1:${port}`, 'evil.example', ''])}`, 'Connection: close'];
  const r = rand();
  if (r < 0.2) lines.push('No-Colon-Here');
  else if (r < 0.3) lines.push(`X-Big: ${'h'.repeat(20 * 1024)}`); // past node's header limit
  else if (r < 0.4) lines.push('Content-Length: abc');
  else if (r < 0.5) lines.push('Content-Length: 5', 'Content-Length: 6');
  else if (r < 0.6) lines.push('Transfer-Encoding: chunked', 'Content-Length: 3');
  else if (r < 0.7) lines.push('Transfer-Encoding: chunked');
  else if (r < 0.8) lines.push(`Content-Length: ${MAX_BODY * 20}`);
  let text = `${lines.join(chance(0.9) ? '\r\n' : '\n')}\r\n\r\n`;
  if (text.includes('Transfer-Encoding: chunked') && chance(0.7)) text += pick(['zz\r\nabc\r\n0\r\n\r\n', '3\r\nabc\r\n0\r\n\r\n', 'fffffffffffffffff\r\n']);
  if (chance(0.3)) text += randText(200);
  return { index, method: 'RAW', path: text.slice(0, 80), headers: {}, setHost: true, chunked: false, raw: Buffer.from(text, 'latin1') };
}

function nextSpec(index: number): Spec {
  const r = rand();
  if (r < 0.06) return validSpec(index);
  if (r < 0.09) return rawSpec(index);
  const method = chance(0.92) ? pick(METHODS) : pick(JUNK_METHODS);
  const path = randPath();
  const { headers, setHost } = randHeaders();
  const body = method === 'GET' || method === 'HEAD' ? (chance(0.1) ? randBody(path) : undefined) : randBody(path);
  return { index, method, path, headers, setHost, body, chunked: body !== undefined && body.length > 0 && chance(0.2) };
}

// ---- sending ------------------------------------------------------------------------------------

interface Outcome {
  spec: Spec;
  status?: number;
  /** The answer's Content-Type, if any. */
  type?: string;
  error?: string;
  ms: number;
}

const describeSpec = (s: Spec) =>
  `#${s.index} ${s.method} ${JSON.stringify(s.path.slice(0, 160))} headers=${JSON.stringify(s.headers).slice(0, 200)} setHost=${s.setHost} body=${s.body?.length ?? 'none'}${s.chunked ? ' chunked' : ''}`;

function sendHttp(agent: Agent, spec: Spec): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    const done = (o: Omit<Outcome, 'spec' | 'ms'>) => {
      if (settled) return;
      settled = true;
      resolve({ spec, ms: Date.now() - started, ...o });
    };
    // Frame every body: node's client sends a GET, DELETE or OPTIONS body with neither header
    // unless told, and the bytes would then be read as the next request on the connection.
    const headers: OutgoingHttpHeaders = { ...spec.headers };
    if (spec.body && spec.chunked) headers['transfer-encoding'] = 'chunked';
    else if (spec.body) headers['content-length'] = spec.body.length;
    let req: ReturnType<typeof httpRequest>;
    try {
      req = httpRequest({ host: '127.0.0.1', port, method: spec.method, path: spec.path, headers, agent, setHost: spec.setHost }, (res) => {
        const status = res.statusCode;
        const type = res.headers['content-type'];
        if (String(res.headers['content-type']).startsWith('text/event-stream')) {
          // The dashboard's event stream stays open: take the answer and hang up.
          res.destroy();
          done({ status, type });
          return;
        }
        res.resume();
        res.on('end', () => done({ status, type }));
        res.on('error', (e) => done({ status, type, error: e.message }));
        res.on('aborted', () => done({ status, type, error: 'aborted' }));
        res.on('close', () => done({ status, type }));
      });
    } catch (e) {
      // The client refused to send it (an invalid header or path): not a request the host saw.
      done({ error: `client refused: ${(e as Error).message}` });
      return;
    }
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
    req.on('error', (e) => done({ error: (e as NodeJS.ErrnoException).code ?? e.message }));
    if (spec.body && spec.chunked) {
      for (let i = 0; i < spec.body.length; i += 8 * 1024) req.write(spec.body.subarray(i, i + 8 * 1024));
      req.end();
    } else req.end(spec.body);
  });
}

function sendRaw(spec: Spec): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const socket = connect({ host: '127.0.0.1', port });
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const head = Buffer.concat(chunks).toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(head);
      resolve({ spec, ms: Date.now() - started, ...(m ? { status: Number(m[1]) } : {}), ...(error ? { error } : {}) });
    };
    const timer = setTimeout(() => finish('timeout'), 10_000);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => finish());
    socket.on('close', () => finish());
    socket.on('error', (e: NodeJS.ErrnoException) => finish(e.code ?? e.message));
    socket.write(spec.raw!);
  });
}

// ---- the run ------------------------------------------------------------------------------------

describe(`fuzz of the HTTP host, seed=${SEED} (0x${SEED.toString(16)}), ${TOTAL} requests`, () => {
  let fake: FakeWeChat;
  let core: Core;
  let host: Host;
  let agent: Agent;
  const outcomes: Outcome[] = [];
  let memory: { warm: number; end: number; measure: string };
  let runMs = 0;

  beforeAll(async () => {
    fake = await FakeWeChat.start();
    core = makeCore({ fake, addAccount: false });
    await core.accounts.save({ appId: APPID, secret: SECRET, label: 'Shop', serverToken: 'tok123', aesKey: AES, mode: 'stable', apiBase: fake.url });
    const staticDir = tempDir('wxdesk-fuzz-static-');
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>WxDesk</title><script src="app.js"></script>');
    writeFileSync(join(staticDir, 'app.js'), 'console.log("wxdesk");\n');
    key = randomBytes(24).toString('base64url');
    const dashboard = new Dashboard({ core, host: 'browser', version: '0.0.0-fuzz' });
    host = await startHost({ core, port: 0, key, routes: [dashboardRoutes({ dashboard, key, staticDir })] });
    port = host.port;
    agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });

    const gc = (globalThis as { gc?: () => void }).gc;
    const measure = () => {
      if (gc) {
        gc();
        return process.memoryUsage().heapUsed;
      }
      return process.memoryUsage().rss;
    };
    let next = 0;
    let warm = 0;
    const started = Date.now();
    const worker = async () => {
      for (;;) {
        if (next === WARMUP && warm === 0) {
          // Wait for the warm-up requests still in flight, then measure once.
          warm = -1;
          while (outcomes.length < WARMUP) await new Promise((r) => setTimeout(r, 5));
          warm = measure();
        }
        while (warm === -1) await new Promise((r) => setTimeout(r, 5));
        if (next >= TOTAL) return;
        const spec = nextSpec(next++);
        outcomes.push(spec.raw ? await sendRaw(spec) : await sendHttp(agent, spec));
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));
    runMs = Date.now() - started;
    memory = { warm, end: measure(), measure: gc ? 'heapUsed after gc' : 'rss' };
  }, 120_000);

  afterAll(async () => {
    agent?.destroy();
    await host?.close();
    await core?.close();
    await fake?.close();
    removeTempDirs();
  });

  it('sent every request, in bounded time', () => {
    expect(outcomes).toHaveLength(TOTAL);
    expect(runMs).toBeLessThan(60_000);
  });

  it('exercised the guards and the answers, not just one of them', () => {
    const statuses = new Set(outcomes.map((o) => o.status));
    for (const s of [200, 400, 401, 403, 404, 413]) expect(statuses, `no ${s} in ${[...statuses].join(',')}`).toContain(s);
  });

  it('no answer is a 5xx', () => {
    const bad = outcomes.filter((o) => o.status !== undefined && o.status >= 500);
    const sample = bad.slice(0, 10).map((o) => `${o.status} ${describeSpec(o.spec)}`);
    expect(sample, `${bad.length} answers were 5xx`).toEqual([]);
  });

  it('every request got an answer, or a clean close where that is allowed', () => {
    const allowed = (o: Outcome) =>
      // Over the body limit: the host answers 413 and closes; the client may still be writing.
      ((o.spec.body?.length ?? 0) > limitOf(o.spec) && /ECONNRESET|EPIPE|socket hang up/.test(o.error ?? '')) ||
      // Raw bytes that are not HTTP: node:http may close without a word.
      (o.spec.raw !== undefined && o.error !== 'timeout');
    const unanswered = outcomes.filter((o) => o.status === undefined && !o.error?.startsWith('client refused') && !allowed(o));
    expect(unanswered.slice(0, 10).map((o) => `${o.error} ${describeSpec(o.spec)}`), `${unanswered.length} requests got no answer`).toEqual([]);
    // Requests node's own client would not send do not count as fuzzing the host: keep them rare.
    expect(outcomes.filter((o) => o.error?.startsWith('client refused')).length).toBeLessThan(TOTAL / 20);
    // A body announced (Content-Length) over the limit is refused with 413 before anything else looks
    // at the request (sent chunked, the routes' own guards and answers may come first), unless
    // node's parser refused the request line or headers already: a bare 400 with no body type.
    const announced = outcomes.filter((o) => !o.spec.raw && !o.spec.chunked && (o.spec.body?.length ?? 0) > limitOf(o.spec));
    expect(announced.length).toBeGreaterThan(0);
    for (const o of announced) {
      if (o.status === undefined || (o.status === 400 && o.type === undefined)) continue;
      expect(o.status, describeSpec(o.spec)).toBe(413);
    }
    expect(announced.filter((o) => o.status === 413).length).toBeGreaterThan(0);
  });

  it('still answers a valid token request with the real token', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${SECRET}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { access_token: string; expires_in: number };
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in']);
    expect(body.access_token).toBe(fake.currentStable(APPID));
    expect(fake.isValid(body.access_token)).toBe(true);
    // No request changed the team Redis URL.
    expect(core.backend.settings().teamRedisUrl).toBeUndefined();
  });

  it('memory stays flat after the warm-up', () => {
    expect(memory.warm).toBeGreaterThan(0);
    const growthMb = (memory.end - memory.warm) / 1024 / 1024;
    expect(growthMb, `${memory.measure}: ${(memory.warm / 1048576).toFixed(1)} MB → ${(memory.end / 1048576).toFixed(1)} MB`).toBeLessThan(64);
  });

  it('WeChat was asked only for what the one account legitimately needs', () => {
    // A first stable token, and at most one forced refresh (the next one is within WeChat's 30 s).
    expect(fake.count('/cgi-bin/stable_token')).toBeGreaterThanOrEqual(1);
    expect(fake.count('/cgi-bin/stable_token')).toBeLessThanOrEqual(2);
    expect(fake.count()).toBe(fake.count('/cgi-bin/stable_token'));
    expect(fake.count()).toBeLessThanOrEqual(3);
    expect(fake.calls.every((c) => c.appid === APPID)).toBe(true);
    expect(fake.forceCount(APPID)).toBeLessThanOrEqual(1);
  });
});
