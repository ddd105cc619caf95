// Followers and tags (issue 25): user/get paged by next_openid, user/info/batchget 100 at a time,
// updateremark and tags/*, each through the console core's call (token, stale-token retry, errors).
import type { FollowerDetail, FollowerPage, FollowerTag } from '../../contract/chores';
import type { ApiConsole } from '../console/console';
import { WxError } from '../errors';

/** user/info/batchget takes at most 100 OpenIDs a request (WeChat's docs). */
export const BATCHGET_SIZE = 100;

type Json = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function badAnswer(what: string, whatZh: string): WxError {
  return new WxError('BAD_RESPONSE', { detail: what, detailZh: whatZh, kind: 'bug' });
}

export async function followerPage(api: ApiConsole, appId: string, after: string): Promise<FollowerPage> {
  const json = await api.call(appId, '/cgi-bin/user/get', undefined, after === '' ? [] : [['next_openid', after]]);
  const data = json.data as Json | undefined;
  const list = data?.openid;
  // An empty page carries no data at all (WeChat's shape).
  const openIds = Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
  const total = num(json.total);
  if (total === undefined) throw badAnswer('user/get answered without total', 'user/get 的应答中没有 total');
  return { appId, total, openIds, nextOpenId: str(json.next_openid) ?? '' };
}

export function detailOf(u: Json): FollowerDetail {
  const openId = str(u.openid) ?? '';
  if (u.subscribe === 0) return { openId, subscribed: false };
  const d: FollowerDetail = { openId, subscribed: true };
  const t = num(u.subscribe_time);
  if (t !== undefined) d.subscribedAt = t * 1000;
  if (str(u.subscribe_scene)) d.scene = str(u.subscribe_scene);
  if (num(u.qr_scene) !== undefined) d.qrScene = num(u.qr_scene);
  if (str(u.qr_scene_str) !== undefined) d.qrSceneStr = str(u.qr_scene_str);
  if (str(u.remark) !== undefined) d.remark = str(u.remark);
  if (Array.isArray(u.tagid_list)) d.tagIds = u.tagid_list.filter((x): x is number => typeof x === 'number');
  if (str(u.language)) d.language = str(u.language);
  if (str(u.unionid)) d.unionId = str(u.unionid);
  return d;
}

/** Details of any number of followers, 100 a request, in the order asked. */
export async function followerDetails(api: ApiConsole, appId: string, openIds: string[]): Promise<FollowerDetail[]> {
  const out: FollowerDetail[] = [];
  for (let i = 0; i < openIds.length; i += BATCHGET_SIZE) {
    const user_list = openIds.slice(i, i + BATCHGET_SIZE).map((openid) => ({ openid, lang: 'zh_CN' }));
    const json = await api.call(appId, '/cgi-bin/user/info/batchget', { user_list });
    const infos = json.user_info_list;
    if (!Array.isArray(infos)) throw badAnswer('batchget answered without user_info_list', 'batchget 的应答中没有 user_info_list');
    for (const u of infos) if (typeof u === 'object' && u !== null) out.push(detailOf(u as Json));
  }
  return out;
}

export async function followerRemark(api: ApiConsole, appId: string, openId: string, remark: string): Promise<FollowerDetail> {
  await api.call(appId, '/cgi-bin/user/info/updateremark', { openid: openId, remark });
  const [d] = await followerDetails(api, appId, [openId]);
  return d ?? { openId, subscribed: false };
}

export async function tags(api: ApiConsole, appId: string): Promise<FollowerTag[]> {
  const json = await api.call(appId, '/cgi-bin/tags/get');
  const list = Array.isArray(json.tags) ? (json.tags as Json[]) : [];
  return list.map((t) => ({ id: num(t.id) ?? 0, name: str(t.name) ?? '', count: num(t.count) ?? 0 }));
}

export async function tagCreate(api: ApiConsole, appId: string, name: string): Promise<FollowerTag> {
  const json = await api.call(appId, '/cgi-bin/tags/create', { tag: { name } });
  const tag = json.tag as Json | undefined;
  const id = num(tag?.id);
  if (id === undefined) throw badAnswer('tags/create answered without tag.id', 'tags/create 的应答中没有 tag.id');
  return { id, name: str(tag?.name) ?? name, count: 0 };
}

export async function tagMembers(api: ApiConsole, appId: string, tagId: number, openIds: string[], untag: boolean): Promise<void> {
  await api.call(appId, `/cgi-bin/tags/members/${untag ? 'batchuntagging' : 'batchtagging'}`, { openid_list: openIds, tagid: tagId });
}
