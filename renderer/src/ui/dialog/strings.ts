// The buttons of an in-page question: loaded with the first dialog.
import { defineStrings } from '../../i18n/define';

const en = {
  'dialog.confirm': 'Confirm',
  'dialog.cancel': 'Cancel',
} as const;

const zh: Record<keyof typeof en, string> = {
  'dialog.confirm': '确认',
  'dialog.cancel': '取消',
};

export const dialogStrings = defineStrings(en, zh);
