// Small helpers shared by the benchmark runner's sections: statistics and figures, child processes
// that are always cleaned up (and their RSS), one-line reads from a child's stdout, and plain HTTP
// requests without keep-alive (a GET, a dashboard API call).
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { request } from 'node:http';
import type { Figure } from './types';

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The p-th percentile (0..100) by nearest rank. */
export function percentile(values: ArrayLike<number>, p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** A Figure from per-round pairs [a, b]; `of` makes each round's figure from its pair. */
export function figure(rounds: [number, number][], of: (a: number, b: number) => number, budget: number, atLeast = false): Figure {
  const values = rounds.map(([a, b]) => of(a, b));
  const value = median(values);
  return {
    a: median(rounds.map((r) => r[0])),
    b: median(rounds.map((r) => r[1])),
    value,
    worst: atLeast ? Math.min(...values) : Math.max(...values),
    budget,
    ...(atLeast ? { atLeast } : {}),
    met: atLeast ? value >= budget : value <= budget,
  };
}

export const ratio = (a: number, b: number) => a / b;
export const alone = (a: number) => a;

export function appId(): string {
  return 'wx' + randomBytes(8).toString('hex');
}

export function secret(): string {
  return randomBytes(16).toString('hex');
}

export function log(msg: string): void {
  process.stderr.write(`[bench] ${msg}\n`);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A Node child's resident set (VmRSS of /proc/PID/status) in MB. Checks that PID runs this Node
 * binary itself, so a shell or launcher in between would fail the run rather than be measured.
 */
export function nodeRssMb(pid: number | undefined): number {
  if (pid === undefined) throw new Error('no process id to read the RSS of');
  const exe = readlinkSync(`/proc/${pid}/exe`);
  if (exe !== realpathSync(process.execPath)) throw new Error(`process ${pid} runs ${exe}, not node (${process.execPath})`);
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (kb === undefined) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(kb) / 1024;
}

// ---- child processes -------------------------------------------------------------------------

const children = new Set<ChildProcess>();

/** Every child the runner starts goes through here, so an interrupted run leaves none behind. */
export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export function killAll(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
}

export function start(cmd: string, args: string[], opts: SpawnOptions = {}): ChildProcess {
  return track(spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts }));
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** SIGTERM, then SIGKILL if the child has not gone within graceMs. */
export async function stop(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = exited(child);
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await done;
  clearTimeout(timer);
}

/** Collects a child's stderr, for error messages. */
export function stderrOf(child: ChildProcess): () => string {
  let text = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (s: string) => {
    if (text.length < 20_000) text += s;
  });
  return () => text;
}

/** Resolves with each complete stdout line in turn through `onLine`; the stream keeps being drained. */
export function lines(child: ChildProcess, onLine: (line: string) => void): void {
  let buf = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (s: string) => {
    buf += s;
    for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
      onLine(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
  });
}

/** The first stdout line of a child, or an error with its stderr if it exits first or takes too long. */
export function firstLine(child: ChildProcess, timeoutMs = 15_000): Promise<string> {
  const err = stderrOf(child);
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => finish(new Error(`no output within ${timeoutMs} ms: ${err()}`)), timeoutMs);
    const finish = (e: Error | null, line?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (e) reject(e);
      else resolve(line!);
    };
    lines(child, (line) => finish(null, line));
    child.once('exit', (code) => finish(new Error(`exited (${code}) before printing a line: ${err()}`)));
    child.once('error', (e) => finish(e));
  });
}

// ---- HTTP ------------------------------------------------------------------------------------

/** A request on a fresh connection (no keep-alive); the body as text once it has fully arrived. */
export function httpRequest(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}, timeoutMs = 10_000): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers, agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (s: string) => (body += s));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${opts.method ?? 'GET'} ${url}: no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(opts.body);
  });
}

export const httpGet = (url: string, timeoutMs = 10_000) => httpRequest(url, {}, timeoutMs);

/** One dashboard API call as the page makes it (POST /api/<method> with the run's key); its value, or an error. */
export async function dashboardCall<T>(base: string, key: string, method: string, ...args: unknown[]): Promise<T> {
  const headers = { 'content-type': 'application/json', 'x-wxdesk-key': key };
  const { status, body } = await httpRequest(`${base}/api/${method}`, { method: 'POST', headers, body: JSON.stringify({ args }) }, 30_000);
  const answer = (status === 200 ? JSON.parse(body) : {}) as { value?: T; error?: unknown };
  if (status !== 200 || answer.error !== undefined) throw new Error(`${method}: HTTP ${status} ${JSON.stringify(answer.error ?? body.slice(0, 200))}`);
  return answer.value as T;
}

export async function getJson(url: string): Promise<Record<string, unknown>> {
  const { status, body } = await httpGet(url);
  if (status !== 200) throw new Error(`GET ${url}: HTTP ${status}: ${body.slice(0, 200)}`);
  return JSON.parse(body) as Record<string, unknown>;
}
