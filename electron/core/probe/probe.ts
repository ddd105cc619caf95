// The probe: WxDesk plays WeChat against a developer's own callback server, before any tunnel.
// It runs the checks of checks.ts one by one and reports each as it ends (the dashboard shows them
// live, the CLI prints a line each). Nothing a server does makes it throw: a fault is a verdict.
// Only bad settings throw (an input error, before anything is sent).
import type { Dispatcher } from 'undici';
import type { ProbeCheckResult, ProbeExchange, ProbeReport, ProbeText } from '../../contract';
import { isLoopbackHost } from '../validate';
import { CHECKS, type RunState } from './checks';
import { probeAgent, send } from './http';
import { probeSettings, type ProbeSettings } from './input';
import { UNREACHABLE, t } from './judge';
import { runWarnings } from './judge-run';
import { newParties } from './wire';

export { callbackUrl, probeSettings, withAccount, type ProbeSettings } from './input';

export interface ProbeOptions {
  /** Told after every step: a copy of the report so far. */
  onProgress?: (report: ProbeReport) => void;
  /** Tests hand in their own; by default a pool for the run, closed at its end. */
  dispatcher?: Dispatcher;
  now?: () => number;
}

/** The notes every report carries: what the probe cannot tell about WeChat reaching the URL. */
export function reachNotes(url: URL): ProbeText[] {
  const notes: ProbeText[] = [];
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  if (isLoopbackHost(url.hostname) || isPrivate(url.hostname)) {
    notes.push(t(`WeChat cannot reach ${url.hostname}: it pushes only to public addresses. Once the probe passes, put a tunnel or a public server in front and configure that URL.`, `微信无法访问 ${url.hostname}：它只向公网地址推送。探测通过后，请用内网穿透或公网服务器对外提供，并配置那个 URL。`));
  }
  if ((url.protocol === 'http:' && port !== 80) || (url.protocol === 'https:' && port !== 443)) {
    notes.push(t(`WeChat pushes only to port 80 (http) or 443 (https); this URL uses port ${port}.`, `微信只向 80 端口（http）或 443 端口（https）推送；此 URL 使用的是 ${port} 端口。`));
  }
  notes.push(
    t(
      'The probe comes before the tunnel, not instead of it: it proves the server answers as WeChat expects; WeChat itself reaches only public URLs on port 80 or 443.',
      '探测在内网穿透之前进行，但不能代替它：探测证明服务器的应答符合微信的要求；微信本身只访问 80 或 443 端口上的公网 URL。',
    ),
  );
  return notes;
}

function isPrivate(host: string): boolean {
  return /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.|0\.0\.0\.0$)/.test(host) || /\.local$/i.test(host) || host === '[::]';
}

const overall = (checks: ProbeCheckResult[]): ProbeReport['verdict'] =>
  checks.some((c) => c.verdict === 'fail') ? 'fail' : checks.some((c) => c.verdict === 'warning') ? 'warning' : 'pass';

/** Runs every check against the URL in `input` (checked first: bad settings throw an input error). */
export async function runProbe(input: unknown, opts: ProbeOptions = {}): Promise<ProbeReport> {
  const s = probeSettings(input);
  const now = opts.now ?? Date.now;
  const report: ProbeReport = {
    ...(s.runId ? { runId: s.runId } : {}),
    url: s.url.toString(),
    mode: s.mode,
    startedAt: now(),
    plan: CHECKS.map((c) => ({ id: c.id, title: c.title })),
    checks: [],
    done: false,
    verdict: 'pass',
    notes: reachNotes(s.url),
  };
  const tell = () => opts.onProgress?.(structuredClone(report));
  const dispatcher = opts.dispatcher ?? (await probeAgent(s.timeoutMs));
  const run: RunState = { s, parties: newParties(), now };
  let unreachable: ProbeText | null = null;
  try {
    for (const check of CHECKS) {
      const skipped = unreachable ?? check.skip?.(run) ?? null;
      if (skipped) {
        report.checks.push({ id: check.id, title: check.title, verdict: 'skipped', summary: skipped, findings: [], ms: 0, exchanges: [] });
        continue;
      }
      report.running = check.id;
      tell();
      const result = await runCheck(check, run, dispatcher, s);
      report.checks.push(result);
      report.verdict = overall(report.checks);
      if (result.exchanges.some((x) => x.error && UNREACHABLE.has(x.error.code))) {
        unreachable = t('Not run: the server could not be reached (see the first check).', '未运行：无法连接服务器（见第一项检查）。');
      }
    }
  } finally {
    if (!opts.dispatcher) await dispatcher.close();
  }
  delete report.running;
  const warnings = runWarnings(s, report.checks);
  if (warnings.length > 0) {
    report.warnings = warnings;
    if (report.verdict === 'pass') report.verdict = 'warning';
  }
  report.done = true;
  tell();
  return report;
}

async function runCheck(check: (typeof CHECKS)[number], run: RunState, dispatcher: Dispatcher, s: ProbeSettings): Promise<ProbeCheckResult> {
  const t0 = performance.now();
  const exchanges: ProbeExchange[] = [];
  const base = { id: check.id, title: check.title };
  try {
    const planned = check.plan(run);
    for (const req of planned.requests) exchanges.push(await send(req, dispatcher, s.timeoutMs));
    const j = planned.judge(exchanges);
    return { ...base, verdict: j.verdict, summary: j.summary, findings: j.findings, ms: Math.round(performance.now() - t0), exchanges };
  } catch (e) {
    // A fault of WxDesk's own, not of the server: said so, and the run goes on.
    const why = e instanceof Error ? e.message : String(e);
    return {
      ...base,
      verdict: 'fail',
      summary: t(`WxDesk could not judge this check (a bug in WxDesk, please report it): ${why}`, `WxDesk 无法判断此项检查（这是 WxDesk 的缺陷，请反馈）：${why}`),
      findings: [],
      ms: Math.round(performance.now() - t0),
      exchanges,
    };
  }
}
