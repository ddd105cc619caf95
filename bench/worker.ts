// One demanding process for the upstream-call counts. Loads everything, prints "ready", waits for a
// line on stdin (the parent releases all workers at once), then fires N concurrent token demands
// and prints one JSON line: {"ok","failed","tokens":[distinct tokens],"ms","error"?}.
//
//   node worker.mjs wxdesk DATA_DIR APPID N
//   node worker.mjs origin CACHE_FILE TOKEN_URL N
import { createCore } from '../electron/core/services';
import { originToken } from './origin';

interface Report {
  ok: number;
  failed: number;
  /** The distinct tokens handed out. */
  tokens: string[];
  ms: number;
  error?: string;
}

function waitForGo(): Promise<void> {
  return new Promise((resolve) => {
    process.stdin.setEncoding('utf8');
    process.stdin.once('data', () => resolve());
    process.stdin.once('end', () => resolve());
  });
}

async function fire(n: number, demand: () => Promise<string>): Promise<Report> {
  const t0 = process.hrtime.bigint();
  const settled = await Promise.allSettled(Array.from({ length: n }, () => demand()));
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const tokens = new Set<string>();
  let failed = 0;
  let error: string | undefined;
  for (const s of settled) {
    if (s.status === 'fulfilled') tokens.add(s.value);
    else {
      failed++;
      error ??= s.reason instanceof Error ? s.reason.message : String(s.reason);
    }
  }
  const report: Report = { ok: n - failed, failed, tokens: [...tokens], ms };
  if (error !== undefined) report.error = error;
  return report;
}

async function main(): Promise<void> {
  const [kind, where, target, count] = process.argv.slice(2);
  const n = Number(count);
  if (!where || !target || !Number.isInteger(n) || n < 1 || (kind !== 'wxdesk' && kind !== 'origin')) {
    process.stderr.write('usage: worker wxdesk DATA_DIR APPID N | worker origin CACHE_FILE TOKEN_URL N\n');
    process.exit(2);
  }
  if (kind === 'wxdesk') {
    const core = createCore({ dataDir: where });
    process.stdout.write('ready\n');
    await waitForGo();
    const report = await fire(n, async () => (await core.keeper.get(target)).token);
    await core.close();
    process.stdout.write(JSON.stringify(report) + '\n');
  } else {
    process.stdout.write('ready\n');
    await waitForGo();
    const report = await fire(n, () => originToken(where, target));
    process.stdout.write(JSON.stringify(report) + '\n');
  }
  process.stdin.destroy();
}

await main();
