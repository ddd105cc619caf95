// The menu editor's API: the account's live menu, its draft, the diff, publish and delete, and the
// conditional (个性化) menus. Types only, plus the method list: the renderer imports this folder.
import type { ErrorView } from './common';
import type { MenuButton, MenuDraft } from './menu';

/** The fields a rule can concern. */
export type MenuField = 'button' | 'sub_button' | 'name' | 'type' | 'key' | 'url' | 'media_id' | 'article_id' | 'appid' | 'pagepath';

/**
 * One broken rule. `at` is the button's position counted from 1: [2] is the second top-level
 * button, [2, 5] its fifth sub-button, [] the menu itself. `code` is the errcode WeChat answers.
 */
export interface MenuProblem {
  at: number[];
  /** The button's name as typed ('' when it has none). */
  name: string;
  field: MenuField;
  rule: 'too-many' | 'too-few' | 'too-long' | 'required' | 'unknown-type' | 'type-with-subs' | 'too-deep' | 'not-text' | 'format' | 'refused';
  /** Bytes (too-long), or the count of buttons (too-many / too-few). */
  actual?: number;
  limit?: number;
  code: number;
  /** The rule in words, English and Chinese: `button 2 › 5 "拍照或者…": name is 66 bytes, WeChat allows 60 (40025)`. */
  en: string;
  zh: string;
}

/** Where the live menu came from. */
export type MenuSource = 'api' | 'admin' | 'none';

/** matchrule of a conditional menu (the docs' field names). */
export interface MenuMatchRule {
  tag_id?: string;
  sex?: string;
  country?: string;
  province?: string;
  city?: string;
  client_platform_type?: string;
  language?: string;
}

export interface ConditionalMenuView {
  menuid: string;
  button: MenuButton[];
  matchrule: MenuMatchRule;
}

export interface MenuLiveView {
  appId: string;
  /** The default menu in menu/create's shape, or null when the account has none. */
  menu: MenuDraft | null;
  /** 'api': menu/get; 'admin': set in the admin page (get_current_selfmenu_info); 'none': no menu. */
  source: MenuSource;
  conditional: ConditionalMenuView[];
  at: number;
}

export interface MenuDraftView {
  appId: string;
  /** The draft kept for the account; null when there is none (the editor then starts from live). */
  draft: MenuDraft | null;
  savedAt: number | null;
  problems: MenuProblem[];
}

export interface MenuButtonChange {
  at: number[];
  name: string;
  /** For 'changed': the fields that differ (sub_button when only the children moved). */
  fields?: string[];
  /** For 'changed': the live button's name when it was renamed. */
  was?: string;
}

export interface MenuDiff {
  added: MenuButtonChange[];
  removed: MenuButtonChange[];
  changed: MenuButtonChange[];
  /** True when draft and live are the same menu. */
  same: boolean;
}

export type MenuPublishResult =
  | { published: true; appId: string; at: number; diff: MenuDiff }
  /** Nothing was sent (problems) or WeChat refused (error, with the problems its code concerns). */
  | { published: false; appId: string; problems: MenuProblem[]; error?: ErrorView };

export interface MenuEditorApi {
  /** The live menu: menu/get (get_current_selfmenu_info when set in the admin page) and the conditional menus. */
  menuLive(appId: string): Promise<MenuLiveView>;
  menuDraft(appId: string): Promise<MenuDraftView>;
  /** Keeps a draft (a MenuDraft or its JSON text, as menu/create takes it), checked; problems do not stop it being kept. */
  menuSaveDraft(appId: string, draft: unknown): Promise<MenuDraftView>;
  /** Draft = live. */
  menuRevert(appId: string): Promise<MenuDraftView>;
  menuDiff(appId: string): Promise<MenuDiff>;
  /** menu/create with the draft; nothing is sent while a rule is broken. */
  menuPublish(appId: string): Promise<MenuPublishResult>;
  /** menu/delete: the default menu and every conditional menu. */
  menuDelete(appId: string): Promise<{ appId: string; at: number }>;
  menuAddConditional(appId: string, menu: unknown): Promise<{ menuid: string }>;
  menuDeleteConditional(appId: string, menuid: string): Promise<{ appId: string; at: number }>;
  /** menu/trymatch: the menu a follower (OpenID or WeChat ID) gets. */
  menuTryMatch(appId: string, userId: string): Promise<MenuDraft>;
}

export const MENU_EDITOR_METHODS = [
  'menuLive',
  'menuDraft',
  'menuSaveDraft',
  'menuRevert',
  'menuDiff',
  'menuPublish',
  'menuDelete',
  'menuAddConditional',
  'menuDeleteConditional',
  'menuTryMatch',
] as const satisfies readonly (keyof MenuEditorApi)[];

/** What changed in an account's menu (the 'menu' event): the draft, or the live menu. */
export type MenuChange = 'draft' | 'published' | 'deleted' | 'reverted' | 'conditional';
