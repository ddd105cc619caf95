// The console's Path as typed or pasted: a path relative to the account's API base, or a full URL
// copied from WeChat's docs (https://api.weixin.qq.com/cgi-bin/menu/get?access_token=ACCESS_TOKEN).
// One pure function for both sides: the Console tab checks and rewrites the field as it is typed,
// and the core checks again what the (untrusted) renderer or the CLI sends. No Node, no DOM: only URL
// and URLSearchParams, which both have, and the field rules the account form shares with the core.
import { OFFICIAL_API_BASES } from '../validate';

/**
 * WeChat's API hosts (公众平台接口域名说明): nearest, disaster recovery, Shanghai, Shenzhen, Hong Kong,
 * the same list the account form offers as API bases. A URL on any of them is taken; the request
 * still goes to the account's API base.
 */
export const WECHAT_API_HOSTS: readonly string[] = OFFICIAL_API_BASES.map((base) => new URL(base).host);

export interface PathRefusal {
  ok: false;
  en: string;
  zh: string;
}

export interface ApiPath {
  ok: true;
  /** Starts with '/', no query, no host. */
  path: string;
  /** The query that came with it, in order, access_token left out when it came in a URL. */
  query: [string, string][];
  /** It was a full URL on one of WeChat's hosts (scheme and host dropped). */
  fromUrl: boolean;
  /**
   * The URL's host is followed by a path or a query, so it is typed in full: the Console tab
   * rewrites the field then, not while "api.weixin.qq.com" could still become a lookalike.
   */
  hostEnded: boolean;
}

const MAX_PATH = 2048;
const HOSTS = WECHAT_API_HOSTS.join(', ');
const DEFAULT_PORT: Record<string, string> = { http: '80', https: '443' };

/**
 * Paths the console will not call, and why: fetching a token by hand retires the one every tool
 * uses (classic mode) and needs the AppSecret, which WxDesk sends only where it must.
 */
const GUARDED: Record<string, (appId: string) => { en: string; zh: string }> = {
  '/cgi-bin/token': (appId) => ({
    en: `The console does not fetch tokens: a classic token fetched by hand retires the one every tool on this machine uses. Use Refresh (or wxdesk token ${appId}).`,
    zh: `控制台不获取 token：手动获取的普通 token 会让本机所有工具正在使用的 token 失效。请使用「刷新」（或 \`wxdesk token ${appId}\`）。`,
  }),
  '/cgi-bin/stable_token': (appId) => ({
    en: `The console does not fetch tokens (that needs the AppSecret). Use Refresh or Force refresh (or wxdesk token ${appId} --force).`,
    zh: `控制台不获取 token（那需要 AppSecret）。请使用「刷新」或「强制获取新 token」（或 \`wxdesk token ${appId} --force\`）。`,
  }),
  '/cgi-bin/clear_quota/v2': (appId) => ({
    en: `clear_quota/v2 takes the AppSecret: use Reset quota (or wxdesk clear-quota ${appId}), which asks first.`,
    zh: `clear_quota/v2 需要 AppSecret：请使用「重置额度」（或 \`wxdesk clear-quota ${appId}\`），它会先向你确认。`,
  }),
};

export const ACCESS_TOKEN_REFUSAL = {
  en: "Leave access_token out of the query: WxDesk adds the account's live token itself.",
  zh: '查询参数中不要填写 access_token：WxDesk 会自动加上该账号当前有效的 token。',
} as const;

/** A value quoted for a message, cut at 40 characters (the CLI and the core's other refusals do the same). */
const quote = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);

const refuse = (en: string, zh: string): PathRefusal => ({ ok: false, en, zh });

const notWeChat = (what: string, whatZh: string) =>
  refuse(
    `${what} The hosts accepted: ${HOSTS}. Or give the path relative to the account's API base (e.g. /cgi-bin/menu/get).`,
    `${whatZh}可以粘贴的接口域名：${HOSTS}。也可以填写相对于账号 API 地址的路径（例如 /cgi-bin/menu/get）。`,
  );

/** guardTokenPaths false: the token APIs are accepted (quota may ask about /cgi-bin/token, never call it). */
export interface PathOptions {
  guardTokenPaths?: boolean;
  /** Named in the refusals' commands: `wxdesk token` alone fails once there are two accounts. */
  appId?: string;
}

/**
 * The path and query a typed or pasted Path stands for, or why it is refused (in English and
 * Chinese, naming the host and never the query, which may carry a real token).
 */
export function normaliseApiPath(raw: string, opts: PathOptions = {}): ApiPath | PathRefusal {
  const text = raw.trim();
  if (text === '') return refuse('Path is required, e.g. /cgi-bin/menu/get.', '请填写接口路径，例如 /cgi-bin/menu/get。');
  // A scheme is letters before a ':' that comes before any '/', '?' or '#'.
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text);
  if (scheme) {
    const name = scheme[1]!.toLowerCase();
    if (name !== 'http' && name !== 'https') {
      return notWeChat(`${quote(`${name}:`)} is not a web address.`, `${quote(`${name}:`)} 不是网址。`);
    }
    const after = text.slice(scheme[0].length);
    if (!after.startsWith('//')) {
      return notWeChat(`${quote(`${name}:`)} must be followed by // and a host.`, `${quote(`${name}:`)} 后面应为 // 和域名。`);
    }
    return onWeChatHost(name, after.slice(2), opts);
  }
  // Copied without its scheme: //api.weixin.qq.com/… or api.weixin.qq.com/…
  if (text.startsWith('//')) return onWeChatHost('https', text.slice(2), opts);
  const first = /^[^/?#]*/.exec(text)![0].toLowerCase();
  if (WECHAT_API_HOSTS.includes(first)) return onWeChatHost('https', text, opts);
  return relative(text, false, opts);
}

/** What follows "scheme://": a host of WeChat's (no user, no other port), then a path. */
function onWeChatHost(scheme: string, rest: string, opts: PathOptions): ApiPath | PathRefusal {
  const end = rest.search(/[/?#]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  const tail = end < 0 ? '' : rest.slice(end);
  // user@host (and the user@ tricks that hide the real host after a lookalike): never WeChat's.
  if (authority.includes('@')) {
    const host = authority.slice(authority.lastIndexOf('@') + 1).toLowerCase();
    return notWeChat(
      `The URL names a user before its host ${quote(host)} ("…@"): a URL copied from WeChat's docs has none.`,
      `该 URL 在域名 ${quote(host)} 前带有用户名（“…@”）：从微信文档复制的 URL 不会有。`,
    );
  }
  const { host, port } = splitAuthority(authority.toLowerCase());
  if (!WECHAT_API_HOSTS.includes(host)) {
    return notWeChat(`${quote(host)} is not one of WeChat's API hosts.`, `${quote(host)} 不是微信的接口域名。`);
  }
  if (port !== '' && port !== DEFAULT_PORT[scheme]) {
    return notWeChat(`${quote(`${host}:${port}`)}: WeChat's API hosts take no other port.`, `${quote(`${host}:${port}`)}：微信接口域名不使用其他端口。`);
  }
  const url = relative(tail.startsWith('/') ? tail : `/${tail}`, true, opts);
  return url.ok ? { ...url, hostEnded: tail !== '' } : url;
}

function splitAuthority(authority: string): { host: string; port: string } {
  const colon = authority.lastIndexOf(':');
  if (colon < 0 || authority.includes(']')) return { host: authority, port: '' };
  return { host: authority.slice(0, colon), port: authority.slice(colon + 1) };
}

/** A path with its query: checked the same whether typed or what is left of a WeChat URL. */
function relative(text: string, fromUrl: boolean, opts: PathOptions): ApiPath | PathRefusal {
  if (text.includes('#')) {
    return refuse(
      'A path has no #fragment (it is never sent): remove the "#…", or write # inside a value as %23.',
      '接口路径不能带 #片段（片段不会被发送）：请删去“#…”，或把值里的 # 写成 %23。',
    );
  }
  const q = text.indexOf('?');
  let path = q < 0 ? text : text.slice(0, q);
  const pairs = q < 0 ? [] : [...new URLSearchParams(text.slice(q + 1))];
  if (!path.startsWith('/')) path = `/${path}`;
  if (/\s/.test(path) || path.length > MAX_PATH) {
    return refuse(`The path must not contain spaces (and is at most 2048 characters): ${quote(path)}.`, `接口路径不能含空白字符（且最多 2048 个字符）：${quote(path)}。`);
  }
  if (path.split('/').some((seg) => seg === '..' || seg === '.')) {
    return refuse(`The path must not contain . or .. segments: ${quote(path)}.`, `接口路径不能含 . 或 .. 段：${quote(path)}。`);
  }
  const guard = opts.guardTokenPaths === false ? undefined : GUARDED[path.replace(/\/+$/, '')]?.(opts.appId ?? 'APPID');
  if (guard) return refuse(guard.en, guard.zh);
  // A docs URL carries access_token=ACCESS_TOKEN (or a real one): dropped, never sent nor kept.
  // Typed into a relative path, it is refused as it is in Query, to say WxDesk adds it.
  const query = fromUrl ? pairs.filter(([k]) => k !== 'access_token') : pairs;
  if (query.some(([k]) => k === 'access_token')) return refuse(ACCESS_TOKEN_REFUSAL.en, ACCESS_TOKEN_REFUSAL.zh);
  return { ok: true, path, query, fromUrl, hostEnded: fromUrl };
}

/**
 * Query lines already in the form, with the pairs of a pasted URL merged in, in order: a name
 * already there takes the URL's value in place, a new one goes at the end.
 */
export function mergeQuery(existing: [string, string][], incoming: [string, string][]): [string, string][] {
  const out = existing.map((p) => [...p] as [string, string]);
  const taken = new Set<number>();
  for (const [k, v] of incoming) {
    const at = out.findIndex(([name], i) => name === k && !taken.has(i));
    if (at >= 0) {
      out[at] = [k, v];
      taken.add(at);
    } else {
      taken.add(out.push([k, v]) - 1);
    }
  }
  return out;
}
