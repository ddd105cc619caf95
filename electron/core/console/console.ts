// The API console: any WeChat API called with the account's live token. A token that WeChat calls
// stale (40001, 40014, 42001) while it is still the cached one is replaced once, compare-and-refresh
// as the keeper does for everyone, and the request sent once more. Quota, rid and clear_quota are
// the same exchange with a known shape. The AppSecret goes to clear_quota/v2 only.
import type { ClearQuotaView, ConsoleFileView, ConsoleHistoryView, ConsoleResult, QuotaView, RidView } from '../../contract';
import type { AccountService } from '../accounts';
import { systemClock, type Clock } from '../clock';
import { describe } from '../dashboard-args';
import { GuardedEmitter } from '../guarded-emitter';
import { WxError, fromErrcode, invalidInput, toWxError } from '../errors';
import type { TokenKeeper } from '../keeper/keeper';
import { withRetry, type RetryPolicy } from '../keeper/retry';
import type { RawAnswer, RawRequest } from '../wechat';
import { TOKEN_MASK, curlLine, maskSecrets, prettyJson, requestUrl } from './format';
import { normaliseApiPath } from './api-path';
import type { ConsoleRequest } from './input';
import { buildMultipart, type MultipartFile } from './multipart';
import type { ConsoleLog } from './log';

/** The file of a multipart request as shown and kept: name, type and size, never the bytes. */
function fileView(req: ConsoleRequest): ConsoleFileView | undefined {
  const m = req.multipart;
  if (!m) return undefined;
  const f = m.file;
  return { field: f.field, fileName: f.fileName, contentType: f.contentType, size: f.bytes.length, ...(m.fields?.length ? { fields: m.fields } : {}) };
}

/** WeChat's answers that mean "this token is not (or no longer) good". */
export const STALE_TOKEN_CODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);

/** GET requests are retried on network faults (no answer at all); a POST may have been applied, so never. */
const GET_RETRY: RetryPolicy = { attempts: 3, baseMs: 300, maxMs: 2_000 };

export interface ApiConsoleDeps {
  accounts: AccountService;
  keeper: TokenKeeper;
  http: { send(req: RawRequest): Promise<RawAnswer> };
  log: ConsoleLog;
  clock?: Clock;
  retry?: RetryPolicy;
  random?: () => number;
}

interface Exchange {
  answer: RawAnswer;
  json: Record<string, unknown> | undefined;
  errcode: number | undefined;
  retried?: ConsoleResult['retried'];
}

export class ApiConsole extends GuardedEmitter<{ change: [appId: string] }> {
  private readonly clock: Clock;
  private seq = 0;

  constructor(private readonly deps: ApiConsoleDeps) {
    super();
    this.clock = deps.clock ?? systemClock;
  }

  /** Sends a checked request and records it in the account's history, whatever the outcome. */
  async send(req: ConsoleRequest): Promise<ConsoleResult> {
    const account = this.deps.accounts.require(req.appId);
    const at = this.clock.now();
    const id = `${at.toString(36)}-${(this.seq++).toString(36)}`;
    const file = fileView(req);
    const line: ConsoleHistoryView = { id, at, method: req.method, path: req.path, query: req.query, body: req.body, ...(file ? { file } : {}), latencyMs: 0 };
    let ex: Exchange;
    try {
      ex = await this.exchange(req);
    } catch (e) {
      const err = toWxError(e);
      this.record(req.appId, { ...line, errcode: err.code, ...(err.rid ? { rid: err.rid } : {}), latencyMs: this.clock.now() - at });
      throw err;
    }
    const latencyMs = this.clock.now() - at;
    const url = requestUrl(account.apiBase, req.path, req.query, TOKEN_MASK);
    const result: ConsoleResult = {
      id,
      at,
      request: { method: req.method, path: req.path, query: req.query, body: req.body, ...(file ? { file } : {}), url, curl: curlLine(req.method, url, req.body, file) },
      status: ex.answer.status,
      latencyMs,
      contentType: ex.answer.contentType,
      body: ex.json ? prettyJson(ex.answer.body) : ex.answer.body,
    };
    if (!ex.json && isBinary(ex.answer.contentType)) {
      // An image or a file: never dumped as text.
      const bytes = ex.answer.bytes ?? Buffer.from(ex.answer.body, 'utf8');
      result.body = '';
      result.binary = { contentType: ex.answer.contentType, size: bytes.length, base64: bytes.toString('base64') };
    }
    if (ex.answer.truncated) result.truncated = true;
    if (ex.errcode !== undefined) result.errcode = ex.errcode;
    if (ex.errcode) result.error = fromErrcode(ex.errcode, String(ex.json?.errmsg ?? ''), 'api').view();
    if (ex.retried) result.retried = ex.retried;
    this.record(req.appId, {
      ...line,
      status: result.status,
      ...(ex.errcode !== undefined ? { errcode: ex.errcode } : {}),
      ...(result.error?.rid ? { rid: result.error.rid } : {}),
      latencyMs,
      ...(ex.retried ? { retried: true } : {}),
    });
    return result;
  }

  history(appId: string): ConsoleHistoryView[] {
    this.deps.accounts.require(appId);
    return this.deps.log.list(appId);
  }

  /** The request as curl; the real token only when asked for. */
  async curl(req: ConsoleRequest, reveal: boolean): Promise<string> {
    const account = this.deps.accounts.require(req.appId);
    const token = reveal ? (await this.deps.keeper.get(req.appId)).token : TOKEN_MASK;
    return curlLine(req.method, requestUrl(account.apiBase, req.path, req.query, token), req.body, fileView(req));
  }

  /** Daily limit, used and remaining for an API path; by default the token API the account uses. */
  async quota(appId: string, cgiPath?: string): Promise<QuotaView> {
    const account = this.deps.accounts.require(appId);
    // Normalised as the console's Path is (WeChat answers 76003 to a path without its leading slash); the query is not part of it.
    const path = cgiPath === undefined ? (account.mode === 'stable' ? '/cgi-bin/stable_token' : '/cgi-bin/token') : quotaPath(cgiPath);
    if (!/^\/[A-Za-z0-9_\-./]{1,511}$/.test(path)) throw invalidInput(`Give the API path as /cgi-bin/…, without host or query, got ${describe(path)}.`, `接口路径应形如 /cgi-bin/…，不带主机名和查询参数，实际为 ${describe(path)}。`);
    const json = await this.call(appId, '/cgi-bin/openapi/quota/get', { cgi_path: path });
    const q = json.quota as Record<string, unknown> | undefined;
    const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : NaN);
    const view = { appId, cgiPath: path, dailyLimit: n(q?.daily_limit), used: n(q?.used), remain: n(q?.remain), at: this.clock.now() };
    if ([view.dailyLimit, view.used, view.remain].some(Number.isNaN)) throw new WxError('BAD_RESPONSE', { detail: 'no quota object in the answer', detailZh: '应答中没有 quota 对象', kind: 'bug' });
    return view;
  }

  /** What WeChat stored for a rid; tokens and secrets in it masked. */
  async rid(appId: string, rid: string): Promise<RidView> {
    this.deps.accounts.require(appId);
    const r = rid.trim();
    if (!/^[0-9A-Za-z-]{1,64}$/.test(r)) throw invalidInput(`A rid looks like 61725984-6126f6f9-040f19c4 (the end of WeChat's errmsg), got ${describe(rid)}.`, `rid 形如 61725984-6126f6f9-040f19c4（即微信 errmsg 末尾的那一段），实际为 ${describe(rid)}。`);
    // A token is fetched for the lookup only when the account's last fetch did not fail: a failed
    // fetch would be recorded as the account's last error and replace the one (and the rid) the
    // user is looking up.
    const { keeper } = this.deps;
    if (!keeper.cached(appId) && keeper.state(appId).lastError) throw new WxError('RID_NEEDS_TOKEN', { detail: appId });
    const json = await this.call(appId, '/cgi-bin/openapi/rid/get', { rid: r });
    const req = (json.request ?? {}) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
    const num = (v: unknown) => (typeof v === 'number' ? v : Number(v) || 0);
    return {
      rid: r,
      invokeTime: num(req.invoke_time) * 1000,
      costMs: num(req.cost_in_ms),
      requestUrl: maskSecrets(text(req.request_url)),
      requestBody: maskSecrets(text(req.request_body)),
      responseBody: text(req.response_body),
      clientIp: text(req.client_ip),
    };
  }

  /** clear_quota/v2: every daily quota of the account reset with its AppSecret (10 a month, shared with clear_quota). */
  async clearQuota(appId: string): Promise<ClearQuotaView> {
    const account = this.deps.accounts.require(appId);
    // Only to the base the secret was saved for (issue 20, item 1).
    const secret = this.deps.accounts.secretFor(appId, account.apiBase);
    // Never retried: a lost answer may still have used one of the month's resets.
    const answer = await this.deps.http.send({ method: 'POST', url: `${account.apiBase}/cgi-bin/clear_quota/v2`, body: JSON.stringify({ appid: appId, appsecret: secret }) });
    const json = objectOf(answer);
    const errcode = errcodeOf(json);
    if (errcode) throw fromErrcode(errcode, String(json?.errmsg ?? ''), 'token-api');
    if (!json) throw answerError(answer);
    return { appId, at: this.clock.now() };
  }

  // ---- the exchange ---------------------------------------------------------------------------

  /**
   * A JSON exchange with the stale-token retry (a POST of `body`, or a GET when body is undefined);
   * a WeChat error is thrown as a WxError. The menu editor and the other thin services call WeChat here.
   */
  async call(appId: string, path: string, body?: unknown, query: [string, string][] = []): Promise<Record<string, unknown>> {
    const ex = await this.exchange({ appId, method: body === undefined ? 'GET' : 'POST', path, query, body: body === undefined ? '' : JSON.stringify(body) });
    if (ex.errcode) throw fromErrcode(ex.errcode, String(ex.json?.errmsg ?? ''), 'api');
    if (!ex.json) throw answerError(ex.answer);
    return ex.json;
  }

  /** A multipart upload (one file field "media" and text fields) with the stale-token retry; a WeChat error thrown. */
  async upload(appId: string, path: string, query: [string, string][], file: MultipartFile, fields: [string, string][] = []): Promise<Record<string, unknown>> {
    const ex = await this.exchange({ appId, method: 'POST', path, query, body: '', multipart: { file, fields } });
    if (ex.errcode) throw fromErrcode(ex.errcode, String(ex.json?.errmsg ?? ''), 'api');
    if (!ex.json) throw answerError(ex.answer);
    return ex.json;
  }

  private async exchange(req: ConsoleRequest): Promise<Exchange> {
    const { keeper } = this.deps;
    const started = this.clock.now();
    const token = await keeper.get(req.appId);
    const first = await this.sendOnce(req, token.token);
    if (first.errcode === undefined || !STALE_TOKEN_CODES.has(first.errcode)) return first;
    // Compare-and-refresh: a token someone already replaced is not fetched again.
    // Sent once more even when WeChat handed back the same token (stable mode's answer while it
    // holds the token valid): once, never more.
    const fresh = await keeper.refreshIfCurrent(req.appId, token.token);
    const newest = keeper.history(req.appId)[0];
    const refreshed = !!newest && newest.trigger === 'stale' && (newest.outcome === 'ok' || newest.outcome === 'same') && newest.at >= started;
    const rid = typeof first.json?.errmsg === 'string' ? fromErrcode(first.errcode, first.json.errmsg, 'api').rid : undefined;
    const second = await this.sendOnce(req, fresh.token);
    return { ...second, retried: { errcode: first.errcode, ...(rid ? { rid } : {}), refreshed } };
  }

  private async sendOnce(req: ConsoleRequest, token: string): Promise<Exchange> {
    const account = this.deps.accounts.require(req.appId);
    const raw: RawRequest = { method: req.method, url: requestUrl(account.apiBase, req.path, req.query, token) };
    if (req.multipart) {
      const m = buildMultipart(req.multipart);
      raw.body = m.body;
      raw.contentType = m.contentType;
    } else if (req.body !== '') raw.body = req.body;
    const answer =
      req.method === 'GET'
        ? await withRetry(this.clock, this.deps.retry ?? GET_RETRY, this.deps.random ?? Math.random, () => this.deps.http.send(raw))
        : await this.deps.http.send(raw);
    const json = objectOf(answer);
    return { answer, json, errcode: errcodeOf(json) };
  }

  private record(appId: string, line: ConsoleHistoryView): void {
    let wrote;
    try {
      wrote = this.deps.log.append(appId, line);
    } catch {
      // A history that cannot be written (disk full) must not hide the answer itself.
      return;
    }
    if (wrote instanceof Promise) wrote.then(() => this.emit('change', appId), () => undefined);
    else this.emit('change', appId);
  }
}

function objectOf(answer: RawAnswer): Record<string, unknown> | undefined {
  if (answer.truncated) return undefined;
  try {
    const v = JSON.parse(answer.body) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Neither JSON nor text: images, audio, video, octet streams. */
export function isBinary(contentType: string): boolean {
  const t = contentType.split(';')[0]!.trim().toLowerCase();
  if (t === '' || t.startsWith('text/') || t.endsWith('json') || t.endsWith('+xml') || t === 'application/xml' || t === 'application/javascript') return false;
  return true;
}

function errcodeOf(json: Record<string, unknown> | undefined): number | undefined {
  if (json?.errcode === undefined) return undefined;
  const n = Number(json.errcode);
  return Number.isInteger(n) ? n : undefined;
}

/** An answer that is not WeChat's JSON (an HTML error page, a proxy's answer). */
function answerError(a: RawAnswer): WxError {
  if (a.status !== 200) return new WxError('HTTP_STATUS', { detail: String(a.status), kind: a.status >= 500 ? 'transient' : 'config' });
  return new WxError('BAD_RESPONSE', { detail: `not JSON: ${JSON.stringify(a.body.slice(0, 60))}`, detailZh: `不是 JSON：${JSON.stringify(a.body.slice(0, 60))}` });
}

/** quota's cgi_path as the console's Path is read (a docs URL taken too); the query is not part of it. */
function quotaPath(raw: string): string {
  // The query is dropped before the check: an access_token in it is never sent anywhere here.
  const given = normaliseApiPath(raw.trim().replace(/\?.*$/s, ''), { guardTokenPaths: false });
  if (!given.ok) throw invalidInput(given.en, given.zh);
  return given.path;
}
