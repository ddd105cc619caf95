// WeChat's answers to the custom-menu APIs (menu/create, addconditional, delconditional, trymatch)
// that errors-api.ts does not already explain, in the same shape as errors.ts's table. Sources: the
// global return codes page and the menu pages (see /work/shared/WECHAT.md, "Custom menu").
import type { ErrorEntry } from './errors';

const t = (s: string) => () => s;
const input = (en: [string, string], zh: [string, string]): ErrorEntry => ({ kind: 'input', en: [t(en[0]), t(en[1])], zh: [t(zh[0]), t(zh[1])] });
const config = (en: [string, string], zh: [string, string]): ErrorEntry => ({ kind: 'config', en: [t(en[0]), t(en[1])], zh: [t(zh[0]), t(zh[1])] });

export const MENU_ERRORS: Record<string, ErrorEntry> = {
  '40007': input(['Invalid media_id (40007).', 'A media_id (or article_id) button needs the id of a permanent material (or a published article) of this account.'], ['media_id 无效（40007）。', 'media_id（或 article_id）类型的按钮需要本账号的永久素材 id（或已发布文章的 article_id）。']),
  '40022': input(['Invalid menu level (40022): a sub-button has sub-buttons of its own.', 'A menu has two levels: top buttons, and their sub-buttons.'], ['子菜单级数不合法（40022）：子按钮下又有子按钮。', '菜单只有两级：一级按钮及其子按钮。']),
  '40023': input(['Invalid number of sub-buttons (40023).', 'A top button holds 1 to 5 sub-buttons.'], ['子菜单按钮个数不合法（40023）。', '每个一级按钮下有 1～5 个子按钮。']),
  '40024': input(['Invalid sub-button type (40024).', 'Each sub-button needs a type WeChat knows (click, view, miniprogram, …).'], ['子菜单按钮类型不合法（40024）。', '每个子按钮都需要微信支持的类型（click、view、miniprogram 等）。']),
  '40025': input(['Invalid sub-button name (40025).', 'A sub-button\'s name is 1 to 60 bytes (UTF-8: a Chinese character is 3).'], ['子菜单按钮名称长度不合法（40025）。', '子按钮名称为 1～60 字节（UTF-8：一个汉字 3 字节）。']),
  '40026': input(['Invalid sub-button key (40026).', 'A click (or scan, photo, location) sub-button needs a key of at most 128 bytes.'], ['子菜单按钮 key 长度不合法（40026）。', 'click（及扫码、发图、位置）类型的子按钮需要不超过 128 字节的 key。']),
  '40027': input(['Invalid sub-button url (40027).', 'A view or miniprogram sub-button needs a url of at most 1024 bytes.'], ['子菜单按钮 url 长度不合法（40027）。', 'view 或 miniprogram 类型的子按钮需要不超过 1024 字节的 url。']),
  '40165': input(['Invalid mini program page path (40165).', 'pagepath must be a page of the mini program, e.g. pages/index/index.'], ['小程序页面路径不合法（40165）。', 'pagepath 应为该小程序的页面，例如 pages/index/index。']),
  '40166': input(['Invalid mini program AppID (40166).', 'appid must be a mini program linked to this account ("wx" and 16 lowercase hex characters).'], ['小程序 AppID 不合法（40166）。', 'appid 应为已关联本公众号的小程序（wx 加 16 位小写十六进制字符）。']),
  '65301': input(['No conditional menu has this menuid (65301).', 'List the conditional menus (menu/get) and take a menuid from there.'], ['不存在此 menuid 对应的个性化菜单（65301）。', '请查询菜单（menu/get），使用其中的 menuid。']),
  '65302': input(['No such follower (65302).', 'trymatch takes the OpenID (or WeChat ID) of a follower of this account.'], ['没有相应的用户（65302）。', 'trymatch 需要本公众号关注者的 OpenID（或微信号）。']),
  '65303': config(['There is no default menu, so no conditional menu can be added (65303).', 'Publish a default menu (menu/create) first.'], ['没有默认菜单，不能创建个性化菜单（65303）。', '请先发布默认菜单（menu/create）。']),
  '65304': input(['The matchrule is empty (65304).', 'Give at least one of tag_id or client_platform_type.'], ['MatchRule 信息为空（65304）。', '请至少填写 tag_id 或 client_platform_type 之一。']),
  '65305': { kind: 'limit', en: [t('Too many conditional menus (65305).'), t('Delete a conditional menu before adding another.')], zh: [t('个性化菜单数量受限（65305）。'), t('请先删除一个个性化菜单再添加。')] },
  '65306': config(['This account cannot have conditional menus (65306).', 'The docs open conditional menus to verified accounts only.'], ['该账号不支持个性化菜单（65306）。', '文档说明个性化菜单仅对已认证账号开放。']),
  '65307': input(['The conditional menu is empty (65307).', 'Give it 1 to 3 buttons.'], ['个性化菜单信息为空（65307）。', '请为其设置 1～3 个按钮。']),
  '65308': input(['A button has no action (65308).', 'Every button needs a type, or sub-buttons.'], ['包含没有响应类型的 button（65308）。', '每个按钮都需要类型，或子按钮。']),
  '65309': config(['Conditional menus are switched off for this account (65309).', 'Switch them on in the admin page, or use the default menu.'], ['个性化菜单开关处于关闭状态（65309）。', '请在公众平台开启，或只使用默认菜单。']),
  '65310': input(['A province or city was given without a country (65310).', 'WeChat no longer matches by region anyway (65320): use tag_id.'], ['填写了省份或城市信息，国家信息不能为空（65310）。', '微信已不再支持按地区匹配（65320）：请使用 tag_id。']),
  '65311': input(['A city was given without a province (65311).', 'WeChat no longer matches by region anyway (65320): use tag_id.'], ['填写了城市信息，省份信息不能为空（65311）。', '微信已不再支持按地区匹配（65320）：请使用 tag_id。']),
  '65316': input(['The menus link to too many domains (65316).', 'All conditional menus of an account may link to at most 3 domains.'], ['菜单设置了过多的域名外跳（65316）。', '一个公众号的所有个性化菜单最多只能跳转到 3 个域名。']),
  '65317': input(['Invalid URL in the menu (65317).', 'Use a full http:// or https:// URL.'], ['菜单中的 URL 不合法（65317）。', '请使用完整的 http:// 或 https:// URL。']),
  '65320': input(['WeChat no longer matches menus by sex, region or language (65320).', 'Match by tag_id (tag the followers) or client_platform_type instead.'], ['个性化菜单已不再支持按性别、地区、语言匹配（65320）。', '请改用 tag_id（为用户打标签）或 client_platform_type。']),
};
