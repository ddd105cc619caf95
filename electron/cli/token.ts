// `wxdesk token`: a cached token straight from the state files; the keeper (and with it the WeChat
// client) is loaded only when the token must be fetched.
import type { CliContext } from './common';
import type { Locale } from '../core/errors';
import { fail, parse } from './common';
import { servable, tokenFor } from '../core/keeper/policy';
import type { TokenRecord } from '../core/state/records';

export const TOKEN_HELP: Record<Locale, string> = {
  en: `Usage: wxdesk token [APPID] [--force] [--json]

Prints a valid access_token for the account (APPID may be left out when there is only one).
The cached token is used while it is valid; otherwise one upstream call fetches a new one.

  --force   a new token even though the current one is valid (stable mode: force_refresh,
            which invalidates the previous stable token; 20 a day, 30 s apart)
  --json    {"access_token","expires_in","expires_at","mode"}
`,
  'zh-CN': `用法：wxdesk token [APPID] [--force] [--json]

打印账号有效的 access_token（只有一个账号时可省略 APPID）。缓存的 token 有效时直接使用；
否则向上游调用一次获取新的 token。

  --force   即使当前 token 仍有效也获取新的（stable 模式：force_refresh，会使之前的 stable
            token 失效；每天 20 次，间隔 30 秒）
  --json    {"access_token","expires_in","expires_at","mode"}
`,
};

export async function tokenCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { force: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, true);
  if (values.help) return ctx.io.out(TOKEN_HELP[ctx.locale]), 0;
  if (positionals.length > 1) fail(`token takes one APPID (got ${positionals.join(' ')}).`, `token 只接受一个 APPID（收到 ${positionals.join(' ')}）。`);
  const appId = ctx.pickAccount(positionals[0], 'token');
  let rec: TokenRecord | undefined;
  if (!values.force) {
    const e = ctx.state().entry(appId)!;
    const cached = tokenFor(e.account, e.token);
    if (servable(cached, Date.now())) rec = cached;
  }
  if (!rec) {
    const { keeper } = await ctx.core();
    rec = values.force ? await keeper.forceRefresh(appId) : await keeper.get(appId);
  }
  if (values.json) {
    const expiresIn = Math.max(0, Math.floor((rec.expiresAt - Date.now()) / 1000));
    ctx.io.out(JSON.stringify({ access_token: rec.token, expires_in: expiresIn, expires_at: new Date(rec.expiresAt).toISOString(), mode: rec.mode }) + '\n');
  } else {
    ctx.io.out(rec.token + '\n');
  }
  return 0;
}
