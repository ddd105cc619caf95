// `wxdesk probe`: WxDesk plays WeChat against a callback URL and prints a line per check. Exit 0
// when no check failed, 1 when one did, 2 for bad usage (runCli turns input errors into 2).
import type { ProbeCheckResult, ProbeInput, ProbeMode, ProbeReport, ProbeText } from '../contract';
import { fail, parse, serverTokenFlag, type CliContext } from './common';

export const PROBE_HELP = `Usage: wxdesk probe URL --server-token T [--aes-key K --app-id ID] [options]
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
`;

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

const MARK: Record<ProbeCheckResult['verdict'], string> = { pass: 'PASS', warning: 'WARN', fail: 'FAIL', skipped: 'SKIP' };

export async function probeCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values: v, positionals } = parse(args, OPTIONS, true);
  if (v.help) return ctx.io.out(PROBE_HELP), 0;
  if (positionals.length > 1) fail(`probe takes one URL (got ${positionals.length}: ${positionals.join(' ')}).`);
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
  if (!input.url) fail(v.account ? `No URL given, and account ${v.account} has none remembered: wxdesk probe URL --account ${v.account}` : 'Give the callback URL: wxdesk probe URL --server-token T (see wxdesk probe --help).');
  if (!input.serverToken) fail('--server-token is required: the Token (令牌) configured for the URL, which WeChat signs every request with.');
  if (v['aes-key'] !== undefined) input.aesKey = v['aes-key'];
  if (v['app-id'] !== undefined) input.appId = v['app-id'];
  if (v['aes-key'] !== undefined && input.appId === undefined) fail('--aes-key needs --app-id: the AppID is sealed inside every encrypted message.');
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
    if (!/^\d+(\.\d+)?$/.test(v.timeout) || s < 1 || s > 60) fail(`--timeout is seconds from 1 to 60 (got "${v.timeout}").`);
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
    width ||= Math.max(...r.plan.map((c) => say(c.title).length));
    for (const done of r.checks.slice(printed)) ctx.io.out(line(done, width, say) + '\n');
    printed = r.checks.length;
  };
  const report = await runProbe(input, v.json ? {} : { onProgress: progress });
  if (v.json) {
    ctx.io.out(JSON.stringify(report, undefined, 2) + '\n');
  } else {
    for (const note of report.notes) ctx.io.err(`note: ${say(note)}\n`);
    for (const w of report.warnings ?? []) ctx.io.out(`${MARK.warning}  ${say(w)}\n`);
    ctx.io.out(summary(report, lang) + '\n');
  }
  return report.verdict === 'fail' ? 1 : 0;
}

function line(c: ProbeCheckResult, width: number, say: (t: ProbeText) => string): string {
  const time = c.verdict === 'skipped' ? '' : `${c.ms} ms`;
  const extra = c.findings.map((f) => ` · ${say(f.text)}`).join('');
  return `${MARK[c.verdict]}  ${say(c.title).padEnd(width)}  ${time.padStart(8)}  ${say(c.summary)}${extra}`;
}

function summary(r: ProbeReport, lang: 'en' | 'zh'): string {
  const count = (v: ProbeCheckResult['verdict']) => r.checks.filter((c) => c.verdict === v).length;
  const [failed, warned, passed] = [count('fail'), count('warning'), count('pass')];
  const run = r.warnings?.length ?? 0;
  if (lang === 'zh') return `探测 ${r.url}（${modeZh[r.mode]}）：${passed} 项通过，${warned} 项警告，${failed} 项失败${run ? `；另有 ${run} 条整体警告（见上）` : ''}。`;
  return `probe ${r.url} (${r.mode} mode): ${passed} passed, ${warned} warned, ${failed} failed${run ? `; ${run} warning about the run (above)` : ''}.`;
}

const modeZh = { plain: '明文模式', safe: '安全模式', compatible: '兼容模式' } as const;
