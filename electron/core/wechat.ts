// The WeChat API client. Every answer becomes a value or a WxError; the kind on the error tells the
// token keeper whether a retry can help (network faults, busy, 5xx, unreadable bodies) or not.
// undici is loaded at the first call: a command that answers from the cache never pays for it.
import type { Dispatcher } from 'undici';
import { WxError, fromErrcode } from './errors';
import type { TicketType } from './state/records';

export interface WeChatClientOptions {
  /** Tests and proxies hand in their own; by default one keep-alive Agent per client. */
  dispatcher?: Dispatcher;
  /** Connect, header and body timeouts, each (default 10 s). */
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
}

/** A request to any WeChat API, sent as given. */
export interface RawRequest {
  method: 'GET' | 'POST';
  url: string;
  /** Sent as application/json when present. */
  body?: string;
}

function networkError(e: unknown): WxError {
  const err = e as { code?: string; name?: string; message?: string };
  const code = err?.code ?? '';
  const detail = [code, err?.message].filter(Boolean).join(': ');
  if (/TIMEOUT/.test(code) || err?.name === 'TimeoutError' || err?.name === 'AbortError') return new WxError('TIMEOUT', { detail, cause: e });
  return new WxError('NETWORK', { detail, cause: e });
}

type Undici = typeof import('undici');
let undici: Promise<Undici> | undefined;
const loadUndici = () => (undici ??= import('undici'));

export class WeChatClient implements WeChatApi {
  private dispatcher: Dispatcher | undefined;
  private readonly timeoutMs: number;
  private readonly ownDispatcher: boolean;
  private closed = false;

  constructor(opts: WeChatClientOptions = {}) {
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.ownDispatcher = !opts.dispatcher;
    this.dispatcher = opts.dispatcher;
  }

  /** Closes the client's own connections; safe to call more than once. */
  async close(): Promise<void> {
    if (!this.ownDispatcher || this.closed) return;
    this.closed = true;
    await this.dispatcher?.close();
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
    const { Agent, request } = await loadUndici();
    this.dispatcher ??= new Agent({ connect: { timeout: this.timeoutMs }, headersTimeout: this.timeoutMs, bodyTimeout: this.timeoutMs });
    let res: Dispatcher.ResponseData;
    try {
      res = await request(req.url, {
        method: req.method,
        dispatcher: this.dispatcher,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
        signal: AbortSignal.timeout(this.timeoutMs * 2),
        ...(req.body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: req.body }),
      });
    } catch (e) {
      throw networkError(e);
    }
    const contentType = String(res.headers['content-type'] ?? '');
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    try {
      for await (const chunk of res.body) {
        const buf = chunk as Buffer;
        if (size + buf.length > MAX_BODY) {
          chunks.push(buf.subarray(0, MAX_BODY - size));
          truncated = true;
          res.body.destroy();
          break;
        }
        chunks.push(buf);
        size += buf.length;
      }
    } catch (e) {
      throw networkError(e);
    }
    return { status: res.statusCode, contentType, body: Buffer.concat(chunks).toString('utf8'), truncated };
  }

  private async call(method: 'GET' | 'POST', url: string, body: unknown, where: 'token-api' | 'api'): Promise<Record<string, unknown>> {
    const { Agent, request } = await loadUndici();
    this.dispatcher ??= new Agent({ connect: { timeout: this.timeoutMs }, headersTimeout: this.timeoutMs, bodyTimeout: this.timeoutMs });
    let res: Dispatcher.ResponseData;
    try {
      res = await request(url, {
        method,
        dispatcher: this.dispatcher,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
        // A body that trickles in byte by byte would reset bodyTimeout forever: cap the whole call.
        signal: AbortSignal.timeout(this.timeoutMs * 2),
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
    } catch (e) {
      throw networkError(e);
    }
    let text: string;
    try {
      text = await readCapped(res.body);
    } catch (e) {
      throw e instanceof WxError ? e : networkError(e);
    }
    if (res.statusCode !== 200) {
      const transient = res.statusCode >= 500 || res.statusCode === 429 || res.statusCode === 408;
      throw new WxError('HTTP_STATUS', { detail: String(res.statusCode), kind: transient ? 'transient' : 'config' });
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

async function readCapped(body: Dispatcher.ResponseData['body']): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) {
      body.destroy();
      throw new WxError('BAD_RESPONSE', { detail: 'answer larger than 1 MiB', detailZh: '响应超过 1 MiB' });
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
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
