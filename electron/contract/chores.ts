// A test account's daily chores (issue 25): followers and tags, template messages, QR codes and
// media uploads. Every call goes through the API console core (token added, a stale one replaced
// once, errors explained, team mode). Types only, plus the method list: the renderer imports this folder.

/** One page of user/get: at most 10,000 OpenIDs, in follow order. */
export interface FollowerPage {
  appId: string;
  /** All followers of the account. */
  total: number;
  openIds: string[];
  /** Pass as `after` for the next page; '' when this is the last page. */
  nextOpenId: string;
}

/** One follower as user/info/batchget describes them. */
export interface FollowerDetail {
  openId: string;
  /** False when the user no longer follows (then WeChat gives nothing else). */
  subscribed: boolean;
  /** Milliseconds (WeChat's subscribe_time is in seconds). */
  subscribedAt?: number;
  /** ADD_SCENE_SEARCH, ADD_SCENE_QR_CODE, … as WeChat spells it. */
  scene?: string;
  qrScene?: number;
  qrSceneStr?: string;
  remark?: string;
  tagIds?: number[];
  language?: string;
  unionId?: string;
}

export interface FollowerTag {
  id: number;
  name: string;
  /** Followers carrying the tag. */
  count: number;
}

/** A template of the account, its content parsed for its {{name.DATA}} fields. */
export interface TemplateView {
  templateId: string;
  title: string;
  primaryIndustry: string;
  deputyIndustry: string;
  content: string;
  example: string;
  /** The data keys in the order the content names them, each once (first, keyword1, remark…). */
  fields: string[];
}

export interface TemplateSendInput {
  appId: string;
  templateId: string;
  /** The follower's OpenID (touser). */
  toOpenId: string;
  /** data: { name: { value, color? } }; color as #RRGGBB. */
  data: Record<string, { value: string; color?: string }>;
  /** Where a tap leads: a url, or a mini program (then url is the fallback). */
  url?: string;
  miniprogram?: { appid: string; pagepath?: string };
}

export interface TemplateSendResult {
  appId: string;
  msgid: number;
  at: number;
}

/** qrcode/create: temporary (expireSeconds, at most 2,592,000 = 30 days) or permanent. */
export interface QrInput {
  appId: string;
  permanent: boolean;
  /** A number scene (temporary: 1 to 4294967295; permanent: 1 to 100000) or a text scene (1-64 characters). */
  scene: number | string;
  /** Temporary only; WeChat's default is 60. */
  expireSeconds?: number;
}

export interface QrResult {
  appId: string;
  ticket: string;
  /** The URL the QR code encodes (drawn locally, never fetched). */
  url: string;
  /** Temporary codes only. */
  expireSeconds?: number;
  /** Milliseconds; null for a permanent code. */
  expiresAt: number | null;
  /** mp.weixin.qq.com/cgi-bin/showqrcode?ticket=… (the image WeChat draws, if wanted). */
  showUrl: string;
  /** The code drawn locally from url, a PNG as base64. */
  png: string;
  at: number;
}

export type MediaType = 'image' | 'voice' | 'video' | 'thumb';
/** 'uploadimg' is media/uploadimg: a permanent image for articles, answered with a URL. */
export type MediaKind = MediaType | 'uploadimg';

export interface MediaUploadInput {
  appId: string;
  kind: MediaKind;
  /** The file's name as picked (its extension is checked with its content). */
  fileName: string;
  /** The file's bytes as base64; at most the kind's limit (10 MB the most). */
  base64: string;
}

/** One upload, as kept per account (newest first). */
export interface MediaUploadView {
  appId: string;
  kind: MediaKind;
  fileName: string;
  /** The content type found from the bytes (image/png, audio/mpeg, …). */
  contentType: string;
  size: number;
  /** media/upload's media_id (thumb: thumb_media_id). */
  mediaId?: string;
  /** media/uploadimg's URL. */
  url?: string;
  /** Milliseconds. */
  createdAt: number;
  /** Temporary media: createdAt + 3 days; null for uploadimg (permanent). */
  expiresAt: number | null;
}

/** A kind's limits, from WeChat's docs (see WECHAT.md). */
export interface MediaLimit {
  kind: MediaKind;
  maxBytes: number;
  /** File extensions accepted (lowercase, no dot). */
  extensions: string[];
}

export interface ChoresApi {
  /** One page of user/get (after = the previous page's nextOpenId; '' for the first). */
  followerPage(appId: string, after: string): Promise<FollowerPage>;
  /** user/info/batchget, 100 OpenIDs per request (any number given; at most 10,000). */
  followerDetails(appId: string, openIds: string[]): Promise<FollowerDetail[]>;
  /** user/info/updateremark (at most 30 characters). */
  followerRemark(appId: string, openId: string, remark: string): Promise<FollowerDetail>;
  /** tags/get. */
  tags(appId: string): Promise<FollowerTag[]>;
  /** tags/create (a name of at most 30 characters). */
  tagCreate(appId: string, name: string): Promise<FollowerTag>;
  /** tags/members/batchtagging (at most 50 OpenIDs). */
  tagMembers(appId: string, tagId: number, openIds: string[]): Promise<void>;
  /** tags/members/batchuntagging (at most 50 OpenIDs). */
  untagMembers(appId: string, tagId: number, openIds: string[]): Promise<void>;
  /** template/get_all_private_template, parsed for fields. */
  templates(appId: string): Promise<TemplateView[]>;
  /** message/template/send. */
  templateSend(input: TemplateSendInput): Promise<TemplateSendResult>;
  /** qrcode/create, and the PNG drawn locally. */
  qrCreate(input: QrInput): Promise<QrResult>;
  /** The limits each kind is checked against before sending. */
  mediaLimits(): Promise<MediaLimit[]>;
  /** media/upload or media/uploadimg, multipart; refused before sending when too large or of the wrong type. */
  mediaUpload(input: MediaUploadInput): Promise<MediaUploadView>;
  /** The account's uploads, newest first (the last 200). */
  mediaList(appId: string): Promise<MediaUploadView[]>;
}

export const CHORES_METHODS = [
  'followerPage',
  'followerDetails',
  'followerRemark',
  'tags',
  'tagCreate',
  'tagMembers',
  'untagMembers',
  'templates',
  'templateSend',
  'qrCreate',
  'mediaLimits',
  'mediaUpload',
  'mediaList',
] as const satisfies readonly (keyof ChoresApi)[];
