// Errors of the APIs the console calls most (menus, followers, templates, QR codes, quota, rid),
// in the same shape as errors.ts's table, which takes them in. Kept apart so the token keeper's
// table stays readable.
import type { ErrorEntry } from './errors';

const t = (s: string) => () => s;

/** kind 'input': the request as typed is wrong; retrying it unchanged gives the same answer. */
const input = (en: [string, string], zh: [string, string]): ErrorEntry => ({ kind: 'input', en: [t(en[0]), t(en[1])], zh: [t(zh[0]), t(zh[1])] });

export const API_ERRORS: Record<string, ErrorEntry> = {
  // openapi/rid/get needs the account's access_token; when its last fetch failed, fetching one for the
  // lookup would replace the very error (and rid) being looked up (issue 21, item 3).
  RID_NEEDS_TOKEN: {
    kind: 'config',
    en: [
      (p) => `Looking up a rid needs a valid access_token of ${p.detail ?? 'the account'}, and it has none now: its last token fetch failed. WxDesk does not fetch one just for the lookup, which would replace the error you are looking at.`,
      (p) => `Fix the account's last error first (its hint says how) and get a token (Refresh, or \`wxdesk token ${p.detail ?? 'APPID'}\`), then look the rid up: WeChat keeps it 7 days.`,
    ],
    zh: [
      (p) => `查询 rid 需要 ${p.detail ?? '该账号'} 的有效 access_token，但它现在没有：上一次获取 token 失败了。WxDesk 不会为查询而获取 token，否则会替换掉你正在查看的错误。`,
      (p) => `请先按提示解决该账号的最近错误并获取 token（「刷新」或 \`wxdesk token ${p.detail ?? 'APPID'}\`），再查询该 rid：微信会保留 7 天。`,
    ],
  },
  '40003': input(['Invalid openid (40003): no follower of this account has it.', 'Take an openid from user/get of the same account; openids differ from one account to another.'], ['openid 无效（40003）：该公众号没有这个关注者。', '请使用同一公众号 user/get 返回的 openid；不同公众号的 openid 不同。']),
  '40016': input(['Invalid number of menu buttons (40016).', 'A menu has 1 to 3 top buttons, each with 1 to 5 sub_button entries at most.'], ['菜单按钮个数不合法（40016）。', '一级菜单 1～3 个，每个一级菜单下最多 5 个二级菜单。']),
  '40017': input(['Invalid menu button type (40017).', 'Each button needs a type (click, view, miniprogram, …) unless it only holds sub_button.'], ['菜单按钮类型不合法（40017）。', '除仅含 sub_button 的按钮外，每个按钮都需要 type（click、view、miniprogram 等）。']),
  '40018': input(['Invalid menu button name (40018).', 'Names are at most 16 bytes for top buttons and 60 bytes for sub buttons.'], ['菜单按钮名称长度不合法（40018）。', '一级菜单名称不超过 16 字节，二级菜单不超过 60 字节。']),
  '40019': input(['Invalid menu button key (40019).', 'A click button needs a key of at most 128 bytes.'], ['菜单按钮 key 长度不合法（40019）。', 'click 类型的按钮需要不超过 128 字节的 key。']),
  '40020': input(['Invalid menu button url (40020).', 'A view button needs a url of at most 1024 bytes.'], ['菜单按钮 url 长度不合法（40020）。', 'view 类型的按钮需要不超过 1024 字节的 url。']),
  '40037': input(['Invalid template_id (40037).', 'Take the template_id from template/get_all_private_template of the same account.'], ['template_id 无效（40037）。', '请使用同一公众号 get_all_private_template 返回的 template_id。']),
  '40097': input(['Invalid arguments (40097).', 'Check the parameters against the API\'s documentation: a name, a type or a value is wrong.'], ['参数错误（40097）。', '请对照接口文档检查参数名、类型和取值。']),
  '44002': input(['The POST body is empty (44002).', 'This API needs a JSON body.'], ['POST 数据为空（44002）。', '该接口需要 JSON 请求体。']),
  '46003': input(['The account has no menu (46003).', 'Create one with menu/create first.'], ['该公众号没有自定义菜单（46003）。', '请先调用 menu/create 创建菜单。']),
  '47001': input(['WeChat could not read the body (47001: data format error).', 'Send valid JSON with the fields the API expects, as UTF-8.'], ['请求数据格式错误（47001）。', '请发送 UTF-8 编码、字段符合接口要求的合法 JSON。']),
  '47003': input(['An argument is missing or invalid (47003).', 'WeChat\'s errmsg names the field (for example data.keyword1 is empty).'], ['参数缺失或不合法（47003）。', '微信的 errmsg 中指明了具体字段（例如 data.keyword1 为空）。']),
  '48006': {
    kind: 'limit',
    en: [t('The quota resets for this month are used up (48006).'), t('clear_quota and clear_quota/v2 share 10 resets a month; wait for next month.')],
    zh: [t('本月的清零次数已用完（48006）。'), t('clear_quota 与 clear_quota/v2 每月共 10 次清零机会，请等到下月。')],
  },
  '76001': input(['WeChat has no record of this rid (76001).', 'A rid is kept for 7 days, and only for the account whose call failed.'], ['没有该 rid 的记录（76001）。', 'rid 仅保留 7 天，且只能由出错的公众号自己查询。']),
  '76002': input(['The rid is empty or malformed (76002).', 'Copy the rid from the end of the errmsg (rid: xxxxxxxx-xxxxxxxx-xxxxxxxx).'], ['rid 为空或格式错误（76002）。', '请从 errmsg 末尾复制 rid（rid: xxxxxxxx-xxxxxxxx-xxxxxxxx）。']),
  '76003': input(['This rid belongs to another account (76003).', 'Look it up with the token of the account whose call failed.'], ['该 rid 属于其他账号（76003）。', '请使用出错账号的 access_token 查询。']),
  '76021': input(['WeChat does not know this API path (76021).', 'Give the path as /cgi-bin/…, without the host and without a query.'], ['cgi_path 不存在（76021）。', '请填写 /cgi-bin/… 形式的路径，不含域名和查询参数。']),
  '76022': input(['This API path cannot be queried with this token (76022).', 'Quota of /sns/… APIs and of other accounts\' APIs cannot be read here.'], ['无法用此 token 查询该路径（76022）。', '/sns/… 类接口及其他账号的接口不支持查询额度。']),
};
