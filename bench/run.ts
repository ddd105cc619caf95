// `npm run bench` (through scripts/bench.mjs, which builds the CLI and bundles this file): the
// side-by-side benchmark suite. Uses only stable entry points (the built CLI, createCore, the fake
// WeChat API) so it runs the same before and after a rewrite of the core. Prints a table, writes
// BENCHMARKS.md and bench/results/latest.json; --save-before also writes bench/results/before.json,
// which later runs print as a "before" column. The team-mode section starts its own redis-server
// (Debian's /usr/bin/redis-server; .ci/run installs it) and fails at once, before measuring, without it.
//
//   node run.mjs [--quick] [--save-before] [--label TEXT]
//   node run.mjs [--quick] --only SECTION[,SECTION…]   (endpoint, processes, upstream, team, memory, page: those only; writes nothing)
//   node run.mjs --report    (no measuring: print and write BENCHMARKS.md again from bench/results/latest.json)
//
// The memory and page sections share an agency's data dir of many accounts (fleet.ts); the page
// section drives Debian's /usr/bin/chromium (WXDESK_BENCH_CHROMIUM: another) through Playwright.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FakeWeChat } from '../test/fixtures/fake-wechat';
import { startRedis, type RedisServer } from '../test/fixtures/redis-server';
import { runEndpoint } from './endpoint';
import { prepareFleet, type Fleet } from './fleet';
import { killAll, log } from './lib';
import { runMemory } from './memory';
import { runPage } from './page';
import { consoleReport, markdownReport } from './report';
import { runStartup } from './startup';
import { runTeam } from './team';
import type { Context, Results, Settings } from './types';
import { runUpstream } from './upstream';

// Seven short rounds rather than three long ones: on a shared machine a round can land in a burst of
// someone else's load, and the median of seven ratios shrugs off two such rounds.
const FULL: Settings = {
  connections: 10,
  warmupSec: 1,
  roundSec: 3,
  rounds: 7,
  procRuns: 20,
  procWarmup: 2,
  upstreamLevels: [1, 10, 100, 1000],
  upstreamTrials: 3,
  fakeDelayMs: 200,
  memoryRounds: 5,
  memoryLoadSec: 5,
  fleetAccounts: 1_000,
  idleSec: 10,
};

/** A smoke run of every section, for working on the suite itself: writes nothing. */
const QUICK: Settings = { ...FULL, roundSec: 1, rounds: 2, procRuns: 2, procWarmup: 1, upstreamTrials: 1, memoryRounds: 2, idleSec: 5 };

function git(root: string, args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { quick: { type: 'boolean' }, 'save-before': { type: 'boolean' }, label: { type: 'string' }, report: { type: 'boolean' }, only: { type: 'string' } },
    strict: true,
  });
  const here = dirname(fileURLToPath(import.meta.url));
  const root = process.env.WXDESK_BENCH_ROOT ?? process.cwd();
  const ctx: Context = {
    root,
    bin: join(root, 'bin', 'wxdesk.js'),
    workerJs: join(here, 'worker.mjs'),
    bareJs: join(here, 'bare-server.mjs'),
    barePageDir: join(here, 'bare-page'),
    settings: values.quick ? QUICK : FULL,
    tmp: [],
  };
  const resultsDir = join(root, 'bench', 'results');
  const beforeFile = join(resultsDir, 'before.json');
  const before = !values['save-before'] && existsSync(beforeFile) ? (JSON.parse(readFileSync(beforeFile, 'utf8')) as Results) : undefined;
  const label = values.label ?? (values['save-before'] ? 'before core v2' : '');
  const notesFile = join(root, 'bench', 'NOTES.md');
  const notes = () => (existsSync(notesFile) ? readFileSync(notesFile, 'utf8') : undefined);

  if (values.report) {
    const latest = JSON.parse(readFileSync(join(resultsDir, 'latest.json'), 'utf8')) as Results;
    // The run that saved before.json is shown without a "before" column of itself.
    const shown = before && before.date !== latest.date ? before : undefined;
    process.stdout.write(consoleReport(latest, shown) + '\n');
    writeFileSync(join(root, 'BENCHMARKS.md'), markdownReport(latest, shown, notes()));
    log('wrote BENCHMARKS.md from bench/results/latest.json');
    return;
  }

  // --only: some sections, for working on the suite; like --quick, it writes nothing.
  const SECTIONS = ['endpoint', 'processes', 'upstream', 'team', 'memory', 'page'] as const;
  const only = values.only?.split(',').map((s) => s.trim());
  const unknown = only?.filter((s) => !(SECTIONS as readonly string[]).includes(s));
  if (unknown?.length) throw new Error(`--only takes ${SECTIONS.join(', ')}; not ${unknown.join(', ')}`);
  const runs = (s: (typeof SECTIONS)[number]) => !only || only.includes(s);
  const partial = only !== undefined;
  if (partial && values['save-before']) throw new Error('--save-before needs every section: not with --only');

  const onSignal = () => {
    killAll();
    for (const d of ctx.tmp) rmSync(d, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const cpu = cpus();
  const machine = {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    node: process.version,
    os: `${platform()} ${release()}`,
    loadavgStart: loadavg(),
    loadavgEnd: [] as number[],
  };
  const gitHead = git(root, ['describe', '--always', '--dirty']);
  const t0 = Date.now();
  // Before anything is measured: a machine without redis-server fails here, not minutes in.
  let redis: RedisServer | undefined;
  if (runs('team')) {
    redis = await startRedis();
    ctx.tmp.push(redis.dir);
  }
  const fake = await FakeWeChat.start();
  let fleet: Fleet | undefined;
  let results: Results;
  try {
    log(`machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; load ${machine.loadavgStart.map((l) => l.toFixed(2)).join(' ')}`);
    // The process timings reuse the endpoint section's warm data dir.
    const ep = runs('endpoint') || runs('processes') ? await runEndpoint(ctx, fake) : undefined;
    const processes = ep && runs('processes') ? await runStartup(ctx, ep.warmDir, ep.warmAppId, ep.warmSecret) : [];
    const upstream = runs('upstream') ? await runUpstream(ctx) : [];
    const team = redis ? await runTeam(ctx, redis, fake) : undefined;
    if (runs('memory') || runs('page')) fleet = await prepareFleet(ctx, fake, ctx.settings.fleetAccounts);
    const memory = fleet && runs('memory') ? await runMemory(ctx, fake, fleet) : undefined;
    const page = fleet && runs('page') ? await runPage(ctx, fleet) : undefined;
    machine.loadavgEnd = loadavg();
    results = {
      schema: 1,
      label,
      date: new Date().toISOString(),
      command: 'npm run bench' + (values['save-before'] ? ' -- --save-before' : ''),
      gitHead,
      machine,
      settings: ctx.settings,
      durationSec: (Date.now() - t0) / 1000,
      endpoint: ep && runs('endpoint') ? ep.pairs : [],
      processes,
      upstream,
      ...(team ? { team } : {}),
      ...(memory ? { memory } : {}),
      ...(page ? { page } : {}),
    };
  } finally {
    killAll();
    await fleet?.close();
    await redis?.close();
    await fake.close();
    for (const d of ctx.tmp) rmSync(d, { recursive: true, force: true });
  }

  process.stdout.write(consoleReport(results, before) + '\n');
  if (values.quick || partial) {
    log(`${values.quick ? 'quick' : 'partial'} run: nothing written`);
    return;
  }
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
  if (values['save-before']) writeFileSync(beforeFile, JSON.stringify(results, null, 2) + '\n');
  writeFileSync(join(root, 'BENCHMARKS.md'), markdownReport(results, before, notes()));
  log(`wrote BENCHMARKS.md and bench/results/latest.json${values['save-before'] ? ' and bench/results/before.json' : ''}`);
}

await main();
