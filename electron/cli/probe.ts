// `wxdesk probe`: WxDesk plays WeChat against a callback URL and prints a line per check. Exit 0
// when no check failed, 1 when one did, 2 for bad usage (runCli turns input errors into 2).
import type { ProbeCheckResult, ProbeInput, ProbeMode, ProbeReport, ProbeText } from '../contract';
import { fail, parse, serverTokenFlag, type CliContext } from './common';
import { padEnd, padStart, displayWidth } from './columns';
import type { Locale } from '../core/errors';

export const PROBE_HELP: Record<Locale, string> = {
  en: `Usage: wxdesk probe URL --server-token T [--aes-key K --app-id ID] [options]
       wxdesk probe [URL] --account APPID [options]

Plays WeChat against your own callback server, before any tunnel: the URL check (signed GET with
echostr), a forged signature, a text message, a subscribe event and a retry with the same MsgId,
each judged as WeChat would (pass, warning or fail, with the cause).

  --server-token T  the Token (令牌) configured for the URL (--token T is an alias)
  --aes-key K       the EncodingAESKey, for safe and compatible mode; needs --app-id
  --app-id ID       the AppID sealed inside every encrypted message
  --mode M          plain, safe or compatible (compat). Default: the account's message mode with
                    --account (accounts update --message-mode); else safe when --aes-key is typed,
                    else plain. A saved EncodingAESKey alone never means safe mode
  --account APPID   take Token, EncodingAESKey, AppID and message mode from a saved account (flags
                    win), and remember the URL on it; URL may then be left out to probe the last one
  --message TEXT    the text message to push (default "Hello from WxDesk")
  --timeout S       seconds to wait for each answer (default 10; WeChat itself waits 5)
  --json            the whole report: every request and response

WeChat itself reaches only public URLs on port 80 or 443: the probe comes before the tunnel,
not instead of it.
`,
  'zh-CN': `用法：wxdesk probe URL --server-token T [--aes-key K --app-id ID] [选项]
      wxdesk probe [URL] --account APPID [选项]

在接入隧道之前，扮演微信检验你自己的回调服务器：URL 验证（带 echostr 的签名 GET 请求）、伪造的
签名、一条文本消息、一个关注事件以及一次相同 MsgId 的重试，每项都按微信的标准判定（通过、警告
或失败，并给出原因）。

  --server-token T  为该 URL 配置的 Token（令牌）（--token T 是它的别名）
  --aes-key K       EncodingAESKey，用于安全模式和兼容模式；需要 --app-id
  --app-id ID       每条加密消息中封装的 AppID
  --mode M          plain（明文）、safe（安全）或 compatible（兼容，也可写 compat）。默认：有 --account
                    时用账号的消息加解密方式（accounts update --message-mode）；否则输入了 --aes-key
                    时为 safe，再否则为 plain。仅保存了 EncodingAESKey 并不代表安全模式
  --account APPID   从已保存的账号读取 Token、EncodingAESKey、AppID 和消息加解密方式（以命令行
                    选项为准），并把 URL 记在账号上；之后可省略 URL，检验上一次的地址
  --message TEXT    要推送的文本消息（默认 "Hello from WxDesk"）
  --timeout S       每次等待应答的秒数（默认 10；微信自己等 5 秒）
  --json            输出完整报告：每个请求和响应

微信本身只访问 80 或 443 端口上的公网 URL：探测是在接入隧道之前做的检查，不能代替隧道。
`,
};

const OPTIONS = {
  'server-token': { type: 'string' },
  token: { type: 'string' },
  'aes-key': { type: 'string' },
  'app-id': { type: 'string' },
  mode: { type: 'string' },
  account: { type: 'string' },
  message: { type: 'string' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Each verdict's mark: four columns in either language, so the titles line up. */
const MARK: Record<Locale, Record<ProbeCheckResult['verdict'], string>> = {
  en: { pass: 'PASS', warning: 'WARN', fail: 'FAIL', skipped: 'SKIP' },
  'zh-CN': { pass: '通过', warning: '警告', fail: '失败', skipped: '跳过' },
};

export async function probeCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values: v, positionals } = parse(args, OPTIONS, true);
  if (v.help) return ctx.io.out(PROBE_HELP[ctx.locale]), 0;
  if (positionals.length > 1) fail(`probe takes one URL (got ${positionals.length}: ${positionals.join(' ')}).`, `probe 只接受一个 URL（收到 ${positionals.length} 个：${positionals.join(' ')}）。`);
  const input: ProbeInput = { url: positionals[0] ?? '', serverToken: serverTokenFlag(v) ?? '' };
  let savedMode: ProbeMode | undefined;
  if (v.account !== undefined) {
    const saved = ctx.state().entry(ctx.pickAccount(v.account, 'probe'))!.account;
    savedMode = saved.messageMode ?? 'plain';
    input.url ||= saved.callbackUrl ?? '';
    input.serverToken ||= saved.serverToken;
    if (saved.aesKey) input.aesKey = saved.aesKey;
    input.appId = saved.appId;
    input.account = saved.appId;
  }
  if (!input.url) {
    if (v.account) fail(`No URL given, and account ${v.account} has none remembered: wxdesk probe URL --account ${v.account}`, `没有给出 URL，账号 ${v.account} 也没有记住的 URL：wxdesk probe URL --account ${v.account}`);
    fail('Give the callback URL: wxdesk probe URL --server-token T (see wxdesk probe --help).', '请给出回调 URL：wxdesk probe URL --server-token T（见 wxdesk probe --help）。');
  }
  if (!input.serverToken) fail('--server-token is required: the Token (令牌) configured for the URL, which WeChat signs every request with.', '需要 --server-token：为该 URL 配置的 Token（令牌），微信用它为每个请求签名。');
  if (v['aes-key'] !== undefined) input.aesKey = v['aes-key'];
  if (v['app-id'] !== undefined) input.appId = v['app-id'];
  if (v['aes-key'] !== undefined && input.appId === undefined) fail('--aes-key needs --app-id: the AppID is sealed inside every encrypted message.', '--aes-key 需要同时给出 --app-id：每条加密消息中都封装着 AppID。');
  if (v.mode !== undefined) {
    const m = v.mode === 'compat' ? 'compatible' : v.mode;
    if (m !== 'plain' && m !== 'safe' && m !== 'compatible') fail(`--mode is plain, safe or compatible (got "${v.mode}").`, `--mode 只能是 plain、safe 或 compatible（收到 "${v.mode}"）。`);
    input.mode = m;
  } else if (savedMode !== undefined) {
    // The account's 消息加解密方式, as set on WeChat's page: never a guess from the key it keeps.
    input.mode = savedMode;
  } else if (v['aes-key'] !== undefined) input.mode = 'safe';
  if (input.mode === 'plain') delete input.aesKey;
  if (v.message !== undefined) input.message = v.message;
  if (v.timeout !== undefined) {
    const s = Number(v.timeout);
    if (!/^\d+(\.\d+)?$/.test(v.timeout) || s < 1 || s > 60) fail(`--timeout is seconds from 1 to 60 (got "${v.timeout}").`, `--timeout 为 1 到 60 之间的秒数（收到 "${v.timeout}"）。`);
    input.timeoutMs = Math.round(s * 1000);
  }

  const { runProbe, probeSettings } = await import('../core/probe/probe');
  probeSettings(input);
  if (input.account) {
    const core = await ctx.core();
    await core.accounts.rememberCallbackUrl(input.account, new URL(input.url.trim()).toString());
  }
  const lang = ctx.locale === 'zh-CN' ? 'zh' : 'en';
  const say = (text: ProbeText) => text[lang];
  let printed = 0;
  let width = 0;
  // A line as each check ends (skipped ones arrive with the next report).
  const progress = (r: ProbeReport) => {
    width ||= Math.max(...r.plan.map((c) => displayWidth(say(c.title))));
    for (const done of r.checks.slice(printed)) ctx.io.out(line(done, width, say, ctx.locale) + '\n');
    printed = r.checks.length;
  };
  const report = await runProbe(input, v.json ? {} : { onProgress: progress });
  if (v.json) {
    ctx.io.out(JSON.stringify(report, undefined, 2) + '\n');
  } else {
    for (const note of report.notes) ctx.io.err(`${lang === 'zh' ? '注意：' : 'note: '}${say(note)}\n`);
    for (const w of report.warnings ?? []) ctx.io.out(`${MARK[ctx.locale].warning}  ${say(w)}\n`);
    ctx.io.out(summary(report, lang) + '\n');
  }
  return report.verdict === 'fail' ? 1 : 0;
}

function line(c: ProbeCheckResult, width: number, say: (t: ProbeText) => string, locale: Locale): string {
  const time = c.verdict === 'skipped' ? '' : `${c.ms} ms`;
  const extra = c.findings.map((f) => ` · ${say(f.text)}`).join('');
  return `${MARK[locale][c.verdict]}  ${padEnd(say(c.title), width)}  ${padStart(time, 8)}  ${say(c.summary)}${extra}`;
}

function summary(r: ProbeReport, lang: 'en' | 'zh'): string {
  const count = (v: ProbeCheckResult['verdict']) => r.checks.filter((c) => c.verdict === v).length;
  const [failed, warned, passed] = [count('fail'), count('warning'), count('pass')];
  const run = r.warnings?.length ?? 0;
  if (lang === 'zh') return `探测 ${r.url}（${modeZh[r.mode]}）：${passed} 项通过，${warned} 项警告，${failed} 项失败${run ? `；另有 ${run} 条整体警告（见上）` : ''}。`;
  return `probe ${r.url} (${r.mode} mode): ${passed} passed, ${warned} warned, ${failed} failed${run ? `; ${run} warning about the run (above)` : ''}.`;
}

const modeZh = { plain: '明文模式', safe: '安全模式', compatible: '兼容模式' } as const;
