// The Token tab: the token card, its actions and quota, and the refresh history.
import { defineStrings, type KeyOf } from '../../i18n/define';

const en = {
  'accounts.countdownLabel': 'Time left',

  'mode.stable': 'stable_token',
  'mode.classic': 'Classic token',

  'token.heading': 'access_token',
  'token.none': 'No token yet.',
  'token.noneAuto': 'WxDesk is fetching one.',
  'token.noneManual': 'Press Refresh to fetch one.',
  'token.noneError': 'The last attempt failed (see below); press Refresh once it is fixed.',
  'token.show': 'Show token',
  'token.hide': 'Hide token',
  'token.masked': 'Masked token',
  'token.obtained': 'Obtained',
  'token.expires': 'Expires',
  'token.nextRefresh': 'Next automatic refresh',

  'copy.raw': 'Copy token',
  'copy.param': 'Copy access_token=…',
  'copy.curl': 'Copy curl',
  'copy.group': 'Copy',

  'copied.raw': 'Token copied to the clipboard.',
  'copied.param': 'access_token=… copied to the clipboard.',
  'copied.curl': 'curl command copied to the clipboard.',

  'refresh.button': 'Refresh',
  'refresh.busy': 'Refreshing…',
  'refresh.hintClassic': 'Refresh fetches a new classic token now; the previous one keeps working for about 5 more minutes.',
  'refresh.hintStable': 'Refresh re-syncs with WeChat: it returns the same token until WeChat rotates it in its last 5 minutes, so nobody is disturbed.',

  'force.button': 'Force new token',
  'force.quota': 'Forced refreshes: {remaining} of {limit} left today',
  'force.cooldown': 'next one possible in {seconds} s',
  'force.classicNote': 'Classic mode: a forced refresh is a plain new token (counts toward the 2000 token calls a day).',

  'error.heading': 'Last error',

  'history.heading': 'Refresh history',
  'history.empty': 'No refreshes yet.',
  'history.time': 'Time',
  'history.trigger': 'Trigger',
  'history.outcome': 'Outcome',
  'history.latency': 'Latency',
  'history.code': 'Error code',
  'history.fingerprint': 'Fingerprint',
  'history.ms': '{ms} ms',

  'outcome.ok': 'New token',
  'outcome.same': 'Same token',
  'outcome.reused': 'Reused',
  'outcome.error': 'Error',

  'quota.token': 'Token API quota: used {used} of {limit} today ({remain} left)',
  'quota.tokenFailed': 'The token API quota could not be checked',
} as const;

const zh: Record<keyof typeof en, string> = {
  'accounts.countdownLabel': '剩余时间',

  'mode.stable': 'stable_token',
  'mode.classic': '普通 token',

  'token.heading': 'access_token',
  'token.none': '还没有 token。',
  'token.noneAuto': 'WxDesk 正在获取。',
  'token.noneManual': '点击“刷新”获取。',
  'token.noneError': '上次获取失败（见下方），问题解决后请点击“刷新”。',
  'token.show': '显示 token',
  'token.hide': '隐藏 token',
  'token.masked': '已隐藏的 token',
  'token.obtained': '获取时间',
  'token.expires': '过期时间',
  'token.nextRefresh': '下次自动刷新',

  'copy.raw': '复制 token',
  'copy.param': '复制 access_token=…',
  'copy.curl': '复制 curl',
  'copy.group': '复制',

  'copied.raw': 'token 已复制到剪贴板。',
  'copied.param': 'access_token=… 已复制到剪贴板。',
  'copied.curl': 'curl 命令已复制到剪贴板。',

  'refresh.button': '刷新',
  'refresh.busy': '刷新中…',
  'refresh.hintClassic': '刷新会立即获取新的普通 token；旧 token 还能使用约 5 分钟。',
  'refresh.hintStable': '刷新会与微信重新同步：在微信于最后 5 分钟轮换之前返回同一个 token，不影响任何人。',

  'force.button': '强制获取新 token',
  'force.quota': '强制刷新：今日剩余 {remaining} / {limit} 次',
  'force.cooldown': '{seconds} 秒后可再次强制刷新',
  'force.classicNote': '普通模式：强制刷新即获取一个新 token（计入每日 2000 次调用额度）。',

  'error.heading': '最近错误',

  'history.heading': '刷新记录',
  'history.empty': '还没有刷新记录。',
  'history.time': '时间',
  'history.trigger': '触发方式',
  'history.outcome': '结果',
  'history.latency': '耗时',
  'history.code': '错误码',
  'history.fingerprint': '指纹',
  'history.ms': '{ms} 毫秒',

  'outcome.ok': '新 token',
  'outcome.same': '同一 token',
  'outcome.reused': '复用',
  'outcome.error': '错误',

  'quota.token': 'token 接口额度：今日已用 {used} / {limit}（剩余 {remain}）',
  'quota.tokenFailed': '无法查询 token 接口额度',
};

export const tokenStrings = defineStrings(en, zh);
export type TokenKey = KeyOf<typeof tokenStrings>;
