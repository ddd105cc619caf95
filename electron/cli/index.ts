// The `wxdesk` command: the same core as the desktop app, no Electron. Exit codes: 0 done,
// 1 the operation failed (WeChat or network said no, a signature did not match), 2 bad usage or input.
// Each command's module is loaded when it runs, so a command loads what it needs and no more.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CliContext, UsageError, describeError, fail, type Io } from './common';
import { WxError, localeFrom, toWxError, type Locale } from '../core/errors';
import { unknownCommand } from './args';
import { isRedisUrl } from '../core/state/redis-url';
import { defaultDataDir } from '../core/store';

export type { Io } from './common';

const HELP: Record<Locale, string> = {
  en: `wxdesk: WeChat Official Account access_tokens, kept fresh for every tool on this machine.

Usage: wxdesk [--data-dir DIR] <command> [options]

Commands:
  accounts add      add an account (AppID, AppSecret, …)
  accounts update   change an account's settings
  accounts list     list accounts and their token status
  accounts remove   remove an account and everything kept for it
  token             print a valid access_token (cached, refreshed when needed)
  serve             keep tokens fresh and answer WeChat's token API locally
  sign              server URL and JS-SDK signatures, step by step
  crypt             safe-mode message signature, encrypt and decrypt
  probe             play WeChat against your callback server (URL check, pushes, safe mode)
  push              send one push (a message, a menu tap, any event) as a follower would
  api               call any WeChat API with the account's live token
  quota             daily limit, used and remaining calls of an API
  rid               what WeChat stored for an error's rid
  clear-quota       reset the account's daily quotas (10 a month)
  menu              the custom menu: get, set (checked, diffed, published), delete
  followers         the account's followers and their details
  template          template messages: list, send
  qrcode            a QR code with a scene, drawn locally (--png)
  media             upload an image, voice, video or thumb (checked before sending)

Global options:
  --data-dir DIR    where accounts and tokens live (env WXDESK_DATA_DIR;
                    default: the desktop app's data folder, ${defaultDataDir()})
  --redis URL       team mode: share accounts (never secrets), tokens and history with the
                    team through Redis (env WXDESK_REDIS_URL); redis:// or rediss:// (TLS)
  -h, --help        help for wxdesk or for a command
  -v, --version     print the version of WxDesk

Run "wxdesk <command> --help" for a command's options.
`,
  'zh-CN': `wxdesk：微信公众号 access_token 管家，为本机的每个工具保持 token 有效。

用法：wxdesk [--data-dir 目录] <命令> [选项]

命令：
  accounts add      添加账号（AppID、AppSecret 等）
  accounts update   修改账号设置
  accounts list     列出账号及其 token 状态
  accounts remove   删除账号及为它保存的一切
  token             打印有效的 access_token（优先用缓存，需要时刷新）
  serve             保持 token 有效，并在本机应答微信的 token 接口
  sign              服务器 URL 签名和 JS-SDK 签名，逐步计算
  crypt             安全模式的消息签名、加密和解密
  probe             扮演微信，检验你的回调服务器（URL 验证、推送、安全模式）
  push              像关注者一样发送一条推送（消息、菜单点击、任意事件）
  api               用账号当前有效的 token 调用任意微信接口
  quota             某个接口的每日上限、已用和剩余次数
  rid               查询某个错误的 rid 在微信那里的记录
  clear-quota       重置账号的每日调用次数（每月 10 次）
  menu              自定义菜单：查看、设置（检查、对比差异、发布）、删除
  followers         账号的关注者及其详情
  template          模板消息：列出、发送
  qrcode            带场景值的二维码，本地绘制（--png）
  media             上传图片、语音、视频或缩略图（发送前检查）

全局选项：
  --data-dir 目录   账号和 token 的保存位置（环境变量 WXDESK_DATA_DIR；
                    默认为桌面应用的数据目录 ${defaultDataDir()}）
  --redis URL       团队模式：通过 Redis 与团队共享账号（从不共享密钥）、token 和历史
                    （环境变量 WXDESK_REDIS_URL）；redis:// 或 rediss://（TLS）
  -h, --help        wxdesk 或某个命令的帮助
  -v, --version     打印 WxDesk 的版本号

运行 "wxdesk <命令> --help" 查看该命令的选项。
`,
};

/** Runs one wxdesk command line; returns the exit code. */
export async function runCli(argv: string[], io: Io, signal?: AbortSignal): Promise<number> {
  const locale = localeFrom(io.env.LC_ALL || io.env.LC_MESSAGES || io.env.LANG);
  let ctx: CliContext | undefined;
  try {
    // --data-dir and --redis may stand anywhere on the line.
    const args: string[] = [];
    let dataDir = io.env.WXDESK_DATA_DIR || undefined;
    let redisUrl = io.env.WXDESK_REDIS_URL || undefined;
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '--data-dir') {
        const v = argv[++i];
        if (!v || v.startsWith('-')) fail('--data-dir needs a directory.', '--data-dir 需要一个目录。');
        dataDir = v;
      } else if (a.startsWith('--data-dir=')) {
        dataDir = a.slice('--data-dir='.length);
        if (!dataDir) fail('--data-dir needs a directory.', '--data-dir 需要一个目录。');
      } else if (a === '--redis' || a.startsWith('--redis=')) {
        const v = a === '--redis' ? argv[++i] : a.slice('--redis='.length);
        if (!v || v.startsWith('-')) fail('--redis needs a URL: redis://[:PASSWORD@]HOST[:PORT][/DB] or rediss:// for TLS.', '--redis 需要一个地址：redis://[:密码@]主机[:端口][/库]，TLS 用 rediss://。');
        redisUrl = v;
      } else args.push(a);
    }
    if (redisUrl !== undefined && !isRedisUrl(redisUrl)) fail('--redis takes a redis:// or rediss:// URL (WXDESK_REDIS_URL too), e.g. redis://:PASSWORD@10.0.0.5:6379/0.', '--redis（以及 WXDESK_REDIS_URL）应为 redis:// 或 rediss:// 地址，例如 redis://:密码@10.0.0.5:6379/0。');
    ctx = new CliContext(io, locale, dataDir ?? defaultDataDir(io.env), redisUrl);
    const c = ctx;
    const [command, ...rest] = args;
    // Team mode: the mirror is synced before any command reads it (help and signatures need none).
    if (redisUrl && command && !['sign', 'crypt', 'help', '-h', '--help', '-v', '--version'].includes(command) && !rest.includes('--help') && !rest.includes('-h')) await c.joinTeam();
    switch (command) {
      case 'accounts':
        return await (await import('./accounts')).accountsCommand(c, rest);
      case 'token':
        return await (await import('./token')).tokenCommand(c, rest);
      case 'serve':
        return await (await import('./serve')).serveCommand(c, rest, signal);
      case 'sign':
        return await (await import('./sign')).runSign(rest, io, {
          ...labOptions(c),
          ticketFor: async (appId) => {
            c.account = appId;
            return (await (await c.core()).keeper.ticket(appId, 'jsapi')).ticket;
          },
        });
      case 'crypt':
        return await (await import('./crypt')).runCrypt(rest, io, labOptions(c));
      case 'probe':
        return await (await import('./probe')).probeCommand(c, rest);
      case 'push':
        return await (await import('./push')).pushCommand(c, rest);
      case 'api':
        return await (await import('./api')).apiCommand(c, rest);
      case 'quota':
        return await (await import('./api')).quotaCommand(c, rest);
      case 'rid':
        return await (await import('./api')).ridCommand(c, rest);
      case 'clear-quota':
        return await (await import('./api')).clearQuotaCommand(c, rest);
      case 'menu':
        return await (await import('./menu')).menuCommand(c, rest);
      case 'followers':
        return await (await import('./chores')).followersCommand(c, rest);
      case 'template':
        return await (await import('./chores')).templateCommand(c, rest);
      case 'qrcode':
        return await (await import('./chores')).qrcodeCommand(c, rest);
      case 'media':
        return await (await import('./chores')).mediaCommand(c, rest);
      case undefined:
        io.err(HELP[locale]);
        return 2;
      case '-h':
      case '--help':
      case 'help':
        io.out(HELP[locale]);
        return 0;
      case '-v':
      case '--version':
        if (rest.length > 0) fail(`${command} takes nothing after it (got ${rest.join(' ')}).`, `${command} 后面不接任何参数（实际为 ${rest.join(' ')}）。`);
        io.out(`${(await import('./version')).packageVersion()}\n`);
        return 0;
      default: {
        const said = unknownCommand(command, COMMANDS, { en: `Unknown command "${command}". Run wxdesk --help for the list.`, zh: `未知命令 "${command}"。运行 wxdesk --help 查看命令列表。` });
        return fail(said.en, said.zh);
      }
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`wxdesk: ${locale === 'zh-CN' && e.zh ? e.zh : e.message}\n`);
      return 2;
    }
    // Refused account fields (AccountInputError): the message names each field.
    if (e instanceof WxError && e.code === 'INVALID_INPUT' && 'fields' in e) {
      const fields = (locale === 'zh-CN' && 'fieldsZh' in e ? e.fieldsZh : e.fields) as Record<string, string>;
      const hints = ('hints' in e ? e.hints : {}) as Record<string, { en: string; zh: string } | undefined>;
      for (const [field, problem] of Object.entries(fields)) {
        io.err(`wxdesk: ${FIELD_FLAGS[field] ?? field}: ${problem}\n`);
        const hint = hints[field];
        if (hint) io.err(locale === 'zh-CN' ? `提示：${hint.zh}\n` : `hint: ${hint.en}\n`);
      }
      return 2;
    }
    const err = toWxError(e);
    io.err(describeError(err, locale, ctx?.account));
    return err.kind === 'input' ? 2 : 1;
  } finally {
    await ctx?.close();
  }
}

/** sign and crypt: the person's language, and the saved account behind --account [APPID]. */
function labOptions(c: CliContext) {
  return { locale: c.locale, account: async (appId: string | undefined) => (await import('./lab-account')).savedAccount(c, appId) };
}

/** The commands, for a "did you mean" when one is mistyped. */
const COMMANDS = ['accounts', 'token', 'serve', 'sign', 'crypt', 'probe', 'push', 'api', 'quota', 'rid', 'clear-quota', 'menu', 'followers', 'template', 'qrcode', 'media', 'help', '--version'];

/** The option that sets each account field, so a refusal names what to type. */
const FIELD_FLAGS: Record<string, string> = {
  appId: '--app-id',
  secret: '--secret',
  label: '--label',
  serverToken: '--server-token',
  aesKey: '--aes-key',
  mode: '--mode',
  apiBase: '--api-base',
  autoRefresh: '--auto-refresh',
  messageMode: '--message-mode',
};

const isMain = (() => {
  try {
    return !!process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();

/** The process entry: bin/wxdesk.js calls it; dist/cli.js calls it when run directly. */
export async function main(): Promise<void> {
  const stdin = async () => {
    let text = '';
    process.stdin.setEncoding('utf8');
    for await (const chunk of process.stdin) text += chunk as string;
    return text;
  };
  process.exitCode = await runCli(process.argv.slice(2), { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), env: process.env, stdin });
}

if (isMain) await main();
