// The Test account tab's frame: its panels' names and what is said while one loads.
import { defineStrings } from '../../i18n/define';

const en = {
  'chores.intro': 'A test account’s daily chores: find a follower, send yourself a template message, make a QR code and scan it, upload media.',
  'chores.panels': 'Chores',
  'chores.panel.followers': 'Followers',
  'chores.panel.templates': 'Template messages',
  'chores.panel.qr': 'QR codes',
  'chores.panel.media': 'Media',
  'chores.loading': 'Loading {name}…',
  'chores.failed': '{name} could not be loaded',
} as const;

const zh: Record<keyof typeof en, string> = {
  'chores.intro': '测试号的日常操作：查找粉丝、给自己发送模板消息、生成并扫描二维码、上传素材。',
  'chores.panels': '日常操作',
  'chores.panel.followers': '粉丝',
  'chores.panel.templates': '模板消息',
  'chores.panel.qr': '二维码',
  'chores.panel.media': '素材',
  'chores.loading': '正在加载{name}…',
  'chores.failed': '无法加载{name}',
};

export const choresStrings = defineStrings(en, zh);
