// The holes a security review found, each reproduced against the real parts: a secret sent to a
// host of an attacker's choosing, the dashboard reachable from other machines, oversized bodies
// read to the end, two copies of one secret, and data folders others can enter.
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Dashboard, errorView } from '../electron/core/dashboard';
import type { Core } from '../electron/core/services';
import { isLoopbackHost } from '../electron/core/validate';
import { MAX_BODY } from '../electron/host/body';
import { dashboardRoutes, isLoopbackPeer, KEY_HEADER } from '../electron/host/dashboard-routes';
import { startHost, type Host } from '../electron/host/server';
import { FakeWeChat } from './fixtures/fake-wechat';
import { APPID, SECRET, ensureBuilt, makeCore, removeTempDirs, tempDir, wxdesk } from './fixtures/core';

const NEW_SECRET = 'abcdef0123456789abcdef0123456789';
const KEY = 'k'.repeat(32);

let fake: FakeWeChat;
let elsewhere: FakeWeChat;
const cores: Core[] = [];
const closers: (() => Promise<void>)[] = [];

beforeEach(async () => {
  fake = await FakeWeChat.start();
  // "Another host": a second API that is not one of WeChat's, which would collect what it is sent.
  elsewhere = await FakeWeChat.start();
});

afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  for (const c of cores.splice(0)) await c.close();
  await fake.close();
  await elsewhere.close();
  removeTempDirs();
});

function core(): Core {
  const c = makeCore({ fake, mode: 'stable' });
  cores.push(c);
  return c;
}

function dashboard(c: Core): Dashboard {
  return new Dashboard({ core: c, host: 'browser', version: 'test' });
}

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return errorView(e);
  }
  throw new Error('expected a failure');
}

const storeBytes = (dir: string) => ['config.json', 'secrets.json'].map((f) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f)) : null));

describe('the secret goes to WeChat only', () => {
  it('moving an account to another host without its secret is refused, and that host hears nothing', async () => {
    const c = core();
    const dash = dashboard(c);
    await c.keeper.get(APPID);
    const before = storeBytes(c.dataDir);

    const refused = await failure(dash.handlers.saveAccount({ appId: APPID, apiBase: elsewhere.url }));
    expect(refused.code).toBe('INVALID_INPUT');
    expect(refused.fields?.secret).toMatch(/AppSecret entered again/);
    expect(storeBytes(c.dataDir)).toEqual(before);
    await c.keeper.refresh(APPID, 'manual');
    expect(elsewhere.count()).toBe(0);
    expect(c.accounts.get(APPID)?.apiBase).toBe(fake.url);

    // With the secret in the same call the move is the user's own choice.
    elsewhere.addAccount(APPID, NEW_SECRET);
    await dash.handlers.saveAccount({ appId: APPID, apiBase: elsewhere.url, secret: NEW_SECRET });
    await c.keeper.refresh(APPID, 'manual');
    expect(elsewhere.count()).toBe(1);
  });

  it('moving back to one of WeChat\'s own hosts needs no secret; the same custom host stays usable for edits', async () => {
    const c = core();
    const dash = dashboard(c);
    // The account already lives on a custom (loopback) host: editing its label changes no host.
    await dash.handlers.saveAccount({ appId: APPID, label: 'renamed' });
    expect(c.accounts.get(APPID)?.label).toBe('renamed');
    const view = await dash.handlers.saveAccount({ appId: APPID, apiBase: 'https://api2.weixin.qq.com' });
    expect(view.apiBase).toBe('https://api2.weixin.qq.com');
  });

  it('plain http is accepted for this machine only', async () => {
    const c = core();
    const dash = dashboard(c);
    for (const base of ['http://example.com', 'http://10.0.0.5:8080', 'http://192.168.1.2']) {
      const e = await failure(dash.handlers.saveAccount({ appId: APPID, apiBase: base, secret: SECRET }));
      expect(e.fields?.apiBase).toMatch(/only for this machine/);
    }
    for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['127.0.0.1.example.com', 'localhost.example', '0.0.0.0', '::1']) expect(isLoopbackHost(host)).toBe(false);
  });

  it('the CLI refuses the same move and names --secret', async () => {
    await ensureBuilt();
    const dir = tempDir();
    const add = await wxdesk(dir, ['accounts', 'add', '--app-id', APPID, '--secret', SECRET, '--api-base', fake.url]);
    expect(add.code).toBe(0);
    const before = storeBytes(dir);
    const r = await wxdesk(dir, ['accounts', 'update', APPID, '--api-base', 'https://collector.example']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--secret');
    expect(storeBytes(dir)).toEqual(before);
    const ok = await wxdesk(dir, ['accounts', 'update', APPID, '--api-base', 'https://collector.example', '--secret', NEW_SECRET]);
    expect(ok.code).toBe(0);
  });
});

describe('the dashboard answers this machine only', () => {
  it('tells loopback peers from others, IPv4-mapped included', () => {
    for (const a of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) expect(isLoopbackPeer(a)).toBe(true);
    for (const a of [undefined, '', '10.0.0.2', '192.0.2.7', '::ffff:192.0.2.7', 'fe80::1', '::', '0.0.0.0']) expect(isLoopbackPeer(a)).toBe(false);
  });

  it('a peer that is not loopback is refused even with the key and a loopback Host header', async () => {
    const c = core();
    const route = dashboardRoutes({ dashboard: dashboard(c), key: KEY, staticDir: tempDir() });
    // A real HTTP server whose sockets claim a remote peer: what `serve --host 0.0.0.0` sees from another machine.
    let peer = '203.0.113.9';
    const server: Server = createServer((req, res) => {
      Object.defineProperty(req.socket, 'remoteAddress', { value: peer, configurable: true });
      void route(req, res, new URL(req.url ?? '/', 'http://localhost'));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise((r) => server.close(() => r())));
    const port = (server.address() as { port: number }).port;
    const ask = () =>
      fetch(`http://127.0.0.1:${port}/api/listAccounts`, { method: 'POST', headers: { [KEY_HEADER]: KEY, 'content-type': 'application/json' }, body: '{"args":[]}' });
    const far = await ask();
    expect(far.status).toBe(403);
    expect(JSON.stringify(await far.json())).not.toContain(APPID);
    peer = '127.0.0.1';
    const near = await ask();
    expect(near.status).toBe(200);
    expect(JSON.stringify(await near.json())).toContain(APPID);
  });
});

describe('request bodies', () => {
  let host: Host;
  beforeEach(async () => {
    const c = core();
    host = await startHost({ core: c, port: 0, key: KEY, routes: [dashboardRoutes({ dashboard: dashboard(c), key: KEY, staticDir: tempDir() })] });
    closers.push(() => host.close());
  });

  /** Streams `total` bytes as a chunked POST; resolves with what the server answered and how much it took. */
  function stream(path: string, total: number, headers: Record<string, string> = {}): Promise<{ status: number | null; written: number; closed: boolean }> {
    return new Promise((resolve) => {
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let written = 0;
      let status: number | null = null;
      const req = httpRequest(`${host.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } });
      req.on('response', (res) => {
        status = res.statusCode ?? null;
        res.resume();
      });
      const done = (closed: boolean) => resolve({ status, written, closed });
      req.on('error', () => done(true));
      req.on('close', () => done(written < total));
      const pump = () => {
        while (written < total) {
          written += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
  }

  it('a 64 MB body to stable_token is cut off: the connection closes long before it is all sent', async () => {
    const r = await stream('/cgi-bin/stable_token', 64 * 1024 * 1024);
    expect(r.closed).toBe(true);
    expect(r.written).toBeLessThan(32 * 1024 * 1024);
    // The host is still there.
    const ok = await fetch(`${host.url}/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${SECRET}`);
    expect((await ok.json()) as object).toHaveProperty('access_token');
  });

  it('a 64 MB body to the dashboard API is cut off the same way', async () => {
    const r = await stream('/api/saveAccount', 64 * 1024 * 1024, { [KEY_HEADER]: KEY, host: new URL(host.url).host });
    expect(r.closed).toBe(true);
    expect(r.written).toBeLessThan(32 * 1024 * 1024);
  });

  /**
   * A raw client that streams a chunked body and keeps writing whatever the server answers, as an
   * attacker would: how much the server took before it closed, and the status it answered.
   */
  function flood(path: string, method: string, total: number, headers = ''): Promise<{ status: number | null; written: number }> {
    return new Promise((resolve) => {
      const piece = Buffer.concat([Buffer.from(`10000\r\n`), Buffer.alloc(0x10000, 0x61), Buffer.from('\r\n')]);
      let written = 0;
      let head = '';
      let finished = false;
      const socket = connect(host.port, '127.0.0.1', () => {
        socket.write(`${method} ${path} HTTP/1.1\r\nHost: ${new URL(host.url).host}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n${headers}\r\n`);
        pump();
      });
      const done = () => {
        if (finished) return;
        finished = true;
        socket.destroy();
        const m = /^HTTP\/1\.1 (\d{3})/.exec(head);
        resolve({ status: m ? Number(m[1]) : null, written });
      };
      const pump = () => {
        while (!finished && written < total) {
          written += 0x10000;
          if (!socket.write(piece)) return void socket.once('drain', pump);
        }
        if (!finished) socket.end('0\r\n\r\n');
      };
      socket.on('data', (d: Buffer) => void (head += d.toString('latin1').slice(0, 200)));
      socket.on('error', done);
      socket.on('close', done);
    });
  }

  it('a 64 MB body on a route that reads none (the classic token, getticket, a 404) is not read: the answer comes, then the connection closes', async () => {
    for (const [path, method, status] of [
      [`/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${SECRET}`, 'GET', 200],
      ['/cgi-bin/ticket/getticket?access_token=nope&type=jsapi', 'GET', 200],
      ['/nowhere', 'POST', 404],
    ] as const) {
      const r = await flood(path, method, 64 * 1024 * 1024);
      expect([path, r.status]).toEqual([path, status]);
      expect(r.written).toBeLessThan(32 * 1024 * 1024);
    }
  });

  it('an oversized chunked body to the dashboard API gets its 413 before the connection goes', async () => {
    const r = await flood('/api/saveAccount', 'POST', 64 * 1024 * 1024, `${KEY_HEADER}: ${KEY}\r\n`);
    expect(r.status).toBe(413);
    expect(r.written).toBeLessThan(32 * 1024 * 1024);
  });

  it('the routes that carry a file take up to 14 MB (a 10 MB upload as base64), no more; every other route 512 KB', async () => {
    // 600 KB to mediaUpload is read and reaches the method (its own checks answer: not a 413)...
    const upload = await fetch(`http://127.0.0.1:${host.port}/api/mediaUpload`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [KEY_HEADER]: KEY },
      body: JSON.stringify({ args: [{ appId: APPID, kind: 'image', fileName: 'a.jpg', base64: Buffer.alloc(450 * 1024, 1).toString('base64') }] }),
    });
    expect(upload.status).not.toBe(413);
    // ...the same size to another method is refused,
    const other = await fetch(`http://127.0.0.1:${host.port}/api/saveAccount`, { method: 'POST', headers: { 'content-type': 'application/json', [KEY_HEADER]: KEY }, body: `{"args":["${'a'.repeat(600 * 1024)}"]}` });
    expect(other.status).toBe(413);
    // ...and past 14 MB the file routes refuse too, before reading.
    const r = await flood('/api/mediaUpload', 'POST', 64 * 1024 * 1024, `${KEY_HEADER}: ${KEY}\r\n`);
    expect(r.status).toBe(413);
    expect(r.written).toBeLessThan(32 * 1024 * 1024);
  });

  it('a body announced larger than the limit is refused before it is read', async () => {
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(host.port, '127.0.0.1', () => {
        socket.write(`POST /cgi-bin/stable_token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${10 * 1024 * 1024}\r\n\r\n`);
      });
      let text = '';
      socket.setEncoding('utf8').on('data', (s: string) => (text += s));
      socket.on('close', () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer).toMatch(/connection: close/i);
    expect(answer).toContain(`${MAX_BODY / 1024} KB`);
  });
});

describe('one secret per account, whichever surface wrote last', () => {
  it('a CLI update drops the sealed copy the desktop holds, so the desktop uses the new secret', async () => {
    await ensureBuilt();
    const dir = tempDir();
    expect((await wxdesk(dir, ['accounts', 'add', '--app-id', APPID, '--secret', SECRET, '--api-base', fake.url])).code).toBe(0);
    // The desktop sealed the account's secret (a blob only it can open), and the file copy is gone.
    const sealedPath = join(dir, 'secrets.sealed.json');
    writeFileSync(sealedPath, JSON.stringify({ version: 1, sealed: { [APPID]: 'c2VhbGVkOm9sZA==', wxffffffffffffffff: 'b3RoZXI=' } }));
    writeFileSync(join(dir, 'secrets.json'), JSON.stringify({ version: 1, secrets: {} }));

    const r = await wxdesk(dir, ['accounts', 'update', APPID, '--secret', NEW_SECRET]);
    expect(r.code).toBe(0);
    const sealed = JSON.parse(readFileSync(sealedPath, 'utf8')) as { sealed: Record<string, string> };
    expect(sealed.sealed).not.toHaveProperty(APPID);
    expect(sealed.sealed).toHaveProperty('wxffffffffffffffff'); // other accounts' sealed copies stay
    const file = JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')) as { secrets: Record<string, string> };
    expect(file.secrets[APPID]).toBe(NEW_SECRET);
  });
});

describe('data folders', () => {
  it('are created 0700, and an existing data dir opened to others is narrowed at the first write', async () => {
    await ensureBuilt();
    const fresh = join(tempDir(), 'new', 'data');
    expect((await wxdesk(fresh, ['accounts', 'add', '--app-id', APPID, '--secret', SECRET, '--api-base', fake.url])).code).toBe(0);
    expect(statSync(fresh).mode & 0o777).toBe(0o700);
    expect(statSync(join(fresh, 'locks')).mode & 0o777).toBe(0o700);

    const open = join(tempDir(), 'open');
    mkdirSync(open);
    chmodSync(open, 0o755);
    expect((await wxdesk(open, ['accounts', 'add', '--app-id', APPID, '--secret', SECRET, '--api-base', fake.url])).code).toBe(0);
    expect(statSync(open).mode & 0o777).toBe(0o700);
  });
});

describe('a data dir another user could write (a pre-created 0777 folder, a folder of someone else\'s)', () => {
  /** A host that must hear nothing: the address a planted config.json points the account at. */
  async function hostile(): Promise<{ url: string; hits: () => number }> {
    let hits = 0;
    const server = createServer((req, res) => {
      hits++;
      res.end('{"access_token":"EVIL","expires_in":7200}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise<void>((r) => server.close(() => r())));
    return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, hits: () => hits };
  }

  /** A data dir holding the victim's account and secret, with its API base swapped to `apiBase` by whoever could write there. */
  async function planted(apiBase: string): Promise<string> {
    await ensureBuilt();
    const dir = join(tempDir(), 'shared');
    expect((await wxdesk(dir, ['accounts', 'add', '--app-id', APPID, '--secret', SECRET, '--api-base', fake.url, '--auto-refresh', 'off'])).code).toBe(0);
    const configFile = join(dir, 'config.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8')) as { accounts: Record<string, { apiBase: string }> };
    config.accounts[APPID]!.apiBase = apiBase;
    writeFileSync(configFile, JSON.stringify(config));
    return dir;
  }

  it('is refused when group or others can write to it: the secret goes nowhere, and the error names the chmod', async () => {
    const evil = await hostile();
    const dir = await planted(evil.url);
    chmodSync(dir, 0o777);
    const r = await wxdesk(dir, ['token', APPID]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('group or others can write to it');
    expect(r.stderr).toContain(`chmod 700 '${dir}'`);
    expect(evil.hits()).toBe(0);
    const zh = await wxdesk(dir, ['token', APPID], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(zh.stderr).toContain('同组用户或其他用户可以写入');
    expect(evil.hits()).toBe(0);
  });

  it('is refused when another user owns it', async (ctx) => {
    if (process.getuid?.() !== 0) ctx.skip(); // Only root can hand a folder to another user here.
    const evil = await hostile();
    const dir = await planted(evil.url);
    chmodSync(dir, 0o700);
    const { chownSync } = await import('node:fs');
    chownSync(dir, 65534, 65534);
    const r = await wxdesk(dir, ['token', APPID]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('it is not owned by you');
    expect(evil.hits()).toBe(0);
  });

  it('data files others could read are narrowed to 0600 when opened, and so is a damaged copy', async () => {
    await ensureBuilt();
    const dir = join(tempDir(), 'narrow');
    expect((await wxdesk(dir, ['accounts', 'add', '--app-id', APPID, '--secret', SECRET, '--api-base', fake.url, '--auto-refresh', 'off'])).code).toBe(0);
    chmodSync(join(dir, 'config.json'), 0o644);
    expect((await wxdesk(dir, ['accounts', 'list'])).code).toBe(0);
    expect(statSync(join(dir, 'config.json')).mode & 0o777).toBe(0o600);
    writeFileSync(join(dir, 'config.json'), '{ damaged');
    chmodSync(join(dir, 'config.json'), 0o644);
    await wxdesk(dir, ['accounts', 'list']);
    const copies = readdirSync(dir).filter((f) => f.startsWith('config.json.damaged-'));
    expect(copies).toHaveLength(1);
    expect(statSync(join(dir, copies[0]!)).mode & 0o777).toBe(0o600);
  });
});

describe('presented secrets and tokens are compared in constant time', () => {
  /** The body of a method, from its name to the closing brace at its indentation. */
  function body(file: string, method: string): string {
    const text = readFileSync(join(__dirname, '..', file), 'utf8');
    const start = text.indexOf(`\n  ${method}(`);
    expect(start, `${method} in ${file}`).toBeGreaterThan(0);
    return text.slice(start, text.indexOf('\n  }\n', start));
  }

  // A timing test would be a timer in a test; this reads the code instead: whatever a caller
  // presents is never put to === or !== against what is held (a first differing character would
  // end the compare early), only to sameText.
  it.each([
    ['electron/core/keeper/keeper.ts', 'accountForToken', 'token'],
    ['electron/core/accounts.ts', 'checkSecret', 'presented'],
  ])('%s %s compares %s with sameText only', (file, method, presented) => {
    const code = body(file, method);
    expect(code).toContain('sameText(');
    const plain = new RegExp(`(===|!==)\\s*${presented}\\b|\\b${presented}\\s*(===|!==)|\\.token\\s*(===|!==)`);
    expect(code).not.toMatch(plain);
  });
});
