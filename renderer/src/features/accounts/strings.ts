// The account list, its search box and an account's panel (its header and tab names).
import { defineStrings } from '../../i18n/define';

const en = {
  'accounts.empty': 'No accounts yet.',
  'accounts.emptyHint': 'Add an Official Account with its AppID and AppSecret; WxDesk keeps its access_token fresh.',

  'account.edit': 'Edit',
  'account.remove': 'Remove',
  'account.removeFailed': 'The account could not be removed',
  'account.autoOn': 'Auto-refresh on',
  'account.noSecret': 'No AppSecret stored',

  'tabs.label': 'Account tools',
  'tabs.token': 'Token',
  'tabs.signature': 'Signature',
  'tabs.probe': 'Probe',
  'tabs.console': 'Console',
  'tabs.simulator': 'Simulator',
  'tabs.menu': 'Menu',
  'tabs.chores': 'Test account',

  'find.label': 'Find account',
  'find.placeholder': 'Find by label or AppID ({keys})',
  'find.none': 'No account matches “{query}”.',
  'find.shown': '{shown} of {total} shown',
} as const;

const zh: Record<keyof typeof en, string> = {
  'accounts.empty': '还没有账号。',
  'accounts.emptyHint': '填写公众号的 AppID 和 AppSecret 添加账号，WxDesk 会自动保持其 access_token 有效。',

  'account.edit': '编辑',
  'account.remove': '删除',
  'account.removeFailed': '无法删除该账号',
  'account.autoOn': '自动刷新已开启',
  'account.noSecret': '未保存 AppSecret',

  'tabs.label': '账号工具',
  'tabs.token': 'Token',
  'tabs.signature': '签名',
  'tabs.probe': '探测',
  'tabs.console': '接口调试',
  'tabs.simulator': '模拟器',
  'tabs.menu': '菜单',
  'tabs.chores': '测试号',

  'find.label': '查找账号',
  'find.placeholder': '按名称或 AppID 查找（{keys}）',
  'find.none': '没有与“{query}”匹配的账号。',
  'find.shown': '显示 {shown} / {total} 个',
};

export const accountsStrings = defineStrings(en, zh);
