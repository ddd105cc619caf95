// Sections 1 and 2: the local endpoint under load, side by side with a bare node:http server (and
// getticket side by side with token), with the same autocannon settings for both sides, in
// alternating rounds. `wxdesk serve` runs as a child process, as a developer runs it.
import autocannon from 'autocannon';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../electron/core/services';
import type { FakeWeChat } from '../test/fixtures/fake-wechat';
import { appId, exited, firstLine, getJson, log, median, percentile, secret as randomSecret, start, stderrOf, stop } from './lib';
import type { Context, LoadPair, LoadRun } from './types';

export interface Server {
  url: string;
  pid?: number;
  /** serve's dashboard key (its --json line), for the dashboard API and page. */
  key?: string;
  stop(): Promise<void>;
}

/** A process's CPU time so far (user + system), in µs, from /proc; NaN elsewhere. */
function cpuUs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    // Fields 14 and 15 (utime, stime) in clock ticks; the command name in (…) may hold spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1e6) / TICKS;
  } catch {
    return Number.NaN;
  }
}
const TICKS = 100; // USER_HZ on Linux

export function tempDir(ctx: Context, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `wxdesk-bench-${prefix}-`));
  ctx.tmp.push(dir);
  return dir;
}

/** The environment of every wxdesk child: no data dir or team Redis of the person running the bench. */
export function cliEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.WXDESK_DATA_DIR;
  delete env.WXDESK_REDIS_URL;
  return env;
}

/** The global options: the data dir, and in team mode `--redis URL`. */
function globals(dataDir: string, redis?: string): string[] {
  return redis ? ['--redis', redis, '--data-dir', dataDir] : ['--data-dir', dataDir];
}

/** Runs one wxdesk command to its end (in team mode with `redis`); its stdout, or an error with its stderr. */
export async function cli(ctx: Context, dataDir: string, args: string[], redis?: string): Promise<string> {
  const child = start(process.execPath, [ctx.bin, ...globals(dataDir, redis), ...args], { env: cliEnv() });
  const err = stderrOf(child);
  let out = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (s: string) => (out += s));
  const code = await exited(child);
  if (code !== 0) throw new Error(`wxdesk ${args.join(' ')} exited ${code}: ${err()}`);
  return out;
}

/** `wxdesk serve` on a free port (in team mode with `redis`), once it has printed its URL. */
export async function startServe(ctx: Context, dataDir: string, redis?: string): Promise<Server> {
  const child = start(process.execPath, [ctx.bin, ...globals(dataDir, redis), 'serve', '--port', '0', '--json'], { env: cliEnv() });
  const info = JSON.parse(await firstLine(child)) as { url: string; key: string };
  return { url: info.url, pid: child.pid, key: info.key, stop: () => stop(child) };
}

export async function startBare(ctx: Context, bodyLength: number): Promise<Server & { bodyLength: number }> {
  const child = start(process.execPath, [ctx.bareJs, String(bodyLength)]);
  const info = JSON.parse(await firstLine(child)) as { port: number; bodyLength: number };
  return { url: `http://127.0.0.1:${info.port}`, pid: child.pid, bodyLength: info.bodyLength, stop: () => stop(child) };
}

export function tokenUrl(base: string, id: string, secret: string): string {
  return `${base}/cgi-bin/token?grant_type=client_credential&appid=${id}&secret=${secret}`;
}

export const isToken = (body: string) => body.startsWith('{"access_token":"');
const isTicket = (body: string) => body.startsWith('{"errcode":0,');

export interface Target {
  name: string;
  url: string;
  /** The server process, for its CPU time per answer. */
  pid?: number;
  verify: (body: string) => boolean;
}

export async function load(url: string, seconds: number, connections: number, verify: (body: string) => boolean, pid?: number): Promise<LoadRun> {
  const times: number[] = [];
  const cpu0 = cpuUs(pid);
  const instance = autocannon({ url, connections, duration: seconds, verifyBody: verify });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    times.push(responseTime);
  });
  const r = await instance;
  const cpu = cpuUs(pid) - cpu0;
  return {
    cpuUsPerAnswer: cpu / Math.max(1, r.requests.total),
    rps: r.requests.total / r.duration,
    p99Ms: percentile(times, 99),
    p50Ms: percentile(times, 50),
    requests: r.requests.total,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    mismatches: r.mismatches,
  };
}

export const faultsOf = (r: LoadRun) => r.errors + r.timeouts + r.non2xx + r.mismatches;

/**
 * Rounds over the targets, rotating which goes first (A B, B A for two; A B C, B C A, C A B for
 * three); each target warms up just before its timed run. One LoadRun per target per round, in the
 * targets' order.
 */
export async function rotatingRounds(ctx: Context, id: string, targets: Target[]): Promise<LoadRun[][]> {
  const { connections, warmupSec, roundSec, rounds } = ctx.settings;
  const out: LoadRun[][] = [];
  for (let i = 0; i < rounds; i++) {
    const results = new Map<Target, LoadRun>();
    const first = i % targets.length;
    for (const t of [...targets.slice(first), ...targets.slice(0, first)]) {
      await load(t.url, warmupSec, connections, t.verify);
      const r = await load(t.url, roundSec, connections, t.verify, t.pid);
      results.set(t, r);
      log(`${id} round ${i + 1}/${rounds} ${t.name}: ${Math.round(r.rps)} req/s, p99 ${r.p99Ms.toFixed(2)} ms${faultsOf(r) ? `, ${faultsOf(r)} faults` : ''}`);
    }
    out.push(targets.map((t) => results.get(t)!));
  }
  return out;
}

/** Rounds of A and B, alternating which goes first; each side warms up just before its timed run. */
async function pair(ctx: Context, id: string, what: string, a: Target, b: Target, budget: number): Promise<LoadPair> {
  const out: LoadPair['rounds'] = [];
  for (const [ra, rb] of await rotatingRounds(ctx, id, [a, b])) {
    if (!ra || !rb) throw new Error(`${id}: a round is missing a side`);
    out.push({ a: ra, b: rb, rpsRatio: ra.rps / rb.rps, p99Ratio: ra.p99Ms / rb.p99Ms, cpuRatio: rb.cpuUsPerAnswer / ra.cpuUsPerAnswer });
  }
  const rpsRatio = median(out.map((r) => r.rpsRatio));
  const cpuRatio = median(out.map((r) => r.cpuRatio));
  return {
    id,
    what,
    a: a.name,
    b: b.name,
    rounds: out,
    aRps: median(out.map((r) => r.a.rps)),
    bRps: median(out.map((r) => r.b.rps)),
    aP99Ms: median(out.map((r) => r.a.p99Ms)),
    bP99Ms: median(out.map((r) => r.b.p99Ms)),
    rpsRatio,
    p99Ratio: median(out.map((r) => r.p99Ratio)),
    minRatio: Math.min(...out.map((r) => r.rpsRatio)),
    ...(Number.isFinite(cpuRatio) ? { cpuRatio, aCpuUs: median(out.map((r) => r.a.cpuUsPerAnswer)), bCpuUs: median(out.map((r) => r.b.cpuUsPerAnswer)) } : {}),
    budget,
    met: rpsRatio >= budget,
    faults: out.reduce((n, r) => n + faultsOf(r.a) + faultsOf(r.b), 0),
  };
}

/** A temp data dir with one stable account (known to the fake), added with the CLI as a developer would. */
export async function oneAccount(ctx: Context, fake: FakeWeChat, prefix: string): Promise<{ dir: string; id: string; secret: string }> {
  const dir = tempDir(ctx, prefix);
  const id = appId();
  const secret = randomSecret();
  fake.addAccount(id, secret);
  await cli(ctx, dir, ['accounts', 'add', '--app-id', id, '--secret', secret, '--api-base', fake.url, '--mode', 'stable']);
  return { dir, id, secret };
}

export interface EndpointOutcome {
  pairs: LoadPair[];
  /** The one-account data dir, its token warm: the process timings reuse it. */
  warmDir: string;
  warmAppId: string;
  warmSecret: string;
}

export async function runEndpoint(ctx: Context, fake: FakeWeChat): Promise<EndpointOutcome> {
  const pairs: LoadPair[] = [];

  // 1. One stable account, added with the CLI, token warmed by one request.
  const { dir: dir1, id: id1, secret: secret1 } = await oneAccount(ctx, fake, 'one');
  let serve = await startServe(ctx, dir1);
  const warm = await getJson(tokenUrl(serve.url, id1, secret1));
  if (typeof warm.access_token !== 'string') throw new Error(`serve did not answer a token: ${JSON.stringify(warm)}`);
  const bodyLength = JSON.stringify(warm).length;
  const bare = await startBare(ctx, bodyLength);
  log(`endpoint: serve ${serve.url} (answer ${bodyLength} bytes), bare ${bare.url} (${bare.bodyLength} bytes)`);
  const bareTarget: Target = { name: 'bare node:http', url: bare.url + '/cgi-bin/token', verify: isToken, pid: bare.pid };
  try {
    pairs.push(
      await pair(ctx, 'endpoint-token', 'GET /cgi-bin/token (one account, no history) vs bare node:http',
        { name: 'wxdesk serve', url: tokenUrl(serve.url, id1, secret1), verify: isToken, pid: serve.pid }, bareTarget, 0.85),
    );
    await serve.stop();

    // 2. Five classic accounts with 100 manual refreshes each, made by the in-process core.
    const dir2 = tempDir(ctx, 'history');
    const accounts = Array.from({ length: 5 }, () => ({ id: appId(), secret: randomSecret() }));
    const before = fake.count();
    const t0 = Date.now();
    const core = createCore({ dataDir: dir2 });
    try {
      for (const a of accounts) {
        fake.addAccount(a.id, a.secret);
        core.accounts.save({ appId: a.id, secret: a.secret, apiBase: fake.url, mode: 'classic' });
      }
      await Promise.all(
        accounts.map(async (a) => {
          // A manual refresh asked for in the same millisecond as the last one finished is
          // answered by it (policy.reusable): a millisecond apart, each one goes upstream.
          for (let i = 0; i < 100; i++) {
            await new Promise((r) => setTimeout(r, 1));
            await core.keeper.refresh(a.id, 'manual');
          }
        }),
      );
    } finally {
      await core.close();
    }
    const made = fake.count() - before;
    log(`history: ${made} upstream refreshes for 5 accounts in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    if (made < 500) throw new Error(`expected 500 refreshes upstream, the fake saw ${made}`);

    serve = await startServe(ctx, dir2);
    const first = accounts[0]!;
    const answer = await getJson(tokenUrl(serve.url, first.id, first.secret));
    if (typeof answer.access_token !== 'string') throw new Error(`serve (history) did not answer a token: ${JSON.stringify(answer)}`);
    const ticketUrl = `${serve.url}/cgi-bin/ticket/getticket?access_token=${answer.access_token}&type=jsapi`;
    const ticket = await getJson(ticketUrl);
    if (ticket.errcode !== 0) throw new Error(`serve did not answer a ticket: ${JSON.stringify(ticket)}`);
    const token: Target = { name: 'wxdesk serve token', url: tokenUrl(serve.url, first.id, first.secret), verify: isToken, pid: serve.pid };
    pairs.push(
      await pair(ctx, 'endpoint-token-history', 'GET /cgi-bin/token after 5 accounts × 100 refreshes vs bare node:http',
        { ...token, name: 'wxdesk serve' }, bareTarget, 0.85),
    );
    pairs.push(
      await pair(ctx, 'endpoint-ticket', 'GET /cgi-bin/ticket/getticket vs GET /cgi-bin/token (same serve, history)',
        { name: 'wxdesk serve getticket', url: ticketUrl, verify: isTicket, pid: serve.pid }, token, 0.9),
    );
  } finally {
    await serve.stop();
    await bare.stop();
  }
  return { pairs, warmDir: dir1, warmAppId: id1, warmSecret: secret1 };
}
