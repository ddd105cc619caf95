// The WeChat API client. Every answer becomes a value or a WxError; the kind on the error tells the
// token keeper whether a retry can help (network faults, busy, 5xx, unreadable bodies) or not.
// Requests go out on node:http (http-request.ts), with one keep-alive agent per client.
import { WxError, fromErrcode } from './errors';
import { HttpAgents, httpSend, type HttpAnswer } from './http-request';
import type { TicketType } from './state/records';

export interface WeChatClientOptions {
  /** No progress for this long, while connecting, waiting for the answer or reading it, fails the call (default 10 s); the whole call is capped at twice this. */
  timeoutMs?: number;
}

export interface TokenAnswer {
  accessToken: string;
  expiresIn: number;
}

export interface TicketAnswer {
  ticket: string;
  expiresIn: number;
}

/** The calls the keeper makes (the client below, or a stand-in). */
export interface WeChatApi {
  classicToken(apiBase: string, appId: string, secret: string): Promise<TokenAnswer>;
  stableToken(apiBase: string, appId: string, secret: string, forceRefresh: boolean): Promise<TokenAnswer>;
  ticket(apiBase: string, accessToken: string, type: TicketType): Promise<TicketAnswer>;
}

const MAX_BODY = 1 << 20;

/** Any HTTP answer, as it came (the API console shows non-200 answers and non-JSON bodies too). */
export interface RawAnswer {
  status: number;
  contentType: string;
  /** The body as UTF-8 text, cut at 1 MiB (truncated says so). */
  body: string;
  truncated: boolean;
  /** The body's bytes as they came (binary answers: media/get, showqrcode). */
  bytes?: Buffer;
}

/** A request to any WeChat API, sent as given. */
export interface RawRequest {
  method: 'GET' | 'POST';
  url: string;
  /** Sent as application/json when present (or as contentType says: a multipart body). */
  body?: string | Buffer;
  contentType?: string;
}

function networkError(e: unknown): WxError {
  const err = e as { code?: string; name?: string; message?: string };
  const code = err?.code ?? '';
  const detail = [code, err?.message].filter(Boolean).join(': ');
  if (/TIMEOUT/.test(code) || err?.name === 'TimeoutError' || err?.name === 'AbortError') return new WxError('TIMEOUT', { detail, cause: e });
  return new WxError('NETWORK', { detail, cause: e });
}

export class WeChatClient implements WeChatApi {
  private readonly agents = new HttpAgents();
  private readonly timeoutMs: number;
  private closed = false;

  constructor(opts: WeChatClientOptions = {}) {
    this.timeoutMs = opts.timeoutMs ?? 10_000;
  }

  /** Closes the client's own connections; safe to call more than once. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.agents.close();
  }

  /** Classic token: every call issues a new token and retires the previous one within 5 minutes. */
  async classicToken(apiBase: string, appId: string, secret: string): Promise<TokenAnswer> {
    const q = new URLSearchParams({ grant_type: 'client_credential', appid: appId, secret });
    return tokenAnswer(await this.call('GET', `${apiBase}/cgi-bin/token?${q}`, undefined, 'token-api'));
  }

  /** stable_token: isolated from the classic token; normal mode returns the current token. */
  async stableToken(apiBase: string, appId: string, secret: string, forceRefresh: boolean): Promise<TokenAnswer> {
    const body = { grant_type: 'client_credential', appid: appId, secret, force_refresh: forceRefresh };
    return tokenAnswer(await this.call('POST', `${apiBase}/cgi-bin/stable_token`, body, 'token-api'));
  }

  async ticket(apiBase: string, accessToken: string, type: TicketType): Promise<TicketAnswer> {
    const q = new URLSearchParams({ access_token: accessToken, type });
    const json = await this.call('GET', `${apiBase}/cgi-bin/ticket/getticket?${q}`, undefined, 'api');
    if (typeof json.ticket !== 'string' || json.ticket === '') throw new WxError('BAD_RESPONSE', { detail: 'no ticket in the answer', detailZh: '响应中没有 ticket' });
    return { ticket: json.ticket, expiresIn: expiresIn(json) };
  }

  /** A cheap call that proves a token works. */
  async callbackIp(apiBase: string, accessToken: string): Promise<string[]> {
    const q = new URLSearchParams({ access_token: accessToken });
    const json = await this.call('GET', `${apiBase}/cgi-bin/getcallbackip?${q}`, undefined, 'api');
    return Array.isArray(json.ip_list) ? json.ip_list.map(String) : [];
  }

  /** One request, no retries, any answer returned as it came; only a network fault throws (NETWORK, TIMEOUT). */
  async send(req: RawRequest): Promise<RawAnswer> {
    const res = await this.exchange(req.method, req.url, req.body, req.contentType);
    return { status: res.status, contentType: res.contentType, body: res.body.toString('utf8'), truncated: res.truncated, bytes: res.body };
  }

  private async exchange(method: 'GET' | 'POST', url: string, body: string | Buffer | undefined, contentType?: string): Promise<HttpAnswer> {
    try {
      // A body that trickles in byte by byte would reset the idle timer forever: the whole call is capped.
      return await httpSend(this.agents, { method, url, body, ...(contentType ? { contentType } : {}) }, { idleMs: this.timeoutMs, deadlineMs: this.timeoutMs * 2, maxBody: MAX_BODY });
    } catch (e) {
      throw networkError(e);
    }
  }

  private async call(method: 'GET' | 'POST', url: string, body: unknown, where: 'token-api' | 'api'): Promise<Record<string, unknown>> {
    const res = await this.exchange(method, url, body === undefined ? undefined : JSON.stringify(body));
    if (res.truncated) throw new WxError('BAD_RESPONSE', { detail: 'answer larger than 1 MiB', detailZh: '响应超过 1 MiB' });
    const text = res.body.toString('utf8');
    if (res.status !== 200) {
      const transient = res.status >= 500 || res.status === 429 || res.status === 408;
      throw new WxError('HTTP_STATUS', { detail: String(res.status), kind: transient ? 'transient' : 'config' });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new WxError('BAD_RESPONSE', { detail: `not JSON: ${JSON.stringify(text.slice(0, 60))}`, detailZh: `不是 JSON：${JSON.stringify(text.slice(0, 60))}` });
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new WxError('BAD_RESPONSE', { detail: 'not a JSON object', detailZh: '不是 JSON 对象' });
    const obj = json as Record<string, unknown>;
    const errcode = typeof obj.errcode === 'number' ? obj.errcode : Number(obj.errcode ?? 0);
    if (errcode !== 0 && Number.isFinite(errcode)) throw fromErrcode(errcode, String(obj.errmsg ?? ''), where);
    return obj;
  }
}

function expiresIn(json: Record<string, unknown>): number {
  const n = Number(json.expires_in);
  if (!Number.isFinite(n) || n <= 0) throw new WxError('BAD_RESPONSE', { detail: `expires_in is ${JSON.stringify(json.expires_in)}`, detailZh: `expires_in 为 ${JSON.stringify(json.expires_in)}` });
  return n;
}

function tokenAnswer(json: Record<string, unknown>): TokenAnswer {
  if (typeof json.access_token !== 'string' || json.access_token === '') throw new WxError('BAD_RESPONSE', { detail: 'no access_token in the answer', detailZh: '响应中没有 access_token' });
  return { accessToken: json.access_token, expiresIn: expiresIn(json) };
}
