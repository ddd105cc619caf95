// `wxdesk push`: one push to the account's callback server, as WeChat sends it, and the reply as the
// follower reads it, then the verdict. Exit 0 when WeChat would show the reply (or the server rightly
// answered "success"), 1 when it would not or nothing answered, 2 for bad usage (and a push the
// check refuses: nothing is sent).
import { readFileSync } from 'node:fs';
import type { ProbeText, PushExchange, PushInput, ReplyView } from '../contract';
import { fail, parse, type CliContext } from './common';
import type { Locale } from '../core/errors';

export const PUSH_HELP: Record<Locale, string> = {
  en: `Usage: wxdesk push [APPID] TYPE [--field Name=value]… [options]
       wxdesk push [APPID] --xml @FILE [options]

Sends one push to your callback server exactly as WeChat sends it (signature, timestamp, nonce,
openid; encrypted in safe and compatible mode) and prints the reply as the follower would read it,
then the verdict. TYPE is spelled as WeChat spells it: text, image, voice, video, shortvideo,
location, link for messages; subscribe, unsubscribe, SCAN, LOCATION, CLICK, VIEW, scancode_push,
scancode_waitmsg, pic_sysphoto, pic_photo_or_album, pic_weixin, location_select, view_miniprogram,
TEMPLATESENDJOBFINISH for events.

  --field Name=value  a field by WeChat's element name (--field Content=hi, --field EventKey=V1001);
                      nested elements joined with dots (--field ScanCodeInfo.ScanResult=…);
                      unset fields get realistic defaults
  --xml @FILE         send this XML as written (checked first); - reads it from stdin
  --url URL           the callback URL (default: the one the probe remembered for the account)
  --mode M            plain, compat (compatible) or safe (default: the account's message mode)
  --openid O          the follower (default: the account's first simulated follower)
  --forge-signature   an attacker's push: signature (and msg_signature) made without the Token;
                      exit 0 when the server refuses it, 1 when it replies to it
  --json              the whole exchange: every request and response, findings and reply

Exit status: 0 when WeChat would show the reply or the server rightly answered "success",
1 when WeChat would not (or nothing answered), 2 for bad usage.
`,
  'zh-CN': `用法：wxdesk push [APPID] TYPE [--field Name=value]… [选项]
      wxdesk push [APPID] --xml @FILE [选项]

完全按微信的方式向你的回调服务器发送一条推送（signature、timestamp、nonce、openid；安全模式和
兼容模式下加密），然后按关注者看到的样子打印回复，最后给出判定。TYPE 的写法与微信一致：消息有
text、image、voice、video、shortvideo、location、link；事件有 subscribe、unsubscribe、SCAN、
LOCATION、CLICK、VIEW、scancode_push、scancode_waitmsg、pic_sysphoto、pic_photo_or_album、
pic_weixin、location_select、view_miniprogram、TEMPLATESENDJOBFINISH。

  --field Name=value  按微信的元素名设置一个字段（--field Content=你好，--field EventKey=V1001）；
                      嵌套元素用点连接（--field ScanCodeInfo.ScanResult=…）；
                      未设置的字段使用贴近真实的默认值
  --xml @FILE         按原样发送这段 XML（先检查）；- 表示从标准输入读取
  --url URL           回调 URL（默认：探测为该账号记住的地址）
  --mode M            plain（明文）、compat（兼容）或 safe（安全）（默认：账号的消息加解密方式）
  --openid O          关注者（默认：账号的第一个模拟关注者）
  --forge-signature   攻击者的推送：signature（以及 msg_signature）不用 Token 计算；
                      服务器拒绝时退出码为 0，回复了它时为 1
  --json              输出整个交互：每个请求和响应、发现的问题和回复

退出码：微信会显示回复、或服务器正确地应答了 "success" 时为 0；微信不会显示（或没有应答）时
为 1；用法错误时为 2。
`,
};

const OPTIONS = {
  field: { type: 'string', multiple: true },
  xml: { type: 'string' },
  url: { type: 'string' },
  mode: { type: 'string' },
  openid: { type: 'string' },
  'forge-signature': { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const MODES: Record<string, PushInput['mode']> = { plain: 'plain', compat: 'compatible', compatible: 'compatible', safe: 'safe' };
const UNAVAILABLE = '该公众号暂时无法提供服务，请稍后再试';

export async function pushCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values: v, positionals } = parse(args, OPTIONS, true);
  if (v.help) return ctx.io.out(PUSH_HELP[ctx.locale]), 0;
  if (positionals.length > 2) fail(`push takes [APPID] TYPE (got ${positionals.length} words: ${positionals.join(' ')}).`, `push 只接受 [APPID] TYPE（实际有 ${positionals.length} 个：${positionals.join(' ')}）。`);
  const named = positionals.length === 2 || (positionals.length === 1 && v.xml !== undefined) ? positionals[0] : undefined;
  const kind = positionals.length === 2 ? positionals[1] : v.xml === undefined ? positionals[0] : undefined;
  if (kind === undefined && v.xml === undefined) fail('Give the push type: wxdesk push TYPE (e.g. text, CLICK), or --xml @FILE. See wxdesk push --help.', '请给出推送类型：wxdesk push TYPE（例如 text、CLICK），或 --xml @FILE。详见 wxdesk push --help。');
  if (named !== undefined && !/^wx[0-9a-f]{16}$/.test(named)) fail(`"${named}" is not an AppID ("wx" + 16 hex characters): wxdesk push [APPID] TYPE.`, `"${named}" 不是 AppID（wx 加 16 位十六进制字符）：wxdesk push [APPID] TYPE。`);
  const appId = ctx.pickAccount(named, 'push');

  const fields = Object.create(null) as Record<string, string>;
  for (const f of v.field ?? []) {
    const eq = f.indexOf('=');
    if (eq <= 0) fail(`--field takes Name=value (got "${f.slice(0, 60)}").`, `--field 的格式为 Name=value（实际为 "${f.slice(0, 60)}"）。`);
    const name = f.slice(0, eq);
    if (Object.hasOwn(fields, name)) fail(`--field ${name} is given twice.`, `--field ${name} 重复给出。`);
    fields[name] = f.slice(eq + 1);
  }
  const input: Record<string, unknown> = { appId, kind: kind ?? 'text', fields };
  if (v.xml !== undefined) {
    if (Object.keys(fields).length > 0) fail('--xml sends the XML as written: set its fields in the file, not with --field.', '--xml 按原样发送 XML：请在文件中修改字段，不要同时使用 --field。');
    input.xml = await readXml(ctx, v.xml);
  }
  if (v.url !== undefined) input.url = v.url;
  if (v.mode !== undefined) {
    const mode = MODES[v.mode];
    if (!mode) fail(`--mode is plain, compat or safe (got "${v.mode}").`, `--mode 只能是 plain、compat 或 safe（实际为 "${v.mode}"）。`);
    input.mode = mode;
  }
  if (v.openid !== undefined) input.openId = v.openid;
  if (v['forge-signature']) input.forgeSignature = true;

  const { pushInputArg } = await import('../core/simulator/input');
  const checked = pushInputArg(input);
  const core = await ctx.core();
  const x = await core.simulator.send(checked);
  if (v.json) ctx.io.out(JSON.stringify(x, undefined, 2) + '\n');
  else {
    const lang = ctx.locale === 'zh-CN' ? 'zh' : 'en';
    ctx.io.out(replyText(x.reply, lang) + '\n');
    ctx.io.out(verdictText(x, lang) + '\n');
  }
  return x.verdict === 'fail' ? 1 : 0;
}

async function readXml(ctx: CliContext, arg: string): Promise<string> {
  if (arg === '-') {
    if (!ctx.io.stdin) fail('--xml - reads stdin, which is not available here.', '--xml - 需要从标准输入读取，但此处不可用。');
    return ctx.io.stdin();
  }
  if (!arg.startsWith('@')) fail('--xml takes @FILE (the XML in a file) or - (from stdin).', '--xml 的参数应为 @FILE（XML 文件）或 -（从标准输入读取）。');
  try {
    return readFileSync(arg.slice(1), 'utf8');
  } catch (e) {
    return fail(`Cannot read ${arg.slice(1)}: ${(e as Error).message}`, `无法读取 ${arg.slice(1)}：${(e as Error).message}`);
  }
}

/** The reply as the follower reads it: the text, or a one-line card. */
export function replyText(r: ReplyView, lang: 'en' | 'zh'): string {
  const zh = lang === 'zh';
  const title = (s: string | undefined) => (s ? ` "${s}"` : '');
  switch (r.kind) {
    case 'none':
      return zh ? '（无回复：服务器应答了 "success" 或空内容）' : '(no reply: the server answered "success" or nothing)';
    case 'text':
      return r.content;
    case 'image':
    case 'voice':
      return `[${zh ? (r.kind === 'image' ? '图片' : '语音') : r.kind} MediaId=${r.mediaId}]`;
    case 'video':
      return `[${zh ? '视频' : 'video'}${title(r.title)} MediaId=${r.mediaId}]`;
    case 'music':
      return `[${zh ? '音乐' : 'music'}${title(r.title)}${r.musicUrl ? ` ${r.musicUrl}` : ''}]`;
    case 'news':
      return r.articles.map((a) => `[${zh ? '图文' : 'article'}${title(a.title)}${a.description ? ` — ${a.description}` : ''}${a.url ? ` → ${a.url}` : ''}]`).join('\n');
    case 'transfer_customer_service':
      return zh ? '[已转接人工客服]' : '[handed over to customer service]';
    case 'cannot_serve':
      return UNAVAILABLE;
  }
}

/** Each verdict's mark: four columns in either language, as the probe's. */
const MARK = {
  en: { pass: 'PASS', warning: 'WARN', fail: 'FAIL', info: 'NOTE', skipped: 'SKIP' },
  zh: { pass: '通过', warning: '警告', fail: '失败', info: '说明', skipped: '跳过' },
} as const;

const MODE_ZH = { plain: '明文模式', compatible: '兼容模式', safe: '安全模式' } as const;

function verdictText(x: PushExchange, lang: 'en' | 'zh'): string {
  const say = (t: ProbeText) => t[lang];
  const mark = MARK[lang];
  const ms = x.exchanges.map((e) => `${e.ms} ms`).join(', ');
  // Under zh the TYPE stays as WeChat spells it, quoted: it is a name, not a word to translate.
  const head =
    lang === 'zh'
      ? `${mark[x.verdict]}  "${x.kind}"（${MODE_ZH[x.mode]}）${ms}：${say(x.findings[0]!.text)}`
      : `${mark[x.verdict]}  ${x.kind} (${x.mode}) ${ms}: ${say(x.findings[0]!.text)}`;
  return [head, ...x.findings.slice(1).map((f) => `  ${mark[f.verdict]}  ${say(f.text)}`)].join('\n');
}
