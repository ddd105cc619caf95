// Faults of WxDesk's own machinery that it carries on through, in the same shape as errors.ts's
// table, which takes them in: shown as notices (the dashboard, serve's and the CLI's stderr).
import type { ErrorEntry } from './errors';

export const STORE_ERRORS: Record<string, ErrorEntry> = {
  SCHEDULE_INVALID: {
    kind: 'bug',
    en: [
      (p) => `The next refresh time of ${p.detail ?? 'an account'} was not a number${p.reason ? ` (${p.reason})` : ''}: a record of the wrong type reached the token keeper.`,
      () => 'WxDesk planned the refresh after a wait instead, so nothing runs in a loop and a hold (such as an IP whitelist fault) is kept. If this repeats, report it.',
    ],
    zh: [
      (p) => `${p.detail ?? '某个账号'} 的下次刷新时间不是数字${p.reason ? `（${p.reason}）` : ''}：有字段类型错误的记录进入了 token 管理。`,
      () => 'WxDesk 已改为等待一段时间后再刷新，不会循环调用，已有的暂停（例如 IP 白名单错误）仍然有效。如反复出现，请反馈此问题。',
    ],
  },
  LISTENER_FAILED: {
    kind: 'bug',
    en: [
      (p) => `A part of WxDesk failed while handling a change${p.detail ? `: ${p.detail}` : ''}.`,
      () => 'WxDesk carried on, and the change itself is stored. If this repeats, restart WxDesk and report it with this message.',
    ],
    zh: [
      (p) => `WxDesk 的某个部分在处理变更时出错${p.detail ? `：${p.detail}` : ''}。`,
      () => 'WxDesk 已继续运行，变更本身已保存。如反复出现，请重启 WxDesk 并附上此消息反馈。',
    ],
  },
};
