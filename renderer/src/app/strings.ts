// The shell's strings: the top bar, the key screen, the notices about the data and the sidebar head.
import { defineStrings, type KeyOf } from '../i18n/define';

const en = {
  'notice.heading': 'A data file was damaged',
  'notice.damaged': '{file} could not be read. The damaged copy is kept at {movedTo}.',
  'notice.memory': 'WxDesk wrote back the last good copy it held: nothing was lost.',
  'notice.empty': 'WxDesk carried on without it: add the missing accounts or secrets again, or repair the copy and move it back.',

  'host.browser': 'Browser · wxdesk serve',
  'host.electron': 'Desktop',

  'nokey.title': 'Open the dashboard with its key',
  'nokey.body': 'This page talks to wxdesk serve, which only answers requests that carry the key of the current run. Open the dashboard URL that the command printed; it ends with #key=….',
  'nokey.refused': 'The key of this tab was refused, most likely because wxdesk serve was restarted. Open the new URL it printed.',
  'nokey.step': 'Run this in a terminal, then open the “dashboard:” URL it prints:',
  'nokey.command': 'wxdesk serve',

  'accounts.heading': 'Accounts',
  'accounts.add': 'Add account',

  'team.downHeading': 'The team’s Redis cannot be reached',
  'team.down': 'WxDesk cannot reach {server}. It serves this machine’s copy of the tokens and reconnects with backoff.',
  'team.downHint': 'Stable tokens go on being refreshed here; classic tokens are served until they expire but not fetched again (a new one would retire the team’s). When Redis is back, the newest token wins.',
} as const;

const zh: Record<keyof typeof en, string> = {
  'notice.heading': '数据文件已损坏',
  'notice.damaged': '无法读取 {file}。损坏的副本保存在 {movedTo}。',
  'notice.memory': 'WxDesk 已写回其持有的最后一份完好数据，未丢失任何内容。',
  'notice.empty': 'WxDesk 已在没有该文件的情况下继续运行：请重新添加缺失的账号或密钥，或修复副本后移回原处。',

  'host.browser': '浏览器 · wxdesk serve',
  'host.electron': '桌面版',

  'nokey.title': '请使用带密钥的地址打开控制台',
  'nokey.body': '本页面连接 wxdesk serve，它只响应携带本次运行密钥的请求。请打开该命令输出的控制台地址（以 #key=… 结尾）。',
  'nokey.refused': '此标签页的密钥被拒绝，多半是 wxdesk serve 已重启。请打开它新输出的地址。',
  'nokey.step': '在终端运行以下命令，然后打开它输出的“dashboard:”地址：',
  'nokey.command': 'wxdesk serve',

  'accounts.heading': '账号',
  'accounts.add': '添加账号',

  'team.downHeading': '无法连接团队的 Redis',
  'team.down': 'WxDesk 无法连接 {server}。正在使用本机保存的 token，并以退避方式重连。',
  'team.downHint': 'stable_token 仍会在本机刷新；普通 token 在过期前继续提供，但不会重新获取（新 token 会使团队的 token 失效）。Redis 恢复后，以最新的 token 为准。',
};

export const appStrings = defineStrings(en, zh);
export type AppKey = KeyOf<typeof appStrings>;
