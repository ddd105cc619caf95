// Sections 6 and 7: `wxdesk serve`'s resident memory, read from /proc/PID/status (VmRSS) of the
// node process itself.
//
// 6. serve (one stable account added with the CLI, its token held) beside the bare node:http server,
//    both child processes started afresh each round, alternating which starts first: RSS idle (a
//    settle after the first answer), then again after a sustained autocannon load on the token path.
// 7. serve on a data dir with many accounts beside one with one account (fleet.ts), each started
//    cold in turn, alternating which goes first: the start-up (every account's first token, the
//    upstream calls in flight at once), the idle RSS once those refreshes are done, and the token
//    endpoint's req/s for the one account both have.
import type { FakeWeChat } from '../test/fixtures/fake-wechat';
import { faultsOf, isToken, load, oneAccount, startBare, startServe, tokenUrl, type Server } from './endpoint';
import { coldStart, type Fleet } from './fleet';
import { alone, figure, getJson, log, median, nodeRssMb, ratio, sleep } from './lib';
import type { Context, MemoryResults } from './types';

/** After the first answer (or the last start-up refresh), before the idle RSS is read. */
const SETTLE_MS = 2_000;
const mb = (n: number) => `${n.toFixed(1)} MB`;

interface Side {
  start(): Promise<Server>;
  url(s: Server): string;
}

async function serveVsBare(ctx: Context, fake: FakeWeChat): Promise<Pick<MemoryResults, 'idle' | 'growth' | 'faults'>> {
  const { dir, id, secret } = await oneAccount(ctx, fake, 'memory');
  // The token fetched once beforehand: every round's serve starts as a developer's does, its token held.
  const warm = await startServe(ctx, dir);
  let bodyLength: number;
  try {
    bodyLength = JSON.stringify(await getJson(tokenUrl(warm.url, id, secret))).length;
  } finally {
    await warm.stop();
  }
  const sides: Side[] = [
    { start: () => startServe(ctx, dir), url: (s) => tokenUrl(s.url, id, secret) },
    { start: () => startBare(ctx, bodyLength), url: (s) => s.url + '/cgi-bin/token' },
  ];
  const { memoryRounds, memoryLoadSec, connections } = ctx.settings;
  const rounds: { idle: number[]; loaded: number[] }[] = [];
  let faults = 0;
  for (let i = 0; i < memoryRounds; i++) {
    const order = i % 2 ? [1, 0] : [0, 1];
    const servers: Server[] = [];
    try {
      for (const k of order) {
        const s = (servers[k] = await sides[k]!.start());
        await getJson(sides[k]!.url(s));
      }
      await sleep(SETTLE_MS);
      const idle = servers.map((s) => nodeRssMb(s.pid));
      const loaded: number[] = [];
      for (const k of order) {
        faults += faultsOf(await load(sides[k]!.url(servers[k]!), memoryLoadSec, connections, isToken));
        loaded[k] = nodeRssMb(servers[k]!.pid);
      }
      rounds.push({ idle, loaded });
      log(`memory round ${i + 1}/${memoryRounds}: serve ${mb(idle[0]!)} idle, ${mb(loaded[0]!)} after ${memoryLoadSec} s of load; bare ${mb(idle[1]!)}, ${mb(loaded[1]!)}`);
    } finally {
      for (const s of servers) await s?.stop();
    }
  }
  return {
    idle: figure(rounds.map((r) => [r.idle[0]!, r.idle[1]!]), ratio, 1.5),
    // Beyond the baseline's own growth: a bare node:http server grows about as much under the same load
    // (V8's young generation widening), which is no cost of WxDesk's.
    growth: figure(rounds.map((r) => [r.loaded[0]! - r.idle[0]!, r.loaded[1]! - r.idle[1]!]), (a, b) => a - b, 10),
    faults,
  };
}

interface FleetSide {
  startMs: number;
  upstreamMs: number;
  calls: number;
  peak: number;
  idleMb: number;
  rps: number;
}

async function manyVsOne(ctx: Context, fleet: Fleet): Promise<MemoryResults['fleet']> {
  const first = fleet.accounts[0]!;
  const n = fleet.accounts.length;
  const { memoryRounds, warmupSec, roundSec, connections } = ctx.settings;
  const rounds: Record<'one' | 'many', FleetSide>[] = [];
  let faults = 0;
  for (let i = 0; i < memoryRounds; i++) {
    const round: Partial<Record<'one' | 'many', FleetSide>> = {};
    for (const which of i % 2 ? (['many', 'one'] as const) : (['one', 'many'] as const)) {
      const cold = await coldStart(ctx, fleet, which);
      try {
        await sleep(SETTLE_MS);
        const idleMb = nodeRssMb(cold.serve.pid);
        const url = tokenUrl(cold.serve.url, first.id, first.secret);
        await load(url, warmupSec, connections, isToken);
        const r = await load(url, roundSec, connections, isToken, cold.serve.pid);
        faults += faultsOf(r);
        round[which] = { startMs: cold.ms, upstreamMs: cold.upstreamMs, calls: cold.calls, peak: cold.peak, idleMb, rps: r.rps };
        log(`fleet round ${i + 1}/${memoryRounds}, ${which === 'one' ? 1 : n} account(s): all tokens ${Math.round(cold.ms)} ms after spawn (upstream had answered by ${Math.round(cold.upstreamMs)} ms; ${cold.calls} calls, at most ${cold.peak} at once), ${mb(idleMb)} idle, ${Math.round(r.rps)} req/s`);
      } finally {
        await cold.serve.stop();
      }
    }
    rounds.push(round as Record<'one' | 'many', FleetSide>);
  }
  const pairs = (f: (s: FleetSide) => number) => rounds.map((r): [number, number] => [f(r.many), f(r.one)]);
  const start = figure(pairs((s) => s.startMs), ratio, Number.POSITIVE_INFINITY);
  const peak = figure(pairs((s) => s.peak), alone, 16);
  return {
    accounts: n,
    idle: figure(pairs((s) => s.idleMb), (a, b) => a - b, 20),
    rps: figure(pairs((s) => s.rps), ratio, 0.9, true),
    // A bound is a bound: met only if no start went over it.
    peak: { ...peak, met: peak.worst <= peak.budget },
    startMs: { many: start.a, one: start.b, ratio: start.value, manyUpstream: median(rounds.map((r) => r.many.upstreamMs)) },
    calls: rounds.map((r) => r.many.calls),
    faults,
  };
}

export async function runMemory(ctx: Context, fake: FakeWeChat, fleet: Fleet): Promise<MemoryResults> {
  const serve = await serveVsBare(ctx, fake);
  const many = await manyVsOne(ctx, fleet);
  log(`memory: serve/bare idle ${serve.idle.value.toFixed(2)}×, growth ${mb(serve.growth.value)}; ${many.accounts} accounts: +${mb(many.idle.value)} idle, ${many.rps.value.toFixed(2)}× req/s, ${median(many.calls)} calls, at most ${many.peak.value} at once`);
  return { ...serve, fleet: many, faults: serve.faults + many.faults };
}
