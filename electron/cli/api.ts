// `wxdesk api`, `quota`, `rid` and `clear-quota`: the API console on the command line. The answer's
// body goes to stdout, everything about it (a WeChat error explained, its rid, a stale-token retry)
// to stderr, and the token never to stdout. Exit 0: no errcode or 0; 1: WeChat (or the network)
// said no; 2: bad usage or a malformed body (runCli turns input errors into 2).
import { readFileSync } from 'node:fs';
import type { ConsoleInput, ConsoleResult } from '../contract';
import { describeError, fail, parse, type CliContext } from './common';
import { WxError } from '../core/errors';
import type { Core } from '../core/services';

const APPID_RE = /^wx[0-9a-f]{16}$/;

export const API_HELP = `Usage: wxdesk api [APPID] METHOD PATH [--query k=v]… [--data JSON | --data @FILE] [--json]

Calls a WeChat API with the account's live access_token, which WxDesk adds to the query. When
WeChat answers 40001, 40014 or 42001 and the token used is still the cached one, WxDesk refreshes it
once and sends the request once more (said on stderr).

  METHOD           GET or POST
  PATH             relative to the account's API base, e.g. /cgi-bin/menu/get, or a URL copied
                   from WeChat's docs on api.weixin.qq.com (or api2., sh.api., sz.api., hk.api.):
                   its host and access_token are dropped, its other parameters kept in order
  --query k=v      a query parameter (repeat for more)
  --data JSON      the JSON body (POST); @FILE reads it from a file
  --json           the whole exchange as JSON: status, latency, errcode, error, retried, body

Example, a URL pasted from WeChat's docs:
  wxdesk api GET 'https://api.weixin.qq.com/cgi-bin/menu/get?access_token=ACCESS_TOKEN'

The answer's body is printed on stdout. Exit 0 when it carries no errcode or errcode 0, 1 on a
WeChat error (code, meaning, hint and rid on stderr), 2 on bad usage or a malformed body.
`;

export const QUOTA_HELP = `Usage: wxdesk quota [APPID] [--cgi-path PATH] [--json]

Daily limit, used and remaining calls of an API for the account (openapi/quota/get). By default the
token API the account uses (/cgi-bin/stable_token or /cgi-bin/token).

  --cgi-path PATH  another API, e.g. /cgi-bin/message/template/send
  --json           WeChat's quota object: {"daily_limit","used","remain"}
`;

export const RID_HELP = `Usage: wxdesk rid [APPID] RID [--json]

What WeChat stored for the request behind an error's rid (openapi/rid/get; kept 7 days, only for
the account whose call failed): when, how long, from which IP, the request and the response.

  --json           the record as JSON
`;

export const CLEAR_QUOTA_HELP = `Usage: wxdesk clear-quota [APPID] --yes

Resets every daily API quota of the account (clear_quota/v2). It sends the AppSecret to WeChat, and
WeChat allows 10 resets a month (shared with clear_quota): --yes says you mean it.
`;

export async function apiCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values: v, positionals } = parse(
    args,
    { query: { type: 'string', multiple: true }, data: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    true,
  );
  if (v.help) return ctx.io.out(API_HELP), 0;
  if (positionals.length < 2 || positionals.length > 3) fail('api takes [APPID] METHOD PATH, e.g. wxdesk api GET /cgi-bin/menu/get (see wxdesk api --help).');
  const [id, method, path] = positionals.length === 3 ? positionals : [undefined, ...positionals];
  if (id !== undefined && !APPID_RE.test(id)) fail(`"${id}" is not an AppID ("wx" + 16 hex characters): api takes [APPID] METHOD PATH.`);
  const appId = ctx.pickAccount(id, 'api');
  const input: ConsoleInput = { appId, method: method!.toUpperCase() as ConsoleInput['method'], path: path!, query: (v.query ?? []).map(queryPair) };
  if (v.data !== undefined) input.body = v.data.startsWith('@') ? readData(v.data.slice(1)) : v.data;

  const { consoleInputArg } = await import('../core/console/input');
  const request = consoleInputArg(input);
  const core = await ctx.core();
  const result = await core.console.send(request);
  if (result.retried) ctx.io.err(retriedLine(result.retried, ctx.locale) + '\n');
  if (v.json) ctx.io.out(JSON.stringify(jsonOf(result), undefined, 2) + '\n');
  else ctx.io.out(result.body.endsWith('\n') || result.body === '' ? result.body : `${result.body}\n`);
  if (result.error) {
    ctx.io.err(describeError(WxError.fromView(result.error), ctx.locale, appId));
    return 1;
  }
  if (result.status !== 200) {
    ctx.io.err(ctx.locale === 'zh-CN' ? `wxdesk: 微信接口返回 HTTP ${result.status}。\n` : `wxdesk: the WeChat API answered HTTP ${result.status}.\n`);
    return 1;
  }
  return 0;
}

export async function quotaCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values: v, positionals } = parse(args, { 'cgi-path': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, true);
  if (v.help) return ctx.io.out(QUOTA_HELP), 0;
  if (positionals.length > 1) fail(`quota takes one APPID (got ${positionals.join(' ')}); the API path goes with --cgi-path.`);
  const appId = ctx.pickAccount(positionals[0], 'quota');
  const q = await (await ctx.core()).console.quota(appId, v['cgi-path']);
  if (v.json) ctx.io.out(JSON.stringify({ daily_limit: q.dailyLimit, used: q.used, remain: q.remain }) + '\n');
  else if (ctx.locale === 'zh-CN') ctx.io.out(`${q.cgiPath}：今日已用 ${q.used} 次，上限 ${q.dailyLimit} 次，剩余 ${q.remain} 次\n`);
  else ctx.io.out(`${q.cgiPath}: ${q.used} used of ${q.dailyLimit} today, ${q.remain} left\n`);
  return 0;
}

export async function ridCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values: v, positionals } = parse(args, { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, true);
  if (v.help) return ctx.io.out(RID_HELP), 0;
  if (positionals.length < 1 || positionals.length > 2) fail('rid takes [APPID] RID, e.g. wxdesk rid 61725984-6126f6f9-040f19c4.');
  const [id, rid] = positionals.length === 2 ? positionals : [undefined, positionals[0]];
  const appId = ctx.pickAccount(id, 'rid');
  let r: Awaited<ReturnType<Core['console']['rid']>>;
  try {
    r = await (await ctx.core()).console.rid(appId, rid!);
  } catch (e) {
    // WeChat (or the token fetch before it) said no: a failed lookup, exit 1, as WeChat errors are.
    // Its own rid is shown but not offered for a lookup: that would go round in a circle.
    if (!(e instanceof WxError) || (typeof e.code !== 'number' && e.kind === 'input')) throw e;
    ctx.io.err(describeError(e, ctx.locale, appId, false));
    return 1;
  }
  if (v.json) {
    ctx.io.out(JSON.stringify(r, undefined, 2) + '\n');
    return 0;
  }
  const zh = ctx.locale === 'zh-CN';
  const rows: [string, string][] = [
    [zh ? '时间' : 'time', new Date(r.invokeTime).toISOString()],
    [zh ? '耗时' : 'cost', `${r.costMs} ms`],
    [zh ? '客户端 IP' : 'client ip', r.clientIp],
    [zh ? '请求 URL 参数' : 'request url', r.requestUrl],
    [zh ? '请求体' : 'request body', r.requestBody],
    [zh ? '响应' : 'response', r.responseBody],
  ];
  ctx.io.out(rows.map(([k, val]) => `${k}: ${val}`).join('\n') + '\n');
  return 0;
}

export async function clearQuotaCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values: v, positionals } = parse(args, { yes: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, true);
  if (v.help) return ctx.io.out(CLEAR_QUOTA_HELP), 0;
  if (positionals.length > 1) fail(`clear-quota takes one APPID (got ${positionals.join(' ')}).`);
  const appId = ctx.pickAccount(positionals[0], 'clear-quota');
  if (!v.yes) fail(`clear-quota resets every daily quota of ${appId}, sends its AppSecret to WeChat and uses one of 10 resets a month. Add --yes to go ahead.`);
  await (await ctx.core()).console.clearQuota(appId);
  ctx.io.out(ctx.locale === 'zh-CN' ? `已重置 ${appId} 的每日调用次数。\n` : `The daily quotas of ${appId} are reset.\n`);
  return 0;
}

function queryPair(s: string): [string, string] {
  const eq = s.indexOf('=');
  if (eq <= 0) fail(`--query takes name=value, got "${s}".`);
  return [s.slice(0, eq), s.slice(eq + 1)];
}

function readData(file: string): string {
  if (!file) fail('--data @FILE needs a file name.');
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    return fail(`--data @${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
  }
}

function retriedLine(r: NonNullable<ConsoleResult['retried']>, locale: CliContext['locale']): string {
  if (locale === 'zh-CN') return `wxdesk: token 已失效（${r.errcode}）：${r.refreshed ? 'WxDesk 刷新了一次' : '其他进程已刷新'}，并重发了请求。`;
  return `wxdesk: the token was stale (${r.errcode}): ${r.refreshed ? 'WxDesk refreshed it once' : 'another process had already refreshed it'} and sent the request again.`;
}

/** --json: the exchange, the body parsed when it is JSON (the plain output keeps 64-bit numbers digit for digit). */
function jsonOf(r: ConsoleResult): Record<string, unknown> {
  let body: unknown = r.body;
  try {
    body = JSON.parse(r.body);
  } catch {
    // not JSON: kept as text
  }
  const out: Record<string, unknown> = { status: r.status, latency_ms: r.latencyMs, content_type: r.contentType };
  if (r.errcode !== undefined) out.errcode = r.errcode;
  if (r.error) out.error = { code: r.error.code, message: r.error.message, hint: r.error.hint, ...(r.error.rid ? { rid: r.error.rid } : {}) };
  if (r.retried) out.retried = r.retried;
  out.request = { method: r.request.method, url: r.request.url };
  out.body = body;
  return out;
}
