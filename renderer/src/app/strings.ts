// The shell's strings: the top bar (its skip link) and the sidebar head. The key screen and the notices about the
// data have theirs (app/key-screen, app/notices), loaded when they show.
import { defineStrings } from '../i18n/define';

const en = {
  'host.browser': 'Browser · wxdesk serve',
  'host.electron': 'Desktop',
  'app.skip': 'Skip to content',

  'accounts.heading': 'Accounts',
  'accounts.add': 'Add account',
} as const;

const zh: Record<keyof typeof en, string> = {
  'host.browser': '浏览器 · wxdesk serve',
  'host.electron': '桌面版',
  'app.skip': '跳到主要内容',

  'accounts.heading': '账号',
  'accounts.add': '添加账号',
};

export const appStrings = defineStrings(en, zh);
