// The sidebar's footer: how secrets are kept, the token endpoint, the desktop app's settings and
// team mode (a shared Redis), the data folder and the version.
import { defineStrings, type KeyOf } from '../../i18n/define';

const en = {
  'secrets.keychain': 'AppSecrets are encrypted with the system keychain.',
  'secrets.obfuscated': 'AppSecrets are only obfuscated here: no system keychain is available.',
  'secrets.file-0600': 'AppSecrets are kept in a file only your user can read (0600).',
  'secrets.unavailable': 'No system keychain is available: WxDesk refuses to store new AppSecrets here rather than keep them in plain text.',
  'secrets.other': 'AppSecret storage: {value}',

  'endpoint.url': 'Token endpoint: ',
  'endpoint.legend': 'Local token endpoint',
  'endpoint.enable': 'Answer WeChat\'s token API on this machine',
  'endpoint.port': 'Port',
  'endpoint.apply': 'Apply',
  'endpoint.badPort': 'The port is a whole number from 1 to 65535.',
  'endpoint.failed': 'The endpoint could not be changed',

  'footer.dataDir': 'Data folder: ',
  'footer.version': 'Version {version}',

  'desktop.legend': 'Desktop app',
  'desktop.notifications': 'Notify me of errors I must fix',
  'desktop.notificationsHelp': 'Once per error, when a refresh fails for a reason only you can fix (an IP whitelist, a wrong AppSecret).',
  'desktop.startAtLogin': 'Start WxDesk at login',
  'desktop.failed': 'The setting could not be saved',

  'team.label': 'Team mode',
  'team.on': 'shared through {server}',
  'team.onDown': 'shared through {server} (not reachable now)',
  'team.off': 'off (this machine only)',
  'team.formLabel': 'Team mode settings',
  'team.url': 'Team Redis URL',
  'team.help': 'Share accounts (never AppSecrets), tokens and history with your team. Applied when WxDesk starts again. Tokens in Redis are live credentials: keep it private, with a password, and TLS (rediss://) beyond this machine.',
  'team.save': 'Save',
  'team.leave': 'Leave team mode',
  'team.saved': 'Saved: restart WxDesk to apply it.',
  'team.failed': 'The team setting could not be saved',
} as const;

const zh: Record<keyof typeof en, string> = {
  'secrets.keychain': 'AppSecret 已通过系统钥匙串加密。',
  'secrets.obfuscated': '此处没有可用的系统钥匙串，AppSecret 仅做了混淆处理。',
  'secrets.file-0600': 'AppSecret 保存在仅当前用户可读的文件中（0600）。',
  'secrets.unavailable': '没有可用的系统钥匙串：WxDesk 不会以明文保存新的 AppSecret，因此此处无法保存。',
  'secrets.other': 'AppSecret 存储方式：{value}',

  'endpoint.url': 'Token 接口：',
  'endpoint.legend': '本地 token 接口',
  'endpoint.enable': '在本机提供微信 token 接口',
  'endpoint.port': '端口',
  'endpoint.apply': '应用',
  'endpoint.badPort': '端口应为 1 到 65535 的整数。',
  'endpoint.failed': '无法更改本地接口',

  'footer.dataDir': '数据目录：',
  'footer.version': '版本 {version}',

  'desktop.legend': '桌面应用',
  'desktop.notifications': '出现需要我处理的错误时通知我',
  'desktop.notificationsHelp': '刷新因只有你能解决的原因失败时（IP 白名单、AppSecret 错误等），每个错误通知一次。',
  'desktop.startAtLogin': '登录时启动 WxDesk',
  'desktop.failed': '设置未能保存',

  'team.label': '团队模式',
  'team.on': '通过 {server} 共享',
  'team.onDown': '通过 {server} 共享（当前无法连接）',
  'team.off': '关闭（仅本机）',
  'team.formLabel': '团队模式设置',
  'team.url': '团队 Redis 地址',
  'team.help': '与团队共享账号（从不包括 AppSecret）、token 和历史记录。WxDesk 下次启动时生效。Redis 中的 token 是有效凭据：请保持其私密，设置密码，并在本机以外使用 TLS（rediss://）。',
  'team.save': '保存',
  'team.leave': '退出团队模式',
  'team.saved': '已保存：重启 WxDesk 后生效。',
  'team.failed': '团队设置未能保存',
};

export const settingsStrings = defineStrings(en, zh);
export type SettingsKey = KeyOf<typeof settingsStrings>;
