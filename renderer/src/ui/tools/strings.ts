// The words of the pieces the tool tabs share (a labelled field, a Copy button, the names of the
// values they ask for): loaded with the first of those tabs.
import { defineStrings, type KeyOf } from '../../i18n/define';

const en = {
  'sig.token': 'Token',
  'sig.optional': 'Optional',
  'sig.aesKey': 'EncodingAESKey',
  'sig.appId': 'AppID',
  'sig.copy': 'Copy',
  'sig.copyWhat': 'Copy {what}',
  'sig.copied': '{what} copied to the clipboard.',
} as const;

const zh: Record<keyof typeof en, string> = {
  'sig.token': 'Token',
  'sig.optional': '可选',
  'sig.aesKey': 'EncodingAESKey',
  'sig.appId': 'AppID',
  'sig.copy': '复制',
  'sig.copyWhat': '复制{what}',
  'sig.copied': '{what}已复制到剪贴板。',
};

export const toolsStrings = defineStrings(en, zh);
export type ToolsKey = KeyOf<typeof toolsStrings>;
