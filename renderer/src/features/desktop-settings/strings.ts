// The desktop app's settings in the sidebar's footer (the local token endpoint, notifications and
// start at login, the team's Redis URL): loaded in the desktop only.
import { defineStrings, type KeyOf } from '../../i18n/define';

const en = {
  'endpoint.legend': 'Local token endpoint',
  'endpoint.enable': 'Answer WeChat\'s token API on this machine',
  'endpoint.port': 'Port',
  'endpoint.apply': 'Apply',
  'endpoint.badPort': 'The port is a whole number from 1 to 65535.',
  'endpoint.failed': 'The endpoint could not be changed',

  'desktop.legend': 'Desktop app',
  'desktop.notifications': 'Notify me of errors I must fix',
  'desktop.notificationsHelp': 'Once per error, when a refresh fails for a reason only you can fix (an IP whitelist, a wrong AppSecret).',
  'desktop.startAtLogin': 'Start WxDesk at login',
  'desktop.failed': 'The setting could not be saved',

  'team.formLabel': 'Team mode settings',
  'team.url': 'Team Redis URL',
  'team.help': 'Share accounts (never AppSecrets), tokens and history with your team. WxDesk asks you to confirm in a system dialog, and applies it when it starts again; the password is kept with the AppSecrets. Tokens in Redis are live credentials: keep it private, with a password, and TLS (rediss://) beyond this machine.',
  'team.save': 'Save',
  'team.leave': 'Leave team mode',
  'team.saved': 'Saved: restart WxDesk to apply it.',
  'team.failed': 'The team setting could not be saved',
} as const;

const zh: Record<keyof typeof en, string> = {
  'endpoint.legend': '本地 token 接口',
  'endpoint.enable': '在本机提供微信 token 接口',
  'endpoint.port': '端口',
  'endpoint.apply': '应用',
  'endpoint.badPort': '端口应为 1 到 65535 的整数。',
  'endpoint.failed': '无法更改本地接口',

  'desktop.legend': '桌面应用',
  'desktop.notifications': '出现需要我处理的错误时通知我',
  'desktop.notificationsHelp': '刷新因只有你能解决的原因失败时（IP 白名单、AppSecret 错误等），每个错误通知一次。',
  'desktop.startAtLogin': '登录时启动 WxDesk',
  'desktop.failed': '设置未能保存',

  'team.formLabel': '团队模式设置',
  'team.url': '团队 Redis 地址',
  'team.help': '与团队共享账号（从不包括 AppSecret）、token 和历史记录。WxDesk 会弹出系统对话框请你确认，并在下次启动时生效；密码与 AppSecret 一同保存。Redis 中的 token 是有效凭据：请保持其私密，设置密码，并在本机以外使用 TLS（rediss://）。',
  'team.save': '保存',
  'team.leave': '退出团队模式',
  'team.saved': '已保存：重启 WxDesk 后生效。',
  'team.failed': '团队设置未能保存',
};

export const desktopSettingsStrings = defineStrings(en, zh);
export type DesktopSettingsKey = KeyOf<typeof desktopSettingsStrings>;
