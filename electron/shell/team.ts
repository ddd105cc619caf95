// The desktop's one way to change the team Redis URL (issue 20, item 1): the settings page proposes
// a URL, and the main process asks in a native dialog, which no page, script or dashboard API call
// can answer. Pure: the dialog's words and buttons, and what the answer decides; main.ts shows it.
import type { Lang } from '../contract';
import { WxError, invalidInput } from '../core/errors';
import { isRedisUrl, redactRedisUrl } from '../core/state/redis-url';

export interface TeamUrlDialog {
  type: 'warning';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  /** Cancel is the default and what Esc gives: only a deliberate click joins. */
  defaultId: number;
  cancelId: number;
  noLink: true;
}

/** The button that applies the change. */
export const CONFIRM_BUTTON = 1;

const TEXT = {
  en: {
    title: 'Team mode',
    join: 'Share this machine\'s accounts and tokens through {server}?',
    joinDetail: 'From the next start, the accounts (never an AppSecret), their tokens and history go to this Redis, and whoever can write to it can change them. AppSecrets stay on this machine and are only ever sent to the API base they were saved for. Confirm only a Redis your team runs.',
    leave: 'Leave team mode?',
    leaveDetail: 'From the next start, this machine keeps its own copy of the accounts and tokens, and no longer follows the team\'s Redis.',
    cancel: 'Cancel',
    confirmJoin: 'Use this Redis',
    confirmLeave: 'Leave team mode',
  },
  'zh-CN': {
    title: '团队模式',
    join: '通过 {server} 共享本机的账号和 token？',
    joinDetail: '从下次启动起，账号（不含 AppSecret）、token 和刷新记录会写入这个 Redis，能写入它的人都可以修改它们。AppSecret 只保存在本机，并且只会发往保存时对应的 API 地址。请只确认你的团队自己运行的 Redis。',
    leave: '退出团队模式？',
    leaveDetail: '从下次启动起，本机使用自己的账号和 token 副本，不再跟随团队的 Redis。',
    cancel: '取消',
    confirmJoin: '使用此 Redis',
    confirmLeave: '退出团队模式',
  },
} as const;

/** The dialog to show for a proposed URL ('' leaves team mode); a URL that is not redis:// or rediss:// is refused before any dialog. */
export function teamUrlDialog(proposed: unknown, lang: Lang): TeamUrlDialog {
  if (typeof proposed !== 'string' || (proposed !== '' && !isRedisUrl(proposed.trim()))) {
    throw invalidInput('The team Redis URL is redis://[:PASSWORD@]HOST[:PORT][/DB], or rediss:// for TLS; empty turns team mode off.', '团队 Redis 地址格式为 redis://[:密码@]主机[:端口][/库]，TLS 用 rediss://；留空则关闭团队模式。');
  }
  const t = TEXT[lang];
  const url = proposed.trim();
  const leaving = url === '';
  return {
    type: 'warning',
    title: t.title,
    message: leaving ? t.leave : t.join.replace('{server}', redactRedisUrl(url)),
    detail: leaving ? t.leaveDetail : t.joinDetail,
    buttons: [t.cancel, leaving ? t.confirmLeave : t.confirmJoin],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
}

/** The URL to save after the dialog's answer; anything but the confirm button changes nothing (TEAM_URL_NOT_CONFIRMED). */
export function teamUrlAnswer(proposed: string, response: number): string {
  if (response !== CONFIRM_BUTTON) throw new WxError('TEAM_URL_NOT_CONFIRMED');
  return proposed.trim();
}
