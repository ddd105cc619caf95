// The custom menu (自定义菜单): the JSON menu/create takes and menu/get returns. Shared by the phone
// simulator (which draws it and taps it) and the menu editor (which edits, checks and publishes it).

/** Every button type menu/create accepts. */
export type MenuButtonType =
  | 'click'
  | 'view'
  | 'scancode_push'
  | 'scancode_waitmsg'
  | 'pic_sysphoto'
  | 'pic_photo_or_album'
  | 'pic_weixin'
  | 'location_select'
  | 'media_id'
  | 'article_id'
  | 'article_view_limited'
  | 'miniprogram';

/** One button as menu/create takes it; a top-level button with sub_button has no type. */
export interface MenuButton {
  name: string;
  type?: MenuButtonType;
  key?: string;
  url?: string;
  media_id?: string;
  article_id?: string;
  appid?: string;
  pagepath?: string;
  sub_button?: MenuButton[];
}

/** menu/create's body: at most 3 buttons, each with at most 5 sub-buttons. */
export interface MenuDraft {
  button: MenuButton[];
}
