// Shapes shared by the runner's sections and the report (and stored in bench/results/*.json).

export interface Settings {
  /** autocannon connections, the same for both sides of every pair. */
  connections: number;
  warmupSec: number;
  roundSec: number;
  /** Alternating rounds per endpoint pair (A B, B A, …). */
  rounds: number;
  /** Timed process runs per side, after procWarmup untimed ones. */
  procRuns: number;
  procWarmup: number;
  upstreamLevels: number[];
  upstreamTrials: number;
  /** The fake WeChat answers every token call this late, so that demands overlap. */
  fakeDelayMs: number;
  /** Rounds of the memory and page sections (each round starts its processes or pages afresh). */
  memoryRounds: number;
  /** Sustained load before the RSS is read again. */
  memoryLoadSec: number;
  /** Accounts in the agency data dir. */
  fleetAccounts: number;
  /** How long an open page's CPU is measured, idle. */
  idleSec: number;
}

export interface Context {
  root: string;
  /** bin/wxdesk.js */
  bin: string;
  /** The bundled worker and bare server. */
  workerJs: string;
  bareJs: string;
  /** The bundled bare React page and its index.html (scripts/bench.mjs). */
  barePageDir: string;
  settings: Settings;
  /** Temp dirs to remove at the end. */
  tmp: string[];
}

export interface LoadRun {
  rps: number;
  /** From every response time autocannon reported (sub-millisecond), nearest rank. */
  p99Ms: number;
  p50Ms: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
  /** The server process's CPU time (user + system) per answer in the timed run, in µs; NaN where /proc is missing. */
  cpuUsPerAnswer: number;
}

export interface LoadPair {
  id: string;
  what: string;
  a: string;
  b: string;
  rounds: { a: LoadRun; b: LoadRun; rpsRatio: number; p99Ratio: number; cpuRatio: number }[];
  aRps: number;
  bRps: number;
  aP99Ms: number;
  bP99Ms: number;
  /** Median of the per-round ratios a/b. */
  rpsRatio: number;
  p99Ratio: number;
  minRatio: number;
  /**
   * Median per round of b's CPU per answer over a's: how much work a does per answer compared
   * with b (1 = the same). Steadier than req/s on a shared machine, and shown beside it.
   */
  cpuRatio?: number;
  aCpuUs?: number;
  bCpuUs?: number;
  /** Budget: rpsRatio must be at least this. */
  budget: number;
  met: boolean;
  /** Any error, timeout, non-2xx or wrong body during the timed rounds. */
  faults: number;
}

export interface ProcPair {
  id: string;
  what: string;
  a: string;
  b: string;
  runs: { aMs: number; bMs: number; ratio: number }[];
  aMs: number;
  bMs: number;
  ratio: number;
  maxRatio: number;
  /** Budget: ratio must be at most this. */
  budget: number;
  met: boolean;
}

export interface UpstreamCase {
  id: string;
  impl: 'wxdesk' | 'origin';
  processes: 1 | 3;
  demands: number;
  /** Demands actually fired (three processes fire ceil(N/3) each). */
  fired: number;
  /** Upstream calls the fake received, per trial (each trial is one cold token lifetime). */
  calls: number[];
  /** Failed demands, per trial. */
  failed: number[];
  /** Distinct tokens handed out, per trial. */
  tokens: number[];
  /** The slowest process's time from release to its last answer, per trial. */
  ms: number[];
  /** The fastest process's, per trial: at least the fake's delay when every process's demands were out at once. */
  minMs?: number[];
}

/** Team mode: the token endpoint of a serve on a Redis mirror, and a file-backend serve, each against the bare server in the same rounds. */
export interface TeamEndpoint {
  id: string;
  what: string;
  rounds: { team: LoadRun; file: LoadRun; bare: LoadRun; teamRatio: number; fileRatio: number; teamVsFile: number; teamCpuRatio: number; fileCpuRatio: number }[];
  teamRps: number;
  fileRps: number;
  bareRps: number;
  teamP99Ms: number;
  fileP99Ms: number;
  bareP99Ms: number;
  /** Medians of the per-round ratios: team / bare, file / bare, team / file (req/s). */
  teamRatio: number;
  fileRatio: number;
  teamVsFile: number;
  teamMinRatio: number;
  /** CPU per answer (µs, median over rounds), and bare's over each side's (1 = the same work per answer); absent where /proc is missing. */
  teamCpuUs?: number;
  fileCpuUs?: number;
  bareCpuUs?: number;
  teamCpuRatio?: number;
  fileCpuRatio?: number;
  /** Budget: teamRatio must be at least this. */
  budget: number;
  met: boolean;
  faults: number;
}

/** Team mode: upstream calls while several serves on their own data dirs, sharing one Redis, answer N concurrent demands on a cold account. */
export interface TeamUpstreamCase {
  id: string;
  what: string;
  serves: number;
  demands: number;
  /** Whether the account's auto-refresh was on (every serve's timer then fetches the missing token as it starts). */
  autoRefresh: boolean;
  /** Upstream calls the fake received over the whole trial (setup, starts, demands, a settle afterwards), per trial. */
  calls: number[];
  /** Of those, made before the demands were released, per trial. */
  callsBefore: number[];
  failed: number[];
  /** Distinct tokens handed out, per trial. */
  tokens: number[];
  /** Release to the last answer, per trial. */
  ms: number[];
  /** The fastest serve's release-to-last-answer time, per trial. */
  minMs: number[];
}

export interface TeamResults {
  /** `redis-server --version`. */
  redis: string;
  endpoint: TeamEndpoint[];
  upstream: TeamUpstreamCase[];
}

export interface Results {
  schema: 1;
  label: string;
  date: string;
  command: string;
  gitHead: string;
  machine: { cpu: string; cores: number; node: string; os: string; loadavgStart: number[]; loadavgEnd: number[] };
  settings: Settings;
  durationSec: number;
  endpoint: LoadPair[];
  processes: ProcPair[];
  upstream: UpstreamCase[];
  /** Team mode (--redis); absent from runs made before it existed. */
  team?: TeamResults;
  /** Absent from runs made before these sections existed, and when --only left them out. */
  memory?: MemoryResults;
  page?: PageResults;
}

/**
 * One figure from alternating rounds of two sides: each side's median, `value` the median of a
 * per-round figure made of both (a / b, a − b, or a alone), `worst` the worst round's.
 */
export interface Figure {
  a: number;
  b: number;
  value: number;
  worst: number;
  /** `value` must be at most (or, with atLeast, at least) this. */
  budget: number;
  atLeast?: boolean;
  met: boolean;
}

/** Sections 6 and 7: `wxdesk serve`'s resident memory (MB) beside the bare server's, and with many accounts beside one. */
export interface MemoryResults {
  /** Idle RSS, serve (a) and bare (b); value: a / b. */
  idle: Figure;
  /** RSS growth over the sustained load, serve (a) and bare (b); value: a's. */
  growth: Figure;
  fleet: {
    accounts: number;
    /** Idle RSS after the start-up refreshes, many (a) and one (b); value: a − b. */
    idle: Figure;
    /** Token endpoint req/s for one account, many (a) and one (b); value: a / b. */
    rps: Figure;
    /** The most upstream token calls in flight at once during a cold start, many (a) and one (b); value: a's (met: no start over the budget). */
    peak: Figure;
    /**
     * Cold start (spawn) until every account holds a token, ms, medians, and their per-round ratio's
     * median; manyUpstream: spawn until the fake had answered every one of the many's calls.
     */
    startMs: { many: number; one: number; ratio: number; manyUpstream: number };
    /** Upstream token calls per cold start with many accounts. */
    calls: number[];
    faults: number;
  };
  faults: number;
}

/** Section 8: the dashboard in Chromium beside a bare React 19 page. */
export interface PageResults {
  chromium: string;
  /** gzip kB (1,000 bytes) of the JS loaded before any tab is opened, dashboard (a) and bare page (b); value: a's. */
  js: Figure & { files: number };
  /** Navigation start to the token shown (bare page: its line), ms; value: a / b. */
  firstToken: Figure;
  /** Navigation start to the account list shown, many accounts (a) and one (b); value: a / b. */
  list: Figure;
  /** Renderer main-thread busy time while the page sits idle, % of one core, many accounts (a) and bare page (b); value: a's. */
  idleCpu: Figure & { one: number };
  accounts: number;
}
