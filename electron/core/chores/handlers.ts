// The chores' rows of the handler table (dashboard.ts spreads them in): every argument is untrusted
// JSON, checked here in the style of dashboard-args.ts; the work is done by the ChoresService.
import type { ChoresApi, MediaKind, QrInput, TemplateSendInput } from '../../contract/chores';
import { appIdArg, describe, noArgs } from '../dashboard-args';
import { invalidInput } from '../errors';
import type { Core } from '../services';
import { base64Arg, fileNameArg } from '../console/file-input';
import { MAX_MEDIA_BYTES } from './media';

type ChoresHandlers = { [K in keyof ChoresApi]: (...args: unknown[]) => Promise<Awaited<ReturnType<ChoresApi[K]>>> };

const OPENID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const KINDS: readonly MediaKind[] = ['image', 'voice', 'video', 'thumb', 'uploadimg'];

export function openIdArg(v: unknown): string {
  if (typeof v !== 'string' || !OPENID_RE.test(v)) throw invalidInput(`Expected a follower's OpenID (letters, digits, - and _), got ${describe(v)}.`, `应为关注者的 OpenID（字母、数字、- 和 _），实际为 ${describe(v)}。`);
  return v;
}

function openIdsArg(v: unknown, max: number): string[] {
  if (!Array.isArray(v) || v.length > max) throw invalidInput(`Expected a list of at most ${max} OpenIDs, got ${Array.isArray(v) ? `${v.length}` : describe(v)}.`, `应为最多 ${max} 个 OpenID 的列表，实际为 ${Array.isArray(v) ? `${v.length} 个` : describe(v)}。`);
  return v.map(openIdArg);
}

function afterArg(v: unknown): string {
  if (v === undefined || v === null || v === '') return '';
  return openIdArg(v);
}

function textArg(v: unknown, max: number, what: string, whatZh: string, allowEmpty = false): string {
  if (typeof v !== 'string' || [...v].length > max || (!allowEmpty && v.trim() === '')) throw invalidInput(`${what} is text of ${allowEmpty ? 'at most' : '1 to'} ${max} characters, got ${describe(v)}.`, `${whatZh}应为${allowEmpty ? '最多' : ' 1～'}${max} 个字符的文本，实际为 ${describe(v)}。`);
  return v;
}

/** user/info/updateremark: "长度必须小于30字节" (updateremark's doc); 30 UTF-8 bytes, as the Followers panel counts (10 Chinese characters). */
function remarkArg(v: unknown): string {
  const bytes = typeof v === 'string' ? Buffer.byteLength(v, 'utf8') : NaN;
  if (typeof v !== 'string' || !(bytes <= 30)) {
    throw invalidInput(
      `A remark is text of at most 30 bytes in UTF-8 (10 Chinese characters), got ${typeof v === 'string' ? `${bytes} bytes` : describe(v)}.`,
      `备注最多 30 个字节（UTF-8，即 10 个汉字），实际为 ${typeof v === 'string' ? `${bytes} 个字节` : describe(v)}。`,
    );
  }
  return v;
}

function tagIdArg(v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 2 ** 31) throw invalidInput(`A tag id is a whole number (tags/get lists them), got ${describe(v)}.`, `标签 id 应为整数（见 tags/get），实际为 ${describe(v)}。`);
  return v;
}

function obj(v: unknown, what: string, whatZh: string, keys: string[]): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalidInput(`Expected ${what}.`, `应传入${whatZh}。`);
  for (const k of Object.keys(v)) if (!keys.includes(k)) throw invalidInput(`Unknown field ${describe(k)}.`, `未知字段 ${describe(k)}。`);
  return v as Record<string, unknown>;
}

const COLOR_RE = /^#[0-9A-Fa-f]{6}$/;
const HTTP_RE = /^https?:\/\/[^\s]{1,1024}$/;

export function templateSendArg(v: unknown): TemplateSendInput {
  const o = obj(v, 'a template message: {appId, templateId, toOpenId, data}', '模板消息：{appId, templateId, toOpenId, data}', ['appId', 'templateId', 'toOpenId', 'data', 'url', 'miniprogram']);
  const appId = appIdArg(o.appId);
  if (typeof o.templateId !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(o.templateId)) throw invalidInput(`Expected a template_id (from the template list), got ${describe(o.templateId)}.`, `应为 template_id（见模板列表），实际为 ${describe(o.templateId)}。`);
  const toOpenId = openIdArg(o.toOpenId);
  const dataIn = obj(o.data ?? {}, 'data as {name: {value, color}}', 'data，形如 {name: {value, color}}', Object.keys((o.data as object) ?? {}));
  const data: TemplateSendInput['data'] = {};
  const names = Object.keys(dataIn);
  if (names.length > 50) throw invalidInput('At most 50 data fields.', 'data 字段最多 50 个。');
  for (const name of names) {
    if (!/^[A-Za-z0-9_]{1,64}$/.test(name)) throw invalidInput(`A data field is named like keyword1, got ${describe(name)}.`, `data 字段名应形如 keyword1，实际为 ${describe(name)}。`);
    const f = obj(dataIn[name], `data.${name} as {value, color}`, `data.${name}，形如 {value, color}`, ['value', 'color']);
    const value = textArg(f.value, 2000, `data.${name}.value`, `data.${name}.value `, true);
    data[name] = { value };
    if (f.color !== undefined && f.color !== null && f.color !== '') {
      if (typeof f.color !== 'string' || !COLOR_RE.test(f.color)) throw invalidInput(`data.${name}.color is #RRGGBB, got ${describe(f.color)}.`, `data.${name}.color 应形如 #RRGGBB，实际为 ${describe(f.color)}。`);
      data[name].color = f.color;
    }
  }
  const out: TemplateSendInput = { appId, templateId: o.templateId, toOpenId, data };
  if (o.url !== undefined && o.url !== null && o.url !== '') {
    if (typeof o.url !== 'string' || !HTTP_RE.test(o.url)) throw invalidInput(`The url is a full http(s):// address, got ${describe(o.url)}.`, `url 应为完整的 http(s):// 地址，实际为 ${describe(o.url)}。`);
    out.url = o.url;
  }
  if (o.miniprogram !== undefined && o.miniprogram !== null) {
    const m = obj(o.miniprogram, 'miniprogram as {appid, pagepath}', 'miniprogram，形如 {appid, pagepath}', ['appid', 'pagepath']);
    if (typeof m.appid !== 'string' || !/^wx[0-9a-f]{16}$/.test(m.appid)) throw invalidInput(`miniprogram.appid is a mini program's AppID ("wx" + 16 hex characters), got ${describe(m.appid)}.`, `miniprogram.appid 应为小程序 AppID（wx 加 16 位十六进制字符），实际为 ${describe(m.appid)}。`);
    out.miniprogram = { appid: m.appid };
    if (m.pagepath !== undefined && m.pagepath !== null && m.pagepath !== '') out.miniprogram.pagepath = textArg(m.pagepath, 512, 'miniprogram.pagepath', 'miniprogram.pagepath ');
  }
  return out;
}

export function qrInputArg(v: unknown): QrInput {
  const o = obj(v, 'a QR request: {appId, permanent, scene, expireSeconds}', '二维码请求：{appId, permanent, scene, expireSeconds}', ['appId', 'permanent', 'scene', 'expireSeconds']);
  const appId = appIdArg(o.appId);
  if (typeof o.permanent !== 'boolean') throw invalidInput('permanent is true or false.', 'permanent 只能是 true 或 false。');
  const max = o.permanent ? 100_000 : 4_294_967_295;
  let scene: number | string;
  if (typeof o.scene === 'number') {
    if (!Number.isInteger(o.scene) || o.scene < 1 || o.scene > max) throw invalidInput(`A number scene is 1 to ${max} for a ${o.permanent ? 'permanent' : 'temporary'} code, got ${o.scene}.`, `${o.permanent ? '永久' : '临时'}二维码的数字场景值为 1～${max}，实际为 ${o.scene}。`);
    scene = o.scene;
  } else scene = textArg(o.scene, 64, 'A text scene (scene_str)', '字符串场景值（scene_str）');
  const out: QrInput = { appId, permanent: o.permanent, scene };
  if (o.expireSeconds !== undefined && o.expireSeconds !== null) {
    if (o.permanent) throw invalidInput('A permanent code does not expire: leave expireSeconds out.', '永久二维码不会过期：请不要填写 expireSeconds。');
    const e = o.expireSeconds;
    if (typeof e !== 'number' || !Number.isInteger(e) || e < 60 || e > 2_592_000) throw invalidInput(`expireSeconds is 60 to 2592000 (30 days), got ${typeof e === 'number' ? e : describe(e)}.`, `有效期 expire_seconds 应为 60～2592000 秒（30 天），实际为 ${typeof e === 'number' ? e : describe(e)}。`);
    out.expireSeconds = e;
  }
  return out;
}

function mediaKindArg(v: unknown): MediaKind {
  if (typeof v === 'string' && (KINDS as string[]).includes(v)) return v as MediaKind;
  throw invalidInput(`The media type is image, voice, video, thumb or uploadimg, got ${describe(v)}.`, `素材类型只能是 image、voice、video、thumb 或 uploadimg，实际为 ${describe(v)}。`);
}

export function choresHandlers(core: Core): ChoresHandlers {
  const { chores } = core;
  return {
    followerPage: async (...args) => (noArgs(args, 2), chores.followerPage(appIdArg(args[0]), afterArg(args[1]))),
    followerDetails: async (...args) => (noArgs(args, 2), chores.followerDetails(appIdArg(args[0]), openIdsArg(args[1], 10_000))),
    followerRemark: async (...args) => (noArgs(args, 3), chores.followerRemark(appIdArg(args[0]), openIdArg(args[1]), remarkArg(args[2]))),
    tags: async (...args) => (noArgs(args, 1), chores.tags(appIdArg(args[0]))),
    tagCreate: async (...args) => (noArgs(args, 2), chores.tagCreate(appIdArg(args[0]), textArg(args[1], 30, 'A tag name', '标签名'))),
    tagMembers: async (...args) => (noArgs(args, 3), chores.tagMembers(appIdArg(args[0]), tagIdArg(args[1]), openIdsArg(args[2], 50), false)),
    untagMembers: async (...args) => (noArgs(args, 3), chores.tagMembers(appIdArg(args[0]), tagIdArg(args[1]), openIdsArg(args[2], 50), true)),
    templates: async (...args) => (noArgs(args, 1), chores.templates(appIdArg(args[0]))),
    templateSend: async (...args) => (noArgs(args, 1), chores.templateSend(templateSendArg(args[0]))),
    qrCreate: async (...args) => (noArgs(args, 1), chores.qrCreate(qrInputArg(args[0]))),
    mediaLimits: async (...args) => (noArgs(args, 0), chores.mediaLimits()),
    mediaUpload: async (...args) => {
      noArgs(args, 1);
      const o = obj(args[0], 'an upload: {appId, kind, fileName, base64}', '上传请求：{appId, kind, fileName, base64}', ['appId', 'kind', 'fileName', 'base64']);
      return chores.mediaUpload(appIdArg(o.appId), mediaKindArg(o.kind), fileNameArg(o.fileName), base64Arg(o.base64, MAX_MEDIA_BYTES));
    },
    mediaList: async (...args) => (noArgs(args, 1), chores.mediaList(appIdArg(args[0]))),
  };
}
