// Errors of the rule "a secret goes only to the API base it was saved for" and of the team's Redis
// URL (issue 20, item 1), in the same shape as errors.ts's table, which takes them in.
import type { ErrorEntry } from './errors';

const t = (s: string) => () => s;

export const TEAM_ERRORS: Record<string, ErrorEntry> = {
  SECRET_BASE_MISMATCH: {
    kind: 'config',
    en: [
      (p) => `WxDesk will not send the AppSecret to ${p.detail ?? 'the account\'s new API base'}: on this machine it was saved for ${p.reason ?? 'another API base'}.`,
      t('The account\'s API base changed without its AppSecret (edited elsewhere, a planted file, or a teammate\'s record). If the new base is right, enter the AppSecret again for it on this machine (the account form, or `wxdesk accounts update APPID --api-base … --secret …`); if not, set the API base back.'),
    ],
    zh: [
      (p) => `WxDesk 不会把 AppSecret 发往 ${p.detail ?? '账号的新 API 地址'}：本机保存它时对应的是 ${p.reason ?? '另一个 API 地址'}。`,
      t('账号的 API 地址在没有同时提供 AppSecret 的情况下被改动（在别处修改、被植入的文件或队友的记录）。如新地址正确，请在本机为它重新填写 AppSecret（账号表单，或 `wxdesk accounts update APPID --api-base … --secret …`）；否则请把 API 地址改回去。'),
    ],
  },
  TEAM_URL_LOCAL_ONLY: {
    kind: 'input',
    en: [
      t('The team Redis URL cannot be changed through the dashboard API: whoever holds it could send this machine\'s accounts and tokens to a Redis of their choosing.'),
      t('Change it on this machine: in the desktop app\'s settings (a system dialog asks you to confirm), or with `--redis URL` / WXDESK_REDIS_URL for the CLI and `wxdesk serve`.'),
    ],
    zh: [
      t('不能通过控制台 API 修改团队 Redis 地址：掌握该 API 的人可能借此把本机的账号和 token 发往其指定的 Redis。'),
      t('请在本机修改：在桌面应用的设置中（系统对话框会请你确认），或为命令行和 `wxdesk serve` 使用 `--redis URL` / WXDESK_REDIS_URL。'),
    ],
  },
  TEAM_URL_NOT_CONFIRMED: {
    kind: 'input',
    en: [t('The team Redis URL was not changed: the change was not confirmed.'), t('Save it again and choose to use it in the dialog that asks.')],
    zh: [t('团队 Redis 地址未修改：该修改未被确认。'), t('请重新保存，并在弹出的对话框中确认使用。')],
  },
};
