// The desktop shell's own words (menus, tray, notifications, start failures), in both languages.
import type { Lang } from '../contract';

const en = {
  file: 'File',
  account: 'Account',
  refresh: 'Refresh token',
  copyToken: 'Copy token',
  addAccount: 'Add account…',
  findAccount: 'Find account…',
  switchTo: 'Switch to',
  noAccounts: 'No accounts yet',
  edit: 'Edit',
  view: 'View',
  window: 'Window',
  help: 'Help',
  openDataFolder: 'Open data folder',
  version: 'WxDesk {version}',
  quit: 'Quit WxDesk',
  undo: 'Undo',
  redo: 'Redo',
  cut: 'Cut',
  copy: 'Copy',
  paste: 'Paste',
  selectAll: 'Select All',
  resetZoom: 'Actual Size',
  zoomIn: 'Zoom In',
  zoomOut: 'Zoom Out',
  toggleFullScreen: 'Toggle Full Screen',
  toggleDevTools: 'Toggle Developer Tools',
  minimize: 'Minimize',
  zoomWindow: 'Zoom',
  front: 'Bring All to Front',
  close: 'Close Window',
  about: 'About WxDesk',
  hide: 'Hide WxDesk',
  hideOthers: 'Hide Others',
  unhide: 'Show All',
  showApp: 'Show WxDesk',
  openDashboard: 'Open dashboard',
  trayIdle: 'WxDesk: no tokens yet',
  trayLeft: 'WxDesk · {label}: {time} left',
  trayExpired: 'WxDesk · {label}: token expired',
  notifyTitle: '{label}: the token cannot be refreshed',
  startFailedTitle: 'WxDesk could not start',
  startFailed: 'WxDesk could not start: {reason}',
  startFailedDetail: 'Data folder: {dataDir}\n\nYour accounts and secrets are kept there. If a file in it is damaged, move it aside and start WxDesk again, or run `wxdesk serve` for the same dashboard in a browser.',
  loadFailed: 'The dashboard page could not be loaded ({reason}). Run `npm run build` again, then restart WxDesk.',
  crashTitle: 'WxDesk stopped',
  crashReloaded: 'The dashboard page stopped ({reason}) and was reloaded. Your accounts and tokens are not affected; a form you were filling in may need to be filled in again.',
  crashRecreated: 'The dashboard page stopped again ({reason}), so its window was opened anew. Your accounts and tokens are not affected.',
  crashQuit: 'The dashboard page keeps stopping ({reason}), so WxDesk quits. Start it again; if this repeats, run `wxdesk serve` for the same dashboard in a browser.',
};

export type ShellKey = keyof typeof en;

const zh: Record<ShellKey, string> = {
  file: '文件',
  account: '账号',
  refresh: '刷新 token',
  copyToken: '复制 token',
  addAccount: '添加账号…',
  findAccount: '查找账号…',
  switchTo: '切换到',
  noAccounts: '还没有账号',
  edit: '编辑',
  view: '视图',
  window: '窗口',
  help: '帮助',
  openDataFolder: '打开数据目录',
  version: 'WxDesk {version}',
  quit: '退出 WxDesk',
  undo: '撤销',
  redo: '重做',
  cut: '剪切',
  copy: '复制',
  paste: '粘贴',
  selectAll: '全选',
  resetZoom: '实际大小',
  zoomIn: '放大',
  zoomOut: '缩小',
  toggleFullScreen: '切换全屏',
  toggleDevTools: '切换开发者工具',
  minimize: '最小化',
  zoomWindow: '缩放',
  front: '前置全部窗口',
  close: '关闭窗口',
  about: '关于 WxDesk',
  hide: '隐藏 WxDesk',
  hideOthers: '隐藏其他',
  unhide: '全部显示',
  showApp: '显示 WxDesk',
  openDashboard: '打开控制台',
  trayIdle: 'WxDesk：还没有 token',
  trayLeft: 'WxDesk · {label}：还剩 {time}',
  trayExpired: 'WxDesk · {label}：token 已过期',
  notifyTitle: '{label}：token 无法刷新',
  startFailedTitle: 'WxDesk 无法启动',
  startFailed: 'WxDesk 无法启动：{reason}',
  startFailedDetail: '数据目录：{dataDir}\n\n账号和密钥保存在这里。如果其中某个文件已损坏，请将其移走后重新启动 WxDesk，或运行 `wxdesk serve` 在浏览器中使用同一个控制台。',
  loadFailed: '控制台页面无法加载（{reason}）。请重新运行 `npm run build`，然后重启 WxDesk。',
  crashTitle: 'WxDesk 已停止',
  crashReloaded: '控制台页面意外停止（{reason}），已重新加载。账号和 token 不受影响；正在填写的表单可能需要重新填写。',
  crashRecreated: '控制台页面再次停止（{reason}），已重新打开窗口。账号和 token 不受影响。',
  crashQuit: '控制台页面反复停止（{reason}），WxDesk 将退出。请重新启动；如果仍然如此，请运行 `wxdesk serve` 在浏览器中使用同一个控制台。',
};

export function shellText(lang: Lang, key: ShellKey, vars: Record<string, string | number> = {}): string {
  const text = (lang === 'zh-CN' ? zh : en)[key];
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** h:mm:ss, or m:ss under an hour. */
export function clockText(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
