// Section 4: upstream calls per token lifetime under N concurrent demands on a cold account, in one
// process and split over three processes on one data dir, for WxDesk's core and for the origin-story
// helper (bench/origin.ts). The fake WeChat lives here, in the parent, and answers every call after
// a delay so that the demands overlap; workers are released together once all say they are ready.
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createCore } from '../electron/core/services';
import { FakeWeChat } from '../test/fixtures/fake-wechat';
import { tempDir, tokenUrl } from './endpoint';
import { appId, killAll, lines, log, secret, start, stderrOf, exited } from './lib';
import type { Context, UpstreamCase } from './types';

const TRIAL_TIMEOUT_MS = 90_000;

interface WorkerReport {
  ok: number;
  failed: number;
  tokens: string[];
  ms: number;
  error?: string;
}

/** Hands out a child's stdout lines one by one. */
function lineReader(child: ChildProcess): () => Promise<string> {
  const queue: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  const err = stderrOf(child);
  lines(child, (line) => {
    const w = waiting.shift();
    if (w) w(line);
    else queue.push(line);
  });
  let failure: Error | undefined;
  const failers: ((e: Error) => void)[] = [];
  child.once('exit', (code) => {
    failure = new Error(`worker exited (${code}) early: ${err()}`);
    for (const f of failers.splice(0)) f(failure);
  });
  return () =>
    new Promise<string>((resolve, reject) => {
      const line = queue.shift();
      if (line !== undefined) return resolve(line);
      if (failure) return reject(failure);
      waiting.push(resolve);
      failers.push(reject);
    });
}

async function trial(ctx: Context, impl: 'wxdesk' | 'origin', processes: 1 | 3, demands: number) {
  const fake = await FakeWeChat.start();
  const id = appId();
  const sec = secret();
  fake.addAccount(id, sec);
  // Every upstream call answers late, so demands from all processes are out at once.
  fake.fail({ delayMs: ctx.settings.fakeDelayMs }, { times: 1_000_000 });
  let args: string[];
  if (impl === 'wxdesk') {
    const dir = tempDir(ctx, 'cold');
    const core = createCore({ dataDir: dir });
    core.accounts.save({ appId: id, secret: sec, apiBase: fake.url, mode: 'classic' });
    await core.close();
    args = ['wxdesk', dir, id];
  } else {
    args = ['origin', join(tempDir(ctx, 'origin'), 'token.json'), tokenUrl(fake.url, id, sec)];
  }
  const each = processes === 1 ? demands : Math.ceil(demands / 3);
  const timer = setTimeout(() => killAll(), TRIAL_TIMEOUT_MS);
  try {
    const workers = Array.from({ length: processes }, () =>
      start(process.execPath, [ctx.workerJs, ...args, String(each)], { stdio: ['pipe', 'pipe', 'pipe'] }),
    );
    const readers = workers.map(lineReader);
    const ready = await Promise.all(readers.map((next) => next()));
    if (ready.some((l) => l !== 'ready')) throw new Error(`a worker said ${JSON.stringify(ready)}`);
    for (const w of workers) w.stdin?.write('go\n');
    const reports = (await Promise.all(readers.map((next) => next()))).map((l) => JSON.parse(l) as WorkerReport);
    await Promise.all(workers.map(exited));
    const failed = reports.reduce((n, r) => n + r.failed, 0);
    const error = reports.find((r) => r.error)?.error;
    if (error) log(`upstream ${impl} ×${processes} N=${demands}: ${failed} demands failed, e.g. ${error}`);
    return {
      fired: each * processes,
      calls: fake.count(),
      failed,
      tokens: new Set(reports.flatMap((r) => r.tokens)).size,
      ms: Math.max(...reports.map((r) => r.ms)),
      minMs: Math.min(...reports.map((r) => r.ms)),
    };
  } finally {
    clearTimeout(timer);
    await fake.close();
  }
}

export async function runUpstream(ctx: Context): Promise<UpstreamCase[]> {
  const cases = new Map<string, UpstreamCase>();
  for (const demands of ctx.settings.upstreamLevels) {
    for (const processes of [1, 3] as const) {
      for (let t = 0; t < ctx.settings.upstreamTrials; t++) {
        // Alternate which implementation goes first.
        for (const impl of t % 2 === 0 ? (['wxdesk', 'origin'] as const) : (['origin', 'wxdesk'] as const)) {
          const id = `upstream-${impl}-${processes}p-${demands}`;
          const r = await trial(ctx, impl, processes, demands);
          let c = cases.get(id);
          if (!c) {
            c = { id, impl, processes, demands, fired: r.fired, calls: [], failed: [], tokens: [], ms: [], minMs: [] };
            cases.set(id, c);
          }
          c.calls.push(r.calls);
          c.failed.push(r.failed);
          c.tokens.push(r.tokens);
          c.ms.push(Math.round(r.ms));
          c.minMs?.push(Math.round(r.minMs));
        }
      }
      const w = cases.get(`upstream-wxdesk-${processes}p-${demands}`)!;
      const o = cases.get(`upstream-origin-${processes}p-${demands}`)!;
      log(`upstream N=${demands} ×${processes} process(es): wxdesk ${w.calls.join('/')} calls, origin ${o.calls.join('/')} calls`);
    }
  }
  return [...cases.values()];
}
