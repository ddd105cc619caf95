// `--account [APPID]` of `wxdesk sign` and `wxdesk crypt`: the Token, EncodingAESKey and AppID saved
// with an account, read from the data dir (in team mode, its mirror of the team's Redis). Loaded
// only when --account is given, so the signature tools stay a bare start otherwise.
import { fail, type CliContext } from './common';
import { WxError } from '../core/errors';
import type { LabAccount } from './lab';

/** The account named, or the only one; with none or several, says what to type. */
export async function savedAccount(ctx: CliContext, appId: string | undefined): Promise<LabAccount> {
  await ctx.joinTeam();
  const entries = ctx.state().entries();
  if (appId !== undefined) {
    const entry = entries.get(appId);
    if (!entry) throw new WxError('NO_ACCOUNT', { detail: appId });
    return labAccount(entry.account);
  }
  const ids = [...entries.keys()];
  if (ids.length === 1) return labAccount(entries.get(ids[0]!)!.account);
  if (ids.length === 0) {
    return fail(
      '--account takes the Token, EncodingAESKey and AppID of a saved account, and there is none yet: add one (wxdesk accounts add --app-id ID --secret S --server-token T --aes-key K), or give the values with their options.',
      '--account 使用已保存账号的 Token、EncodingAESKey 和 AppID，但目前还没有账号：请先添加（wxdesk accounts add --app-id ID --secret S --server-token T --aes-key K），或用各自的选项直接给出这些值。',
    );
  }
  return fail(`There are ${ids.length} accounts; name one: --account APPID (${ids.join(', ')}).`, `共有 ${ids.length} 个账号，请指明其一：--account APPID（${ids.join('、')}）。`);
}

function labAccount(a: { appId: string; serverToken?: string; aesKey?: string }): LabAccount {
  return { appId: a.appId, serverToken: a.serverToken ?? '', aesKey: a.aesKey ?? '' };
}
