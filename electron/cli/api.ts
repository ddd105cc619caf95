// `wxdesk api`, `quota`, `rid` and `clear-quota`: the API console on the command line. The answer's
// body goes to stdout, everything about it (a WeChat error explained, its rid, a stale-token retry)
// to stderr, and the token never to stdout. Exit 0: no errcode or 0; 1: WeChat (or the network)
// said no; 2: bad usage or a malformed body (runCli turns input errors into 2).
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ConsoleInput, ConsoleResult } from '../contract';
import { describeError, fail, parse, type CliContext } from './common';
import { WxError, type Locale } from '../core/errors';
import type { Core } from '../core/services';

const APPID_RE = /^wx[0-9a-f]{16}$/;

export const API_HELP: Record<Locale, string> = {
  en: `Usage: wxdesk api [APPID] METHOD PATH [--query k=v]… [--data JSON | --data @FILE | --file field=@PATH [--field k=v]…] [--out FILE] [--json]

Calls a WeChat API with the account's live access_token, which WxDesk adds to the query. When
WeChat answers 40001, 40014 or 42001 and the token used is still the cached one, WxDesk refreshes it
once and sends the request once more (said on stderr).

  METHOD           GET or POST
  PATH             relative to the account's API base, e.g. /cgi-bin/menu/get, or a URL copied
                   from WeChat's docs on api.weixin.qq.com (or api2., sh.api., sz.api., hk.api.):
                   its host and access_token are dropped, its other parameters kept in order
  --query k=v      a query parameter (repeat for more)
  --data JSON      the JSON body (POST); @FILE reads it from a file
  --file field=@PATH  a multipart body (POST) with the file at PATH as the field, e.g.
                   --file media=@a.jpg for /cgi-bin/media/upload?type=image (10 MiB at most)
  --field k=v      a text field sent with --file (repeat for more)
  --out FILE       saves a binary answer (media/get, showqrcode) to FILE; without it a binary
                   answer is never printed: its type and size go to stderr, and the exit is 2
  --json           the whole exchange as JSON: status, latency, errcode, error, retried, body

Example, a URL pasted from WeChat's docs:
  wxdesk api GET 'https://api.weixin.qq.com/cgi-bin/menu/get?access_token=ACCESS_TOKEN'

The answer's body is printed on stdout. Exit 0 when it carries no errcode or errcode 0, 1 on a
WeChat error (code, meaning, hint and rid on stderr), 2 on bad usage or a malformed body.
`,
  'zh-CN': `用法：wxdesk api [APPID] METHOD PATH [--query k=v]… [--data JSON | --data @FILE | --file field=@PATH [--field k=v]…] [--out FILE] [--json]

用账号当前有效的 access_token 调用微信接口，WxDesk 会把 token 加到查询参数中。当微信返回
40001、40014 或 42001 且所用的 token 仍是缓存中的那个时，WxDesk 会刷新一次 token 并重发一次请求
（在 stderr 中说明）。

  METHOD           GET 或 POST
  PATH             相对于账号 API 地址的路径，例如 /cgi-bin/menu/get；也可以是从微信文档复制的
                   api.weixin.qq.com（或 api2.、sh.api.、sz.api.、hk.api.）上的完整地址：
                   去掉其主机名和 access_token，其余参数按原顺序保留
  --query k=v      一个查询参数（可重复）
  --data JSON      JSON 请求体（POST）；@FILE 从文件读取
  --file field=@PATH  multipart 请求体（POST），把 PATH 处的文件作为字段 field 上传，例如
                   /cgi-bin/media/upload?type=image 用 --file media=@a.jpg（最大 10 MiB）
  --field k=v      随 --file 一起发送的文本字段（可重复）
  --out FILE       把二进制响应（media/get、showqrcode）保存到 FILE；不加时二进制响应不会被
                   打印：其类型和大小写到 stderr，退出码为 2
  --json           以 JSON 输出整个交互：status、latency、errcode、error、retried、body

示例，粘贴自微信文档的地址：
  wxdesk api GET 'https://api.weixin.qq.com/cgi-bin/menu/get?access_token=ACCESS_TOKEN'

响应体打印到 stdout。响应没有 errcode 或 errcode 为 0 时退出码为 0；微信返回错误时为 1（错误码、
含义、提示和 rid 打印到 stderr）；用法错误或请求体格式错误时为 2。
`,
};

export const QUOTA_HELP: Record<Locale, string> = {
  en: `Usage: wxdesk quota [APPID] [--cgi-path PATH] [--json]

Daily limit, used and remaining calls of an API for the account (openapi/quota/get). By default the
token API the account uses (/cgi-bin/stable_token or /cgi-bin/token).

  --cgi-path PATH  another API, e.g. /cgi-bin/message/template/send
  --json           WeChat's quota object: {"daily_limit","used","remain"}
`,
  'zh-CN': `用法：wxdesk quota [APPID] [--cgi-path PATH] [--json]

账号某个接口的每日上限、已用和剩余次数（openapi/quota/get）。默认查询账号所用的 token 接口
（/cgi-bin/stable_token 或 /cgi-bin/token）。

  --cgi-path PATH  其他接口，例如 /cgi-bin/message/template/send
  --json           微信返回的额度对象：{"daily_limit","used","remain"}
`,
};

export const RID_HELP: Record<Locale, string> = {
  en: `Usage: wxdesk rid [APPID] RID [--json]

What WeChat stored for the request behind an error's rid (openapi/rid/get; kept 7 days, only for
the account whose call failed): when, how long, from which IP, the request and the response.

  --json           the record as JSON
`,
  'zh-CN': `用法：wxdesk rid [APPID] RID [--json]

查询某个错误的 rid 对应的请求在微信那里的记录（openapi/rid/get；保留 7 天，仅限调用失败的
那个账号查询）：时间、耗时、来源 IP、请求和响应。

  --json           以 JSON 输出记录
`,
};

export const CLEAR_QUOTA_HELP: Record<Locale, string> = {
  en: `Usage: wxdesk clear-quota [APPID] --yes

Resets every daily API quota of the account (clear_quota/v2). It sends the AppSecret to WeChat, and
WeChat allows 10 resets a month (shared with clear_quota): --yes says you mean it.
`,
  'zh-CN': `用法：wxdesk clear-quota [APPID] --yes

重置账号所有接口的每日调用次数（clear_quota/v2）。它会把 AppSecret 发给微信，且微信每月只允许
重置 10 次（与 clear_quota 共用）：加上 --yes 表示确认。
`,
};

export async function apiCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values: v, positionals } = parse(
    args,
    { query: { type: 'string', multiple: true }, data: { type: 'string' }, file: { type: 'string' }, field: { type: 'string', multiple: true }, out: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    true,
  );
  if (v.help) return ctx.io.out(API_HELP[ctx.locale]), 0;
  const [id, method, path] = apiPositionals(positionals);
  const appId = ctx.pickAccount(id, 'api');
  const input: ConsoleInput = { appId, method: method!.toUpperCase() as ConsoleInput['method'], path: path!, query: (v.query ?? []).map(queryPair) };
  if (v.data !== undefined) input.body = v.data.startsWith('@') ? readData(v.data.slice(1)) : v.data;
  if (v.field?.length && v.file === undefined) fail('--field goes with --file (a multipart body).', '--field 需与 --file 一起使用（multipart 请求体）。');
  if (v.file !== undefined) input.file = fileOf(v.file, (v.field ?? []).map(queryPair));

  const { consoleInputArg } = await import('../core/console/input');
  const request = consoleInputArg(input);
  const core = await ctx.core();
  const result = await core.console.send(request);
  if (result.retried) ctx.io.err(retriedLine(result.retried, ctx.locale) + '\n');
  if (result.binary) return saveBinary(ctx, result.binary, v.out);
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
  if (v.help) return ctx.io.out(QUOTA_HELP[ctx.locale]), 0;
  if (positionals.length > 1) fail(`quota takes one APPID (got ${positionals.join(' ')}); the API path goes with --cgi-path.`, `quota 只接受一个 APPID（收到 ${positionals.join(' ')}）；接口路径请用 --cgi-path 给出。`);
  const appId = ctx.pickAccount(positionals[0], 'quota');
  const q = await (await ctx.core()).console.quota(appId, v['cgi-path']);
  if (v.json) ctx.io.out(JSON.stringify({ daily_limit: q.dailyLimit, used: q.used, remain: q.remain }) + '\n');
  else if (ctx.locale === 'zh-CN') ctx.io.out(`${q.cgiPath}：今日已用 ${q.used} 次，上限 ${q.dailyLimit} 次，剩余 ${q.remain} 次\n`);
  else ctx.io.out(`${q.cgiPath}: ${q.used} used of ${q.dailyLimit} today, ${q.remain} left\n`);
  return 0;
}

export async function ridCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values: v, positionals } = parse(args, { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, true);
  if (v.help) return ctx.io.out(RID_HELP[ctx.locale]), 0;
  if (positionals.length < 1 || positionals.length > 2) fail('rid takes [APPID] RID, e.g. wxdesk rid 61725984-6126f6f9-040f19c4.', 'rid 的参数为 [APPID] RID，例如 wxdesk rid 61725984-6126f6f9-040f19c4。');
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
  if (v.help) return ctx.io.out(CLEAR_QUOTA_HELP[ctx.locale]), 0;
  if (positionals.length > 1) fail(`clear-quota takes one APPID (got ${positionals.join(' ')}).`, `clear-quota 只接受一个 APPID（收到 ${positionals.join(' ')}）。`);
  const appId = ctx.pickAccount(positionals[0], 'clear-quota');
  if (!v.yes) fail(`clear-quota resets every daily quota of ${appId}, sends its AppSecret to WeChat and uses one of 10 resets a month. Add --yes to go ahead.`, `clear-quota 会重置 ${appId} 的所有每日调用次数，把它的 AppSecret 发给微信，并用掉每月 10 次重置中的一次。确认请加上 --yes。`);
  await (await ctx.core()).console.clearQuota(appId);
  ctx.io.out(ctx.locale === 'zh-CN' ? `已重置 ${appId} 的每日调用次数。\n` : `The daily quotas of ${appId} are reset.\n`);
  return 0;
}

const METHODS = ['GET', 'POST'];

/**
 * [APPID] METHOD PATH, with the part left out named: `api wx… GET` lacks the PATH (not an account),
 * `api wx… /cgi-bin/…` the METHOD.
 */
function apiPositionals(p: string[]): [string | undefined, string, string] {
  const isMethod = (s: string | undefined) => s !== undefined && METHODS.includes(s.toUpperCase());
  const looksLikeId = (s: string | undefined) => s !== undefined && /^wx/i.test(s) && !s.startsWith('/');
  if (p.length === 0) fail('api takes [APPID] METHOD PATH, e.g. wxdesk api GET /cgi-bin/menu/get (see wxdesk api --help).', 'api 的参数为 [APPID] METHOD PATH，例如 wxdesk api GET /cgi-bin/menu/get（见 wxdesk api --help）。');
  const last = p[p.length - 1]!;
  if (p.length <= 2 && isMethod(last)) {
    fail(`api: the PATH is missing after ${last.toUpperCase()}, e.g. wxdesk api ${p.join(' ')} /cgi-bin/menu/get.`, `api：${last.toUpperCase()} 后面缺少接口路径 PATH，例如 wxdesk api ${p.join(' ')} /cgi-bin/menu/get。`);
  }
  if (p.length === 1 || (p.length === 2 && looksLikeId(p[0]) && !isMethod(p[0]))) {
    const before = p.length === 2 ? `${p[0]} ` : '';
    fail(`api: the METHOD (GET or POST) is missing before ${last}, e.g. wxdesk api ${before}GET ${last}.`, `api：${last} 前面缺少请求方法 METHOD（GET 或 POST），例如 wxdesk api ${before}GET ${last}。`);
  }
  if (p.length > 3) fail(`api takes [APPID] METHOD PATH (got ${p.length} words: ${p.join(' ')}); query parameters go with --query k=v.`, `api 的参数为 [APPID] METHOD PATH（收到 ${p.length} 个：${p.join(' ')}）；查询参数请用 --query k=v 给出。`);
  const [id, method, path] = p.length === 3 ? p : [undefined, ...p];
  if (id !== undefined && !APPID_RE.test(id)) {
    fail(`"${id}" is not an AppID ("wx" + 16 hex characters): api takes [APPID] METHOD PATH.`, `"${id}" 不是 AppID（wx 加 16 位十六进制字符）：api 的参数为 [APPID] METHOD PATH。`);
  }
  return [id, method!, path!];
}

function queryPair(s: string): [string, string] {
  const eq = s.indexOf('=');
  if (eq <= 0) fail(`--query takes name=value, got "${s}".`, `--query 的格式为 名称=值，收到 "${s}"。`);
  return [s.slice(0, eq), s.slice(eq + 1)];
}

/** --file field=@PATH: the file read whole (the console's checks refuse more than 10 MiB). */
function fileOf(spec: string, fields: [string, string][]): NonNullable<ConsoleInput['file']> {
  const m = /^([^=]+)=@(.+)$/s.exec(spec);
  if (!m) return fail(`--file takes field=@PATH, e.g. media=@a.jpg, got "${spec}".`, `--file 的格式为 字段=@路径，例如 media=@a.jpg，收到 "${spec}"。`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(m[2]!);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    return fail(`--file ${m[2]}: cannot read it (${why}).`, `--file ${m[2]}：无法读取（${why}）。`);
  }
  return { field: m[1]!, fileName: basename(m[2]!), base64: bytes.toString('base64'), fields };
}

/** A binary answer: written to --out, never to stdout. */
function saveBinary(ctx: CliContext, b: NonNullable<ConsoleResult['binary']>, out: string | undefined): number {
  const zh = ctx.locale === 'zh-CN';
  if (out === undefined) {
    ctx.io.err(zh ? `wxdesk: 响应为二进制内容（${b.contentType}，${b.size} 字节），不会打印：请加 --out FILE 保存。\n` : `wxdesk: the answer is binary (${b.contentType}, ${b.size} bytes) and is not printed: add --out FILE to save it.\n`);
    return 2;
  }
  try {
    writeFileSync(out, Buffer.from(b.base64, 'base64'));
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    return fail(`--out ${out}: cannot write it (${why}).`, `--out ${out}：无法写入（${why}）。`);
  }
  ctx.io.err(zh ? `已保存到 ${out}（${b.contentType}，${b.size} 字节）。\n` : `Saved to ${out} (${b.contentType}, ${b.size} bytes).\n`);
  return 0;
}

function readData(file: string): string {
  if (!file) fail('--data @FILE needs a file name.', '--data @FILE 需要一个文件名。');
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    return fail(`--data @${file}: cannot read it (${why}).`, `--data @${file}：无法读取（${why}）。`);
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
