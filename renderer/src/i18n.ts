// Every string the user sees, in English and Simplified Chinese. Components ask for keys; the
// language follows the browser / system unless the settings pin one.
import { createContext, useContext } from 'react';
import type { ErrorView, Lang, SettingsView } from '../../electron/api';
import { problemText } from '../../electron/core/validate';

const en = {
  'app.name': 'WxDesk',
  'app.tagline': 'access_token dashboard',
  'app.loading': 'Loading…',
  'app.loadFailed': 'WxDesk could not load the dashboard.',
  'app.retry': 'Try again',
  'host.browser': 'Browser · wxdesk serve',
  'host.electron': 'Desktop',
  'lang.label': 'Language',
  'lang.auto': 'System',
  'lang.en': 'English',
  'lang.zh': '中文',

  'nokey.title': 'Open the dashboard with its key',
  'nokey.body': 'This page talks to wxdesk serve, which only answers requests that carry the key of the current run. Open the dashboard URL that the command printed; it ends with #key=….',
  'nokey.refused': 'The key of this tab was refused, most likely because wxdesk serve was restarted. Open the new URL it printed.',
  'nokey.step': 'Run this in a terminal, then open the “dashboard:” URL it prints:',
  'nokey.command': 'wxdesk serve',

  'accounts.heading': 'Accounts',
  'accounts.add': 'Add account',
  'accounts.empty': 'No accounts yet.',
  'accounts.emptyHint': 'Add an Official Account with its AppID and AppSecret; WxDesk keeps its access_token fresh.',
  'accounts.countdownLabel': 'Time left',

  'status.none': 'No token',
  'status.valid': 'Valid',
  'status.expiring': 'Expiring soon',
  'status.expired': 'Expired',
  'status.refreshing': 'Refreshing…',
  'status.error': 'Error',

  'mode.stable': 'stable_token',
  'mode.classic': 'Classic token',

  'secrets.keychain': 'AppSecrets are encrypted with the system keychain.',
  'secrets.obfuscated': 'AppSecrets are only obfuscated here: no system keychain is available.',
  'secrets.file-0600': 'AppSecrets are kept in a file only your user can read (0600).',
  'secrets.unavailable': 'No system keychain is available: WxDesk refuses to store new AppSecrets here rather than keep them in plain text.',
  'secrets.other': 'AppSecret storage: {value}',
  'footer.dataDir': 'Data folder: ',
  'footer.version': 'Version {version}',

  'account.edit': 'Edit',
  'account.remove': 'Remove',
  'account.removeTitle': 'Remove {label}?',
  'account.removeBody': 'The account, its stored AppSecret and its cached token are deleted from this computer. Nothing changes on WeChat’s side.',
  'account.removeConfirm': 'Remove',
  'account.autoOn': 'Auto-refresh on',
  'account.autoOff': 'Auto-refresh off',
  'account.noSecret': 'No AppSecret stored',

  'tabs.label': 'Account tools',
  'tabs.token': 'Token',
  'tabs.signature': 'Signature',
  'tabs.probe': 'Probe',
  'soon.title': 'Coming soon',
  'soon.signature': 'The signature tester will check server URL, msg_signature and JS-SDK signatures here, step by step.',
  'soon.probe': 'The probe will call a cheap WeChat API with the current token to prove that it works.',

  'form.addTitle': 'Add account',
  'form.editTitle': 'Edit account',
  'form.intro': 'The AppID and AppSecret are under mp.weixin.qq.com → 设置与开发 → 基本配置.',
  'form.appId': 'AppID',
  'form.appIdHelp': '“wx” followed by 16 hex characters. It cannot be changed later.',
  'form.secret': 'AppSecret',
  'form.secretHelpNew': 'Write-only: it stays in WxDesk’s main process and is never shown again.',
  'form.secretHelpEdit': 'Write-only. Leave empty to keep the stored AppSecret.',
  'form.secretPlaceholderEdit': 'Stored — leave empty to keep',
  'form.serverToken': 'Token',
  'form.serverTokenHelp': 'Optional. The Token of your server URL configuration (not the access_token).',
  'form.aesKey': 'EncodingAESKey',
  'form.aesKeyHelp': 'Optional. 43 characters, used for safe-mode message encryption.',
  'form.label': 'Label',
  'form.labelHelp': 'Optional. A name you recognise; the AppID is used when empty.',
  'form.mode': 'Token mode',
  'form.modeStable': 'Stable (stable_token)',
  'form.modeStableWhy': 'The safe default: fetching it never invalidates the token your servers or colleagues already use.',
  'form.modeClassic': 'Classic (cgi-bin/token)',
  'form.modeClassicWhy': 'Every fetch issues a new token and retires the previous one within 5 minutes, for every caller.',
  'form.apiBase': 'API base',
  'form.apiBaseCustom': 'Custom URL…',
  'form.apiBaseCustomLabel': 'Custom API base URL',
  'form.apiBaseHelp': 'An official WeChat host, or your own proxy or test server.',
  'form.autoRefresh': 'Refresh the token automatically before it expires',
  'form.save': 'Save account',
  'form.saving': 'Saving…',
  'form.cancel': 'Cancel',
  'form.fix': 'Please correct the highlighted fields.',

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
  'token.never': '—',
  'token.mode': 'Mode',

  'timer.label': 'Time until the access_token expires',
  'timer.expired': 'Expired',

  'copy.raw': 'Copy token',
  'copy.param': 'Copy access_token=…',
  'copy.curl': 'Copy curl',
  'copy.group': 'Copy',
  'copied.raw': 'Token copied to the clipboard.',
  'copied.param': 'access_token=… copied to the clipboard.',
  'copied.curl': 'curl command copied to the clipboard.',
  'copied.ip': 'IP address copied to the clipboard.',
  'copy.failed': 'The clipboard is not available here; select the text and copy it by hand.',

  'refresh.button': 'Refresh',
  'refresh.busy': 'Refreshing…',
  'refresh.hintClassic': 'Refresh fetches a new classic token now; the previous one keeps working for about 5 more minutes.',
  'refresh.hintStable': 'Refresh re-syncs with WeChat: it returns the same token until WeChat rotates it in its last 5 minutes, so nobody is disturbed.',
  'force.button': 'Force new token',
  'force.quota': 'Forced refreshes: {remaining} of {limit} left today',
  'force.cooldown': 'next one possible in {seconds} s',
  'force.classicNote': 'Classic mode: a forced refresh is a plain new token (counts toward the 2000 token calls a day).',
  'force.title': 'Force a new token?',
  'force.bodyStable': 'force_refresh retires the current stable token at once, for every server that uses it. Use it for a leaked token. WeChat allows {limit} a day, 30 seconds apart; {remaining} left today.',
  'force.bodyClassic': 'WeChat issues a new classic token; the current one stops working in about 5 minutes for every server that uses it.',
  'dialog.confirm': 'Confirm',
  'dialog.cancel': 'Cancel',

  'error.heading': 'Last error',
  'error.when': '{time} · {trigger}',
  'error.code': 'Code {code}',
  'error.ip': 'IP to whitelist',
  'error.copyIp': 'Copy IP',
  'error.wechatSaid': 'WeChat said: ',
  'error.actionFailed': 'That did not work',

  'history.heading': 'Refresh history',
  'history.empty': 'No refreshes yet.',
  'history.time': 'Time',
  'history.trigger': 'Trigger',
  'history.outcome': 'Outcome',
  'history.latency': 'Latency',
  'history.code': 'Error code',
  'history.fingerprint': 'Fingerprint',
  'history.ms': '{ms} ms',

  'trigger.demand': 'On demand',
  'trigger.timer': 'Timer',
  'trigger.manual': 'Manual',
  'trigger.force': 'Forced',
  'trigger.stale': 'Stale token',
  'trigger.ticket': 'Ticket',
  'outcome.ok': 'New token',
  'outcome.same': 'Same token',
  'outcome.reused': 'Reused',
  'outcome.error': 'Error',
} as const;

export type MessageKey = keyof typeof en;

const zh: Record<MessageKey, string> = {
  'app.name': 'WxDesk',
  'app.tagline': 'access_token 控制台',
  'app.loading': '加载中…',
  'app.loadFailed': 'WxDesk 无法加载控制台。',
  'app.retry': '重试',
  'host.browser': '浏览器 · wxdesk serve',
  'host.electron': '桌面版',
  'lang.label': '语言',
  'lang.auto': '跟随系统',
  'lang.en': 'English',
  'lang.zh': '中文',

  'nokey.title': '请使用带密钥的地址打开控制台',
  'nokey.body': '本页面连接 wxdesk serve，它只响应携带本次运行密钥的请求。请打开该命令输出的控制台地址（以 #key=… 结尾）。',
  'nokey.refused': '此标签页的密钥被拒绝，多半是 wxdesk serve 已重启。请打开它新输出的地址。',
  'nokey.step': '在终端运行以下命令，然后打开它输出的“dashboard:”地址：',
  'nokey.command': 'wxdesk serve',

  'accounts.heading': '账号',
  'accounts.add': '添加账号',
  'accounts.empty': '还没有账号。',
  'accounts.emptyHint': '填写公众号的 AppID 和 AppSecret 添加账号，WxDesk 会自动保持其 access_token 有效。',
  'accounts.countdownLabel': '剩余时间',

  'status.none': '无 token',
  'status.valid': '有效',
  'status.expiring': '即将过期',
  'status.expired': '已过期',
  'status.refreshing': '刷新中…',
  'status.error': '出错',

  'mode.stable': 'stable_token',
  'mode.classic': '普通 token',

  'secrets.keychain': 'AppSecret 已通过系统钥匙串加密。',
  'secrets.obfuscated': '此处没有可用的系统钥匙串，AppSecret 仅做了混淆处理。',
  'secrets.file-0600': 'AppSecret 保存在仅当前用户可读的文件中（0600）。',
  'secrets.unavailable': '没有可用的系统钥匙串：WxDesk 不会以明文保存新的 AppSecret，因此此处无法保存。',
  'secrets.other': 'AppSecret 存储方式：{value}',
  'footer.dataDir': '数据目录：',
  'footer.version': '版本 {version}',

  'account.edit': '编辑',
  'account.remove': '删除',
  'account.removeTitle': '删除 {label}？',
  'account.removeBody': '将从本机删除该账号、已保存的 AppSecret 和缓存的 token。微信侧不会有任何变化。',
  'account.removeConfirm': '删除',
  'account.autoOn': '自动刷新已开启',
  'account.autoOff': '自动刷新已关闭',
  'account.noSecret': '未保存 AppSecret',

  'tabs.label': '账号工具',
  'tabs.token': 'Token',
  'tabs.signature': '签名',
  'tabs.probe': '探测',
  'soon.title': '即将推出',
  'soon.signature': '签名测试工具将在这里逐步校验服务器 URL、msg_signature 和 JS-SDK 签名。',
  'soon.probe': '探测工具将用当前 token 调用一个低成本的微信接口，验证它是否可用。',

  'form.addTitle': '添加账号',
  'form.editTitle': '编辑账号',
  'form.intro': 'AppID 和 AppSecret 位于 mp.weixin.qq.com →「设置与开发 → 基本配置」。',
  'form.appId': 'AppID',
  'form.appIdHelp': 'wx 加 16 位十六进制字符，保存后不可修改。',
  'form.secret': 'AppSecret',
  'form.secretHelpNew': '只写：仅保存在 WxDesk 主进程中，之后不会再显示。',
  'form.secretHelpEdit': '只写。留空则保留已保存的 AppSecret。',
  'form.secretPlaceholderEdit': '已保存，留空即保留',
  'form.serverToken': 'Token',
  'form.serverTokenHelp': '可选。服务器配置中的 Token（不是 access_token）。',
  'form.aesKey': 'EncodingAESKey',
  'form.aesKeyHelp': '可选。43 个字符，用于安全模式消息加解密。',
  'form.label': '名称',
  'form.labelHelp': '可选。便于识别的名称，留空则使用 AppID。',
  'form.mode': 'Token 模式',
  'form.modeStable': '稳定版（stable_token）',
  'form.modeStableWhy': '安全的默认选项：获取它不会让你的服务器或同事正在使用的 token 失效。',
  'form.modeClassic': '普通版（cgi-bin/token）',
  'form.modeClassicWhy': '每次获取都会签发新 token，旧 token 在 5 分钟内对所有调用方失效。',
  'form.apiBase': 'API 地址',
  'form.apiBaseCustom': '自定义地址…',
  'form.apiBaseCustomLabel': '自定义 API 地址',
  'form.apiBaseHelp': '微信官方域名，或你自己的代理、测试服务器。',
  'form.autoRefresh': '在 token 过期前自动刷新',
  'form.save': '保存账号',
  'form.saving': '保存中…',
  'form.cancel': '取消',
  'form.fix': '请修改标出的字段。',

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
  'token.never': '—',
  'token.mode': '模式',

  'timer.label': '距 access_token 过期的剩余时间',
  'timer.expired': '已过期',

  'copy.raw': '复制 token',
  'copy.param': '复制 access_token=…',
  'copy.curl': '复制 curl',
  'copy.group': '复制',
  'copied.raw': 'token 已复制到剪贴板。',
  'copied.param': 'access_token=… 已复制到剪贴板。',
  'copied.curl': 'curl 命令已复制到剪贴板。',
  'copied.ip': 'IP 地址已复制到剪贴板。',
  'copy.failed': '此处无法使用剪贴板，请手动选中文本复制。',

  'refresh.button': '刷新',
  'refresh.busy': '刷新中…',
  'refresh.hintClassic': '刷新会立即获取新的普通 token；旧 token 还能使用约 5 分钟。',
  'refresh.hintStable': '刷新会与微信重新同步：在微信于最后 5 分钟轮换之前返回同一个 token，不影响任何人。',
  'force.button': '强制获取新 token',
  'force.quota': '强制刷新：今日剩余 {remaining} / {limit} 次',
  'force.cooldown': '{seconds} 秒后可再次强制刷新',
  'force.classicNote': '普通模式：强制刷新即获取一个新 token（计入每日 2000 次调用额度）。',
  'force.title': '强制获取新 token？',
  'force.bodyStable': 'force_refresh 会立即让当前 stable token 对所有使用它的服务器失效，仅用于 token 泄露。微信每天允许 {limit} 次、间隔至少 30 秒；今日剩余 {remaining} 次。',
  'force.bodyClassic': '微信将签发新的普通 token，当前 token 约 5 分钟后对所有使用它的服务器失效。',
  'dialog.confirm': '确认',
  'dialog.cancel': '取消',

  'error.heading': '最近错误',
  'error.when': '{time} · {trigger}',
  'error.code': '错误码 {code}',
  'error.ip': '需加入白名单的 IP',
  'error.copyIp': '复制 IP',
  'error.wechatSaid': '微信返回：',
  'error.actionFailed': '操作未成功',

  'history.heading': '刷新记录',
  'history.empty': '还没有刷新记录。',
  'history.time': '时间',
  'history.trigger': '触发方式',
  'history.outcome': '结果',
  'history.latency': '耗时',
  'history.code': '错误码',
  'history.fingerprint': '指纹',
  'history.ms': '{ms} 毫秒',

  'trigger.demand': '按需',
  'trigger.timer': '定时',
  'trigger.manual': '手动',
  'trigger.force': '强制',
  'trigger.stale': 'token 失效',
  'trigger.ticket': 'ticket',
  'outcome.ok': '新 token',
  'outcome.same': '同一 token',
  'outcome.reused': '复用',
  'outcome.error': '错误',
};

const dictionaries: Record<Lang, Record<MessageKey, string>> = { en, 'zh-CN': zh };

export type Vars = Record<string, string | number>;

export interface I18n {
  lang: Lang;
  t(key: MessageKey, vars?: Vars): string;
  /** An error's message and hint in the current language. */
  errorText(view: ErrorView): { message: string; hint: string };
  /** A validate.ts problem in the current language. */
  problem(p: { en: string; zh: string }): string;
  /** A wall-clock time: time only for today, with the date otherwise. */
  time(ms: number): string;
}

/** zh* → zh-CN, anything else → en. */
export function langFromNavigator(languages: readonly string[] | undefined = globalThis.navigator?.languages): Lang {
  const first = languages?.[0] ?? globalThis.navigator?.language ?? 'en';
  return /^zh\b/i.test(first) ? 'zh-CN' : 'en';
}

export function resolveLang(setting: SettingsView['locale'] | undefined): Lang {
  return setting === 'en' || setting === 'zh-CN' ? setting : langFromNavigator();
}

export function makeI18n(lang: Lang): I18n {
  const dict = dictionaries[lang];
  const sameDay = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const otherDay = new Intl.DateTimeFormat(lang, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  return {
    lang,
    t(key, vars) {
      const text = dict[key];
      return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
    },
    errorText(view) {
      return lang === 'zh-CN' && view.zh ? view.zh : { message: view.message, hint: view.hint };
    },
    problem(p) {
      return problemText(p, lang);
    },
    time(ms) {
      const d = new Date(ms);
      return (d.toDateString() === new Date().toDateString() ? sameDay : otherDay).format(d);
    },
  };
}

export const I18nContext = createContext<I18n>(makeI18n(langFromNavigator()));

export function useI18n(): I18n {
  return useContext(I18nContext);
}
