// `wxdesk accounts add|update|list|remove`.
import type { ParseArgsConfig } from 'node:util';
import { fail, parse, serverTokenFlag, type CliContext } from './common';
import type { AccountInput } from '../core/accounts';
import { WxError, type Locale } from '../core/errors';
import { unknownCommand } from './args';
import { formatTable } from './columns';
import type { TokenMode } from '../core/state/records';
import { isMessageMode, type MessageMode } from '../core/validate';

const ACCOUNT_OPTIONS = {
  'app-id': { type: 'string' },
  secret: { type: 'string' },
  label: { type: 'string' },
  'server-token': { type: 'string' },
  token: { type: 'string' },
  'aes-key': { type: 'string' },
  mode: { type: 'string' },
  'api-base': { type: 'string' },
  'auto-refresh': { type: 'string' },
  'message-mode': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export const ACCOUNTS_ADD_HELP: Record<Locale, string> = {
  en: `Usage: wxdesk accounts add --app-id ID --secret S [options]
       wxdesk accounts update ID [options]

  --app-id ID          AppID: "wx" + 16 hex characters
  --secret S           AppSecret: 32 hex characters (kept in secrets.json, mode 0600; never shown again).
                       --secret - reads it from standard input, so it never shows in the process
                       list or the shell's history: printf %s "$SECRET" | wxdesk accounts add … --secret -
  --label L            a name for the account
  --server-token T     the Token of the server URL configuration (3–32 letters/digits);
                       --token T is an alias
  --aes-key K          EncodingAESKey (43 characters)
  --mode M             stable (default: never invalidates anyone else's token) or classic
  --api-base URL       default https://api.weixin.qq.com; also api2 / sh.api / sz.api / hk.api
                       .weixin.qq.com, or any http(s) URL (a proxy, a test server)
  --auto-refresh on|off  keep the token fresh on a timer while WxDesk runs (default on)
  --message-mode M     WeChat's 消息加解密方式 as set on 服务器配置: plain (明文, the default),
                       compatible (兼容; compat works too) or safe (安全). The probe uses it; WeChat
                       shows an EncodingAESKey even in plain mode, so a key alone never means safe
`,
  'zh-CN': `用法：wxdesk accounts add --app-id ID --secret S [选项]
       wxdesk accounts update ID [选项]

  --app-id ID          AppID：wx 加 16 位十六进制字符
  --secret S           AppSecret：32 位十六进制字符（保存在 secrets.json，权限 0600；不再显示）。
                       --secret - 从标准输入读取，不会出现在进程列表或 shell 历史中：
                       printf %s "$SECRET" | wxdesk accounts add … --secret -
  --label L            账号的名称
  --server-token T     服务器配置中的 Token（令牌），3–32 位字母或数字；
                       --token T 是它的别名
  --aes-key K          EncodingAESKey（43 个字符）
  --mode M             stable（默认：从不使其他调用方的 token 失效）或 classic
  --api-base URL       默认 https://api.weixin.qq.com；也可用 api2 / sh.api / sz.api / hk.api
                       .weixin.qq.com，或任意 http(s) 地址（代理、测试服务器）
  --auto-refresh on|off  WxDesk 运行时按计划保持 token 有效（默认 on）
  --message-mode M     微信「服务器配置」中的消息加解密方式：plain（明文模式，默认）、
                       compatible（兼容模式；也可写 compat）或 safe（安全模式）。探测按它进行；
                       明文模式下微信也会显示 EncodingAESKey，所以仅有密钥并不代表安全模式
`,
};

const LIST_HELP = { en: 'Usage: wxdesk accounts list [--json]\n', 'zh-CN': '用法：wxdesk accounts list [--json]\n' };
const REMOVE_HELP = { en: 'Usage: wxdesk accounts remove APPID\n', 'zh-CN': '用法：wxdesk accounts remove APPID\n' };
const GROUP_HELP = { en: 'Usage: wxdesk accounts add|update|list|remove …\n\n', 'zh-CN': '用法：wxdesk accounts add|update|list|remove …\n\n' };

function onOff(v: string | undefined, flag: string): boolean | undefined {
  if (v === undefined) return undefined;
  if (/^(on|true|yes|1)$/i.test(v)) return true;
  if (/^(off|false|no|0)$/i.test(v)) return false;
  return fail(`${flag} takes on or off (got "${v}").`, `${flag} 只能是 on 或 off（收到 "${v}"）。`);
}

function mode(v: string | undefined): TokenMode | undefined {
  if (v === undefined || v === 'stable' || v === 'classic') return v;
  return fail(`--mode takes stable or classic (got "${v}").`, `--mode 只能是 stable 或 classic（收到 "${v}"）。`);
}

/** --message-mode: WeChat's three modes, `compat` for compatible; anything else is refused by name. */
function messageMode(v: string | undefined): MessageMode | undefined {
  if (v === undefined) return undefined;
  const m = v.trim().toLowerCase();
  if (m === 'compat') return 'compatible';
  if (isMessageMode(m)) return m;
  return fail(
    `--message-mode takes plain, compatible (or compat) or safe, as set on WeChat's 服务器配置 page (got "${v}").`,
    `--message-mode 只能是 plain（明文模式）、compatible（或 compat，兼容模式）或 safe（安全模式），与微信「服务器配置」页面的设置一致（收到 "${v}"）。`,
  );
}

function accountInput(values: Record<string, string | boolean | undefined>, appId: string): AccountInput {
  const s = (k: string) => values[k] as string | undefined;
  const input: AccountInput = { appId };
  const pairs: [keyof AccountInput, string | boolean | undefined][] = [
    ['secret', s('secret')],
    ['label', s('label')],
    ['serverToken', serverTokenFlag(values)],
    ['aesKey', s('aes-key')],
    ['mode', mode(s('mode'))],
    ['apiBase', s('api-base')],
    ['autoRefresh', onOff(s('auto-refresh'), '--auto-refresh')],
    ['messageMode', messageMode(s('message-mode'))],
  ];
  for (const [k, v] of pairs) if (v !== undefined) (input as unknown as Record<string, unknown>)[k] = v;
  return input;
}

/** The options that change an account: every one but --app-id (which names it) and --help. */
const CHANGES = Object.keys(ACCOUNT_OPTIONS).filter((k) => k !== 'app-id' && k !== 'help');

/** `accounts update ID` with no option that changes anything is a usage error, not a silent "Updated". */
function nothingToChange(values: Record<string, unknown>, appId: string): void {
  if (CHANGES.some((k) => values[k] !== undefined)) return;
  const flags = CHANGES.filter((k) => k !== 'token').map((k) => `--${k}`).join(', ');
  fail(`Nothing to change for ${appId}: give at least one of ${flags}.`, `${appId} 没有要修改的内容：请至少给出以下选项之一：${flags}。`);
}

/** `--secret -`: the first line of standard input, so the secret is never on a command line. */
async function secretFromStdin(ctx: CliContext): Promise<string> {
  if (!ctx.io.stdin) return fail('--secret - reads the AppSecret from standard input, which this run does not have.', '--secret - 从标准输入读取 AppSecret，但本次运行没有标准输入。');
  const line = (await ctx.io.stdin()).split(/\r?\n/)[0]!;
  if (!line) fail('--secret - read nothing from standard input: pipe the AppSecret in, e.g. printf %s "$SECRET" | wxdesk accounts add … --secret -', '--secret - 没有从标准输入读到内容：请用管道传入 AppSecret，例如 printf %s "$SECRET" | wxdesk accounts add … --secret -');
  return line;
}

function formatLeft(ms: number, zh: boolean): string {
  if (ms <= 0) return zh ? '已过期' : 'expired';
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (zh) return h > 0 ? `${h}小时${String(m).padStart(2, '0')}分` : `${m}分${String(s % 60).padStart(2, '0')}秒`;
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : `${m}m${String(s % 60).padStart(2, '0')}s`;
}

/** The list's headings and status words. */
const LIST_WORDS = {
  en: { head: ['APPID', 'LABEL', 'MODE', 'SECRET', 'TOKEN', 'API', 'MESSAGES'], yes: 'yes', missing: 'missing', error: 'error', none: 'none' },
  'zh-CN': { head: ['APPID', '名称', '模式', '密钥', 'TOKEN', 'API 地址', '消息加解密'], yes: '已保存', missing: '缺失', error: '错误', none: '无' },
};

export async function accountsCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { io, locale } = ctx;
  const zh = locale === 'zh-CN';
  const [sub, ...rest] = args;
  switch (sub) {
    case 'add':
    case 'update': {
      const { values, positionals } = parse(rest, ACCOUNT_OPTIONS, sub === 'update');
      if (values.help) return io.out(ACCOUNTS_ADD_HELP[locale]), 0;
      const appId = (sub === 'update' ? positionals[0] ?? values['app-id'] : values['app-id'])?.trim();
      if (!appId) {
        if (sub === 'add') fail('--app-id is required (and --secret). See: wxdesk accounts add --help', '需要 --app-id（以及 --secret）。见：wxdesk accounts add --help');
        fail('Name the account: wxdesk accounts update APPID [options]', '请指明账号：wxdesk accounts update APPID [选项]');
      }
      if (sub === 'update') nothingToChange(values, appId);
      const c = await ctx.core();
      const exists = c.accounts.get(appId) !== undefined;
      if (sub === 'add' && exists) fail(`Account ${appId} already exists. Change it with: wxdesk accounts update ${appId} [options]`, `账号 ${appId} 已存在。修改请用：wxdesk accounts update ${appId} [选项]`);
      if (sub === 'update' && !exists) throw new WxError('NO_ACCOUNT', { detail: appId });
      if (values.secret === '-') values.secret = await secretFromStdin(ctx);
      const view = await c.accounts.save(accountInput(values, appId));
      if (zh) io.out(`已${sub === 'add' ? '添加' : '更新'} ${view.appId}（${view.label}），${view.mode} 模式，API ${view.apiBase}。消息加解密方式：${view.messageMode}。\n`);
      else io.out(`${sub === 'add' ? 'Added' : 'Updated'} ${view.appId} (${view.label}), ${view.mode} mode, API ${view.apiBase}. Message mode: ${view.messageMode}.\n`);
      return 0;
    }
    case 'list': {
      const { values } = parse(rest, { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
      if (values.help) return io.out(LIST_HELP[locale]), 0;
      const c = await ctx.core();
      const rows = c.accounts.list().map((a) => ({ account: a, state: c.keeper.state(a.appId) }));
      if (values.json) {
        const out = rows.map(({ account, state }) => ({
          ...account,
          token: { status: state.status, expiresAt: state.token?.expiresAt ?? null, lastError: state.lastError?.error ?? null },
        }));
        io.out(JSON.stringify(out, null, 2) + '\n');
        return 0;
      }
      if (rows.length === 0) return io.out(zh ? '还没有账号。添加：wxdesk accounts add --app-id ID --secret S\n' : 'No accounts. Add one with: wxdesk accounts add --app-id ID --secret S\n'), 0;
      const now = c.keeper.now();
      const w = zh ? LIST_WORDS['zh-CN'] : LIST_WORDS.en;
      const table = [w.head, ...rows.map(({ account: a, state: s }) => [
        a.appId,
        a.label,
        a.mode,
        a.hasSecret ? w.yes : w.missing,
        s.token ? formatLeft(s.token.expiresAt - now, zh) : s.lastError ? `${w.error} ${s.lastError.error.code}` : w.none,
        a.apiBase,
        a.messageMode,
      ])];
      io.out(formatTable(table));
      return 0;
    }
    case 'remove': {
      const { values, positionals } = parse(rest, { help: { type: 'boolean', short: 'h' } }, true);
      if (values.help) return io.out(REMOVE_HELP[locale]), 0;
      const appId = positionals[0];
      if (!appId || positionals.length > 1) fail('Name one account: wxdesk accounts remove APPID', '请指明一个账号：wxdesk accounts remove APPID');
      const c = await ctx.core();
      if (!(await c.accounts.remove(appId))) throw new WxError('NO_ACCOUNT', { detail: appId });
      io.out(zh ? `已删除 ${appId}。\n` : `Removed ${appId}.\n`);
      return 0;
    }
    case undefined:
    case '--help':
    case '-h':
      io.out(GROUP_HELP[locale] + ACCOUNTS_ADD_HELP[locale]);
      return sub === undefined ? 2 : 0;
    default: {
      const said = unknownCommand(sub, ['add', 'update', 'list', 'remove'], { en: `Unknown accounts command "${sub}". Use add, update, list or remove.`, zh: `未知的 accounts 命令 "${sub}"。可用 add、update、list 或 remove。` });
      return fail(said.en, said.zh);
    }
  }
}

