// The report's rows for the memory and page sections (report.ts lays them out): one row per Figure,
// each with its budget, and the prose BENCHMARKS.md shows above their tables.
import type { Figure, MemoryResults, PageResults, Results } from './types';

export interface Table {
  head: string[];
  rows: string[][];
}

interface Row {
  id: string;
  what: string;
  a: string;
  b: string;
  figure: string;
  budget: string;
  met: boolean;
  /** What the "before" column shows of this row in a later run. */
  headline: string;
}

export const int = (n: number) => Math.round(n).toLocaleString('en-US');
export const x = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : 'n/a');
export const yes = (met: boolean) => (met ? 'yes' : 'NO');
const mb = (n: number) => `${n.toFixed(1)} MB`;
const plusMb = (n: number) => `${n < 0 ? '−' : '+'}${Math.abs(n).toFixed(1)} MB`;
const ms = (n: number) => `${int(n)} ms`;

/** A row whose figure is `show(value)` with the worst round's beside it. */
function row(id: string, what: string, f: Figure, a: string, b: string, show: (n: number) => string, budget: string): Row {
  return { id, what, a, b, figure: `${show(f.value)} (worst ${show(f.worst)})`, budget, met: f.met, headline: show(f.value) };
}

function memoryRows(m: MemoryResults): Row[] {
  const f = m.fleet;
  const n = int(f.accounts);
  return [
    row('memory-idle', '`wxdesk serve` RSS idle (one account) vs bare node:http', m.idle, mb(m.idle.a), mb(m.idle.b), x, `≤ ${m.idle.budget}×`),
    row('memory-growth', 'RSS growth over the load on GET /cgi-bin/token, beyond the bare server\'s own growth', m.growth, plusMb(m.growth.a), plusMb(m.growth.b), plusMb, `≤ +${m.growth.budget} MB over bare's`),
    row('fleet-idle', `RSS idle after the start-up refreshes: ${n} accounts vs 1`, f.idle, mb(f.idle.a), mb(f.idle.b), plusMb, `≤ +${f.idle.budget} MB`),
    row('fleet-rps', `GET /cgi-bin/token req/s for one account: ${n} accounts present vs 1`, f.rps, `${int(f.rps.a)} req/s`, `${int(f.rps.b)} req/s`, x, `≥ ${f.rps.budget}×`),
    {
      ...row('fleet-peak', `cold start of ${n} accounts: upstream token calls in flight at once`, f.peak, `${int(f.peak.a)} at once; every token held ${ms(f.startMs.many)} after spawn (upstream done by ${ms(f.startMs.manyUpstream)})`, `${int(f.peak.b)}, in ${ms(f.startMs.one)} (1 account)`, int, `≤ ${f.peak.budget} at once`),
      figure: `${int(f.peak.value)} at once (worst ${int(f.peak.worst)}); ${f.calls.join(' / ')} calls; start ${x(f.startMs.ratio)} of 1 account's`,
    },
  ];
}

function pageRows(p: PageResults): Row[] {
  const n = int(p.accounts);
  const pct = (v: number) => `${v.toFixed(2)}%`;
  const kb = (v: number) => `${v.toFixed(1)} kB`;
  return [
    { ...row('page-js', 'dashboard JS loaded before any tab is opened, gzip (bare React 19 page beside it)', p.js, `${kb(p.js.a)} (${p.js.files} file${p.js.files === 1 ? '' : 's'})`, kb(p.js.b), kb, `≤ ${p.js.budget} kB`), figure: kb(p.js.value) },
    row('page-token', 'navigation → token shown (1 account) vs bare React 19 page → its line', p.firstToken, ms(p.firstToken.a), ms(p.firstToken.b), x, `≤ ${p.firstToken.budget}×`),
    row('page-list', `navigation → account list shown: ${n} accounts vs 1`, p.list, ms(p.list.a), ms(p.list.b), x, `≤ ${p.list.budget}×`),
    row('page-idle', `open dashboard, idle: renderer main-thread CPU, ${n} accounts (1 account: ${pct(p.idleCpu.one)})`, p.idleCpu, pct(p.idleCpu.a), `${pct(p.idleCpu.b)} (bare page)`, (v) => `${pct(v)} of a core`, `≤ ${p.idleCpu.budget}%`),
  ];
}

const rowsOf = (r: Results) => [...(r.memory ? memoryRows(r.memory) : []), ...(r.page ? pageRows(r.page) : [])];

export function figureHeadlines(r: Results): Record<string, string> {
  return Object.fromEntries(rowsOf(r).map((row) => [row.id, row.headline]));
}

/** Every budget of these sections, and the ones missed. */
export function figureBudgets(r: Results): { total: number; missed: string[] } {
  const rows = rowsOf(r);
  return { total: rows.length, missed: rows.filter((row) => !row.met).map((row) => row.what) };
}

function table(rows: Row[], faults: number, before?: Record<string, string>): Table {
  const head = ['what', 'wxdesk', 'baseline', 'figure (median of rounds)', 'budget', 'met'];
  if (before) head.push('before');
  const cells = rows.map((r) => {
    const cell = [r.what, r.a, r.b, r.figure, r.budget, yes(r.met) + (faults ? ` (${faults} faults in the section!)` : '')];
    if (before) cell.push(before[r.id] ?? '—');
    return cell;
  });
  return { head, rows: cells };
}

export function figureTables(r: Results, before?: Record<string, string>): { memory?: Table; page?: Table } {
  return {
    ...(r.memory ? { memory: table(memoryRows(r.memory), r.memory.faults, before) } : {}),
    ...(r.page ? { page: table(pageRows(r.page), 0, before) } : {}),
  };
}

/** The console's line above each table. */
export function figureTitles(r: Results): { memory: string; page: string } {
  const s = r.settings;
  return {
    memory: `Memory (RSS of the node process, /proc/PID/status), ${s.memoryRounds} alternating rounds; load: autocannon, ${s.connections} connections, ${s.memoryLoadSec} s`,
    page: `Dashboard page in Chromium ${r.page?.chromium ?? ''} (headless, fresh context per load), ${s.memoryRounds} rotating rounds; idle CPU over ${s.idleSec} s`,
  };
}

export function memoryProse(r: Results): string[] {
  const s = r.settings;
  return [
    '## Memory',
    '',
    'Resident memory (VmRSS of `/proc/PID/status`, the node process itself, not a wrapper). First: `wxdesk serve` on a data dir',
    `with one stable account added by the CLI (its token fetched once beforehand) and the bare node:http server, both started afresh`,
    `in each of ${s.memoryRounds} rounds, alternating which starts first; RSS read 2 s after each one's first answer (idle), then again after`,
    `${s.memoryLoadSec} s of autocannon load (${s.connections} connections) on the token path, each in turn. Growth is after − idle, per round; its figure is serve's growth minus the bare server's in the same round (a bare node:http server grows by about as much under the same load: V8's young generation widens).`,
    '',
    `Then an agency's data dir: ${int(s.fleetAccounts)} stable accounts (saved by the core's AccountService, keeper stopped), beside a data dir with`,
    'the first of them only, each served cold (a fresh copy, no tokens) in turn, alternating which goes first. Their API base is a',
    `proxy in the runner that holds every call ${s.fakeDelayMs} ms before passing it to the fake WeChat API, and counts the token calls in flight. The`,
    "start time is spawn until serve's dashboard API (`tokens`) shows every account holding a token; the idle RSS is read 2 s later;",
    `then the token endpoint of the first account under load (${s.warmupSec} s warm-up, ${s.roundSec} s timed).`,
    '',
  ];
}

export function pageProse(r: Results): string[] {
  const s = r.settings;
  return [
    '## Dashboard page',
    '',
    `Chromium ${r.page?.chromium ?? ''} (Debian's, headless, through Playwright), each page in a fresh browser context. The dashboard of two`,
    `serves started cold as above (1 account; ${int(s.fleetAccounts)} accounts), opened at the URL serve prints, beside a bare page: React 19 and`,
    'react-dom/client rendering one line, bundled and minified by esbuild, served by a node:http server. An untimed first load',
    "of each counts the JS it loads until 2 s after it is shown, gzipped here at the default level (kB: 1,000 bytes, as Vite's",
    'build prints). Then rounds rotating the three pages: a MutationObserver the page gets before its own scripts notes when a',
    "text first appears in the DOM, by the page's own clock from navigation start: the token (its first 6 and last 4 characters,",
    "as the card shows it masked), the bare page's line, the account list (a list item holding an AppID). Idle CPU: the renderer",
    `main thread's busy time (CDP Performance.getMetrics, TaskDuration) over ${s.idleSec} s, from 2 s after the page is shown, as % of one core.`,
    '',
  ];
}
