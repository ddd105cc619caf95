// `wxdesk accounts add|update|list|remove`.
import type { ParseArgsConfig } from 'node:util';
import { fail, parse, serverTokenFlag, type CliContext } from './common';
import type { AccountInput } from '../core/accounts';
import { WxError } from '../core/errors';
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

export const ACCOUNTS_ADD_HELP = `Usage: wxdesk accounts add --app-id ID --secret S [options]
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
`;

function onOff(v: string | undefined, flag: string): boolean | undefined {
  if (v === undefined) return undefined;
  if (/^(on|true|yes|1)$/i.test(v)) return true;
  if (/^(off|false|no|0)$/i.test(v)) return false;
  return fail(`${flag} takes on or off (got "${v}").`);
}

function mode(v: string | undefined): TokenMode | undefined {
  if (v === undefined || v === 'stable' || v === 'classic') return v;
  return fail(`--mode takes stable or classic (got "${v}").`);
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
  if (!ctx.io.stdin) return fail('--secret - reads the AppSecret from standard input, which this run does not have.');
  const line = (await ctx.io.stdin()).split(/\r?\n/)[0]!;
  if (!line) fail('--secret - read nothing from standard input: pipe the AppSecret in, e.g. printf %s "$SECRET" | wxdesk accounts add … --secret -');
  return line;
}

function formatLeft(ms: number): string {
  if (ms <= 0) return 'expired';
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : `${m}m${String(s % 60).padStart(2, '0')}s`;
}

export async function accountsCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { io } = ctx;
  const [sub, ...rest] = args;
  switch (sub) {
    case 'add':
    case 'update': {
      const { values, positionals } = parse(rest, ACCOUNT_OPTIONS, sub === 'update');
      if (values.help) return io.out(ACCOUNTS_ADD_HELP), 0;
      const appId = (sub === 'update' ? positionals[0] ?? values['app-id'] : values['app-id'])?.trim();
      if (!appId) fail(sub === 'add' ? '--app-id is required (and --secret). See: wxdesk accounts add --help' : 'Name the account: wxdesk accounts update APPID [options]');
      if (sub === 'update') nothingToChange(values, appId);
      const c = await ctx.core();
      const exists = c.accounts.get(appId) !== undefined;
      if (sub === 'add' && exists) fail(`Account ${appId} already exists. Change it with: wxdesk accounts update ${appId} [options]`);
      if (sub === 'update' && !exists) throw new WxError('NO_ACCOUNT', { detail: appId });
      if (values.secret === '-') values.secret = await secretFromStdin(ctx);
      const view = await c.accounts.save(accountInput(values, appId));
      io.out(`${sub === 'add' ? 'Added' : 'Updated'} ${view.appId} (${view.label}), ${view.mode} mode, API ${view.apiBase}. Message mode: ${view.messageMode}.\n`);
      return 0;
    }
    case 'list': {
      const { values } = parse(rest, { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
      if (values.help) return io.out('Usage: wxdesk accounts list [--json]\n'), 0;
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
      if (rows.length === 0) return io.out('No accounts. Add one with: wxdesk accounts add --app-id ID --secret S\n'), 0;
      const now = c.keeper.now();
      const table = [['APPID', 'LABEL', 'MODE', 'SECRET', 'TOKEN', 'API', 'MESSAGES'], ...rows.map(({ account: a, state: s }) => [
        a.appId,
        a.label,
        a.mode,
        a.hasSecret ? 'yes' : 'missing',
        s.token ? formatLeft(s.token.expiresAt - now) : s.lastError ? `error ${s.lastError.error.code}` : 'none',
        a.apiBase,
        a.messageMode,
      ])];
      const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
      io.out(table.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n') + '\n');
      return 0;
    }
    case 'remove': {
      const { values, positionals } = parse(rest, { help: { type: 'boolean', short: 'h' } }, true);
      if (values.help) return io.out('Usage: wxdesk accounts remove APPID\n'), 0;
      const appId = positionals[0];
      if (!appId || positionals.length > 1) fail('Name one account: wxdesk accounts remove APPID');
      const c = await ctx.core();
      if (!(await c.accounts.remove(appId))) throw new WxError('NO_ACCOUNT', { detail: appId });
      io.out(`Removed ${appId}.\n`);
      return 0;
    }
    case undefined:
    case '--help':
    case '-h':
      io.out(`Usage: wxdesk accounts add|update|list|remove …\n\n${ACCOUNTS_ADD_HELP}`);
      return sub === undefined ? 2 : 0;
    default:
      return fail(`Unknown accounts command "${sub}". Use add, update, list or remove.`);
  }
}

