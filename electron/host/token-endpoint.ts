// WeChat's own token API, answered locally from the keeper: a service switches to WxDesk by
// changing only its token URL. Answers have WeChat's shape, codes and errmsg texts; the caller must
// present the account's real AppSecret, checked here so a wrong one costs no upstream call.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '../core/services';
import { closeAfter, readBody } from './body';
import { WECHAT_ERRMSG, WxError, toWxError } from '../core/errors';
import { sameText } from '../core/same-text';
import type { TicketRecord, TicketType } from '../core/state/records';

type Answer = Record<string, unknown>;

/** Larger than any token request can be. */
const MAX_TOKEN_BODY = 64 * 1024;

function rid(): string {
  const h = randomBytes(12).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 16)}-${h.slice(16, 24)}`;
}

export function wxErr(errcode: number, detail?: string): Answer {
  const text = WECHAT_ERRMSG[errcode] ?? 'system error';
  return { errcode, errmsg: `${text}${detail ? `: ${detail}` : ''} rid: ${rid()}` };
}

/** A keeper failure as WeChat would word it: WeChat's own code and errmsg pass through untouched. */
function fromFailure(e: unknown): Answer {
  const err = toWxError(e);
  if (typeof err.code === 'number') return { errcode: err.code, errmsg: err.errmsg ?? `${WECHAT_ERRMSG[err.code] ?? err.message} rid: ${rid()}` };
  if (err.code === 'FORCE_QUOTA') return wxErr(45009);
  // The account was removed while the call was under way: as WeChat answers an unknown AppID.
  if (err.code === 'NO_ACCOUNT') return wxErr(40013);
  return wxErr(-1, `${err.message} ${err.hint}`);
}

/** The parts of a request's URL the WeChat endpoints read. */
export interface Target {
  pathname: string;
  searchParams: URLSearchParams;
}

/**
 * The path and query of a request for WeChat's paths, split by hand: the local endpoint is the hot
 * path, and the WHATWG URL parser cost as much as the rest of a cached answer. Only exact WeChat
 * paths are answered from it; every other request goes through URL, which normalises the path.
 */
export function wechatTarget(raw: string): Target {
  const hash = raw.indexOf('#');
  const target = hash < 0 ? raw : raw.slice(0, hash);
  const q = target.indexOf('?');
  return q < 0 ? { pathname: target, searchParams: new URLSearchParams() } : { pathname: target.slice(0, q), searchParams: new URLSearchParams(target.slice(q + 1)) };
}

/** An answer serialised once, with its headers. */
class Prepared {
  readonly body: string;
  readonly headers: Record<string, string | number>;
  constructor(
    p: { body: string; headers: Record<string, string | number> },
    readonly seconds: number,
  ) {
    this.body = p.body;
    this.headers = p.headers;
  }
}

function prepare(answer: Answer): { body: string; headers: Record<string, string | number> } {
  const body = JSON.stringify(answer);
  return { body, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) } };
}

/**
 * A request target that was answered with a held token or ticket, and what made it valid: the
 * stored secret it authenticated against, or the token it presented for a ticket.
 */
type Known = { appId: string; secret: string; type?: undefined } | { appId: string; token: string; type: TicketType };

export class TokenEndpoint {
  /** Answers for held tokens and tickets, by token or ticket, for the second they were made in. */
  private readonly prepared = new Map<string, Prepared>();
  /**
   * Token and ticket request targets that authenticated, by their exact text. A caller's service
   * asks with the same URL every time, so a repeat is recognised by one lookup, without parsing the
   * query or comparing digests again. Like the digest cache in same-text.ts, a lookup finds only
   * texts that authenticated before and tells nothing about the stored secret or token; a hit
   * counts only while the stored secret (for a ticket: the account's token) is still the one it
   * authenticated against.
   */
  private readonly known = new Map<string, Known>();

  constructor(private readonly core: Core) {}

  /**
   * True when the request was for one of WeChat's paths and has been answered. A token or ticket
   * the keeper holds is answered synchronously: the hot path takes no promise.
   */
  handle(req: IncomingMessage, res: ServerResponse, raw: string): boolean | Promise<boolean> {
    const repeat = this.repeat(raw);
    if (repeat) return this.send(res, repeat);
    const url = wechatTarget(raw);
    let answer: Answer | Prepared | Promise<Answer>;
    switch (url.pathname) {
      case '/cgi-bin/token':
        answer = this.classic(url.searchParams, raw);
        break;
      case '/cgi-bin/stable_token':
        answer =
          req.method === 'POST'
            ? readBody(req, MAX_TOKEN_BODY).then((raw) => {
                if (raw === null) closeAfter(req, res);
                return this.stable(raw);
              })
            : wxErr(43002);
        break;
      case '/cgi-bin/ticket/getticket':
        answer = this.ticket(url.searchParams, raw);
        break;
      default:
        return false;
    }
    if (answer instanceof Promise) return answer.then((a) => this.send(res, a));
    return this.send(res, answer);
  }

  private send(res: ServerResponse, answer: Answer | Prepared): true {
    const { body, headers } = answer instanceof Prepared ? answer : prepare(answer);
    res.writeHead(200, headers);
    res.end(body);
    return true;
  }

  /** appid and secret checked as WeChat checks them, without an upstream call. */
  private authenticate(grantType: unknown, appid: unknown, secret: unknown): Answer | string {
    if (grantType !== 'client_credential') return wxErr(40002);
    if (typeof appid !== 'string' || appid === '') return wxErr(41002);
    if (typeof secret !== 'string' || secret === '') return wxErr(41004);
    const entry = this.core.backend.entry(appid);
    if (!entry) return wxErr(40013);
    const { accounts } = this.core;
    // Team mode: a machine without the secret checks callers against its salted hash.
    if (accounts.storedSecret(appid) === undefined && entry.account.secretCheck) return accounts.checkSecret(appid, secret) ? appid : wxErr(40125);
    let stored: string;
    try {
      stored = accounts.secret(appid);
    } catch (e) {
      return fromFailure(e);
    }
    if (!sameText(secret, stored)) return wxErr(40125);
    return appid;
  }

  /** What a remembered request authenticated against: the stored secret, or (team mode, no secret here) the check of it. */
  private secretKey(appId: string): string | undefined {
    const stored = this.core.accounts.storedSecret(appId);
    if (stored !== undefined) return stored;
    const check = this.core.backend.entry(appId)?.account.secretCheck;
    return check && `check:${check.sha256}`;
  }

  /** The answer to a request whose exact target authenticated before, while what it asks for is held. */
  private repeat(raw: string): Prepared | undefined {
    const known = this.known.get(raw);
    if (!known) return undefined;
    const { keeper, accounts } = this.core;
    if (known.type === undefined) {
      if (this.secretKey(known.appId) !== known.secret) return this.forget(raw);
      const held = keeper.cached(known.appId);
      return held ? this.heldAnswer(held) : undefined;
    }
    if (keeper.cached(known.appId)?.token !== known.token) return this.forget(raw);
    const held = keeper.cachedTicket(known.appId, known.type);
    return held ? this.ticketAnswer(held) : undefined;
  }

  private forget(raw: string): undefined {
    this.known.delete(raw);
    return undefined;
  }

  private remember(raw: string, known: Known): void {
    if (this.known.size >= 256) this.known.clear();
    this.known.set(raw, known);
  }

  private classic(q: URLSearchParams, raw: string): Answer | Prepared | Promise<Answer> {
    const who = this.authenticate(q.get('grant_type'), q.get('appid'), q.get('secret'));
    if (typeof who !== 'string') return who;
    this.remember(raw, { appId: who, secret: this.secretKey(who)! });
    const held = this.core.keeper.cached(who);
    if (held) return this.heldAnswer(held);
    return this.core.keeper.get(who).then(
      (t) => this.tokenAnswer(t),
      (e: unknown) => fromFailure(e),
    );
  }

  private async stable(raw: string | null): Promise<Answer> {
    if (raw === null) return wxErr(47001, 'body too large');
    if (raw.trim() === '') return wxErr(44002);
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return wxErr(47001);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return wxErr(47001);
    const b = body as Record<string, unknown>;
    const who = this.authenticate(b.grant_type, b.appid, b.secret);
    if (typeof who !== 'string') return who;
    const force = b.force_refresh === true || b.force_refresh === 'true';
    try {
      if (!force) return this.tokenAnswer(await this.core.keeper.get(who));
      return this.tokenAnswer(await this.core.keeper.forceRefresh(who));
    } catch (e) {
      // WeChat answers a force within 30 s of the last one with the current token, unchanged.
      if (e instanceof WxError && e.code === 'FORCE_COOLDOWN') {
        try {
          return this.tokenAnswer(await this.core.keeper.get(who));
        } catch (e2) {
          return fromFailure(e2);
        }
      }
      return fromFailure(e);
    }
  }

  private ticket(q: URLSearchParams, raw: string): Answer | Prepared | Promise<Answer> {
    const token = q.get('access_token');
    if (!token) return wxErr(41001);
    const type = q.get('type') ?? 'jsapi';
    if (type !== 'jsapi' && type !== 'wx_card') return wxErr(40097);
    const appId = this.core.keeper.accountForToken(token);
    if (!appId) return wxErr(40001);
    this.remember(raw, { appId, token, type });
    const held = this.core.keeper.cachedTicket(appId, type);
    if (held) return this.ticketAnswer(held);
    return this.core.keeper.ticket(appId, type).then((t) => this.ticketBody(t), (e: unknown) => fromFailure(e));
  }

  private ticketBody(t: TicketRecord): Answer {
    return { errcode: 0, errmsg: 'ok', ticket: t.ticket, expires_in: this.secondsLeft(t.expiresAt) };
  }

  /** The answer for a held ticket, made once per ticket and second, as for a token. */
  private ticketAnswer(t: TicketRecord): Prepared {
    return this.once(t.ticket, t.expiresAt, () => this.ticketBody(t));
  }

  /**
   * The answer for a held token, made once per token and second: every caller in that second gets
   * the same bytes, so the hot path builds no object and serialises nothing.
   */
  private heldAnswer(t: { token: string; expiresAt: number }): Prepared {
    return this.once(t.token, t.expiresAt, () => this.tokenAnswer(t));
  }

  /** The answer about `key` (a token or a ticket) for this second, made on the first ask. */
  private once(key: string, expiresAt: number, make: () => Answer): Prepared {
    const seconds = this.secondsLeft(expiresAt);
    const last = this.prepared.get(key);
    if (last && last.seconds === seconds) return last;
    if (this.prepared.size >= 64) this.prepared.clear();
    const made = new Prepared(prepare(make()), seconds);
    this.prepared.set(key, made);
    return made;
  }

  private tokenAnswer(t: { token: string; expiresAt: number }): Answer {
    return { access_token: t.token, expires_in: this.secondsLeft(t.expiresAt) };
  }

  private secondsLeft(expiresAt: number): number {
    return Math.max(0, Math.floor((expiresAt - this.core.keeper.now()) / 1000));
  }
}
