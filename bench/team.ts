// Section 5: team mode (`--redis URL`): several machines' data dirs kept as mirrors of one Redis.
// Played on this machine by separate data dirs, each with its own `wxdesk serve`, sharing the
// runner's own redis-server (test/fixtures/redis-server.ts, on a free port, nothing persisted).
//
// 5a. Upstream calls per token lifetime: a cold classic account, added once through the team
//     (`accounts add` on the first data dir) and given its secret on the others (`accounts update
//     --secret`), as a team would; three serves; N concurrent token requests spread over them round
//     robin from this process; every call the fake WeChat receives counted, from the add to a
//     settle after the last answer. Budget: exactly 1. With auto-refresh off the first demand is the
//     requests'; with it on (the default) each serve's timer also fetches the missing token as it
//     starts, so the three starts race as well.
// 5b. The local endpoint in team mode: `GET /cgi-bin/token` on a serve whose data dir mirrors Redis,
//     and on a serve with the file backend, each against the bare node:http server, all three
//     rotated in the same rounds. Budget: team / bare at least 0.85, as for the file backend.
import { execFileSync } from 'node:child_process';
import { FakeWeChat } from '../test/fixtures/fake-wechat';
import { REDIS_SERVER, type RedisServer } from '../test/fixtures/redis-server';
import { cli, isToken, rotatingRounds, startBare, startServe, tempDir, tokenUrl, faultsOf, type Server } from './endpoint';
import { appId, getJson, httpGet, log, median, secret as randomSecret } from './lib';
import type { Context, TeamEndpoint, TeamResults, TeamUpstreamCase } from './types';

const SERVES = 3;
/** After the last answer, how long to keep counting calls (a late fetch by a straggler would land here). */
const SETTLE_MS = 500;
const DEMANDS = 1_000;

export function redisVersion(): string {
  try {
    const v = execFileSync(REDIS_SERVER, ['--version'], { encoding: 'utf8' });
    return /v=(\S+)/.exec(v)?.[1] ?? v.trim();
  } catch {
    return 'unknown';
  }
}

interface TrialResult {
  calls: number;
  callsBefore: number;
  failed: number;
  tokens: number;
  ms: number;
  minMs: number;
}

async function upstreamTrial(ctx: Context, redis: RedisServer, demands: number, autoRefresh: boolean): Promise<TrialResult> {
  const fake = await FakeWeChat.start();
  const id = appId();
  const sec = randomSecret();
  fake.addAccount(id, sec);
  // Every upstream call answers late, so the demands on all three serves are out at once.
  fake.fail({ delayMs: ctx.settings.fakeDelayMs }, { times: 1_000_000 });
  const dirs = Array.from({ length: SERVES }, (_, i) => tempDir(ctx, `team${i + 1}`));
  const serves: Server[] = [];
  try {
    await cli(ctx, dirs[0]!, ['accounts', 'add', '--app-id', id, '--secret', sec, '--api-base', fake.url, '--mode', 'classic', '--auto-refresh', autoRefresh ? 'on' : 'off'], redis.url);
    for (const d of dirs.slice(1)) await cli(ctx, d, ['accounts', 'update', id, '--secret', sec], redis.url);
    // Started together, as a team's machines might be; each prints its URL once synced with Redis.
    serves.push(...(await Promise.all(dirs.map((d) => startServe(ctx, d, redis.url)))));
    const callsBefore = fake.count();
    const t0 = process.hrtime.bigint();
    const lastAnswer = serves.map(() => 0);
    const answers = await Promise.all(
      Array.from({ length: demands }, async (_, i) => {
        const which = i % SERVES;
        try {
          const { status, body } = await httpGet(tokenUrl(serves[which]!.url, id, sec), 60_000);
          const ms = Number(process.hrtime.bigint() - t0) / 1e6;
          lastAnswer[which] = Math.max(lastAnswer[which]!, ms);
          const token = status === 200 ? (JSON.parse(body) as { access_token?: unknown }).access_token : undefined;
          return typeof token === 'string' ? { token } : { error: `HTTP ${status}: ${body.slice(0, 200)}` };
        } catch (e) {
          return { error: e instanceof Error ? e.message : String(e) };
        }
      }),
    );
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const failures = answers.filter((a) => 'error' in a);
    if (failures.length) log(`team upstream: ${failures.length} of ${demands} requests failed, e.g. ${(failures[0] as { error: string }).error}`);
    return {
      calls: fake.count(),
      callsBefore,
      failed: failures.length,
      tokens: new Set(answers.flatMap((a) => ('token' in a ? [a.token] : []))).size,
      ms: Math.max(...lastAnswer),
      minMs: Math.min(...lastAnswer),
    };
  } finally {
    await Promise.all(serves.map((s) => s.stop()));
    await fake.close();
  }
}

async function runTeamUpstream(ctx: Context, redis: RedisServer): Promise<TeamUpstreamCase[]> {
  const cases: TeamUpstreamCase[] = [false, true].map((autoRefresh) => ({
    id: `team-upstream-${SERVES}p-${DEMANDS}${autoRefresh ? '-timers' : ''}`,
    what: autoRefresh
      ? `${int(DEMANDS)} concurrent requests over ${SERVES} serves on ${SERVES} data dirs, one Redis; auto-refresh on (the serves' timers race too)`
      : `${int(DEMANDS)} concurrent requests over ${SERVES} serves on ${SERVES} data dirs, one Redis; auto-refresh off`,
    serves: SERVES,
    demands: DEMANDS,
    autoRefresh,
    calls: [],
    callsBefore: [],
    failed: [],
    tokens: [],
    ms: [],
    minMs: [],
  }));
  for (let t = 0; t < ctx.settings.upstreamTrials; t++) {
    for (const c of t % 2 === 0 ? cases : [...cases].reverse()) {
      const r = await upstreamTrial(ctx, redis, c.demands, c.autoRefresh);
      c.calls.push(r.calls);
      c.callsBefore.push(r.callsBefore);
      c.failed.push(r.failed);
      c.tokens.push(r.tokens);
      c.ms.push(Math.round(r.ms));
      c.minMs.push(Math.round(r.minMs));
      log(`${c.id} trial ${t + 1}: ${r.calls} upstream call(s) (${r.callsBefore} before the requests), ${r.tokens} distinct token(s), ${r.failed} failed, last answer after ${Math.round(r.ms)} ms (fastest serve ${Math.round(r.minMs)} ms)`);
    }
  }
  return cases;
}

async function runTeamEndpoint(ctx: Context, redis: RedisServer, fake: FakeWeChat): Promise<TeamEndpoint> {
  // One stable account each: on a data dir in team mode, and on one with the file backend.
  const teamDir = tempDir(ctx, 'team-endpoint');
  const fileDir = tempDir(ctx, 'file-endpoint');
  const teamId = appId();
  const teamSecret = randomSecret();
  const fileId = appId();
  const fileSecret = randomSecret();
  fake.addAccount(teamId, teamSecret);
  fake.addAccount(fileId, fileSecret);
  await cli(ctx, teamDir, ['accounts', 'add', '--app-id', teamId, '--secret', teamSecret, '--api-base', fake.url, '--mode', 'stable'], redis.url);
  await cli(ctx, fileDir, ['accounts', 'add', '--app-id', fileId, '--secret', fileSecret, '--api-base', fake.url, '--mode', 'stable']);
  const servers: Server[] = [];
  try {
    const team = await startServe(ctx, teamDir, redis.url);
    servers.push(team);
    const file = await startServe(ctx, fileDir);
    servers.push(file);
    const teamUrl = tokenUrl(team.url, teamId, teamSecret);
    const fileUrl = tokenUrl(file.url, fileId, fileSecret);
    const warmTeam = await getJson(teamUrl);
    const warmFile = await getJson(fileUrl);
    if (typeof warmTeam.access_token !== 'string') throw new Error(`team serve did not answer a token: ${JSON.stringify(warmTeam)}`);
    if (typeof warmFile.access_token !== 'string') throw new Error(`file serve did not answer a token: ${JSON.stringify(warmFile)}`);
    const teamLength = JSON.stringify(warmTeam).length;
    const fileLength = JSON.stringify(warmFile).length;
    // The team's answer must be what the mirror holds, not a fetch per request: a second request gets the same token.
    const again = await getJson(teamUrl);
    if (again.access_token !== warmTeam.access_token) throw new Error('team serve answered a different token on the second request');
    const bare = await startBare(ctx, teamLength);
    servers.push(bare);
    log(`team endpoint: team serve ${team.url} (answer ${teamLength} bytes, Redis ${redis.url}), file serve ${file.url} (${fileLength} bytes), bare ${bare.url} (${bare.bodyLength} bytes)`);
    const id = 'endpoint-team-token';
    const runs = await rotatingRounds(ctx, id, [
      { name: 'wxdesk serve (team)', url: teamUrl, verify: isToken, pid: team.pid },
      { name: 'wxdesk serve (file)', url: fileUrl, verify: isToken, pid: file.pid },
      { name: 'bare node:http', url: bare.url + '/cgi-bin/token', verify: isToken, pid: bare.pid },
    ]);
    const rounds: TeamEndpoint['rounds'] = runs.map(([t, f, b]) => ({
      team: t!,
      file: f!,
      bare: b!,
      teamRatio: t!.rps / b!.rps,
      fileRatio: f!.rps / b!.rps,
      teamVsFile: t!.rps / f!.rps,
      teamCpuRatio: b!.cpuUsPerAnswer / t!.cpuUsPerAnswer,
      fileCpuRatio: b!.cpuUsPerAnswer / f!.cpuUsPerAnswer,
    }));
    const med = (f: (r: TeamEndpoint['rounds'][number]) => number) => median(rounds.map(f));
    const teamRatio = med((r) => r.teamRatio);
    const budget = 0.85;
    const cpu = Number.isFinite(med((r) => r.teamCpuRatio))
      ? {
          teamCpuUs: med((r) => r.team.cpuUsPerAnswer),
          fileCpuUs: med((r) => r.file.cpuUsPerAnswer),
          bareCpuUs: med((r) => r.bare.cpuUsPerAnswer),
          teamCpuRatio: med((r) => r.teamCpuRatio),
          fileCpuRatio: med((r) => r.fileCpuRatio),
        }
      : {};
    return {
      id,
      what: 'GET /cgi-bin/token (one account) in team mode vs bare node:http; the file backend beside it',
      rounds,
      teamRps: med((r) => r.team.rps),
      fileRps: med((r) => r.file.rps),
      bareRps: med((r) => r.bare.rps),
      teamP99Ms: med((r) => r.team.p99Ms),
      fileP99Ms: med((r) => r.file.p99Ms),
      bareP99Ms: med((r) => r.bare.p99Ms),
      teamRatio,
      fileRatio: med((r) => r.fileRatio),
      teamVsFile: med((r) => r.teamVsFile),
      teamMinRatio: Math.min(...rounds.map((r) => r.teamRatio)),
      ...cpu,
      budget,
      met: teamRatio >= budget,
      faults: rounds.reduce((n, r) => n + faultsOf(r.team) + faultsOf(r.file) + faultsOf(r.bare), 0),
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

export async function runTeam(ctx: Context, redis: RedisServer, fake: FakeWeChat): Promise<TeamResults> {
  log(`team: redis-server ${redisVersion()} on ${redis.url}`);
  const upstream = await runTeamUpstream(ctx, redis);
  const endpoint = await runTeamEndpoint(ctx, redis, fake);
  return { redis: redisVersion(), endpoint: [endpoint], upstream };
}

function int(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
