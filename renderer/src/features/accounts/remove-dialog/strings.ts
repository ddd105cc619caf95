// The question before an account is removed: loaded when it is asked.
import { defineStrings } from '../../../i18n/define';

const en = {
  'account.removeTitle': 'Remove {label}?',
  'account.removeBody': 'The account, its stored AppSecret and its cached token are deleted from this computer. Nothing changes on WeChat’s side.',
  'account.removeConfirm': 'Remove',
} as const;

const zh: Record<keyof typeof en, string> = {
  'account.removeTitle': '删除 {label}？',
  'account.removeBody': '将从本机删除该账号、已保存的 AppSecret 和缓存的 token。微信侧不会有任何变化。',
  'account.removeConfirm': '删除',
};

export const removeDialogStrings = defineStrings(en, zh);
