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
}

export interface Context {
  root: string;
  /** bin/wxdesk.js */
  bin: string;
  /** The bundled worker and bare server. */
  workerJs: string;
  bareJs: string;
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
}
