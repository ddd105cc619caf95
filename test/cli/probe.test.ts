// `wxdesk probe` as a user runs it: a line per check, exit 0 / 1 / 2, --json with every exchange,
// --account taking the saved Token and key and remembering the URL.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeReport } from '../../electron/contract';
import { CallbackServer, newAesKey } from '../fixtures/callback-servers';
import { ensureBuilt, removeTempDirs, tempDir, wxdesk } from '../fixtures/core';
import { displayWidth } from '../../electron/cli/columns';

const TOKEN = 'cliProbe2024';
const APPID = 'wx00aa11bb22cc33dd';
const KEY = newAesKey();

beforeAll(ensureBuilt, 120_000);
afterAll(removeTempDirs);
const servers: CallbackServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function server(opts: Parameters<typeof CallbackServer.start>[0]): Promise<CallbackServer> {
  const s = await CallbackServer.start(opts);
  servers.push(s);
  return s;
}

describe('wxdesk probe', () => {
  it('a correct server: five PASS lines, a summary, the reach notes on stderr, exit 0', async () => {
    const s = await server({ token: TOKEN });
    const r = await wxdesk(tempDir(), ['probe', s.url, '--server-token', TOKEN]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines.slice(0, 5).map((l) => l.slice(0, 4))).toEqual(['PASS', 'PASS', 'PASS', 'PASS', 'PASS']);
    expect(lines[0]).toMatch(/^PASS {2}URL verification +\d+ ms {2}The echostr came back byte for byte/);
    expect(lines[5]).toBe(`probe ${s.url} (plain mode): 5 passed, 0 warned, 0 failed.`);
    expect(r.stderr).toMatch(/note: .*before the tunnel, not instead of it/);
  });

  it('safe mode with --aes-key and --app-id', async () => {
    const s = await server({ token: TOKEN, mode: 'safe', aesKey: KEY, appId: APPID });
    const r = await wxdesk(tempDir(), ['probe', s.url, '--server-token', TOKEN, '--aes-key', KEY, '--app-id', APPID]);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('(safe mode): 5 passed');
    expect(s.requests[2]!.query.encrypt_type).toBe('aes');
  });

  it('a server that accepts forged signatures: FAIL with the cause, exit 1', async () => {
    const s = await server({ token: TOKEN, fault: 'accepts-forged' });
    const r = await wxdesk(tempDir(), ['probe', s.url, '--server-token', TOKEN]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAIL {2}Forged signature .*accepts forged requests/m);
  });

  it('a warning alone still exits 0', async () => {
    const s = await server({ token: TOKEN, fault: 'no-dedupe' });
    const r = await wxdesk(tempDir(), ['probe', s.url, '--server-token', TOKEN]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^WARN {2}Retried message .*handled twice/m);
  });

  it('--json: the whole report, every request and response', async () => {
    const s = await server({ token: TOKEN, fault: 'trailing-newline' });
    const r = await wxdesk(tempDir(), ['probe', s.url, '--server-token', TOKEN, '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as ProbeReport;
    const url = report.checks[0]!;
    expect(url).toMatchObject({ id: 'url', verdict: 'fail' });
    expect(url.exchanges[0]!.request.url).toContain('echostr=');
    expect(url.exchanges[0]!.response!.body).toMatch(/^\d{19}\n$/);
    expect(url.exchanges[0]!.request.curl).toMatch(/^curl -sS -i 'http:\/\/127\.0\.0\.1/);
  });

  it('--account takes the saved Token, key, AppID and message mode, remembers the URL, and probes it again without one', async () => {
    const dir = tempDir();
    const s = await server({ token: TOKEN, mode: 'safe', aesKey: KEY, appId: APPID });
    const add = await wxdesk(dir, ['accounts', 'add', '--app-id', APPID, '--secret', '0123456789abcdef0123456789abcdef', '--server-token', TOKEN, '--aes-key', KEY, '--message-mode', 'safe']);
    expect(add.code, add.stderr).toBe(0);
    const first = await wxdesk(dir, ['probe', s.url, '--account', APPID]);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toContain('(safe mode): 5 passed');
    const list = JSON.parse((await wxdesk(dir, ['accounts', 'list', '--json'])).stdout) as { callbackUrl?: string }[];
    expect(list[0]!.callbackUrl).toBe(s.url);
    const again = await wxdesk(dir, ['probe', '--account', APPID]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`probe ${s.url} (safe mode)`);
  });

  it('--account with a saved key but no message mode probes in plain mode: a key is never taken for safe mode', async () => {
    const dir = tempDir();
    const s = await server({ token: TOKEN });
    const add = await wxdesk(dir, ['accounts', 'add', '--app-id', APPID, '--secret', '0123456789abcdef0123456789abcdef', '--server-token', TOKEN, '--aes-key', KEY]);
    expect(add.code, add.stderr).toBe(0);
    const r = await wxdesk(dir, ['probe', s.url, '--account', APPID]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(`probe ${s.url} (plain mode): 5 passed`);
    expect(s.requests[2]!.query.encrypt_type).toBeUndefined();
    // --mode still wins over the account's.
    const safe = await server({ token: TOKEN, mode: 'safe', aesKey: KEY, appId: APPID });
    const forced = await wxdesk(dir, ['probe', safe.url, '--account', APPID, '--mode', 'safe']);
    expect(forced.stdout).toContain('(safe mode): 5 passed');
  });

  it('an account in safe mode against a plain-only server: every check passes, then a WARN line about the run, exit 0', async () => {
    const dir = tempDir();
    const plainOnly = await server({ token: TOKEN, mode: 'safe', aesKey: KEY, appId: APPID, fault: 'plain-only' });
    const add = await wxdesk(dir, ['accounts', 'add', '--app-id', APPID, '--secret', '0123456789abcdef0123456789abcdef', '--server-token', TOKEN, '--aes-key', KEY, '--message-mode', 'safe']);
    expect(add.code, add.stderr).toBe(0);
    const r = await wxdesk(dir, ['probe', plainOnly.url, '--account', APPID]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 5).map((l) => l.slice(0, 4))).toEqual(['PASS', 'PASS', 'PASS', 'PASS', 'PASS']);
    expect(lines[5]).toMatch(/^WARN {2}In safe mode every push got only "success" or an empty answer: the server may not be decrypting <Encrypt>/);
    expect(lines[6]).toBe(`probe ${plainOnly.url} (safe mode): 5 passed, 0 warned, 0 failed; 1 warning about the run (above).`);
    const zh = await wxdesk(dir, ['probe', plainOnly.url, '--account', APPID], { env: { LANG: 'zh_CN.UTF-8' } });
    // Under zh the mark is Chinese too, as every check's mark (通过/警告/失败) is: the same line, translated.
    expect(zh.stdout).toMatch(/^警告 {2}安全模式下每条推送都只得到“success”或空应答/m);
    // The correct server: no warning.
    const good = await server({ token: TOKEN, mode: 'safe', aesKey: KEY, appId: APPID });
    const ok = await wxdesk(dir, ['probe', good.url, '--account', APPID]);
    expect(ok.stdout).not.toContain('WARN');
    expect(ok.stdout).toContain('(safe mode): 5 passed, 0 warned, 0 failed.');
  });

  it('speaks Chinese under a zh_CN locale', async () => {
    const s = await server({ token: TOKEN });
    const r = await wxdesk(tempDir(), ['probe', s.url, '--server-token', TOKEN], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(r.stdout).toMatch(/^通过 {2}URL 验证 .*echostr 按字节原样返回/m);
    expect(r.stdout).toContain('5 项通过');
  });

  it('lines up Chinese titles by display width: the time column ends at one screen column', async () => {
    const s = await server({ token: TOKEN });
    const r = await wxdesk(tempDir(), ['probe', s.url, '--server-token', TOKEN], { env: { LANG: 'zh_CN.UTF-8' } });
    const checks = r.stdout.split('\n').filter((l) => /^(通过|警告|失败)/.test(l));
    expect(checks).toHaveLength(5);
    const ends = checks.map((l) => displayWidth(l.slice(0, l.indexOf(' ms') + 3)));
    expect(new Set(ends).size, r.stdout).toBe(1);
  });

  const usage: [string[], RegExp][] = [
    [[], /Give the callback URL/],
    [['http://127.0.0.1:1/x'], /--server-token is required/],
    [['localhost:8080', '--server-token', TOKEN], /has no scheme/],
    [['http://127.0.0.1:1/x', '--server-token', TOKEN, '--aes-key', KEY], /--aes-key needs --app-id/],
    [['http://127.0.0.1:1/x', '--server-token', TOKEN, '--mode', 'secure'], /--mode is plain, safe or compatible/],
    [['http://127.0.0.1:1/x', '--server-token', TOKEN, '--timeout', 'soon'], /--timeout is seconds/],
    [['http://127.0.0.1:1/x', 'http://127.0.0.1:2/y', '--server-token', TOKEN], /one URL/],
    [['http://127.0.0.1:1/x', '--server-token', TOKEN, '--bogus'], /unknown option --bogus/],
    [['--account', 'wx0000000000000000'], /wx0000000000000000/],
  ];
  for (const [args, why] of usage) {
    it(`bad usage exits 2: ${args.join(' ') || '(nothing)'}`, async () => {
      const r = await wxdesk(tempDir(), ['probe', ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(why);
      expect(r.stdout).toBe('');
    });
  }
});
