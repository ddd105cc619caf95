// What every `wxdesk` command shares: its I/O, usage errors, argument parsing, and the data it
// works on. The state files are opened on demand; the full core (keeper, WeChat client) is loaded
// only by commands that may call WeChat, so printing a cached token stays a near-bare Node start.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ConnectionNotice, FaultNotice, Notice, RefusedRecordNotice, StoreNotice, TeamEntryNotice } from '../contract';
import { WxError, type Locale } from '../core/errors';
import { parseArgsError } from './args';
import type { Core } from '../core/services';
import type { StateBackend } from '../core/state/backend';
import { FileBackend } from '../core/state/file-backend';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  env: NodeJS.ProcessEnv;
  /** Standard input as text (`--secret -`), where there is one. */
  stdin?: () => Promise<string>;
}

/** A wrong command line: exit 2. zh is the same message in Chinese, printed under LANG=zh_CN. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly zh?: string,
  ) {
    super(message);
  }
}

/** Refuses the command line: the message says what is wrong and what to type; give zh wherever there is text. */
export function fail(msg: string, zh?: string): never {
  throw new UsageError(msg, zh);
}

/** The server Token (令牌) from --server-token or its alias --token; given both, they must agree. */
export function serverTokenFlag(values: { 'server-token'?: unknown; token?: unknown }): string | undefined {
  const [named, alias] = [values['server-token'], values.token];
  if (typeof named === 'string' && typeof alias === 'string' && named !== alias) {
    fail('--server-token and --token are one option (--token is an alias) and were given different values: give one.', '--server-token 与 --token 是同一个选项（--token 是别名），却给了不同的值：请只给一个。');
  }
  return typeof named === 'string' ? named : typeof alias === 'string' ? alias : undefined;
}

export function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (e) {
    // node:util's messages are English only: said again in both languages, with a "did you mean".
    const said = parseArgsError(e, options);
    fail(said.en, said.zh);
  }
}

/** The records a notice names, as "wx… (tokens.expiresAt), settings (settings.endpointPort)". */
const recordList = (n: StoreNotice, settings: string) => (n.records ?? []).map((r) => `${r.account || settings} (${r.field})`).join(', ');

const NOTICE = {
  en: (n: StoreNotice) =>
    (n.records
      ? `wxdesk: warning: ${n.file} held records of the wrong type: ${recordList(n, 'settings')}. WxDesk set them aside and uses the rest; the file as it was is kept at ${n.movedTo}. ` +
        'A token set aside is fetched again; an account set aside must be added again (or repaired in the copy and moved back).'
      : `wxdesk: warning: ${n.file} was damaged and could not be read. The damaged copy is kept at ${n.movedTo}. ` +
        (n.recovered === 'memory'
          ? 'WxDesk wrote back the copy it held, which no other process had changed since.'
          : n.recovered === 'partial'
            ? 'WxDesk kept the readable part of it (whole records only): add anything missing again, or repair the copy and move it back.'
            : 'WxDesk carried on without it: add the accounts or secrets again, or repair the copy and move it back.')) +
    '\n',
  'zh-CN': (n: StoreNotice) =>
    (n.records
      ? `wxdesk: 警告：${n.file} 中有字段类型错误的记录：${recordList(n, '设置')}。WxDesk 已将其搁置并继续使用其余数据；原文件保存在 ${n.movedTo}。` +
        '被搁置的 token 会重新获取；被搁置的账号需要重新添加（或在副本中修复后移回原处）。'
      : `wxdesk: 警告：${n.file} 已损坏，无法读取。损坏的副本保存在 ${n.movedTo}。` +
        (n.recovered === 'memory'
          ? 'WxDesk 已写回其持有的副本（此后没有其他进程修改过该文件）。'
          : n.recovered === 'partial'
            ? 'WxDesk 保留了其中可读的部分（仅完整的记录）：请重新添加缺失的内容，或修复副本后移回原处。'
            : 'WxDesk 已在没有该文件的情况下继续运行：请重新添加账号或密钥，或修复副本后移回原处。')) +
    '\n',
};

const LABELS = {
  en: { hint: 'hint', ip: 'ip to whitelist', said: 'wechat said', rid: 'rid', lookup: 'look it up' },
  'zh-CN': { hint: '提示', ip: '需加入白名单的 IP', said: '微信原文', rid: 'rid', lookup: '查询' },
} as const;

/**
 * An error for a person on stderr: WeChat's code first (where scripts find it), then what to do.
 * A rid comes with the command that looks it up, naming the AppID (`wxdesk rid RID` alone fails as
 * soon as there are two accounts; APPID stands in when the account is not known). `lookup: false`
 * for the rid lookup's own errors: looking up the lookup's rid would go round in a circle.
 */
export function describeError(e: WxError, locale: Locale, appId?: string, lookup = true): string {
  const { message, hint } = e.text(locale);
  const label = LABELS[locale];
  const code = typeof e.code === 'number' ? `[${e.code}] ` : '';
  const lines = [`wxdesk: ${code}${message}`, `${label.hint}: ${hint}`];
  if (e.ip) lines.push(`${label.ip}: ${e.ip}`);
  if (e.errmsg) lines.push(`${label.said}: ${e.errmsg}`);
  if (e.rid) lines.push(lookup ? `${label.rid}: ${e.rid} (${label.lookup}: wxdesk rid ${appId ?? 'APPID'} ${e.rid})` : `${label.rid}: ${e.rid}`);
  return lines.join('\n') + '\n';
}

const CONNECTION = {
  en: (n: ConnectionNotice) =>
    n.state === 'down'
      ? `wxdesk: warning: the team's Redis (${n.server}) cannot be reached: serving this machine's copy of the tokens, reconnecting with backoff. Classic-mode tokens are not fetched until it is back (a new one would retire the team's).\n`
      : `wxdesk: the team's Redis (${n.server}) is back: this machine's state is reconciled (the newest token wins).\n`,
  'zh-CN': (n: ConnectionNotice) =>
    n.state === 'down'
      ? `wxdesk: 警告：无法连接团队的 Redis（${n.server}）：正在使用本机保存的 token，并以退避方式重连。在恢复之前不会获取普通模式的 token（新 token 会使团队的 token 失效）。\n`
      : `wxdesk: 团队的 Redis（${n.server}）已恢复：本机状态已与之合并（以最新的 token 为准）。\n`,
};

const REFUSED = {
  en: (n: RefusedRecordNotice) =>
    n.reason === 'moves-secret'
      ? `wxdesk: warning: refused a change to ${n.appId} from the team's Redis, written by ${n.by}: it points the account at ${n.detail}, and this machine's AppSecret for it was saved for another API base. This machine keeps its copy of the account, and its AppSecret goes nowhere else. If the move is right, enter the AppSecret again here: wxdesk accounts update ${n.appId} --api-base ${n.detail} --secret -\n`
      : `wxdesk: warning: refused a record of ${n.appId} from the team's Redis, written by ${n.by}: ${n.detail}. This machine keeps its copy of the account.\n`,
  'zh-CN': (n: RefusedRecordNotice) =>
    n.reason === 'moves-secret'
      ? `wxdesk: 警告：已拒绝团队 Redis 中 ${n.appId} 的修改（写入者：${n.by}）：它把账号指向 ${n.detail}，而本机保存的 AppSecret 对应的是另一个 API 地址。本机保留自己的账号副本，AppSecret 不会发往其他地址。如这次修改正确，请在本机重新填写 AppSecret：wxdesk accounts update ${n.appId} --api-base ${n.detail} --secret -\n`
      : `wxdesk: 警告：已拒绝团队 Redis 中 ${n.appId} 的记录（写入者：${n.by}）：${n.detail}。本机保留自己的账号副本。\n`,
};

/** A fault WxDesk carried on through: its message and what to do, in the person's language. */
function faultLine(n: FaultNotice | TeamEntryNotice, locale: Locale): string {
  const { message, hint } = WxError.fromView(n.error).text(locale);
  return `wxdesk: ${locale === 'zh-CN' ? '警告：' : 'warning: '}[${n.error.code}] ${message} ${hint}\n`;
}

/** The line that tells a person a data file was damaged (and where the copy is), that the team's Redis is down or back, that a record or value in it was refused or unreadable, or of a fault WxDesk carried on through. */
export function noticeLine(n: Notice, locale: Locale): string {
  if (n.kind === 'fault' || n.kind === 'team-entry') return faultLine(n, locale);
  return n.kind === 'connection' ? CONNECTION[locale](n) : n.kind === 'refused' ? REFUSED[locale](n) : NOTICE[locale](n);
}

export class CliContext {
  private files?: FileBackend;
  private opened?: Core;
  private shared?: StateBackend;

  constructor(
    readonly io: Io,
    readonly locale: Locale,
    readonly dataDir: string,
    /** Team mode: the Redis URL the state is shared through (--redis, WXDESK_REDIS_URL). */
    readonly redisUrl?: string,
  ) {}

  /**
   * Team mode: this data dir becomes a mirror of the team's Redis, synced before the command reads
   * it (or, when Redis cannot be reached, what it last saw, with a warning).
   */
  async joinTeam(): Promise<void> {
    if (!this.redisUrl || this.shared) return;
    const { openRedisBackend } = await import('../core/state/redis-backend');
    const { FileSecretBox, bindUnboundSecrets } = await import('../core/secrets');
    // Secrets saved before bases were kept are bound to this data dir's bases before any record from Redis is seen.
    const secrets = new FileSecretBox(this.dataDir);
    await bindUnboundSecrets(secrets, this.state().entries());
    this.shared = await openRedisBackend({ url: this.redisUrl, local: this.state(), waitMs: 3_000, secrets });
    this.shared.onNotice((n) => {
      if (n.kind !== 'damaged') this.io.err(noticeLine(n, this.locale));
    });
    for (const n of this.shared.notices()) if (n.kind !== 'damaged') this.io.err(noticeLine(n, this.locale));
  }

  /** The data dir's state files (no WeChat client): enough to read accounts and cached tokens. */
  state(): FileBackend {
    if (!this.files) {
      this.files = new FileBackend({ dataDir: this.dataDir });
      this.files.onNotice((n) => this.io.err(noticeLine(n, this.locale)));
    }
    return this.files;
  }

  /** The whole core on the same state, loaded on first use. */
  async core(): Promise<Core> {
    if (!this.opened) {
      const { createCore } = await import('../core/services');
      this.opened = createCore({ dataDir: this.dataDir, backend: this.shared ?? this.state(), files: this.state() });
      if (this.shared) await this.opened.accounts.ensureSecretChecks();
    }
    return this.opened;
  }

  async close(): Promise<void> {
    if (this.opened) await this.opened.close();
    else if (this.shared) await this.shared.close();
    else await this.files?.close();
  }

  /** The account the command acts on, once known: the hints of its errors name it. */
  account?: string;

  /** The AppID to act on: the one named (it must exist), or the only account. */
  pickAccount(id: string | undefined, command: string): string {
    const entries = this.state().entries();
    if (id) {
      if (!entries.has(id)) throw new WxError('NO_ACCOUNT', { detail: id });
      return (this.account = id);
    }
    if (entries.size === 1) return (this.account = [...entries.keys()][0]!);
    if (entries.size === 0) fail('No accounts yet. Add one with: wxdesk accounts add --app-id ID --secret S', '还没有账号。请先添加：wxdesk accounts add --app-id ID --secret S');
    const ids = [...entries.keys()].join(', ');
    return fail(`There are ${entries.size} accounts; name one: wxdesk ${command} APPID (${ids}).`, `共有 ${entries.size} 个账号，请指明一个：wxdesk ${command} APPID（${ids}）。`);
  }
}
