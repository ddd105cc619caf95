// The API console's catalogue: ready requests for the APIs a test account is managed with. Data
// only (no Node, no logic beyond filling in the AppID), so the renderer, the CLI and the tests read
// the same list.
import type { ConsoleInput, ConsolePreset } from '../../contract';

/** The index of WeChat's server APIs; entries link their own page where its address is known. */
const DOC = 'https://developers.weixin.qq.com/doc/service/api';

export const CONSOLE_PRESETS: readonly ConsolePreset[] = [
  {
    id: 'api-domain-ip',
    name: { en: 'Token check (API server IPs)', zh: '检查 token（获取微信 API 服务器 IP）' },
    method: 'GET',
    path: '/cgi-bin/get_api_domain_ip',
    doc: `${DOC}/base/api_getapidomainip`,
  },
  {
    id: 'callback-ip',
    name: { en: 'Callback IPs', zh: '获取微信推送服务器 IP' },
    method: 'GET',
    path: '/cgi-bin/getcallbackip',
    doc: `${DOC}/base/api_getcallbackip`,
  },
  {
    id: 'menu-get',
    name: { en: 'Menu: get', zh: '自定义菜单：查询' },
    method: 'GET',
    path: '/cgi-bin/menu/get',
    doc: DOC,
  },
  {
    id: 'menu-create',
    name: { en: 'Menu: create', zh: '自定义菜单：创建' },
    method: 'POST',
    path: '/cgi-bin/menu/create',
    body: {
      button: [
        { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
        {
          name: '菜单',
          sub_button: [
            { type: 'view', name: '搜索', url: 'https://www.soso.com/' },
            { type: 'click', name: '赞一下我们', key: 'V1001_GOOD' },
          ],
        },
      ],
    },
    doc: `${DOC}/custommenu/api_createcustommenu`,
    confirm: true,
  },
  {
    id: 'menu-delete',
    name: { en: 'Menu: delete', zh: '自定义菜单：删除' },
    method: 'GET',
    path: '/cgi-bin/menu/delete',
    doc: DOC,
    confirm: true,
  },
  {
    id: 'selfmenu-info',
    name: { en: 'Menu: current (incl. set on mp.weixin.qq.com)', zh: '自定义菜单：当前配置（含公众平台设置）' },
    method: 'GET',
    path: '/cgi-bin/get_current_selfmenu_info',
    doc: DOC,
  },
  {
    id: 'user-list',
    name: { en: 'Followers: list', zh: '用户管理：获取关注者列表' },
    method: 'GET',
    path: '/cgi-bin/user/get',
    query: [['next_openid', '']],
    doc: DOC,
  },
  {
    id: 'user-info',
    name: { en: 'Followers: user info', zh: '用户管理：获取用户基本信息' },
    method: 'GET',
    path: '/cgi-bin/user/info',
    query: [
      ['openid', 'OPENID'],
      ['lang', 'zh_CN'],
    ],
    doc: DOC,
  },
  {
    id: 'template-list',
    name: { en: 'Templates: list', zh: '模板消息：获取模板列表' },
    method: 'GET',
    path: '/cgi-bin/template/get_all_private_template',
    doc: DOC,
  },
  {
    id: 'template-send',
    name: { en: 'Templates: send', zh: '模板消息：发送' },
    method: 'POST',
    path: '/cgi-bin/message/template/send',
    body: {
      touser: 'OPENID',
      template_id: 'TEMPLATE_ID',
      url: 'https://example.com/',
      data: { keyword1: { value: '20261206001' }, remark: { value: 'Sent from WxDesk' } },
    },
    doc: DOC,
    confirm: true,
  },
  {
    id: 'qrcode-create',
    name: { en: 'QR code: create (temporary)', zh: '生成带参数的二维码（临时）' },
    method: 'POST',
    path: '/cgi-bin/qrcode/create',
    body: { expire_seconds: 604800, action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str: 'wxdesk' } } },
    doc: DOC,
  },
  {
    id: 'quota-get',
    name: { en: 'Quota: get', zh: '查询 API 调用额度' },
    method: 'POST',
    path: '/cgi-bin/openapi/quota/get',
    body: { cgi_path: '/cgi-bin/stable_token' },
    doc: `${DOC}/apimanage/api_getapiquota`,
  },
  {
    id: 'rid-get',
    name: { en: 'rid: look up', zh: '查询 rid 信息' },
    method: 'POST',
    path: '/cgi-bin/openapi/rid/get',
    body: { rid: 'RID' },
    doc: `${DOC}/apimanage/api_getridinfo`,
  },
  {
    id: 'clear-quota',
    name: { en: 'Quota: reset (clear_quota, 10 a month)', zh: '重置 API 调用次数（clear_quota，每月 10 次）' },
    method: 'POST',
    path: '/cgi-bin/clear_quota',
    body: { appid: '{appid}' },
    doc: DOC,
    confirm: true,
  },
];

export function presetById(id: string): ConsolePreset | undefined {
  return CONSOLE_PRESETS.find((p) => p.id === id);
}

/** A preset as a request for one account: the sample body pretty-printed, "{appid}" filled in. */
export function presetInput(preset: ConsolePreset, appId: string): ConsoleInput {
  const input: ConsoleInput = { appId, method: preset.method, path: preset.path, query: (preset.query ?? []).map(([k, v]) => [k, v]) };
  if (preset.body !== undefined) input.body = JSON.stringify(preset.body, (_k, v: unknown) => (v === '{appid}' ? appId : v), 2);
  return input;
}
