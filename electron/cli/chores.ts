// `wxdesk followers`, `template list|send`, `qrcode` and `media upload` (issue 25): a test account's
// chores on the command line, through the same core as the dashboard (token, stale-token retry,
// errors explained). Exit 0: done; 1: WeChat (or the network) said no; 2: bad usage or input.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { MediaKind, QrInput } from '../contract';
import { WxError, type Locale } from '../core/errors';
import { unknownCommand } from './args';
import { describeError, fail, parse, type CliContext } from './common';

const APPID_RE = /^wx[0-9a-f]{16}$/;

export const FOLLOWERS_HELP: Record<Locale, string> = {
  en: `Usage: wxdesk followers [APPID] [--json]

Lists every follower of the account (user/get, paged 10,000 at a time with next_openid) with
their details (user/info/batchget, 100 at a time): OpenID, subscribe time, scene, remark, tags.
  --json           the details as a JSON list
`,
  'zh-CN': `用法：wxdesk followers [APPID] [--json]

列出账号的全部关注者（user/get，按 next_openid 每页 10000 个）及其详情（user/info/batchget，
每次 100 个）：OpenID、关注时间、来源、备注、标签。
  --json           以 JSON 列表输出详情
`,
};

export const TEMPLATE_HELP: Record<Locale, string> = {
  en: `Usage: wxdesk template list [APPID] [--json]
       wxdesk template send [APPID] --template-id ID --to OPENID --data k=v… [--url U]

  list    the account's templates and their fields ({{name.DATA}})
  send    a template message (message/template/send); --data name=value for each field
          (name=value#RRGGBB for a color); prints the msgid
`,
  'zh-CN': `用法：wxdesk template list [APPID] [--json]
      wxdesk template send [APPID] --template-id ID --to OPENID --data k=v… [--url U]

  list    账号的模板及其字段（{{name.DATA}}）
  send    发送模板消息（message/template/send）；每个字段用 --data 名称=值
          （带颜色时写 名称=值#RRGGBB）；输出 msgid
`,
};

export const QRCODE_HELP: Record<Locale, string> = {
  en: `Usage: wxdesk qrcode [APPID] --scene S [--expire SECONDS | --permanent] [--png FILE]

Creates a QR code with a scene (qrcode/create): a number scene is scene_id, any other text
scene_str. Temporary by default (--expire 60 to 2592000 seconds; WeChat's default is 60).
Prints the ticket, the url and when it expires; --png FILE saves the code drawn locally.
`,
  'zh-CN': `用法：wxdesk qrcode [APPID] --scene S [--expire SECONDS | --permanent] [--png FILE]

创建带场景值的二维码（qrcode/create）：数字场景值为 scene_id，其他文本为 scene_str。
默认为临时二维码（--expire 60～2592000 秒；微信默认 60 秒）。
输出 ticket、url 和过期时间；--png FILE 保存本地绘制的二维码。
`,
};

export const MEDIA_HELP: Record<Locale, string> = {
  en: `Usage: wxdesk media upload [APPID] TYPE FILE

Uploads FILE as temporary media (media/upload; TYPE image, voice, video or thumb; kept 3 days) or,
with TYPE uploadimg, as an image for articles (media/uploadimg; answered with a URL). The size and
format are checked first (image 10 MB png/jpeg/gif, voice 2 MB amr/mp3, video 10 MB mp4, thumb
64 KB jpg, uploadimg 1 MB jpg/png): a file refused there is never sent.
`,
  'zh-CN': `用法：wxdesk media upload [APPID] TYPE FILE

把 FILE 上传为临时素材（media/upload；TYPE 为 image、voice、video 或 thumb；保存 3 天），或在
TYPE 为 uploadimg 时上传为图文消息图片（media/uploadimg；返回 URL）。先检查大小和格式（image
10 MB png/jpeg/gif，voice 2 MB amr/mp3，video 10 MB mp4，thumb 64 KB jpg，uploadimg 1 MB jpg/png）：
不通过的文件不会发送。
`,
};

function appIdOf(ctx: CliContext, id: string | undefined, command: string): string {
  if (id !== undefined && !APPID_RE.test(id)) fail(`"${id}" is not an AppID ("wx" + 16 hex characters).`, `"${id}" 不是 AppID（wx 加 16 位十六进制字符）。`);
  return ctx.pickAccount(id, command);
}

function oneAppId(ctx: CliContext, p: string[], command: string): string {
  if (p.length > 1) fail(`${command} takes one APPID (got ${p.join(' ')}).`, `${command} 只接受一个 APPID（实际为 ${p.join(' ')}）。`);
  return appIdOf(ctx, p[0], command);
}

/** A chore's run: WeChat's refusals (a numeric errcode) exit 1 like `wxdesk api`, never 2. */
async function chore(ctx: CliContext, appId: string, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof WxError) || typeof e.code !== 'number') throw e;
    ctx.io.err(describeError(e, ctx.locale, appId));
    return 1;
  }
}

const when = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString().replace('.000Z', 'Z'));

export async function followersCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values: v, positionals } = parse(args, { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, true);
  if (v.help) return ctx.io.out(FOLLOWERS_HELP[ctx.locale]), 0;
  const appId = oneAppId(ctx, positionals, 'followers');
  return chore(ctx, appId, () => listFollowers(ctx, appId, !!v.json));
}

async function listFollowers(ctx: CliContext, appId: string, json: boolean): Promise<number> {
  const { chores } = await ctx.core();
  const openIds: string[] = [];
  let after = '';
  do {
    const page = await chores.followerPage(appId, after);
    openIds.push(...page.openIds);
    after = page.nextOpenId;
  } while (after !== '');
  const details = await chores.followerDetails(appId, openIds);
  if (json) return ctx.io.out(JSON.stringify(details, undefined, 2) + '\n'), 0;
  const zh = ctx.locale === 'zh-CN';
  ctx.io.out(zh ? `${appId}：${details.length} 位关注者\n` : `${appId}: ${details.length} follower${details.length === 1 ? '' : 's'}\n`);
  for (const d of details) {
    const tags = d.tagIds?.length ? ` tags=${d.tagIds.join(',')}` : '';
    ctx.io.out(`${d.openId}  ${d.subscribed ? when(d.subscribedAt) : zh ? '已取消关注' : 'unfollowed'}  ${d.scene ?? ''}${d.remark ? `  "${d.remark}"` : ''}${tags}\n`);
  }
  return 0;
}

export async function templateCommand(ctx: CliContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    ctx.io[sub === undefined ? 'err' : 'out'](TEMPLATE_HELP[ctx.locale]);
    return sub === undefined ? 2 : 0;
  }
  const { values: v, positionals } = parse(rest, { json: { type: 'boolean' }, 'template-id': { type: 'string' }, to: { type: 'string' }, data: { type: 'string', multiple: true }, url: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, true);
  if (v.help) return ctx.io.out(TEMPLATE_HELP[ctx.locale]), 0;
  const zh = ctx.locale === 'zh-CN';
  if (sub === 'list') {
    const appId = oneAppId(ctx, positionals, 'template list');
    return chore(ctx, appId, async () => {
      const list = await (await ctx.core()).chores.templates(appId);
      if (v.json) return ctx.io.out(JSON.stringify(list, undefined, 2) + '\n'), 0;
      if (list.length === 0) ctx.io.out(zh ? `${appId}：没有模板。\n` : `${appId}: no templates.\n`);
      for (const t of list) ctx.io.out(`${t.templateId}  ${t.title}\n  ${zh ? '字段' : 'fields'}: ${t.fields.join(', ')}\n`);
      return 0;
    });
  }
  if (sub !== 'send') {
    const said = unknownCommand(sub, ['list', 'send'], { en: `Unknown template command "${sub}": list or send (see wxdesk template --help).`, zh: `未知的 template 子命令 "${sub}"：可用 list 或 send（见 wxdesk template --help）。` });
    return fail(said.en, said.zh);
  }
  const appId = oneAppId(ctx, positionals, 'template send');
  if (!v['template-id'] || !v.to) fail('template send needs --template-id ID and --to OPENID (see wxdesk template --help).', 'template send 需要 --template-id ID 和 --to OPENID（见 wxdesk template --help）。');
  const data: Record<string, { value: string; color?: string }> = {};
  for (const kv of v.data ?? []) {
    const eq = kv.indexOf('=');
    if (eq <= 0) fail(`--data takes name=value, got "${kv}".`, `--data 的格式为 名称=值，收到 "${kv}"。`);
    const m = /^(.*)#([0-9A-Fa-f]{6})$/s.exec(kv.slice(eq + 1));
    data[kv.slice(0, eq)] = m ? { value: m[1]!, color: `#${m[2]}` } : { value: kv.slice(eq + 1) };
  }
  const { templateSendArg } = await import('../core/chores/handlers');
  const input = templateSendArg({ appId, templateId: v['template-id'], toOpenId: v.to, data, ...(v.url ? { url: v.url } : {}) });
  return chore(ctx, appId, async () => {
    const r = await (await ctx.core()).chores.templateSend(input);
    ctx.io.out(zh ? `已发送，msgid ${r.msgid}\n` : `Sent, msgid ${r.msgid}\n`);
    return 0;
  });
}

export async function qrcodeCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values: v, positionals } = parse(args, { scene: { type: 'string' }, expire: { type: 'string' }, permanent: { type: 'boolean' }, png: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, true);
  if (v.help) return ctx.io.out(QRCODE_HELP[ctx.locale]), 0;
  const appId = oneAppId(ctx, positionals, 'qrcode');
  if (v.scene === undefined) fail('qrcode needs --scene S (a number or text).', 'qrcode 需要 --scene S（数字或文本）。');
  if (v.permanent && v.expire !== undefined) fail('A permanent code does not expire: give --expire or --permanent, not both.', '永久二维码不会过期：--expire 与 --permanent 只能二选一。');
  const expire = v.expire === undefined ? undefined : /^\d+$/.test(v.expire) ? Number(v.expire) : fail(`--expire takes seconds, got "${v.expire}".`, `--expire 的单位为秒，收到 "${v.expire}"。`);
  const scene = /^[1-9]\d{0,9}$/.test(v.scene!) ? Number(v.scene) : v.scene!;
  const { qrInputArg } = await import('../core/chores/handlers');
  const input = qrInputArg({ appId, permanent: !!v.permanent, scene, ...(expire !== undefined ? { expireSeconds: expire } : {}) });
  return chore(ctx, appId, () => drawQr(ctx, input, v.png));
}

async function drawQr(ctx: CliContext, input: QrInput, png: string | undefined): Promise<number> {
  const qr = await (await ctx.core()).chores.qrCreate(input);
  const zh = ctx.locale === 'zh-CN';
  ctx.io.out(`ticket: ${qr.ticket}\nurl: ${qr.url}\n${zh ? '过期时间' : 'expires'}: ${qr.expiresAt === null ? (zh ? '永久' : 'never (permanent)') : when(qr.expiresAt)}\n`);
  if (png !== undefined) {
    try {
      writeFileSync(png, Buffer.from(qr.png, 'base64'));
    } catch (e) {
      const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      ctx.io.err(zh ? `wxdesk: --png ${png}：无法写入（${why}）；二维码已创建，见上方 url。\n` : `wxdesk: --png ${png}: cannot write it (${why}); the code was created, its url is above.\n`);
      return 1;
    }
    ctx.io.err(zh ? `二维码已保存到 ${png}。\n` : `QR code saved to ${png}.\n`);
  }
  return 0;
}

const KINDS = ['image', 'voice', 'video', 'thumb', 'uploadimg'];

export async function mediaCommand(ctx: CliContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    ctx.io[sub === undefined ? 'err' : 'out'](MEDIA_HELP[ctx.locale]);
    return sub === undefined ? 2 : 0;
  }
  const { values: v, positionals } = parse(rest, { help: { type: 'boolean', short: 'h' } }, true);
  if (v.help) return ctx.io.out(MEDIA_HELP[ctx.locale]), 0;
  if (sub !== 'upload') {
    const said = unknownCommand(sub, ['upload'], { en: `Unknown media command "${sub}": upload (see wxdesk media --help).`, zh: `未知的 media 子命令 "${sub}"：可用 upload（见 wxdesk media --help）。` });
    return fail(said.en, said.zh);
  }
  if (positionals.length < 2 || positionals.length > 3) fail('media upload takes [APPID] TYPE FILE, e.g. wxdesk media upload image a.jpg.', 'media upload 的参数为 [APPID] TYPE FILE，例如 wxdesk media upload image a.jpg。');
  const [id, type, file] = positionals.length === 3 ? positionals : [undefined, ...positionals];
  if (!KINDS.includes(type!)) fail(`TYPE is image, voice, video, thumb or uploadimg, got "${type}".`, `TYPE 只能是 image、voice、video、thumb 或 uploadimg，收到 "${type}"。`);
  const appId = appIdOf(ctx, id, 'media upload');
  let bytes: Buffer;
  try {
    bytes = readFileSync(file!);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    return fail(`media upload ${file}: cannot read it (${why}).`, `media upload ${file}：无法读取（${why}）。`);
  }
  return chore(ctx, appId, async () => {
    const up = await (await ctx.core()).chores.mediaUpload(appId, type as MediaKind, basename(file!), bytes);
    const zh = ctx.locale === 'zh-CN';
    if (up.url) ctx.io.out(`url: ${up.url}\n`);
    else ctx.io.out(`media_id: ${up.mediaId}\n${zh ? '过期时间' : 'expires'}: ${when(up.expiresAt ?? undefined)}\n`);
    return 0;
  });
}
