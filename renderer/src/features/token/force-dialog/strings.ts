// The question before a forced refresh: loaded when it is asked.
import { defineStrings } from '../../../i18n/define';

const en = {
  'force.title': 'Force a new token?',
  'force.bodyStable': 'force_refresh retires the current stable token at once, for every server that uses it. Use it for a leaked token. WeChat allows {limit} a day, 30 seconds apart; {remaining} left today.',
  'force.bodyClassic': 'WeChat issues a new classic token; the current one stops working in about 5 minutes for every server that uses it.',
} as const;

const zh: Record<keyof typeof en, string> = {
  'force.title': '强制获取新 token？',
  'force.bodyStable': 'force_refresh 会立即让当前 stable token 对所有使用它的服务器失效，仅用于 token 泄露。微信每天允许 {limit} 次、间隔至少 30 秒；今日剩余 {remaining} 次。',
  'force.bodyClassic': '微信将签发新的普通 token，当前 token 约 5 分钟后对所有使用它的服务器失效。',
};

export const forceDialogStrings = defineStrings(en, zh);
