// The strings of the desktop habits (the account search, the desktop settings), spread into the
// dictionaries of i18n.ts so that MessageKey names them too.

export const desktopEn = {
  'find.label': 'Find account',
  'find.placeholder': 'Find by label or AppID ({keys})',
  'find.none': 'No account matches “{query}”.',
  'find.shown': '{shown} of {total} shown',

  'desktop.legend': 'Desktop app',
  'desktop.notifications': 'Notify me of errors I must fix',
  'desktop.notificationsHelp': 'Once per error, when a refresh fails for a reason only you can fix (an IP whitelist, a wrong AppSecret).',
  'desktop.startAtLogin': 'Start WxDesk at login',
  'desktop.failed': 'The setting could not be saved',
} as const;

export const desktopZh: Record<keyof typeof desktopEn, string> = {
  'find.label': '查找账号',
  'find.placeholder': '按名称或 AppID 查找（{keys}）',
  'find.none': '没有与“{query}”匹配的账号。',
  'find.shown': '显示 {shown} / {total} 个',

  'desktop.legend': '桌面应用',
  'desktop.notifications': '出现需要我处理的错误时通知我',
  'desktop.notificationsHelp': '刷新因只有你能解决的原因失败时（IP 白名单、AppSecret 错误等），每个错误通知一次。',
  'desktop.startAtLogin': '登录时启动 WxDesk',
  'desktop.failed': '设置未能保存',
};
