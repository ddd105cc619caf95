// Every failure WxDesk reports is a WxError: a code (WeChat's errcode where there is one, else a
// short local name), a plain-language message and a hint that says what to do, in English and
// Chinese. The kind decides what the token keeper does with it.
import type { ErrorView, Lang } from '../contract';
import { API_ERRORS } from './errors-api';
import { LAB_ERRORS } from './errors-lab';
import { CHORES_ERRORS } from './errors-chores';
import { MENU_ERRORS } from './errors-menu';
import { TEAM_ERRORS } from './errors-team';
import { STORE_ERRORS } from './errors-store';
import { parseIp, parseRid } from './errors-wechat';

export { WECHAT_ERRMSG, parseIp, parseRid } from './errors-wechat';

export type Locale = Lang;

/**
 * transient: retry with backoff (network, busy, HTTP 5xx).
 * config: the account or the platform settings are wrong; retrying will not help until a person acts.
 * limit: a quota or rate limit; wait (retryAfterMs when known).
 * token: the access_token used was invalid or stale; refresh once and retry.
 * input: the caller passed something malformed.
 * bug: WxDesk sent something WeChat rejects as malformed; report it.
 */
export type ErrorKind = ErrorView['kind'];

/** An error as it is stored and as it crosses to the renderer (the contract's ErrorView). */
export type WxErrorView = ErrorView;

interface Params {
  ip?: string;
  detail?: string;
  /** `detail` in Chinese, for the zh text; without it the zh text quotes `detail` as it is. */
  detailZh?: string;
  seconds?: number;
  reason?: string;
  /** A hint that fits this one refusal better than the entry's generic one (INVALID_INPUT), and in Chinese. */
  hint?: string;
  hintZh?: string;
}

export interface ErrorEntry {
  kind: ErrorKind;
  en: [message: (p: Params) => string, hint: (p: Params) => string];
  zh: [message: (p: Params) => string, hint: (p: Params) => string];
}

const t = (s: string) => () => s;
const ipOr = (p: Params, fallback: string) => p.ip ?? fallback;

const table: Record<string, ErrorEntry> = {
  ...API_ERRORS,
  ...LAB_ERRORS,
  ...MENU_ERRORS,
  ...CHORES_ERRORS,
  ...TEAM_ERRORS,
  ...STORE_ERRORS,
  '-1': {
    kind: 'transient',
    en: [t('WeChat is busy (system error -1).'), t('Usually temporary: WxDesk retried with backoff and keeps trying on its timer; nothing to change on your side.')],
    zh: [t('微信系统繁忙（-1）。'), t('通常是暂时的：WxDesk 已退避重试，并会按计划继续尝试，无需处理。')],
  },
  '40001': {
    kind: 'config',
    en: [t('WeChat rejected the AppSecret (40001 at the token API).'), t('Copy the AppSecret again from mp.weixin.qq.com → 设置与开发 → 基本配置, or reset it there, then save it in WxDesk.')],
    zh: [t('AppSecret 错误（获取 access_token 时返回 40001）。'), t('请到 mp.weixin.qq.com →「设置与开发 → 基本配置」重新复制或重置 AppSecret，再保存到 WxDesk。')],
  },
  '40001@api': {
    kind: 'token',
    en: [t('The access_token is invalid or not the latest (40001): someone fetched a new classic token.'), t('WxDesk refreshes once if the failed token is still the cached one. Use stable_token mode so other callers cannot invalidate yours.')],
    zh: [t('access_token 无效或不是最新（40001）：有其他调用方获取了新的普通 token。'), t('若失败的 token 仍是缓存中的 token，WxDesk 会刷新一次。使用 stable_token 模式可避免被他人刷新影响。')],
  },
  '40002': {
    kind: 'bug',
    en: [t('Invalid grant_type (40002).'), t('Use grant_type=client_credential.')],
    zh: [t('grant_type 不合法（40002）。'), t('请使用 grant_type=client_credential。')],
  },
  '40013': {
    kind: 'config',
    en: [t('WeChat does not know this AppID (40013).'), t('Check the AppID: it is "wx" followed by 16 hex characters, shown under 设置与开发 → 基本配置.')],
    zh: [t('AppID 无效（40013）。'), t('请检查 AppID：形如 wx 加 16 位十六进制字符，见「设置与开发 → 基本配置」。')],
  },
  '40014': {
    kind: 'token',
    en: [t('The access_token is invalid (40014).'), t('WxDesk refreshes the token once and retries.')],
    zh: [t('access_token 无效（40014）。'), t('WxDesk 会刷新一次 token 后重试。')],
  },
  '42001': {
    kind: 'token',
    en: [t('The access_token has expired (42001).'), t('WxDesk refreshes the token once and retries.')],
    zh: [t('access_token 已过期（42001）。'), t('WxDesk 会刷新一次 token 后重试。')],
  },
  '40125': {
    kind: 'config',
    en: [t('The AppSecret is invalid (40125).'), t('Copy the AppSecret again from 设置与开发 → 基本配置 (32 hex characters), or reset it there.')],
    zh: [t('AppSecret 无效（40125）。'), t('请在「设置与开发 → 基本配置」重新复制（32 位十六进制）或重置 AppSecret。')],
  },
  '40164': {
    kind: 'config',
    en: [
      (p) => `This machine's IP ${ipOr(p, '(unknown)')} is not on the account's IP whitelist (40164).`,
      (p) => `Add ${ipOr(p, 'the IP from the message')} under mp.weixin.qq.com → 设置与开发 → 基本配置 → IP白名单, wait a minute, then refresh.`,
    ],
    zh: [
      (p) => `本机 IP ${ipOr(p, '（未知）')} 不在公众号的 IP 白名单中（40164）。`,
      (p) => `请在 mp.weixin.qq.com →「设置与开发 → 基本配置 → IP白名单」中添加 ${ipOr(p, '错误信息中的 IP')}，稍等一分钟后刷新。`,
    ],
  },
  '40243': {
    kind: 'config',
    en: [t('The AppSecret is frozen (40243).'), t('Unfreeze it under 设置与开发 → 基本配置; it takes about 10 minutes to take effect.')],
    zh: [t('AppSecret 已被冻结（40243）。'), t('请在「设置与开发 → 基本配置」解冻，约 10 分钟后生效。')],
  },
  '41001': {
    kind: 'bug',
    en: [t('access_token missing (41001).'), t('Pass access_token in the query string.')],
    zh: [t('缺少 access_token 参数（41001）。'), t('请在查询参数中传入 access_token。')],
  },
  '41002': {
    kind: 'bug',
    en: [t('appid missing (41002).'), t('Pass appid.')],
    zh: [t('缺少 appid 参数（41002）。'), t('请传入 appid。')],
  },
  '41004': {
    kind: 'bug',
    en: [t('secret missing (41004).'), t('Pass secret.')],
    zh: [t('缺少 secret 参数（41004）。'), t('请传入 secret。')],
  },
  '43002': {
    kind: 'bug',
    en: [t('This API needs POST (43002).'), t('Send a POST request with a JSON body.')],
    zh: [t('该接口需要 POST 请求（43002）。'), t('请使用 POST 并携带 JSON 请求体。')],
  },
  '45009': {
    kind: 'limit',
    en: [t('The daily quota for this API is used up (45009).'), t('Wait until tomorrow (Beijing time), or reset the quota with clear_quota (10 resets a month) under 设置与开发 → 接口权限.')],
    zh: [t('该接口今日调用次数已达上限（45009）。'), t('请等到北京时间次日，或调用 clear_quota 清零（每月 10 次）。')],
  },
  '45011': {
    kind: 'limit',
    en: [t('Too many calls this minute (45011).'), t('WxDesk waits for the next minute before trying again.')],
    zh: [t('调用过于频繁（45011）。'), t('WxDesk 会等到下一分钟再试。')],
  },
  '48001': {
    kind: 'config',
    en: [t('This API is not authorized for the account (48001).'), t('Check the account type and its 接口权限 page.')],
    zh: [t('该公众号没有此接口权限（48001）。'), t('请检查账号类型及「接口权限」页面。')],
  },
  '61004': {
    kind: 'config',
    en: [
      (p) => `The caller IP ${ipOr(p, '(unknown)')} is not on the whitelist (61004).`,
      (p) => `Add ${ipOr(p, 'the IP from the message')} to the IP whitelist under 设置与开发 → 基本配置.`,
    ],
    zh: [
      (p) => `调用方 IP ${ipOr(p, '（未知）')} 不在白名单中（61004）。`,
      (p) => `请在「设置与开发 → 基本配置」的 IP 白名单中添加 ${ipOr(p, '错误信息中的 IP')}。`,
    ],
  },
  '89501': {
    kind: 'config',
    en: [t('An administrator must confirm this IP (89501).'), t('Ask the account administrator to approve the login-risk prompt in WeChat, then refresh.')],
    zh: [t('此 IP 正在等待管理员确认（89501）。'), t('请管理员在微信中确认风险提示后再刷新。')],
  },
  '89503': {
    kind: 'config',
    en: [t('This IP needs an administrator\'s confirmation (89503).'), t('Ask the account administrator to approve the prompt in WeChat, then refresh.')],
    zh: [t('此 IP 调用需要管理员确认（89503）。'), t('请管理员在微信中确认后再刷新。')],
  },
  '89506': {
    kind: 'limit',
    en: [t('The administrator refused this IP twice within 24 hours (89506).'), t('Calls from this IP are blocked for 24 hours. Use another whitelisted machine or wait.')],
    zh: [t('24 小时内管理员两次拒绝此 IP（89506）。'), t('此 IP 将被限制 24 小时，请换用其他白名单机器或等待。')],
  },
  '89507': {
    kind: 'limit',
    en: [t('The administrator refused this IP within the last hour (89507).'), t('Calls from this IP are blocked for 1 hour.')],
    zh: [t('1 小时内管理员拒绝过此 IP（89507）。'), t('此 IP 将被限制 1 小时。')],
  },
  NETWORK: {
    kind: 'transient',
    en: [(p) => `Could not reach the WeChat API${p.detail ? ` (${p.detail})` : ''}.`, t('Usually temporary: WxDesk retried with backoff and keeps trying on its timer. If it persists, check the network, a proxy, or the account\'s API base.')],
    zh: [(p) => `无法连接微信接口${p.detail ? `（${p.detail}）` : ''}。`, t('通常是暂时的：WxDesk 已退避重试，并会按计划继续尝试；若持续失败，请检查网络、代理或账号的 API 地址。')],
  },
  TIMEOUT: {
    kind: 'transient',
    en: [(p) => `The WeChat API did not answer in time${p.detail ? ` (${p.detail})` : ''}.`, t('Usually temporary: WxDesk retried with backoff and keeps trying on its timer.')],
    zh: [(p) => `微信接口响应超时${p.detail ? `（${p.detail}）` : ''}。`, t('通常是暂时的：WxDesk 已退避重试，并会按计划继续尝试。')],
  },
  HTTP_STATUS: {
    kind: 'transient',
    en: [(p) => `The WeChat API answered with HTTP ${p.detail ?? 'error'}.`, t('Usually temporary: WxDesk retried with backoff and keeps trying on its timer.')],
    zh: [(p) => `微信接口返回 HTTP ${p.detail ?? '错误'}。`, t('通常是暂时的：WxDesk 已退避重试，并会按计划继续尝试。')],
  },
  BAD_RESPONSE: {
    kind: 'transient',
    en: [(p) => `The WeChat API sent an answer WxDesk cannot read${p.detail ? ` (${p.detail})` : ''}.`, t('Usually temporary: WxDesk retried with backoff and keeps trying on its timer. A proxy in the way can cause this too.')],
    zh: [(p) => `微信接口返回了无法解析的内容${p.detail ? `（${p.detail}）` : ''}。`, t('通常是暂时的：WxDesk 已退避重试，并会按计划继续尝试；中间代理也可能导致此问题。')],
  },
  UNKNOWN_ERRCODE: {
    kind: 'config',
    en: [(p) => `WeChat answered with an error: ${p.detail ?? ''}`, t('Look the code up in the WeChat docs (全局返回码说明); the rid identifies the request for 腾讯 support.')],
    zh: [(p) => `微信返回错误：${p.detail ?? ''}`, t('请在微信文档「全局返回码说明」中查询该错误码；rid 可用于向官方查询请求记录。')],
  },
  FORCE_COOLDOWN: {
    kind: 'limit',
    en: [(p) => `A forced refresh was made less than 30 s ago; WxDesk spaces them 30 s apart, as WeChat does (${p.seconds ?? '?'} s left).`, t('Wait for the cooldown. The current token stays valid meanwhile.')],
    zh: [(p) => `距上次强制刷新不足 30 秒；WxDesk 与微信一样要求两次强制刷新间隔 30 秒（还需 ${p.seconds ?? '?'} 秒）。`, t('请稍候再试，当前 token 在此期间仍然有效。')],
  },
  FORCE_QUOTA: {
    kind: 'limit',
    en: [t('The 20 forced stable_token refreshes for today are used up.'), t('Forced refresh is for a leaked token only; normal refresh keeps working. The count resets at midnight Beijing time.')],
    zh: [t('今日 20 次强制刷新 stable_token 的额度已用完。'), t('强制刷新仅用于 token 泄露；普通刷新仍可使用。额度在北京时间零点重置。')],
  },
  INVALID_INPUT: {
    kind: 'input',
    en: [(p) => p.detail ?? 'Invalid input.', (p) => p.hint ?? 'Correct the value and try again.'],
    zh: [(p) => p.detailZh ?? p.detail ?? '输入无效。', (p) => p.hintZh ?? p.hint ?? '请修改后重试。'],
  },
  NO_ACCOUNT: {
    kind: 'input',
    en: [(p) => `No account ${p.detail ?? ''} in this data directory.`, t('List accounts with `wxdesk accounts list`, or add one with `wxdesk accounts add`.')],
    zh: [(p) => `此数据目录中没有账号 ${p.detail ?? ''}。`, t('用 `wxdesk accounts list` 查看账号，或用 `wxdesk accounts add` 添加。')],
  },
  NO_SECRET: {
    kind: 'config',
    en: [(p) => `The AppSecret of ${p.detail ?? 'this account'} cannot be read here${p.reason ? `: ${p.reason}` : '.'}`, (p) => `Save the AppSecret again (form, or \`wxdesk accounts update ${p.detail ?? 'APPID'} --secret -\`).`],
    zh: [(p) => `无法读取 ${p.detail ?? '该账号'} 的 AppSecret${p.reason ? `（${p.reason}）` : ''}。`, (p) => `请重新保存 AppSecret（表单或 \`wxdesk accounts update ${p.detail ?? 'APPID'} --secret -\`）。`],
  },
  STORE_UNREADABLE: {
    kind: 'config',
    en: [(p) => `WxDesk cannot use its data at ${p.detail ?? 'the data directory'}${p.reason ? `: ${p.reason}` : '.'}`, t('Fix the file named, or move it aside (WxDesk never overwrites a damaged file), or pass another --data-dir.')],
    zh: [(p) => `WxDesk 无法使用数据目录 ${p.detail ?? ''}${p.reason ? `：${p.reason}` : '。'}`, t('请修复所指文件，或将其移走（WxDesk 不会覆盖损坏的文件），或使用其他 --data-dir。')],
  },
  DATA_DIR_UNSAFE: {
    kind: 'config',
    en: [
      (p) => `WxDesk will not use the data directory ${p.detail ?? ''}: ${p.reason ?? 'another user could change it'}. Whoever can write there can point an account at another host and receive its AppSecret.`,
      (p) => `Make it yours alone: chmod 700 '${p.detail ?? 'DIR'}' (as its owner, and check the files inside), or pass another --data-dir.`,
    ],
    zh: [
      (p) => `WxDesk 不会使用数据目录 ${p.detail ?? ''}：${p.reason === 'it is not owned by you' ? '它不属于你' : p.reason === 'group or others can write to it' ? '同组用户或其他用户可以写入' : (p.reason ?? '其他用户可以修改它')}。能写入该目录的人可以把账号指向其他主机，从而拿到 AppSecret。`,
      (p) => `请让它只属于你：以所有者身份执行 chmod 700 '${p.detail ?? 'DIR'}'（并检查其中的文件），或使用其他 --data-dir。`,
    ],
  },
  STORE_WRITE: {
    kind: 'transient',
    en: [(p) => `WxDesk could not write ${p.detail ?? 'its data'}${p.reason ? ` (${p.reason})` : ''}.`, t('Free disk space or fix the folder\'s permissions. Nothing was lost: the token in memory stays in service, and WxDesk tries again with backoff.')],
    zh: [(p) => `WxDesk 无法写入 ${p.detail ?? '数据文件'}${p.reason ? `（${p.reason}）` : ''}。`, t('请释放磁盘空间或检查目录权限。数据未丢失：内存中的 token 继续可用，WxDesk 会退避后重试。')],
  },
  STORE_BUSY: {
    kind: 'transient',
    en: [(p) => `Another WxDesk process is writing to ${p.detail ?? 'the data directory'} and has not let go of its store lock.`, t('Nothing was changed; try again. A lock whose owner has stopped is cleared after 10 s; if it lasts, look for a stopped (suspended) WxDesk process.')],
    zh: [(p) => `另一个 WxDesk 进程正在写入 ${p.detail ?? '数据目录'}，尚未释放存储锁。`, t('未做任何更改，请重试。持有者已停止的锁会在 10 秒后自动清除；若持续出现，请检查是否有被挂起的 WxDesk 进程。')],
  },
  INTERNAL: {
    kind: 'bug',
    en: [(p) => `WxDesk hit an internal error${p.detail ? `: ${p.detail}` : ''}.`, t('Nothing was changed. Please report it with the steps that led here.')],
    zh: [(p) => `WxDesk 内部错误${p.detail ? `：${p.detail}` : ''}。`, t('未做任何更改。请附上操作步骤反馈此问题。')],
  },
  TEAM_NO_SECRET: {
    kind: 'config',
    en: [(p) => `No AppSecret for ${p.detail ?? 'this account'} on this machine: in team mode its token is refreshed by a teammate who has it.`, (p) => `WxDesk serves the token your teammates keep fresh and waits for their next refresh. To refresh from this machine too, save the AppSecret here (\`wxdesk accounts update ${p.detail ?? 'APPID'} --secret -\`); it never leaves this machine.`],
    zh: [(p) => `本机没有 ${p.detail ?? '该账号'} 的 AppSecret：团队模式下由持有它的队友刷新 token。`, (p) => `WxDesk 使用队友保持更新的 token，并等待他们下一次刷新。如需本机也能刷新，请在本机保存 AppSecret（\`wxdesk accounts update ${p.detail ?? 'APPID'} --secret -\`），它不会离开本机。`],
  },
  TEAM_OFFLINE: {
    kind: 'transient',
    en: [t("The team's Redis cannot be reached, and this account uses classic tokens: fetching one now would retire the token the whole team uses."), t('WxDesk serves the cached token until it expires, and fetches again once Redis is back.')],
    zh: [t('无法连接团队的 Redis，而该账号使用普通 token：此时获取新 token 会使整个团队正在使用的 token 失效。'), t('WxDesk 会在缓存的 token 过期前继续提供它，并在 Redis 恢复后再获取。')],
  },
  TEAM_BAD_ENTRY: {
    kind: 'config',
    en: [(p) => `The team's Redis holds a value WxDesk cannot read at ${p.detail ?? 'an account key'}: that account is left out of team sync (this machine keeps its own copy), the others stay in sync.`, (p) => `Someone or something other than WxDesk wrote that key. Delete it (redis-cli DEL '${p.detail ?? 'KEY'}'): a machine that has the account shares it again when it next reconnects.`],
    zh: [(p) => `团队的 Redis 中 ${p.detail ?? '某个账号键'} 的值 WxDesk 无法读取：该账号暂不参与团队同步（本机保留自己的副本），其他账号照常同步。`, (p) => `该键是 WxDesk 以外的人或程序写入的。请删除它（redis-cli DEL '${p.detail ?? 'KEY'}'）：持有该账号的机器下次重连时会重新共享它。`],
  },
  LOCK_TIMEOUT: {
    kind: 'transient',
    en: [t('Another WxDesk process has been refreshing this token for too long.'), t('If no other WxDesk is running, try again: a stale lock is cleared automatically.')],
    zh: [t('另一个 WxDesk 进程刷新此 token 的时间过长。'), t('如没有其他 WxDesk 在运行，请重试：过期的锁会被自动清除。')],
  },
};

export interface WxErrorInit extends Params {
  /** Which text to use when one code means different things in different places ('40001@api'). */
  variant?: string;
  errmsg?: string;
  rid?: string;
  retryAfterMs?: number;
  kind?: ErrorKind;
  cause?: unknown;
}

export class WxError extends Error {
  readonly code: number | string;
  readonly kind: ErrorKind;
  readonly hint: string;
  readonly errmsg?: string;
  readonly rid?: string;
  readonly ip?: string;
  readonly retryAfterMs?: number;
  private readonly params: Params;
  private readonly variant: string;
  /** Texts restored from a stored view, which may carry details the table alone cannot rebuild. */
  private restored?: { message: string; hint: string; zh?: { message: string; hint: string } };

  constructor(code: number | string, init: WxErrorInit = {}) {
    const variant = init.variant ?? String(code);
    const entry = table[variant];
    const params: Params = { ip: init.ip, detail: init.detail ?? (entry ? undefined : `${code} ${init.errmsg ?? ''}`.trim()), seconds: init.seconds, reason: init.reason };
    for (const k of ['detailZh', 'hint', 'hintZh'] as const) if (init[k] !== undefined) params[k] = init[k];
    const [message, hint] = (entry ?? table.UNKNOWN_ERRCODE!).en;
    super(message(params), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'WxError';
    this.code = code;
    this.kind = init.kind ?? entry?.kind ?? 'config';
    this.hint = hint(params);
    this.params = params;
    this.variant = variant;
    if (init.errmsg !== undefined) this.errmsg = init.errmsg;
    if (init.rid !== undefined) this.rid = init.rid;
    if (init.ip !== undefined) this.ip = init.ip;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
  }

  /** The message and hint in the given language. */
  text(locale: Locale): { message: string; hint: string } {
    if (locale === 'en') return { message: this.message, hint: this.hint };
    if (this.restored?.zh) return this.restored.zh;
    const [message, hint] = (table[this.variant] ?? table.UNKNOWN_ERRCODE!).zh;
    // A detail given in Chinese too stands in for the English one wherever a zh text quotes it.
    const params = this.params.detailZh === undefined ? this.params : { ...this.params, detail: this.params.detailZh };
    return { message: message(params), hint: hint(params) };
  }

  view(): WxErrorView {
    const v: WxErrorView = { code: this.code, kind: this.kind, message: this.message, hint: this.hint, zh: this.text('zh-CN') };
    if (this.errmsg !== undefined) v.errmsg = this.errmsg;
    if (this.rid !== undefined) v.rid = this.rid;
    if (this.ip !== undefined) v.ip = this.ip;
    if (this.retryAfterMs !== undefined) v.retryAfterMs = this.retryAfterMs;
    return v;
  }

  toJSON(): WxErrorView {
    return this.view();
  }

  /** Rebuilds an error from its stored view (history, the persisted last error). */
  static fromView(v: WxErrorView): WxError {
    const variant = v.code === 40001 && v.kind === 'token' ? '40001@api' : undefined;
    const e = new WxError(v.code, { errmsg: v.errmsg, rid: v.rid, ip: v.ip, retryAfterMs: v.retryAfterMs, kind: v.kind, variant });
    e.message = v.message;
    (e as { hint: string }).hint = v.hint;
    e.restored = { message: v.message, hint: v.hint, ...(v.zh ? { zh: v.zh } : {}) };
    return e;
  }
}

export function isWxError(e: unknown): e is WxError {
  return e instanceof WxError;
}

/**
 * Anything thrown, as a WxError. The WeChat client maps network faults itself, so anything else
 * that arrives here unexpected is INTERNAL: never retried, never passed off as a network fault.
 */
export function toWxError(e: unknown): WxError {
  if (e instanceof WxError) return e;
  const detail = e instanceof Error ? e.message : String(e);
  return new WxError('INTERNAL', { detail, cause: e });
}

/**
 * Input refused: `detail` says what was wrong and what to type instead (English), `detailZh` the
 * same in Chinese for the dashboard's zh text (without it, the zh text repeats `detail`). A `hint`
 * that fits the refusal takes the place of the generic "Correct the value and try again."
 */
export function invalidInput(detail: string, detailZh?: string, hint?: { en: string; zh: string }): WxError {
  return new WxError('INVALID_INPUT', { detail, ...(detailZh === undefined ? {} : { detailZh }), ...(hint ? { hint: hint.en, hintZh: hint.zh } : {}) });
}

/** Maps a WeChat `{errcode, errmsg}` answer to a WxError, with its rid and (for IP errors) the IP. */
export function fromErrcode(errcode: number, errmsg: string, where: 'token-api' | 'api' = 'token-api'): WxError {
  const init: WxErrorInit = { errmsg };
  if (where === 'api' && errcode === 40001) init.variant = '40001@api';
  const rid = parseRid(errmsg);
  if (rid) init.rid = rid;
  if (errcode === 40164 || errcode === 61004) {
    const ip = parseIp(errmsg);
    if (ip) init.ip = ip;
  }
  if (errcode === 89506) init.retryAfterMs = 24 * 3600_000;
  if (errcode === 89507) init.retryAfterMs = 3600_000;
  if (errcode === 45011) init.retryAfterMs = 60_000;
  return new WxError(errcode, init);
}

export function localeFrom(lang: string | undefined): Locale {
  return lang && /^zh/i.test(lang) ? 'zh-CN' : 'en';
}
