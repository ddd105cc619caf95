// The key screen: what a browser opened without the run's key is told. Loaded only then.
import { defineStrings } from '../../i18n/define';

const en = {
  'nokey.title': 'Open the dashboard with its key',
  'nokey.body': 'This page talks to wxdesk serve, which only answers requests that carry the key of the current run. Open the dashboard URL that the command printed (it ends with #key=…).',
  'nokey.refused': 'The key of this tab was refused, most likely because wxdesk serve was restarted. Open the new URL it printed.',
  'nokey.step': 'Run this in a terminal, then open the “dashboard:” URL it prints:',
  'nokey.command': 'wxdesk serve',
} as const;

const zh: Record<keyof typeof en, string> = {
  'nokey.title': '请使用带密钥的地址打开控制台',
  'nokey.body': '本页面连接 wxdesk serve，它只响应携带本次运行密钥的请求。请打开该命令输出的控制台地址（以 #key=… 结尾）。',
  'nokey.refused': '此标签页的密钥被拒绝，多半是 wxdesk serve 已重启。请打开它新输出的地址。',
  'nokey.step': '在终端运行以下命令，然后打开它输出的“dashboard:”地址：',
  'nokey.command': 'wxdesk serve',
};

export const keyScreenStrings = defineStrings(en, zh);
