// The table the runner prints and BENCHMARKS.md, from one run's results; with a "before" column
// taken from bench/results/before.json when that file exists (and is not this run).
import { figureBudgets, figureHeadlines, figureTables, figureTitles, int, memoryProse, pageProse, x, yes, type Table } from './report-figures';
import type { LoadPair, ProcPair, Results, TeamEndpoint, TeamUpstreamCase, UpstreamCase } from './types';

/** What the "before" column shows for a row: the figure its budget is about. */
export function headlines(r: Results): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of r.endpoint) out[p.id] = x(p.rpsRatio);
  for (const p of r.processes) out[p.id] = x(p.ratio);
  for (const c of r.upstream) out[c.id] = c.calls.join('/');
  for (const p of r.team?.endpoint ?? []) out[p.id] = x(p.teamRatio);
  for (const c of r.team?.upstream ?? []) out[c.id] = c.calls.join('/');
  return { ...out, ...figureHeadlines(r) };
}

function endpointTable(pairs: LoadPair[], before?: Record<string, string>): Table {
  const head = ['what', 'wxdesk', 'baseline', 'ratio (median of rounds)', 'budget', 'met', 'server CPU per answer'];
  if (before) head.push('before');
  const rows = pairs.map((p) => {
    const row = [
      p.what,
      `${int(p.aRps)} req/s, p99 ${p.aP99Ms.toFixed(2)} ms`,
      `${int(p.bRps)} req/s, p99 ${p.bP99Ms.toFixed(2)} ms`,
      `${x(p.rpsRatio)} req/s (worst ${x(p.minRatio)}), ${x(p.p99Ratio)} p99`,
      `≥ ${p.budget}× req/s`,
      yes(p.met) + (p.faults ? ` (${p.faults} faults!)` : ''),
      p.cpuRatio === undefined ? '—' : `${p.aCpuUs!.toFixed(1)} µs vs ${p.bCpuUs!.toFixed(1)} µs (${x(p.cpuRatio)})`,
    ];
    if (before) row.push(before[p.id] ?? '—');
    return row;
  });
  return { head, rows };
}

function processTable(pairs: ProcPair[], before?: Record<string, string>): Table {
  const head = ['what', 'wxdesk', 'baseline', 'ratio (median of pairs)', 'budget', 'met'];
  if (before) head.push('before');
  const rows = pairs.map((p) => {
    const row = [p.what, `${p.aMs.toFixed(0)} ms`, `${p.bMs.toFixed(0)} ms`, `${x(p.ratio)} (worst ${x(p.maxRatio)})`, `≤ ${p.budget}×`, yes(p.met)];
    if (before) row.push(before[p.id] ?? '—');
    return row;
  });
  return { head, rows };
}

export function upstreamMet(c: UpstreamCase): boolean {
  return c.calls.every((n) => n === 1) && c.failed.every((n) => n === 0);
}

function upstreamTable(cases: UpstreamCase[], before?: Record<string, string>): Table {
  const head = ['concurrent demands', 'processes', 'wxdesk calls (per trial)', 'origin helper calls (per trial)', 'budget', 'met'];
  if (before) head.push('before (wxdesk)');
  const rows: string[][] = [];
  for (const w of cases.filter((c) => c.impl === 'wxdesk')) {
    const o = cases.find((c) => c.impl === 'origin' && c.processes === w.processes && c.demands === w.demands);
    const failed = w.failed.reduce((a, b) => a + b, 0);
    const row = [
      int(w.demands) + (w.fired !== w.demands ? ` (${int(w.fired)} fired)` : ''),
      w.processes === 1 ? 'one' : 'three',
      w.calls.join(' / ') + (failed ? ` (${failed} demands failed)` : ''),
      o ? o.calls.map(int).join(' / ') : '—',
      'exactly 1',
      yes(upstreamMet(w)),
    ];
    if (before) row.push(before[w.id] ?? '—');
    rows.push(row);
  }
  return { head, rows };
}

const rps = (n: number, p99: number) => `${int(n)} req/s, p99 ${p99.toFixed(2)} ms`;

function teamEndpointTable(eps: TeamEndpoint[], before?: Record<string, string>): Table {
  const head = ['what', 'team mode', 'file backend', 'bare node:http', 'team / bare (median of rounds)', 'file / bare', 'budget', 'met', 'server CPU per answer'];
  if (before) head.push('before');
  const rows = eps.map((p) => {
    const row = [
      p.what,
      rps(p.teamRps, p.teamP99Ms),
      rps(p.fileRps, p.fileP99Ms),
      rps(p.bareRps, p.bareP99Ms),
      `${x(p.teamRatio)} req/s (worst ${x(p.teamMinRatio)}); team / file ${x(p.teamVsFile)}`,
      `${x(p.fileRatio)} req/s`,
      `team ≥ ${p.budget}× req/s`,
      yes(p.met) + (p.faults ? ` (${p.faults} faults!)` : ''),
      p.teamCpuUs === undefined ? '—' : `team ${p.teamCpuUs.toFixed(1)} µs (${x(p.teamCpuRatio!)}), file ${p.fileCpuUs!.toFixed(1)} µs (${x(p.fileCpuRatio!)}), bare ${p.bareCpuUs!.toFixed(1)} µs`,
    ];
    if (before) row.push(before[p.id] ?? '—');
    return row;
  });
  return { head, rows };
}

export function teamUpstreamMet(c: TeamUpstreamCase): boolean {
  return c.calls.every((n) => n === 1) && c.failed.every((n) => n === 0) && c.tokens.every((n) => n === 1);
}

function teamUpstreamTable(cases: TeamUpstreamCase[], before?: Record<string, string>): Table {
  const head = ['concurrent requests', 'serves', 'auto-refresh', 'upstream calls (per trial)', 'distinct tokens', 'budget', 'met'];
  if (before) head.push('before');
  const rows = cases.map((c) => {
    const failed = c.failed.reduce((a, b) => a + b, 0);
    const early = c.callsBefore.reduce((a, b) => a + b, 0);
    const row = [
      int(c.demands),
      `${c.serves}, on ${c.serves} data dirs, one Redis`,
      c.autoRefresh ? 'on (the timers race too)' : 'off',
      c.calls.join(' / ') + (early ? ` (${c.callsBefore.join(' / ')} before the requests)` : '') + (failed ? ` (${failed} requests failed)` : ''),
      c.tokens.join(' / '),
      'exactly 1',
      yes(teamUpstreamMet(c)),
    ];
    if (before) row.push(before[c.id] ?? '—');
    return row;
  });
  return { head, rows };
}

function text(t: Table): string {
  const all = [t.head, ...t.rows];
  const widths = t.head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(t.head), widths.map((w) => '-'.repeat(w)).join('  '), ...t.rows.map(line)].join('\n');
}

function markdown(t: Table): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [`| ${t.head.map(esc).join(' | ')} |`, `|${t.head.map(() => '---').join('|')}|`, ...t.rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

function budgets(r: Results): { met: number; total: number; missed: string[] } {
  const missed: string[] = [];
  let total = 0;
  for (const p of [...r.endpoint, ...r.processes]) {
    total++;
    if (!p.met) missed.push(p.what);
  }
  for (const c of r.upstream.filter((c) => c.impl === 'wxdesk')) {
    total++;
    if (!upstreamMet(c)) missed.push(`one upstream call: ${int(c.demands)} demands, ${c.processes === 1 ? 'one process' : 'three processes'}`);
  }
  for (const p of r.team?.endpoint ?? []) {
    total++;
    if (!p.met) missed.push(`team mode: ${p.what}`);
  }
  for (const c of r.team?.upstream ?? []) {
    total++;
    if (!teamUpstreamMet(c)) missed.push(`team mode, one upstream call: ${c.what}`);
  }
  const figures = figureBudgets(r);
  total += figures.total;
  missed.push(...figures.missed);
  return { met: total - missed.length, total, missed };
}

function tables(r: Results, before?: Results) {
  const b = before ? headlines(before) : undefined;
  return {
    endpoint: endpointTable(r.endpoint, b),
    processes: processTable(r.processes, b),
    upstream: upstreamTable(r.upstream, b),
    teamEndpoint: teamEndpointTable(r.team?.endpoint ?? [], b),
    teamUpstream: teamUpstreamTable(r.team?.upstream ?? [], b),
    ...figureTables(r, b),
  };
}

function machineLine(r: Results): string {
  const m = r.machine;
  return `${m.cpu}, ${m.cores} cores, Node ${m.node}, ${m.os}; load average ${loads(m.loadavgStart)} at the start, ${loads(m.loadavgEnd)} at the end`;
}

const loads = (l: number[]) => l.map((v) => v.toFixed(2)).join(' ');

/** Whether the three processes of each trial really overlapped: each still waiting when the fake answered. */
function overlapLine(r: Results): string {
  const three = r.upstream.filter((c) => c.processes === 3 && c.minMs && c.minMs.length > 0);
  if (three.length === 0) return '';
  const fastest = Math.min(...three.flatMap((c) => c.minMs!));
  const verdict = fastest >= r.settings.fakeDelayMs ? 'so every process\'s demands were out while the one upstream call was' : 'so some process did not overlap the others: those trials prove less';
  return `Overlap check: in every three-process trial, the fastest process took ${fastest} ms from release to its last answer (the fake answers after ${r.settings.fakeDelayMs} ms), ${verdict}.`;
}

/** Whether the team trials' serves really overlapped: each still answering when the fake answered. */
function teamOverlapLine(r: Results): string {
  const cases = r.team?.upstream ?? [];
  if (cases.length === 0) return '';
  const fastest = Math.min(...cases.flatMap((c) => c.minMs));
  const verdict = fastest >= r.settings.fakeDelayMs ? 'so every serve had requests waiting while the one upstream call was out' : 'so some serve did not overlap the others: those trials prove less';
  return `Overlap check: in every team trial, the fastest serve took ${fastest} ms from release to its last answer (the fake answers after ${r.settings.fakeDelayMs} ms), ${verdict}.`;
}

export function consoleReport(r: Results, before?: Results): string {
  const t = tables(r, before);
  const s = r.settings;
  const sum = budgets(r);
  return [
    '',
    `WxDesk benchmarks${r.label ? ` (${r.label})` : ''}: ${r.date}, ${Math.round(r.durationSec)} s`,
    machineLine(r),
    before ? `before: ${before.label || 'bench/results/before.json'} (${before.date}, ${before.gitHead})` : '',
    '',
    // A section with no rows was not run (--only).
    ...(r.endpoint.length
      ? [`Local endpoint: autocannon, ${s.connections} connections, ${s.warmupSec} s warm-up + ${s.roundSec} s per side, ${s.rounds} alternating rounds`, text(t.endpoint), '']
      : []),
    ...(r.processes.length ? [`Whole processes: spawn to exit (serve: to its first answer), ${s.procWarmup} warm-up + ${s.procRuns} alternating pairs`, text(t.processes), ''] : []),
    ...(r.upstream.length
      ? [`Upstream calls per token lifetime (cold account, fake answers after ${s.fakeDelayMs} ms), ${s.upstreamTrials} trials each`, text(t.upstream), overlapLine(r), '']
      : []),
    ...(r.team
      ? [
          `Team mode (--redis, redis-server ${r.team.redis}): upstream calls per token lifetime, cold classic account, ${s.upstreamTrials} trials each`,
          text(t.teamUpstream),
          teamOverlapLine(r),
          '',
          `Team mode: local endpoint, the same rounds rotating team, file backend and bare (${s.rounds} rounds)`,
          text(t.teamEndpoint),
          '',
        ]
      : []),
    ...(t.memory ? [figureTitles(r).memory, text(t.memory), ''] : []),
    ...(t.page ? [figureTitles(r).page, text(t.page), ''] : []),
    `Budgets met: ${sum.met} of ${sum.total}`,
    '',
  ]
    .filter((l, i, a) => !(l === '' && a[i - 1] === ''))
    .join('\n');
}

export function markdownReport(r: Results, before?: Results, notes?: string): string {
  const t = tables(r, before);
  const s = r.settings;
  const sum = budgets(r);
  const m = r.machine;
  const out = ['# Benchmarks', ''];
  if (r.label) out.push(`**These are "${r.label}" figures.**`, '');
  out.push(
    `Written by \`${r.command}\` on ${r.date} (commit ${r.gitHead}); the run took ${Math.round(r.durationSec)} s.`,
    '',
    `- CPU: ${m.cpu}, ${m.cores} cores`,
    `- Node ${m.node}, ${m.os}`,
    `- load average (1, 5, 15 min): ${loads(m.loadavgStart)} at the start, ${loads(m.loadavgEnd)} at the end`,
    '',
    'The machine is shared and noisy, so every figure is a ratio against a baseline measured side by side in the same',
    'run (A B, B A, …): compare ratios between runs, not absolute times.',
  );
  if (before) out.push('', `The "before" column is from bench/results/before.json: "${before.label}", ${before.date}, commit ${before.gitHead}.`);
  out.push(
    '',
    '## Local endpoint',
    '',
    `autocannon, ${s.connections} connections, against \`wxdesk serve\` (a child process on a temp data dir, token warmed by`,
    'one request) and a bare node:http server (a child process answering a constant body of the same shape, length and',
    `headers). Each side gets a ${s.warmupSec} s warm-up, then ${s.roundSec} s timed, in ${s.rounds} rounds alternating which goes first. p99 is`,
    'taken from every response time autocannon reported. The wxdesk and baseline columns are each side\'s own median over',
    'the rounds; the ratio is wxdesk / baseline within each round, its median shown and "worst" the worst round. The',
    'getticket row compares two paths of the same serve: getticket / token. "Server CPU per answer" is each server process\'s',
    'CPU time (user + system, from /proc) per answer in the timed runs, median over rounds, and in brackets the baseline\'s',
    'over wxdesk\'s: 1.00× is the same work per answer. It is steadier than req/s on a shared machine.',
    '',
    markdown(t.endpoint),
    '',
    '## Whole processes',
    '',
    `Spawn to exit (\`serve\`: spawn, read the port from its first line, GET the token URL, stop at the answer), timed with`,
    `process.hrtime.bigint(); ${s.procWarmup} warm-up runs each, then ${s.procRuns} pairs alternating which goes first. The token is cached.`,
    'Medians per side; the ratio is the median of the per-pair ratios, "worst" the worst pair.',
    '',
    markdown(t.processes),
    '',
    '## Upstream calls per token lifetime',
    '',
    'A cold account (fresh data dir, no token) and N concurrent demands, counted at the fake WeChat API (which answers every',
    `call after ${s.fakeDelayMs} ms so the demands overlap). One process fires N; three processes on one data dir fire ceil(N/3) each,`,
    'released together over stdin once all three are ready. wxdesk: `keeper.get()` of the core; origin helper: bench/origin.ts,',
    '"read the cache file; if missing or expired, fetch from the token URL and write the cache file", with no single-flight and no lock.',
    '',
    markdown(t.upstream),
    '',
    overlapLine(r),
    '',
  );
  if (r.team) {
    out.push(
      '## Team mode',
      '',
      `\`--redis URL\`: each data dir a mirror of the state shared through one Redis (redis-server ${r.team.redis}, started by the`,
      'runner on a free port of 127.0.0.1, nothing persisted). Separate data dirs on this machine play the team\'s machines.',
      '',
      '### Upstream calls per token lifetime',
      '',
      `A cold classic account, added once through the team (\`accounts add\` on the first data dir) and given its secret on the`,
      'others (`accounts update --secret`); a `wxdesk serve` on each data dir, started together; then N concurrent',
      '`GET /cgi-bin/token` requests spread round robin over the serves, each on a fresh connection. Every call the fake WeChat',
      `receives is counted, from the add to 0.5 s after the last answer (the fake answers after ${s.fakeDelayMs} ms). With auto-refresh off the first`,
      'demand is the requests\'; with it on (the default) each serve\'s timer also fetches the missing token as it starts.',
      '',
      markdown(t.teamUpstream),
      '',
      teamOverlapLine(r),
      '',
      '### Local endpoint',
      '',
      'As in "Local endpoint" above, one stable account, token warmed by one request; three targets rotated in the same rounds',
      '(team, file, bare; file, bare, team; …): a serve on a data dir in team mode, a serve with the file backend, and the',
      'bare node:http server. The budget is team / bare, the same as the file backend\'s.',
      '',
      markdown(t.teamEndpoint),
      '',
    );
  }
  if (t.memory) out.push(...memoryProse(r), markdown(t.memory), '');
  if (t.page) out.push(...pageProse(r), markdown(t.page), '');
  out.push(
    `## Budgets: ${sum.met} of ${sum.total} met`,
    '',
    ...(sum.missed.length ? sum.missed.map((m) => `- missed: ${m}`) : ['All met.']),
    '',
  );
  // What was profiled and changed to get here (bench/NOTES.md, kept by hand).
  if (notes) out.push(notes.trim(), '');
  return out.join('\n');
}
