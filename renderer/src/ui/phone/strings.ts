// The words of the phone drawing (shared by the simulator and the menu editor): loaded with them.
import { defineStrings, type KeyOf } from '../../i18n/define';

/** What the follower's WeChat shows for a reply it cannot use: the same words in both languages. */
export const CANNOT_SERVE = '该公众号暂时无法提供服务，请稍后再试';

const en = {
  'phone.label': 'Phone: {name}',
  'phone.chat': 'Conversation',
  'phone.empty': 'Nothing sent yet. Type a message, tap a menu button or push an event.',
  'phone.follower': 'Follower',
  'phone.account': 'Account',
  'phone.system': 'Note',
  'phone.cannotServeWhy': 'Why: {cause}',
  'phone.seeExchange': 'See the exchange in the log',
  'phone.noReply': 'No reply: the server answered “success” or nothing, and WeChat shows nothing.',
  'phone.transfer': 'The conversation is handed to customer service (transfer_customer_service).',
  'phone.image': 'Image',
  'phone.voice': 'Voice',
  'phone.video': 'Video',
  'phone.music': 'Music',
  'phone.mediaId': 'MediaId {id}',
  'phone.untitled': '(untitled)',
  'phone.articles': 'Articles',
  'phone.picture': 'Picture',
  'phone.menu': 'Menu',
  'phone.subMenu': 'Sub-menu of {name}',
  'phone.toKeyboard': 'Switch to the keyboard',
  'phone.toMenu': 'Switch to the menu',
  'phone.message': 'Message',
  'phone.send': 'Send',
  'phone.leftOut': '{n} more buttons in the menu are not shown: WeChat draws at most 3, with 5 under each.',
  'phone.problem': 'has a problem',
} as const;

const zh: Record<keyof typeof en, string> = {
  'phone.label': '手机：{name}',
  'phone.chat': '对话',
  'phone.empty': '还没有发送任何内容。输入消息、点按菜单或推送事件试试。',
  'phone.follower': '粉丝',
  'phone.account': '公众号',
  'phone.system': '提示',
  'phone.cannotServeWhy': '原因：{cause}',
  'phone.seeExchange': '在日志中查看这次交互',
  'phone.noReply': '没有回复：服务器回答了“success”或空内容，微信不显示任何内容。',
  'phone.transfer': '会话已转接到客服（transfer_customer_service）。',
  'phone.image': '图片',
  'phone.voice': '语音',
  'phone.video': '视频',
  'phone.music': '音乐',
  'phone.mediaId': '素材 MediaId {id}',
  'phone.untitled': '（无标题）',
  'phone.articles': '图文消息',
  'phone.picture': '图片',
  'phone.menu': '菜单',
  'phone.subMenu': '{name}的子菜单',
  'phone.toKeyboard': '切换到键盘',
  'phone.toMenu': '切换到菜单',
  'phone.message': '消息',
  'phone.send': '发送',
  'phone.leftOut': '菜单中还有 {n} 个按钮未显示：微信最多显示 3 个一级菜单，每个下面最多 5 个子菜单。',
  'phone.problem': '有问题',
};

export const phoneStrings = defineStrings(en, zh);
export type PhoneKey = KeyOf<typeof phoneStrings>;
