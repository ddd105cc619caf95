// What every `wxdesk` command shares: its I/O, usage errors, argument parsing, and the data it
// works on. The state files are opened on demand; the full core (keeper, WeChat client) is loaded
// only by commands that may call WeChat, so printing a cached token stays a near-bare Node start.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ConnectionNotice, Notice, StoreNotice } from '../contract';
import { WxError, type Locale } from '../core/errors';
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

/** A wrong command line: exit 2. */
export class UsageError extends Error {}

export function fail(msg: string): never {
  throw new UsageError(msg);
}

export function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (e) {
    // node:util's messages name the flag ("Unknown option '--x'"); keep them, drop its own advice.
    fail((e as Error).message.replace(/\. To specify a positional argument.*$/s, '.'));
  }
}

const NOTICE = {
  en: (n: StoreNotice) =>
    `wxdesk: warning: ${n.file} was damaged and could not be read. The damaged copy is kept at ${n.movedTo}. ` +
    (n.recovered === 'memory' ? 'WxDesk wrote back the last good copy it held.' : 'WxDesk carried on without it: add the accounts or secrets again, or repair the copy and move it back.') +
    '\n',
  'zh-CN': (n: StoreNotice) =>
    `wxdesk: 警告：${n.file} 已损坏，无法读取。损坏的副本保存在 ${n.movedTo}。` +
    (n.recovered === 'memory' ? 'WxDesk 已写回其持有的最后一份完好数据。' : 'WxDesk 已在没有该文件的情况下继续运行：请重新添加账号或密钥，或修复副本后移回原处。') +
    '\n',
};

const LABELS = {
  en: { hint: 'hint', ip: 'ip to whitelist', said: 'wechat said', rid: 'rid', lookup: 'look it up' },
  'zh-CN': { hint: '提示', ip: '需加入白名单的 IP', said: '微信原文', rid: 'rid', lookup: '查询' },
} as const;

/** An error for a person on stderr: WeChat's code first (where scripts find it), then what to do. */
export function describeError(e: WxError, locale: Locale, appId?: string): string {
  const { message, hint } = e.text(locale);
  const label = LABELS[locale];
  const code = typeof e.code === 'number' ? `[${e.code}] ` : '';
  const lines = [`wxdesk: ${code}${message}`, `${label.hint}: ${hint}`];
  if (e.ip) lines.push(`${label.ip}: ${e.ip}`);
  if (e.errmsg) lines.push(`${label.said}: ${e.errmsg}`);
  if (e.rid) lines.push(`${label.rid}: ${e.rid} (${label.lookup}: wxdesk rid ${appId ? `${appId} ` : ''}${e.rid})`);
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

/** The line that tells a person a data file was damaged (and where the copy is), that the team's Redis is down or back, or that a value in it is unreadable. */
export function noticeLine(n: Notice, locale: Locale): string {
  if (n.kind === 'team-entry') {
    const { message, hint } = WxError.fromView(n.error).text(locale);
    return `wxdesk: ${locale === 'zh-CN' ? '警告' : 'warning'}: ${message} ${hint}\n`;
  }
  return n.kind === 'connection' ? CONNECTION[locale](n) : NOTICE[locale](n);
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
    this.shared = await openRedisBackend({ url: this.redisUrl, local: this.state(), waitMs: 3_000 });
    // Damaged files are told by the data dir's own listener (state()).
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

  /** The AppID to act on: the one named (it must exist), or the only account. */
  pickAccount(id: string | undefined, command: string): string {
    const entries = this.state().entries();
    if (id) {
      if (!entries.has(id)) throw new WxError('NO_ACCOUNT', { detail: id });
      return id;
    }
    if (entries.size === 1) return [...entries.keys()][0]!;
    if (entries.size === 0) fail('No accounts yet. Add one with: wxdesk accounts add --app-id ID --secret S');
    return fail(`There are ${entries.size} accounts; name one: wxdesk ${command} APPID (${[...entries.keys()].join(', ')}).`);
  }
}
