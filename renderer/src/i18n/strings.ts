// The strings every part of the page may use (the shell, the shared pieces of ui/, the words of
// errors, copying and tab loading): part of the first page. A feature's own strings are in its
// strings.ts and load with it.
import { defineStrings, type KeyOf } from './define';

const en = {
  'app.name': 'WxDesk',
  'app.tagline': 'access_token dashboard',
  'app.loading': 'Loading…',
  'app.loadFailed': 'WxDesk could not load the dashboard.',
  'app.retry': 'Try again',
  'app.noticeFailed': 'A notice about your data could not be shown',

  'lang.label': 'Language',
  'lang.auto': 'System',
  'lang.en': 'English',
  'lang.zh': '中文',

  'status.none': 'No token',
  'status.valid': 'Valid',
  'status.expiring': 'Expiring soon',
  'status.expired': 'Expired',
  'status.refreshing': 'Refreshing…',
  'status.error': 'Error',

  'account.autoOff': 'Auto-refresh off',

  'token.never': '—',

  'timer.label': 'Time until the access_token expires',
  'timer.expired': 'Expired',

  'copied.ip': 'IP address copied to the clipboard.',

  'copy.failed': 'The clipboard is not available here; select the text and copy it by hand.',

  'error.when': '{time} · {trigger}',
  'error.code': 'Code {code}',
  'error.ip': 'IP to whitelist',
  'error.copyIp': 'Copy IP',
  'error.wechatSaid': 'WeChat said: ',
  'error.actionFailed': 'That did not work',

  'trigger.demand': 'On demand',
  'trigger.timer': 'Timer',
  'trigger.manual': 'Manual',
  'trigger.force': 'Forced',
  'trigger.stale': 'Stale token',
  'trigger.ticket': 'Ticket',

  'quota.check': 'Check quota',
  'quota.checking': 'Checking…',

  'rid.lookup': 'Look up rid',
  'rid.value': 'rid {rid}',
  'rid.looking': 'Looking up rid {rid}…',
  'rid.failed': 'The rid could not be looked up',

  'lazy.loading': 'Loading the {name} tab…',
  'lazy.failed': 'The {name} tab could not be loaded',
  'lazy.formLoading': 'Loading the account form…',
  'lazy.formFailed': 'The account form could not be loaded',
  'lazy.failedBody': 'Its part of the page did not arrive: the connection to WxDesk may have dropped, or WxDesk was restarted or updated meanwhile.',
  'lazy.retry': 'Retry',
} as const;

const zh: Record<keyof typeof en, string> = {
  'app.name': 'WxDesk',
  'app.tagline': 'access_token 控制台',
  'app.loading': '加载中…',
  'app.loadFailed': 'WxDesk 无法加载控制台。',
  'app.retry': '重试',
  'app.noticeFailed': '一条关于数据的提示未能显示',

  'lang.label': '语言',
  'lang.auto': '跟随系统',
  'lang.en': 'English',
  'lang.zh': '中文',

  'status.none': '无 token',
  'status.valid': '有效',
  'status.expiring': '即将过期',
  'status.expired': '已过期',
  'status.refreshing': '刷新中…',
  'status.error': '出错',

  'account.autoOff': '自动刷新已关闭',

  'token.never': '—',

  'timer.label': '距 access_token 过期的剩余时间',
  'timer.expired': '已过期',

  'copied.ip': 'IP 地址已复制到剪贴板。',

  'copy.failed': '此处无法使用剪贴板，请手动选中文本复制。',

  'error.when': '{time} · {trigger}',
  'error.code': '错误码 {code}',
  'error.ip': '需加入白名单的 IP',
  'error.copyIp': '复制 IP',
  'error.wechatSaid': '微信返回：',
  'error.actionFailed': '操作未成功',

  'trigger.demand': '按需',
  'trigger.timer': '定时',
  'trigger.manual': '手动',
  'trigger.force': '强制',
  'trigger.stale': 'token 失效',
  'trigger.ticket': 'ticket',

  'quota.check': '查询额度',
  'quota.checking': '查询中…',

  'rid.lookup': '查询 rid',
  'rid.value': 'rid {rid}',
  'rid.looking': '正在查询 rid {rid}…',
  'rid.failed': '无法查询该 rid',

  'lazy.loading': '正在加载「{name}」标签页…',
  'lazy.failed': '「{name}」标签页未能加载',
  'lazy.formLoading': '正在加载账号表单…',
  'lazy.formFailed': '账号表单未能加载',
  'lazy.failedBody': '这部分页面没有下载成功：与 WxDesk 的连接可能中断了，或 WxDesk 在此期间重启或更新了。',
  'lazy.retry': '重试',
};

export const sharedStrings = defineStrings(en, zh);
export type SharedKey = KeyOf<typeof sharedStrings>;
