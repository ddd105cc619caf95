// Section 3: whole processes, timed from spawn to exit (to the first answer, for serve), side by side
// with `node -e 0`, the least any Node command can cost on this machine. Pairs alternate which side
// runs first; the ratio reported is the median of the per-pair ratios.
import { exited, firstLine, httpGet, log, median, start, stderrOf, stop } from './lib';
import { cliEnv, tokenUrl } from './endpoint';
import type { Context, ProcPair } from './types';

type Timed = () => Promise<number>;

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

/** Spawn to exit; a non-zero exit or unexpected output fails the run. */
function whole(cmd: string, args: string[], check?: (stdout: string) => boolean): Timed {
  return async () => {
    const t0 = process.hrtime.bigint();
    const child = start(cmd, args, { env: cliEnv() });
    const err = stderrOf(child);
    let out = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (s: string) => (out += s));
    const code = await exited(child);
    const t = ms(t0);
    if (code !== 0) throw new Error(`${args.join(' ')} exited ${code}: ${err()}`);
    if (check && !check(out)) throw new Error(`${args.join(' ')} printed ${JSON.stringify(out.slice(0, 200))}`);
    return t;
  };
}

/** Spawn `serve`, read the port from its first line, GET the token URL: the clock stops at the answer. */
function serveFirstAnswer(ctx: Context, dataDir: string, appId: string, secret: string): Timed {
  return async () => {
    const t0 = process.hrtime.bigint();
    const child = start(process.execPath, [ctx.bin, '--data-dir', dataDir, 'serve', '--port', '0', '--json'], { env: cliEnv() });
    try {
      const info = JSON.parse(await firstLine(child)) as { url: string };
      const { status, body } = await httpGet(tokenUrl(info.url, appId, secret));
      const t = ms(t0);
      if (status !== 200 || !body.startsWith('{"access_token":"')) throw new Error(`serve answered ${status} ${body.slice(0, 200)}`);
      return t;
    } finally {
      await stop(child);
    }
  };
}

async function pair(ctx: Context, id: string, what: string, aName: string, a: Timed, bName: string, b: Timed, budget: number): Promise<ProcPair> {
  const { procRuns, procWarmup } = ctx.settings;
  for (let i = 0; i < procWarmup; i++) {
    await a();
    await b();
  }
  const runs: ProcPair['runs'] = [];
  for (let i = 0; i < procRuns; i++) {
    let aMs: number;
    let bMs: number;
    if (i % 2 === 0) {
      aMs = await a();
      bMs = await b();
    } else {
      bMs = await b();
      aMs = await a();
    }
    runs.push({ aMs, bMs, ratio: aMs / bMs });
  }
  const ratio = median(runs.map((r) => r.ratio));
  const result: ProcPair = {
    id,
    what,
    a: aName,
    b: bName,
    runs,
    aMs: median(runs.map((r) => r.aMs)),
    bMs: median(runs.map((r) => r.bMs)),
    ratio,
    maxRatio: Math.max(...runs.map((r) => r.ratio)),
    budget,
    met: ratio <= budget,
  };
  log(`${id}: ${aName} ${result.aMs.toFixed(1)} ms, ${bName} ${result.bMs.toFixed(1)} ms, ratio ${ratio.toFixed(2)}`);
  return result;
}

export async function runStartup(ctx: Context, warmDir: string, appId: string, secret: string): Promise<ProcPair[]> {
  const node = whole(process.execPath, ['-e', '0']);
  const tokenLine = /^[A-Za-z0-9_-]{20,}\n$/;
  return [
    await pair(ctx, 'cli-token', 'cached `wxdesk token` vs `node -e 0`', 'wxdesk token',
      whole(process.execPath, [ctx.bin, '--data-dir', warmDir, 'token', appId], (out) => tokenLine.test(out)), 'node -e 0', node, 1.5),
    await pair(ctx, 'cli-sign', '`wxdesk sign server` vs `node -e 0`', 'wxdesk sign server',
      whole(process.execPath, [ctx.bin, '--data-dir', warmDir, 'sign', 'server', '--token', 'weixin', '--timestamp', '1357982061', '--nonce', '1358161344'],
        (out) => out.includes('335b26997f05c82243aad6b10a2d1853637e71a8')), 'node -e 0', node, 1.5),
    await pair(ctx, 'serve-first', '`wxdesk serve` spawn → first cached answer vs `node -e 0`', 'serve → answer',
      serveFirstAnswer(ctx, warmDir, appId, secret), 'node -e 0', node, 2.5),
  ];
}
