// Faults of the token keeper met by real processes: a secret that went missing under a running
// `wxdesk serve`, a config.json damaged under it or under a CLI command, and two processes saving
// accounts into one data dir at the same moment. Each case asserts what a user relies on: serve
// stays up and idle, says what is wrong, keeps the damaged file, and no saved secret is lost.
import { execFileSync, spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { request } from 'undici';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore } from '../electron/core/services';
import { FakeWeChat } from './fixtures/fake-wechat';
import { APPID, BIN, ROOT, SECRET, cliEnv, ensureBuilt, makeCore, removeTempDirs, startServe, stopServed, tempDir, wxdesk, type Served } from './fixtures/core';
import { writerAppId, writerSecret } from './fixtures/writer-ids';

/** A config.json cut off mid-write (a full disk, a crash, an editor): not JSON. */
const GARBAGE = '{"accounts": {"wx';
const DAMAGED_PREFIX = 'config.json.damaged-';
/** A stack trace line as Node prints it ("    at fn (file:1:2)"). */
const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;

let fake: FakeWeChat;
const served: Served[] = [];
let writer: string;

beforeAll(async () => {
  await ensureBuilt();
  // Under dist/ of this checkout (ignored by git), so the bundle's bare imports (conf, undici)
  // resolve from the checkout's node_modules.
  const outDir = join(ROOT, 'dist', 'test-fixtures');
  mkdirSync(outDir, { recursive: true });
  writer = join(outDir, 'account-writer.mjs');
  await build({
    entryPoints: [join(ROOT, 'test', 'fixtures', 'account-writer.ts')],
    outfile: writer,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    absWorkingDir: ROOT,
    logLevel: 'silent',
  });
}, 120_000);

beforeEach(async () => {
  fake = await FakeWeChat.start();
});

afterEach(async () => {
  await stopServed(served);
  await fake.close();
});

afterAll(() => removeTempDirs());

// ---- helpers -----------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU time (user + system) a process has used so far, in seconds, from /proc/<pid>/stat. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
  // Field 3 (state) is index 0 here, so utime (field 14) is index 11 and stime (field 15) index 12.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

function alive(s: Served): boolean {
  return s.child.exitCode === null && s.child.signalCode === null;
}

interface WxAnswer {
  errcode?: number;
  errmsg?: string;
  access_token?: string;
  expires_in?: number;
}

/** WeChat's classic token API, asked of serve. */
async function classicToken(s: Served): Promise<{ status: number; body: WxAnswer }> {
  const q = new URLSearchParams({ grant_type: 'client_credential', appid: APPID, secret: SECRET });
  const res = await request(`${s.info.url}/cgi-bin/token?${q}`);
  const text = await res.body.text();
  let body: WxAnswer;
  try {
    body = JSON.parse(text) as WxAnswer;
  } catch {
    throw new Error(`serve answered /cgi-bin/token with HTTP ${res.statusCode} and no JSON: ${text.slice(0, 200)}`);
  }
  return { status: res.statusCode, body };
}

/** POST /api/<method> of serve's dashboard API. */
async function api<T>(s: Served, method: string, args: unknown[] = []): Promise<{ value?: T; error?: { code: unknown; message?: string } }> {
  const res = await request(`${s.info.url}/api/${method}`, {
    method: 'POST',
    headers: { 'x-wxdesk-key': s.info.key, 'content-type': 'application/json' },
    body: JSON.stringify({ args }),
  });
  const text = await res.body.text();
  expect(res.statusCode, text).toBe(200);
  return JSON.parse(text) as { value?: T; error?: { code: unknown } };
}

/** Replaces config.json in one step (write + rename), so no reader ever sees half of it. */
function damageConfig(dir: string, text: string): void {
  const tmp = join(dir, 'config.json.test-tmp');
  writeFileSync(tmp, text);
  renameSync(tmp, join(dir, 'config.json'));
}

/**
 * Overwrites the start of config.json in place (a tool writing over it, a crash of a non-atomic
 * writer) and returns what it holds now. In place, the file is still the one serve read, so serve's
 * copy is provably the newest and is written back (a replaced file is not: see recovery.test.ts).
 */
function damageConfigInPlace(dir: string, junk: string): string {
  const file = join(dir, 'config.json');
  writeFileSync(file, junk, { flag: 'r+' });
  return readFileSync(file, 'utf8');
}

function damagedCopies(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.startsWith(DAMAGED_PREFIX)).sort();
}

/** config.json parsed, or the reason it does not parse. */
function configJson(dir: string): { accounts?: Record<string, unknown> } {
  const text = readFileSync(join(dir, 'config.json'), 'utf8');
  try {
    return JSON.parse(text) as { accounts?: Record<string, unknown> };
  } catch (e) {
    throw new Error(`config.json is not JSON (${(e as Error).message}): ${text.slice(0, 120)}`);
  }
}

// ---- a secret removed under a running serve -----------------------------------------------------

describe('the AppSecret is missing when serve starts', () => {
  it('serve idles, sends nothing upstream, stores and shows NO_SECRET, and answers callers with an errcode', async () => {
    // An account with no token cached, whose secret then goes away (deleted, or another machine's data dir).
    const core = makeCore({ fake, mode: 'stable' });
    await core.close();
    const dir = core.dataDir;
    rmSync(join(dir, 'secrets.json'));

    const s = await startServe(dir);
    served.push(s);
    const pid = s.child.pid!;
    // Let start-up (module loading, the first planning) finish before measuring.
    await sleep(1_000);
    expect(alive(s), s.stderr()).toBe(true);
    const before = cpuSeconds(pid);
    await sleep(3_000);
    const used = cpuSeconds(pid) - before;
    // An idle process uses a few milliseconds here; re-planning with no delay burns a whole core share.
    expect(used, `serve used ${used.toFixed(2)} s of CPU in 3 s while it had nothing it could do`).toBeLessThan(0.3);

    // Nothing went upstream: there is no secret to send.
    expect(fake.count()).toBe(0);

    // The dashboard shows why there is no token.
    await vi.waitFor(
      async () => {
        const r = await api<{ lastError: { code: unknown } | null }>(s, 'token', [APPID]);
        expect(r.error).toBeUndefined();
        expect(r.value?.lastError?.code).toBe('NO_SECRET');
      },
      { timeout: 5_000, interval: 200 },
    );

    // A caller of the token API gets WeChat's kind of answer: an errcode, not a dropped connection.
    const a = await classicToken(s);
    expect(a.status).toBe(200);
    expect(a.body.access_token).toBeUndefined();
    expect(typeof a.body.errcode).toBe('number');
    expect(a.body.errcode).not.toBe(0);

    expect(fake.count()).toBe(0);
    expect(alive(s), s.stderr()).toBe(true);
  }, 25_000);
});

// ---- config.json damaged ------------------------------------------------------------------------

describe('config.json damaged', () => {
  it('under a running serve, damaged in place: it carries on with its copy, keeps the damaged file, says where, and writes config.json back', async () => {
    const core = makeCore({ fake, mode: 'stable' });
    const warm = await core.keeper.get(APPID);
    await core.close();
    const dir = core.dataDir;
    const configPath = join(dir, 'config.json');
    expect(fake.count()).toBe(1);

    const s = await startServe(dir);
    served.push(s);
    const first = await classicToken(s);
    expect(first.body.access_token).toBe(warm.token);

    const damagedAt = Date.now();
    const damaged = damageConfigInPlace(dir, GARBAGE);

    // Callers keep getting the token serve held, and serve has moved the damaged file aside. (The
    // dashboard's account list is asked for too, as an open dashboard would: any reader may be
    // the one that finds the damage.)
    await vi.waitFor(
      async () => {
        expect(alive(s), `serve exited; stderr:\n${s.stderr()}`).toBe(true);
        await api(s, 'listAccounts');
        const a = await classicToken(s);
        expect(a.body).toEqual({ access_token: warm.token, expires_in: expect.any(Number) });
        expect(damagedCopies(dir)).toHaveLength(1);
      },
      { timeout: 10_000, interval: 250 },
    );
    const kept = join(dir, damagedCopies(dir)[0]!);
    // Kept exactly as it was: the user may want what is in it.
    expect(readFileSync(kept, 'utf8')).toBe(damaged);

    await vi.waitFor(
      () => {
        // The person running serve learns where the damaged copy went.
        expect(s.stderr()).toContain(kept);
        // config.json holds what serve recovered: the account is still there.
        expect(configJson(dir).accounts?.[APPID]).toBeDefined();
      },
      { timeout: 5_000, interval: 200 },
    );

    // The dashboard shows it too.
    const info = await api<{ notices?: unknown }>(s, 'info');
    expect(info.error).toBeUndefined();
    expect(info.value?.notices).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'damaged', file: configPath, movedTo: kept, at: expect.any(Number) })]),
    );
    const notice = (info.value!.notices as { kind: string; at: number }[]).find((n) => n.kind === 'damaged')!;
    expect(notice.at).toBeGreaterThanOrEqual(damagedAt - 1_000);
    expect(notice.at).toBeLessThanOrEqual(Date.now());

    // A few seconds on: still up, still the same token, nothing fetched for it, the copy still kept.
    await sleep(3_000);
    expect(alive(s), `serve exited; stderr:\n${s.stderr()}`).toBe(true);
    const later = await classicToken(s);
    expect(later.body.access_token).toBe(warm.token);
    expect(fake.count()).toBe(1);
    expect(damagedCopies(dir)).toEqual([kept.slice(dir.length + 1)]);
    expect(readFileSync(kept, 'utf8')).toBe(damaged);
    expect(configJson(dir).accounts?.[APPID]).toBeDefined();
  }, 25_000);

  it('met by `wxdesk accounts list`: no crash, exit 0, the damaged copy kept and named, config.json usable again', async () => {
    const core = makeCore({ fake, mode: 'stable' });
    await core.close();
    const dir = core.dataDir;
    damageConfig(dir, GARBAGE);

    const r = await wxdesk(dir, ['accounts', 'list']);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.signal).toBeNull();
    expect(r.code, `stderr:\n${r.stderr}`).toBe(0);

    const copies = damagedCopies(dir);
    expect(copies).toHaveLength(1);
    expect(readFileSync(join(dir, copies[0]!), 'utf8')).toBe(GARBAGE);
    expect(r.stderr).toContain(copies[0]!);
    expect(() => configJson(dir)).not.toThrow();
  }, 25_000);
});

// ---- a history file serve cannot read ----------------------------------------------------------

/** `wxdesk serve --port 0` as a person runs it (a line per refresh), once it has printed its dashboard URL. */
function startServeLogging(dataDir: string): Promise<Served> {
  const child = spawn(process.execPath, [BIN, '--data-dir', dataDir, 'serve', '--port', '0'], { cwd: ROOT, env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no dashboard URL. stderr:\n${stderr}`)), 15_000);
    child.stdout.setEncoding('utf8').on('data', (t: string) => {
      stdout += t;
      const m = /dashboard: (http:\/\/[^/\s]+)\/#key=(\S+)/.exec(stdout);
      if (!m || !stdout.includes('Press Ctrl+C')) return;
      clearTimeout(timer);
      resolve({ child, info: { url: m[1]!, port: Number(new URL(m[1]!).port), key: m[2]! }, stdout: () => stdout, stderr: () => stderr, exited });
    });
  });
}

describe('a history file serve cannot read', () => {
  it('another process stores a token: serve logs it without its history, says which file it cannot read, and stays up', async () => {
    const core = makeCore({ fake, mode: 'stable' });
    await core.keeper.get(APPID);
    await core.close();
    const dir = core.dataDir;
    // A directory where the account's history file goes: unreadable for root too (as a chmod 000 file
    // is for anyone else, e.g. after `sudo wxdesk serve`).
    const historyFile = join(dir, 'history', `${APPID}.json`);
    rmSync(historyFile, { force: true });
    mkdirSync(historyFile, { recursive: true });

    // Without --json: serve prints a line per refresh, and that line reads the history.
    const s = await startServeLogging(dir);
    served.push(s);
    // A CLI refreshes: serve's poll hears of the new token and its log line reads the history.
    const r = await wxdesk(dir, ['token', APPID, '--force']);
    expect(r.code, r.stderr).toBe(0);
    await vi.waitFor(() => expect(s.stderr()).toContain(historyFile), { timeout: 8_000, interval: 200 });
    await sleep(1_500);
    expect(alive(s), `serve exited; stderr:\n${s.stderr()}`).toBe(true);
    expect(s.stderr()).not.toMatch(STACK_LINE);
    expect((await classicToken(s)).body.access_token).toBeTruthy();
    const info = await api<{ notices: { kind: string; error?: { code: unknown } }[] }>(s, 'info');
    expect(info.value?.notices).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'fault', error: expect.objectContaining({ code: 'STORE_UNREADABLE' }) })]));
  }, 30_000);
});

// ---- processes saving accounts at once ----------------------------------------------------------

/** What a fresh core on the data dir lists, and which expected secrets secrets.json lacks or holds wrong. */
function checkSaved(dir: string, appIds: string[]): { listed: string[]; wrongSecrets: string[] } {
  const core = createCore({ dataDir: dir });
  try {
    const listed = core.accounts.list().map((a) => a.appId).sort();
    const file = JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')) as { version: number; secrets: Record<string, string> };
    const wrongSecrets = appIds.filter((id) => file.secrets[id] !== writerSecret(id));
    return { listed, wrongSecrets };
  } finally {
    void core.close();
  }
}

interface Writer {
  child: ChildProcessByStdio<Writable, Readable, Readable>;
  exited: Promise<number | null>;
  stderr: () => string;
  /** Resolves once the writer has printed this line (rejects after timeoutMs, or if it exits first). */
  line: (text: string, timeoutMs?: number) => Promise<void>;
}

/** Starts an account-writer child and resolves once it has opened the core and waits for "go". */
async function startWriter(dir: string, prefix: string, count: number): Promise<Writer> {
  const child = spawn(process.execPath, [writer, dir, prefix, String(count)], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let exitCode: number | null | undefined;
  const waiters = new Set<() => void>();
  const wake = () => waiters.forEach((w) => w());
  child.stdout.setEncoding('utf8').on('data', (s: string) => {
    stdout += s;
    wake();
  });
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      exitCode = code;
      resolve(code);
      wake();
    }),
  );
  const line = (text: string, timeoutMs = 10_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (stdout.includes(`${text}\n`)) done(null);
        else if (exitCode !== undefined) done(new Error(`account-writer ${prefix} exited (${exitCode}) before "${text}". stderr:\n${stderr}`));
      };
      const timer = setTimeout(() => done(new Error(`account-writer ${prefix} did not print "${text}" in time. stderr:\n${stderr}`)), timeoutMs);
      const done = (e: Error | null) => {
        clearTimeout(timer);
        waiters.delete(check);
        if (e) reject(e);
        else resolve();
      };
      waiters.add(check);
      check();
    });
  const w: Writer = { child, exited, stderr: () => stderr, line };
  try {
    await line('ready', 15_000);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  return w;
}

const TOGETHER = join(ROOT, 'test', 'fixtures', 'cli-start-together.mjs');

/**
 * Runs `wxdesk --data-dir DIR …args` once per argument list, all at once, lined up by
 * cli-start-together.mjs: each waits at its first read of config.json until all are there (or 3 s
 * after the first arrived), then all carry on at one instant.
 */
async function wxdeskTogether(dir: string, argLists: string[][]): Promise<{ code: number | null; stderr: string }[]> {
  const barrier = tempDir('wxdesk-barrier-');
  let running = argLists.length;
  const runs = argLists.map(
    (args) =>
      new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', pathToFileURL(TOGETHER).href, BIN, '--data-dir', dir, ...args], {
          cwd: ROOT,
          env: cliEnv({ WXDESK_TEST_BARRIER: barrier }),
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.on('error', (e) => {
          clearTimeout(timer);
          reject(e);
        });
        child.on('close', (code) => {
          clearTimeout(timer);
          running--;
          resolve({ code, stderr });
        });
      }),
  );
  // Release them together once every one still running is waiting.
  const started = Date.now();
  let firstReady: number | undefined;
  for (;;) {
    const ready = readdirSync(barrier).filter((n) => n.startsWith('ready-')).length;
    if (ready > 0) firstReady ??= Date.now();
    if ((ready > 0 && ready >= running) || (firstReady !== undefined && Date.now() - firstReady > 3_000) || running === 0 || Date.now() - started > 15_000) break;
    await sleep(2);
  }
  writeFileSync(join(barrier, 'go.tmp'), String(Date.now() + 10));
  renameSync(join(barrier, 'go.tmp'), join(barrier, 'go'));
  return Promise.all(runs);
}

describe('two processes saving accounts into one data dir at once', () => {
  it('50 accounts each through the core: all 100 listed, all 100 secrets kept, each the right one', async () => {
    const dir = tempDir();
    const prefixes = ['a1', 'b2'];
    const writers: Writer[] = [];
    try {
      for (const w of await Promise.all(prefixes.map((p) => startWriter(dir, p, 50)))) writers.push(w);
      // Both have the core open. Each account is released to both at the same instant.
      for (let i = 0; i < 50; i++) {
        for (const w of writers) w.child.stdin.write('go\n');
        await Promise.all(writers.map((w) => w.line(`saved ${i}`)));
      }
      for (const w of writers) w.child.stdin.end();
      const codes = await Promise.all(writers.map((w) => Promise.race([w.exited, sleep(5_000).then(() => 'still running')])));
      expect(codes, writers.map((w) => w.stderr()).join('\n')).toEqual([0, 0]);
    } finally {
      for (const w of writers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    }

    const appIds = prefixes.flatMap((p) => Array.from({ length: 50 }, (_, i) => writerAppId(p, i))).sort();
    const { listed, wrongSecrets } = checkSaved(dir, appIds);
    expect(listed).toEqual(appIds);
    expect(wrongSecrets, `${wrongSecrets.length} of 100 secrets lost or wrong`).toEqual([]);
  }, 25_000);

  it('10 `wxdesk accounts add` each, in two concurrent loops: 20 accounts, 20 secrets', async () => {
    const dir = tempDir();
    const prefixes = ['c3', 'd4'];
    // Two loops (as two shell scripts would run them), kept in step: the i-th command of each loop
    // reaches the data dir at the same instant, so the two processes save together every time
    // rather than by chance.
    const failures: string[] = [];
    for (let i = 0; i < 10; i++) {
      const appIds = prefixes.map((p) => writerAppId(p, i));
      const runs = await wxdeskTogether(
        dir,
        appIds.map((appId) => ['accounts', 'add', '--app-id', appId, '--secret', writerSecret(appId), '--api-base', 'http://127.0.0.1:9']),
      );
      runs.forEach((r, k) => {
        if (r.code !== 0) failures.push(`${appIds[k]}: exit ${r.code} ${r.stderr.trim()}`);
      });
    }
    expect(failures).toEqual([]);

    const appIds = prefixes.flatMap((p) => Array.from({ length: 10 }, (_, i) => writerAppId(p, i))).sort();
    const { listed, wrongSecrets } = checkSaved(dir, appIds);
    expect(listed).toEqual(appIds);
    expect(wrongSecrets, `${wrongSecrets.length} of 20 secrets lost or wrong`).toEqual([]);
  }, 28_000);
});
