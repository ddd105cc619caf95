// The `wxdesk` command as users run it: real processes from bin/wxdesk.js over the built
// dist/cli.js, a temp --data-dir each, the fake WeChat API as every account's apiBase. Some cases
// call runCli in-process where a child process adds nothing.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { runCli, type Io } from '../../electron/cli';
import { cliIn } from '../fixtures/cli-in-process';
import { FakeWeChat } from '../fixtures/fake-wechat';
import { APPID, BIN, OTHER_APPID, OTHER_SECRET, SECRET, cliEnv, ensureBuilt, removeTempDirs, startServe, tempDir, wxdesk, type Served, stopServed } from '../fixtures/core';

const TOKEN_RE = /^[A-Za-z0-9_-]{140}$/;
const WRONG_SECRET = 'ffffffffffffffffffffffffffffffff';

let fake: FakeWeChat;
let dir: string;
const served: Served[] = [];

beforeAll(async () => {
  await ensureBuilt();
}, 120_000);

beforeEach(async () => {
  fake = await FakeWeChat.start();
  fake.addAccount(APPID, SECRET);
  dir = tempDir();
});

afterEach(async () => {
  await stopServed(served);
  await fake.close();
});

afterAll(() => removeTempDirs());

/** runCli in this process, with captured output. */
const cli = (args: string[], env: NodeJS.ProcessEnv = {}, signal?: AbortSignal) => cliIn(dir, args, env, signal);

async function addAccount(mode: 'stable' | 'classic' = 'stable', appId = APPID, secret = SECRET): Promise<void> {
  const r = await cli(['accounts', 'add', '--app-id', appId, '--secret', secret, '--mode', mode, '--api-base', fake.url]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
}

describe('usage', () => {
  it('--help prints the commands and exits 0', async () => {
    const r = await wxdesk(dir, ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wxdesk: /);
    for (const cmd of ['accounts add', 'token', 'serve', '--data-dir']) expect(r.stdout).toContain(cmd);
    expect(r.stderr).toBe('');
  });

  it('no command: help on stderr, exit 2', async () => {
    const r = await wxdesk(dir, []);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage: wxdesk');
  });

  it('an unknown flag exits 2 and names the flag', async () => {
    const r = await wxdesk(dir, ['token', '--bogus-flag']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--bogus-flag');
    const s = await cli(['accounts', 'add', '--app-id', APPID, '--secret', SECRET, '--colour', 'red']);
    expect(s.code).toBe(2);
    expect(s.err).toContain('--colour');
  });

  it('an unknown command exits 2 and names it', async () => {
    const r = await cli(['tokne']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('"tokne"');
  });

  it('--data-dir without a value exits 2', async () => {
    const r = await runCli(['token', '--data-dir'], { out: () => {}, err: () => {}, env: {} });
    expect(r).toBe(2);
  });

  it('a bad AppID exits 2, names the field, and saves nothing', async () => {
    const r = await wxdesk(dir, ['accounts', 'add', '--app-id', 'wx123', '--secret', SECRET, '--api-base', fake.url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('AppID');
    expect(r.stderr).toContain('"wx123"');
    expect((await cli(['accounts', 'list', '--json'])).out.trim()).toBe('[]');
  });

  it('a bad AppSecret exits 2 and names the field, without echoing the value', async () => {
    const bad = '0123456789abcdef0123456789abcdeZ';
    const r = await wxdesk(dir, ['accounts', 'add', '--app-id', APPID, '--secret', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('AppSecret');
    expect(r.stderr).toContain('not hex');
    expect(r.stderr).not.toContain(bad);
    expect(r.stdout).toBe('');
  });

  it('a missing --secret exits 2 and names the field', async () => {
    const r = await cli(['accounts', 'add', '--app-id', APPID]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('AppSecret is required');
  });

  it('--mode and --auto-refresh take only their words', async () => {
    const a = await cli(['accounts', 'add', '--app-id', APPID, '--secret', SECRET, '--mode', 'fast']);
    expect([a.code, a.err]).toEqual([2, expect.stringContaining('--mode')]);
    const b = await cli(['accounts', 'add', '--app-id', APPID, '--secret', SECRET, '--auto-refresh', 'maybe']);
    expect([b.code, b.err]).toEqual([2, expect.stringContaining('--auto-refresh')]);
  });
});

describe('accounts', () => {
  it('add, list, list --json, update, remove, as separate processes on one data dir', async () => {
    const add = await wxdesk(dir, ['accounts', 'add', '--app-id', APPID, '--secret', SECRET, '--label', 'Shop', '--mode', 'classic', '--api-base', `${fake.url}/`]);
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.stdout).toContain(`Added ${APPID} (Shop), classic mode, API ${fake.url}.`);

    const again = await cli(['accounts', 'add', '--app-id', APPID, '--secret', SECRET]);
    expect(again.code).toBe(2);
    expect(again.err).toContain('already exists');

    const list = await wxdesk(dir, ['accounts', 'list']);
    expect(list.code).toBe(0);
    const [header, row, ...more] = list.stdout.trimEnd().split('\n');
    expect(more).toEqual([]);
    expect(header).toMatch(/^APPID\s+LABEL\s+MODE\s+SECRET\s+TOKEN\s+API\s+MESSAGES$/);
    expect(row?.split(/\s+/)).toEqual([APPID, 'Shop', 'classic', 'yes', 'none', fake.url, 'plain']);

    const json = await wxdesk(dir, ['accounts', 'list', '--json']);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(parsed).toHaveLength(1);
    expect(parsed[0]).toMatchObject({ appId: APPID, label: 'Shop', mode: 'classic', apiBase: fake.url, autoRefresh: true, hasSecret: true, token: { status: 'none', expiresAt: null, lastError: null } });

    const update = await wxdesk(dir, ['accounts', 'update', APPID, '--label', 'Store', '--mode', 'stable', '--auto-refresh', 'off']);
    expect(update.code).toBe(0);
    expect(update.stdout).toContain(`Updated ${APPID} (Store), stable mode`);
    const after = JSON.parse((await cli(['accounts', 'list', '--json'])).out) as Record<string, unknown>[];
    expect(after[0]).toMatchObject({ label: 'Store', mode: 'stable', autoRefresh: false, hasSecret: true, apiBase: fake.url });

    // The secret went to a 0600 file, never to the shared store nor to any output.
    for (const out of [add.stdout, list.stdout, json.stdout, update.stdout]) expect(out).not.toContain(SECRET);
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).not.toContain(SECRET);
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).toContain(SECRET);
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);

    const remove = await wxdesk(dir, ['accounts', 'remove', APPID]);
    expect(remove.code).toBe(0);
    expect(remove.stdout).toBe(`Removed ${APPID}.\n`);
    expect(JSON.parse((await cli(['accounts', 'list', '--json'])).out)).toEqual([]);
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).not.toContain(SECRET);

    const gone = await cli(['accounts', 'remove', APPID]);
    expect(gone.code).toBe(2);
    expect(gone.err).toContain(APPID);
  });

  it('update of an unknown account exits 2 naming it', async () => {
    const r = await cli(['accounts', 'update', APPID, '--label', 'x']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(APPID);
  });

  it('list shows the token time left once there is one, and the error code after a failure', async () => {
    await addAccount('stable');
    await addAccount('classic', OTHER_APPID, OTHER_SECRET);
    fake.whitelist(OTHER_APPID, '203.0.113.5');
    expect((await cli(['token', APPID])).code).toBe(0);
    expect((await cli(['token', OTHER_APPID])).code).toBe(1);
    const rows = (await cli(['accounts', 'list'])).out.trimEnd().split('\n').slice(1).map((r) => r.split(/\s+/));
    expect(rows[0]?.slice(0, 5)).toEqual([APPID, APPID, 'stable', 'yes', expect.stringMatching(/^1h59m$|^2h00m$/)]);
    expect(rows[1]?.slice(0, 5)).toEqual([OTHER_APPID, OTHER_APPID, 'classic', 'yes', 'error']);
    expect(rows[1]?.[5]).toBe('40164');
  });
});

describe('token', () => {
  it('prints only the token and a newline, one WeChat accepts, and reuses it on the next run', async () => {
    await addAccount('classic');
    const r = await wxdesk(dir, ['token']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^[A-Za-z0-9_-]{140}\n$/);
    const token = r.stdout.trimEnd();
    expect(fake.isValid(token)).toBe(true);
    expect(fake.count('/cgi-bin/token')).toBe(1);

    const again = await wxdesk(dir, ['token', APPID]);
    expect(again.stdout).toBe(r.stdout);
    expect(fake.count()).toBe(1);
  });

  it('--json has access_token, expires_in, expires_at and mode', async () => {
    await addAccount('stable');
    const before = Date.now();
    const r = await wxdesk(dir, ['token', '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout.endsWith('\n')).toBe(true);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
    const j = JSON.parse(r.stdout) as { access_token: string; expires_in: number; expires_at: string; mode: string };
    expect(Object.keys(j).sort()).toEqual(['access_token', 'expires_at', 'expires_in', 'mode']);
    expect(j.access_token).toMatch(TOKEN_RE);
    expect(j.access_token).toBe(fake.currentStable(APPID));
    expect(j.mode).toBe('stable');
    expect(j.expires_in).toBeGreaterThan(7100);
    expect(j.expires_in).toBeLessThanOrEqual(7200);
    const at = Date.parse(j.expires_at);
    expect(j.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(at).toBeGreaterThanOrEqual(before + 7199_000);
    expect(at).toBeLessThanOrEqual(Date.now() + 7200_000);
  });

  it('--force retires the stable token and prints the new one; a second force within 30 s is refused', async () => {
    await addAccount('stable');
    const first = (await cli(['token'])).out.trimEnd();
    const forced = await cli(['token', '--force']);
    expect(forced.code).toBe(0);
    const token = forced.out.trimEnd();
    expect(token).not.toBe(first);
    expect(fake.isValid(first)).toBe(false);
    expect(fake.isValid(token)).toBe(true);
    const again = await cli(['token', '--force']);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/30 s/);
    expect(fake.count()).toBe(2);
  });

  it('needs an AppID when there are several accounts, and exits 2 with none', async () => {
    const none = await cli(['token']);
    expect(none.code).toBe(2);
    expect(none.err).toContain('accounts add');
    await addAccount('stable');
    await addAccount('stable', OTHER_APPID, OTHER_SECRET);
    const r = await cli(['token']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(APPID);
    expect(r.err).toContain(OTHER_APPID);
    const unknown = await cli(['token', 'wx1111111111111111']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('wx1111111111111111');
    expect(fake.count()).toBe(0);
  });

  it('agrees with the endpoint of a running `wxdesk serve`', async () => {
    await addAccount('classic');
    const s = await startServe(dir);
    served.push(s);
    expect(s.info.url).toBe(`http://127.0.0.1:${s.info.port}`);
    expect(s.info.port).toBeGreaterThan(0);
    expect(s.info.key.length).toBeGreaterThanOrEqual(16);
    const res = await request(`${s.info.url}/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${SECRET}`);
    const fromEndpoint = (await res.body.json()) as { access_token: string };
    expect(fromEndpoint.access_token).toMatch(TOKEN_RE);
    const r = await wxdesk(dir, ['token']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${fromEndpoint.access_token}\n`);
    // serve, the endpoint and the one-off command made one classic call between them.
    expect(fake.count('/cgi-bin/token')).toBe(1);
    expect(fake.isValid(fromEndpoint.access_token)).toBe(true);
  });

  it('a transient fault ends in a token (the keeper retries)', async () => {
    await addAccount('stable');
    fake.fail('busy');
    const r = await wxdesk(dir, ['token']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd()).toBe(fake.currentStable(APPID));
    expect(fake.count()).toBe(2);
  });
});

describe('token failures', () => {
  it('40164: exit 1, stderr names the code and the IP to whitelist, no retries', async () => {
    await addAccount('stable');
    fake.whitelist(APPID, '203.0.113.77');
    const r = await wxdesk(dir, ['token']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('40164');
    expect(r.stderr).toContain('ip to whitelist: 203.0.113.77');
    expect(r.stderr).toMatch(/IP白名单/);
    expect(r.stderr).toMatch(/wechat said: invalid ip 203\.0\.113\.77 .* rid: /);
    expect(fake.count()).toBe(1);
  });

  it('40164 in Chinese under a zh locale', async () => {
    await addAccount('stable');
    fake.whitelist(APPID, '203.0.113.78');
    const r = await wxdesk(dir, ['token'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('本机 IP 203.0.113.78 不在公众号的 IP 白名单中（40164）');
  });

  it('45009: exit 1 naming 45009, no retries', async () => {
    await addAccount('classic');
    fake.fail({ errcode: 45009 });
    const r = await wxdesk(dir, ['token']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('[45009]');
    expect(r.stderr).toMatch(/quota/i);
    expect(fake.count()).toBe(1);
  });

  it('a wrong AppSecret is explained (40001 at the token API means the secret), no retries', async () => {
    await addAccount('stable', APPID, WRONG_SECRET);
    const r = await wxdesk(dir, ['token']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[40001]');
    expect(r.stderr).toContain('AppSecret');
    expect(r.stderr).toContain('mp.weixin.qq.com');
    expect(r.stderr).not.toContain(WRONG_SECRET);
    expect(fake.count()).toBe(1);
  });
});

describe('sign jssdk --app-id', () => {
  it("signs with the account's cached jsapi_ticket, fetched once", async () => {
    await addAccount();
    const args = ['sign', 'jssdk', '--app-id', APPID, '--noncestr', 'Wm3WZYTPz0wzccnW', '--timestamp', '1414587457', '--url', 'https://example.com/page#x'];
    const r = await cli(args);
    expect(r.code).toBe(0);
    const ticket = (await cli(['sign', 'jssdk', '--app-id', APPID, '--noncestr', 'n', '--timestamp', '1', '--url', 'u', '--json'])).out;
    const used = JSON.parse(ticket) as { joined: string };
    const cachedTicket = /^jsapi_ticket=([^&]+)&/.exec(used.joined)![1]!;
    const expected = createHash('sha1').update(`jsapi_ticket=${cachedTicket}&noncestr=Wm3WZYTPz0wzccnW&timestamp=1414587457&url=https://example.com/page`).digest('hex');
    expect(r.out).toBe(`${expected}\n`);
    expect(fake.count('/cgi-bin/ticket/getticket')).toBe(1);
  });
});

describe('serve', () => {
  it('stops cleanly on SIGTERM and frees its port', async () => {
    await addAccount('stable');
    const s = await startServe(dir);
    served.push(s);
    // It refreshes ahead on start: the account has a token without anyone asking.
    await expect.poll(() => fake.count(), { timeout: 5_000 }).toBe(1);
    const res = await request(`${s.info.url}/cgi-bin/stable_token`, { method: 'POST', body: JSON.stringify({ grant_type: 'client_credential', appid: APPID, secret: SECRET }) });
    expect(((await res.body.json()) as { access_token: string }).access_token).toBe(fake.currentStable(APPID));
    s.child.kill('SIGTERM');
    const { code, signal } = await s.exited;
    expect(signal).toBeNull();
    expect(code).toBe(0);
    expect(s.stderr()).toBe('');
    await expect(request(`${s.info.url}/cgi-bin/token`)).rejects.toThrow();
    expect(fake.count()).toBe(1);
  });

  it('without --json, a readable banner naming the accounts', async () => {
    await addAccount('stable');
    const ctl = new AbortController();
    let out = '';
    const done = runCli(['--data-dir', dir, 'serve', '--port', '0'], { out: (s) => void (out += s), err: () => {}, env: cliEnv() }, ctl.signal);
    await expect.poll(() => out, { timeout: 5_000 }).toContain('Press Ctrl+C');
    expect(out).toMatch(/^WxDesk is serving on http:\/\/127\.0\.0\.1:\d+ /);
    expect(out).toContain(APPID);
    ctl.abort();
    expect(await done).toBe(0);
  });

  it('in-process serve ended by its AbortSignal leaves no signal handlers behind', async () => {
    await addAccount('stable');
    const before = [process.listenerCount('SIGTERM'), process.listenerCount('SIGINT')];
    const ctl = new AbortController();
    let out = '';
    const done = runCli(['--data-dir', dir, 'serve', '--port', '0', '--json'], { out: (s) => void (out += s), err: () => {}, env: cliEnv() }, ctl.signal);
    await expect.poll(() => out, { timeout: 5_000 }).toContain('\n');
    const info = JSON.parse(out) as { url: string };
    ctl.abort();
    expect(await done).toBe(0);
    // A leftover once('SIGTERM') listener would stop this process from ever ending on SIGTERM.
    expect([process.listenerCount('SIGTERM'), process.listenerCount('SIGINT')]).toEqual(before);
    await expect(request(`${info.url}/cgi-bin/token`)).rejects.toThrow();
  });

  it('a port in use exits 2 with advice', async () => {
    await addAccount('stable');
    const s = await startServe(dir);
    served.push(s);
    const r = await cli(['serve', '--port', String(s.info.port)]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`Port ${s.info.port} is in use`);
    const bad = await cli(['serve', '--port', 'http']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--port');
  });
});

describe('damaged data', () => {
  it('a damaged config.json is moved aside, kept byte for byte, named, and the command carries on', async () => {
    const file = join(dir, 'config.json');
    writeFileSync(file, '{"accounts": {');
    const r = await cli(['accounts', 'list']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('No accounts');
    const kept = readdirSync(dir).filter((f) => f.startsWith('config.json.damaged-'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(dir, kept[0]!), 'utf8')).toBe('{"accounts": {');
    expect(r.err).toContain(join(dir, kept[0]!));
    expect(r.err).toMatch(/damaged/);
    expect(r.err).not.toMatch(/WeChat API|at .*\.js:\d+/);
  });

  it('a damaged secrets.json is moved aside and named; the missing secret costs no upstream call', async () => {
    await addAccount();
    writeFileSync(join(dir, 'secrets.json'), 'garbage');
    const r = await cli(['token']);
    expect(r.code).toBe(1);
    const kept = readdirSync(dir).filter((f) => f.startsWith('secrets.json.damaged-'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(dir, kept[0]!), 'utf8')).toBe('garbage');
    expect(r.err).toContain(join(dir, kept[0]!));
    expect(r.err).toMatch(/AppSecret .* cannot be read/);
    expect(r.err).not.toMatch(/WeChat API/);
    expect(fake.count()).toBe(0);
  });
});

describe('data dir', () => {
  it('never falls back to the default data dir when --data-dir is given', async () => {
    await addAccount('stable');
    expect(existsSync(join(dir, 'config.json'))).toBe(true);
    const other = tempDir();
    const r = await wxdesk(other, ['accounts', 'list', '--json']);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it('WXDESK_DATA_DIR is used when --data-dir is not given', async () => {
    await addAccount('stable');
    let out = '';
    const code = await runCli(['accounts', 'list', '--json'], { out: (s) => void (out += s), err: () => {}, env: { WXDESK_DATA_DIR: dir } });
    expect(code).toBe(0);
    expect((JSON.parse(out) as { appId: string }[]).map((a) => a.appId)).toEqual([APPID]);
  });
});

describe('--secret - (the AppSecret from standard input, never on a command line)', () => {
  it('a real `wxdesk accounts add … --secret -` reads the piped secret, and the token it fetches proves it', async () => {
    await ensureBuilt();
    const args = [BIN, '--data-dir', dir, 'accounts', 'add', '--app-id', APPID, '--secret', '-', '--api-base', fake.url];
    const child = spawn(process.execPath, args, { env: cliEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += String(d)));
    child.stdin.end(`${SECRET}\n`);
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(args.join(' ')).not.toContain(SECRET);
    const token = await wxdesk(dir, ['token', APPID]);
    expect(token.code).toBe(0);
    expect(fake.count()).toBe(1);
  });

  it('with nothing piped in, it says what to do and exits 2; --help says how', async () => {
    const io: Io = { out: () => {}, err: () => {}, env: { LANG: 'C.UTF-8' }, stdin: async () => '' };
    let err = '';
    io.err = (t) => void (err += t);
    expect(await runCli(['--data-dir', dir, 'accounts', 'add', '--app-id', APPID, '--secret', '-'], io)).toBe(2);
    expect(err).toContain('pipe the AppSecret in');
    expect((await cli(['accounts', 'add', '--help'])).out).toContain('--secret - reads it from standard input');
  });
});
