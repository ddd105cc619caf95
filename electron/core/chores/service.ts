// A test account's chores (issue 25): templates, QR codes and media, and the followers' calls in
// followers.ts. Everything goes through the API console core: the token added, a stale one
// replaced once, WeChat's errors explained (with their rid), team mode included.
import type { FollowerDetail, FollowerPage, FollowerTag, MediaKind, MediaLimit, MediaUploadView, QrInput, QrResult, TemplateSendInput, TemplateSendResult, TemplateView } from '../../contract/chores';
import type { AccountService } from '../accounts';
import { systemClock, type Clock } from '../clock';
import type { ApiConsole } from '../console/console';
import { GuardedEmitter } from '../guarded-emitter';
import { WxError } from '../errors';
import * as followers from './followers';
import { MEDIA_LIMITS, checkMedia } from './media';
import { qrPng } from './qr-png';
import type { MediaUploads } from './uploads';

/** Temporary media live 3 days at WeChat (新增临时素材). */
export const TEMP_MEDIA_MS = 3 * 86_400_000;

type Json = Record<string, unknown>;

/** The data keys of a template's content, in order, each once: {{first.DATA}} → first. */
export function templateFields(content: string): string[] {
  const seen = new Set<string>();
  for (const m of content.matchAll(/\{\{\s*([A-Za-z0-9_]+)\.DATA\s*\}\}/g)) seen.add(m[1] as string);
  return [...seen];
}

export interface ChoresDeps {
  accounts: AccountService;
  console: ApiConsole;
  uploads: MediaUploads;
  clock?: Clock;
}

export class ChoresService extends GuardedEmitter<{ change: [appId: string] }> {
  private readonly clock: Clock;

  constructor(private readonly deps: ChoresDeps) {
    super();
    this.clock = deps.clock ?? systemClock;
  }

  // ---- followers and tags ----

  followerPage(appId: string, after: string): Promise<FollowerPage> {
    return followers.followerPage(this.deps.console, appId, after);
  }
  followerDetails(appId: string, openIds: string[]): Promise<FollowerDetail[]> {
    return followers.followerDetails(this.deps.console, appId, openIds);
  }
  followerRemark(appId: string, openId: string, remark: string): Promise<FollowerDetail> {
    return followers.followerRemark(this.deps.console, appId, openId, remark);
  }
  tags(appId: string): Promise<FollowerTag[]> {
    return followers.tags(this.deps.console, appId);
  }
  tagCreate(appId: string, name: string): Promise<FollowerTag> {
    return followers.tagCreate(this.deps.console, appId, name);
  }
  tagMembers(appId: string, tagId: number, openIds: string[], untag: boolean): Promise<void> {
    return followers.tagMembers(this.deps.console, appId, tagId, openIds, untag);
  }

  // ---- templates ----

  async templates(appId: string): Promise<TemplateView[]> {
    const json = await this.deps.console.call(appId, '/cgi-bin/template/get_all_private_template');
    const list = Array.isArray(json.template_list) ? (json.template_list as Json[]) : [];
    const s = (v: unknown) => (typeof v === 'string' ? v : '');
    return list.map((t) => ({
      templateId: s(t.template_id),
      title: s(t.title),
      primaryIndustry: s(t.primary_industry),
      deputyIndustry: s(t.deputy_industry),
      content: s(t.content),
      example: s(t.example),
      fields: templateFields(s(t.content)),
    }));
  }

  async templateSend(input: TemplateSendInput): Promise<TemplateSendResult> {
    const body: Json = { touser: input.toOpenId, template_id: input.templateId, data: input.data };
    if (input.url !== undefined) body.url = input.url;
    if (input.miniprogram) body.miniprogram = { appid: input.miniprogram.appid, ...(input.miniprogram.pagepath ? { pagepath: input.miniprogram.pagepath } : {}) };
    const json = await this.deps.console.call(input.appId, '/cgi-bin/message/template/send', body);
    const msgid = Number(json.msgid);
    if (!Number.isFinite(msgid)) throw new WxError('BAD_RESPONSE', { detail: 'template/send answered without msgid', detailZh: 'template/send 的应答中没有 msgid', kind: 'bug' });
    return { appId: input.appId, msgid, at: this.clock.now() };
  }

  // ---- QR codes ----

  async qrCreate(input: QrInput): Promise<QrResult> {
    const str = typeof input.scene === 'string';
    const action_name = input.permanent ? (str ? 'QR_LIMIT_STR_SCENE' : 'QR_LIMIT_SCENE') : str ? 'QR_STR_SCENE' : 'QR_SCENE';
    const body: Json = { action_name, action_info: { scene: str ? { scene_str: input.scene } : { scene_id: input.scene } } };
    if (!input.permanent && input.expireSeconds !== undefined) body.expire_seconds = input.expireSeconds;
    const at = this.clock.now();
    const json = await this.deps.console.call(input.appId, '/cgi-bin/qrcode/create', body);
    const ticket = typeof json.ticket === 'string' ? json.ticket : '';
    const url = typeof json.url === 'string' ? json.url : '';
    if (!ticket || !url) throw new WxError('BAD_RESPONSE', { detail: 'qrcode/create answered without ticket or url', detailZh: 'qrcode/create 的应答中没有 ticket 或 url', kind: 'bug' });
    const expire = typeof json.expire_seconds === 'number' ? json.expire_seconds : undefined;
    const result: QrResult = {
      appId: input.appId,
      ticket,
      url,
      expiresAt: input.permanent ? null : at + (expire ?? 60) * 1000,
      showUrl: `https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=${encodeURIComponent(ticket)}`,
      png: qrPng(url).toString('base64'),
      at,
    };
    if (expire !== undefined) result.expireSeconds = expire;
    return result;
  }

  // ---- media ----

  mediaLimits(): MediaLimit[] {
    return Object.values(MEDIA_LIMITS).map((l) => ({ ...l, extensions: [...l.extensions] }));
  }

  /** Checked before anything is sent, then multipart (field "media") through the console core. */
  async mediaUpload(appId: string, kind: MediaKind, fileName: string, bytes: Buffer): Promise<MediaUploadView> {
    this.deps.accounts.require(appId);
    const contentType = checkMedia(kind, fileName, bytes);
    const path = kind === 'uploadimg' ? '/cgi-bin/media/uploadimg' : '/cgi-bin/media/upload';
    const query: [string, string][] = kind === 'uploadimg' ? [] : [['type', kind]];
    const json = await this.deps.console.upload(appId, path, query, { field: 'media', fileName, contentType, bytes });
    const now = this.clock.now();
    const view: MediaUploadView = { appId, kind, fileName, contentType, size: bytes.length, createdAt: now, expiresAt: null };
    if (kind === 'uploadimg') {
      if (typeof json.url !== 'string') throw new WxError('BAD_RESPONSE', { detail: 'uploadimg answered without url', detailZh: 'uploadimg 的应答中没有 url', kind: 'bug' });
      view.url = json.url;
    } else {
      const id = kind === 'thumb' ? (json.thumb_media_id ?? json.media_id) : json.media_id;
      if (typeof id !== 'string') throw new WxError('BAD_RESPONSE', { detail: 'media/upload answered without media_id', detailZh: 'media/upload 的应答中没有 media_id', kind: 'bug' });
      view.mediaId = id;
      const created = typeof json.created_at === 'number' ? json.created_at * 1000 : Number(json.created_at) * 1000 || now;
      view.createdAt = created;
      view.expiresAt = created + TEMP_MEDIA_MS;
    }
    try {
      await this.deps.uploads.add(view);
      this.emit('change', appId);
    } catch {
      // The upload itself worked: a list that cannot be written must not hide its media_id.
    }
    return view;
  }

  mediaList(appId: string): MediaUploadView[] {
    this.deps.accounts.require(appId);
    return this.deps.uploads.list(appId);
  }
}
