// The sidebar's footer: how secrets are kept, where the token endpoint answers, whether team mode
// (a shared Redis) is on, the data folder and the version. The desktop app's settings are in
// features/desktop-settings/, loaded in the desktop only.
import { defineStrings, type KeyOf } from '../../i18n/define';

const en = {
  'secrets.keychain': 'AppSecrets are encrypted with the system keychain.',
  'secrets.obfuscated': 'AppSecrets are only obfuscated here: no system keychain is available.',
  'secrets.file-0600': 'AppSecrets are kept in a file only your user can read (0600).',
  'secrets.unavailable': 'No system keychain is available: WxDesk refuses to store new AppSecrets here rather than keep them in plain text.',
  'secrets.other': 'AppSecret storage: {value}',

  'endpoint.url': 'Token endpoint: ',

  'footer.dataDir': 'Data folder: ',
  'footer.version': 'Version {version}',
  'footer.desktopLoading': 'Loading the desktop settings…',
  'footer.desktopFailed': 'The desktop settings could not be loaded',

  'team.label': 'Team mode',
  'team.on': 'shared through {server}',
  'team.onDown': 'shared through {server} (not reachable now)',
  'team.off': 'off (this machine only)',
} as const;

const zh: Record<keyof typeof en, string> = {
  'secrets.keychain': 'AppSecret 已通过系统钥匙串加密。',
  'secrets.obfuscated': '此处没有可用的系统钥匙串，AppSecret 仅做了混淆处理。',
  'secrets.file-0600': 'AppSecret 保存在仅当前用户可读的文件中（0600）。',
  'secrets.unavailable': '没有可用的系统钥匙串：WxDesk 不会以明文保存新的 AppSecret，因此此处无法保存。',
  'secrets.other': 'AppSecret 存储方式：{value}',

  'endpoint.url': 'Token 接口：',

  'footer.dataDir': '数据目录：',
  'footer.version': '版本 {version}',
  'footer.desktopLoading': '正在加载桌面设置…',
  'footer.desktopFailed': '桌面设置未能加载',

  'team.label': '团队模式',
  'team.on': '通过 {server} 共享',
  'team.onDown': '通过 {server} 共享（当前无法连接）',
  'team.off': '关闭（仅本机）',
};

export const settingsStrings = defineStrings(en, zh);
export type SettingsKey = KeyOf<typeof settingsStrings>;
