// The phone simulator: WxDesk plays a follower's WeChat against the developer's callback server.
// Each push is built (or hand-written) and checked, sent as WeChat sends it in the account's message
// mode, judged with the probe's judges and drawn as the phone would draw the reply. Every exchange is
// kept in a log per account while the app runs. A server's fault is a verdict; only bad input throws.
import { randomBytes } from 'node:crypto';
import type { Dispatcher } from 'undici';
import type { ProbeExchange, ProbeMode, PushExchange, PushInput, PushPreview, ReplyView, SimFollower } from '../../contract';
import type { AccountService } from '../accounts';
import { sleep, systemClock, type Clock } from '../clock';
import { invalidInput } from '../errors';
import { GuardedEmitter } from '../guarded-emitter';
import { probeAgent, send } from '../probe/http';
import { callbackUrl, type ProbeSettings } from '../probe/input';
import { judgePush, replyKey, type PushVerdict } from '../probe/judge-push';
import { t } from '../probe/judge';
import { push, type Parties } from '../probe/wire';
import { buildPush, checkPush, type CheckedPush } from './build';
import { FollowerStore, followersArg, newFollower } from './followers';
import { judgeForgedPush, type JudgedPush } from './forged';
import { PLACEHOLDER_ACCOUNT } from './kinds';
import { replyView } from './reply';

/** Exchanges kept per account while the app runs, oldest dropped first. */
export const LOG_LIMIT = 200;
/** WeChat's retries: three tries in all, 5 s apart. */
export const RETRY_SENDS = 3;
export const RETRY_GAP_MS = 5_000;
/** Tests only (documented as such): shortens the gap between a retry's sends, so a test need not wait 10 s. */
export const RETRY_GAP_ENV = 'WXDESK_TEST_RETRY_GAP_MS';

/** The gap between a retry's sends: WeChat's 5 s, or shorter (0 to 4999 ms) when RETRY_GAP_ENV says so; anything else is ignored. */
export function retryGapMs(env: Record<string, string | undefined> = process.env): number {
  const v = env[RETRY_GAP_ENV];
  return v !== undefined && /^\d{1,4}$/.test(v) ? Math.min(Number(v), RETRY_GAP_MS) : RETRY_GAP_MS;
}
/** How long a send waits for an answer: past WeChat's 5 s, so a late answer is seen and named as late. */
const SEND_TIMEOUT_MS = 10_000;

export interface SimulatorOptions {
  accounts: AccountService;
  dataDir: string;
  clock?: Clock;
  onDamage?: ConstructorParameters<typeof FollowerStore>[1];
  /** Tests hand in their own pool; by default one per push, closed after it. */
  dispatcher?: Dispatcher;
}

interface Prepared {
  checked: CheckedPush & { parties: Parties };
  settings: ProbeSettings;
  openId: string;
}

export class Simulator extends GuardedEmitter<{ change: [string] }> {
  private readonly logs = new Map<string, PushExchange[]>();
  private readonly followerStore: FollowerStore;
  private readonly clock: Clock;
  /** Per account without followers: the one its first push is sent with. */
  private readonly provisional = new Map<string, SimFollower>();
  private readonly retryGap = retryGapMs();

  constructor(private readonly opts: SimulatorOptions) {
    super();
    this.clock = opts.clock ?? systemClock;
    this.followerStore = new FollowerStore(opts.dataDir, opts.onDamage);
    opts.accounts.on('change', ({ appId, removed }) => {
      if (removed) void this.forget(appId).catch(() => undefined);
    });
  }

  async preview(input: PushInput): Promise<PushPreview> {
    const { xml, problems } = await this.check(input);
    return { xml, problems };
  }

  async send(input: PushInput): Promise<PushExchange> {
    const p = await this.prepare(input);
    return this.run(input, p, 1);
  }

  async retry(input: PushInput): Promise<PushExchange> {
    const p = await this.prepare(input);
    // An attacker does not retry: a forged push is sent once.
    return this.run(input, p, input.forgeSignature ? 1 : RETRY_SENDS);
  }

  log(appId: string): PushExchange[] {
    this.opts.accounts.require(appId);
    return [...(this.logs.get(appId) ?? [])];
  }

  clearLog(appId: string): void {
    this.opts.accounts.require(appId);
    if (this.logs.delete(appId)) this.emit('change', appId);
  }

  async followers(appId: string): Promise<SimFollower[]> {
    this.opts.accounts.require(appId);
    const kept = this.followerStore.peek(appId);
    if (kept.length > 0) return kept;
    await this.followerStore.adopt(appId, this.provisionalOf(appId));
    this.provisional.delete(appId);
    return this.followerStore.peek(appId);
  }

  private provisionalOf(appId: string): SimFollower {
    let f = this.provisional.get(appId);
    if (!f) this.provisional.set(appId, (f = newFollower()));
    return f;
  }

  async saveFollowers(appId: string, list: unknown): Promise<SimFollower[]> {
    this.opts.accounts.require(appId);
    const saved = await this.followerStore.save(appId, followersArg(list));
    this.emit('change', appId);
    return saved;
  }

  /** The account is gone: its log and its followers go with it. */
  async forget(appId: string): Promise<void> {
    this.logs.delete(appId);
    this.provisional.delete(appId);
    await this.followerStore.forget(appId);
    this.emit('change', appId);
  }

  /** The push's XML, built from the kind and fields (or as hand-written), checked. */
  private async check(input: PushInput): Promise<CheckedPush & { openId: string }> {
    this.opts.accounts.require(input.appId);
    // No follower yet: one is made for this push, and kept only once a push is sent with it (a
    // refused push writes nothing).
    const openId = input.openId ?? this.followerStore.peek(input.appId)[0]?.openId ?? this.provisionalOf(input.appId).openId;
    if (input.xml !== undefined) {
      return { ...checkPush(input.xml), openId };
    }
    return { ...buildPush(input.kind, input.fields ?? {}, { account: PLACEHOLDER_ACCOUNT, openId, nowMs: this.clock.now() }), openId };
  }

  /** Everything a send needs, or an input error that says what to set: nothing is sent with a problem. */
  private async prepare(input: PushInput): Promise<Prepared> {
    const checked = await this.check(input);
    const first = checked.problems[0];
    if (first || !checked.parties) {
      const more = checked.problems.length > 1 ? ` (and ${checked.problems.length - 1} more)` : '';
      const moreZh = checked.problems.length > 1 ? `（另有 ${checked.problems.length - 1} 处）` : '';
      throw invalidInput(`Nothing was sent: ${first?.text.en ?? 'the push could not be built.'}${more}`, `未发送：${first?.text.zh ?? '无法生成推送。'}${moreZh}`);
    }
    const account = this.opts.accounts.require(input.appId);
    const url = input.url ?? account.callbackUrl;
    if (!url) {
      throw invalidInput(
        'This account has no callback URL yet: give the URL your server answers WeChat on (--url), or run the probe once against it and the simulator will use it.',
        '该账号还没有回调 URL：请填写你的服务器接收微信请求的 URL（--url），或先对它运行一次探测，模拟器会沿用该 URL。',
      );
    }
    if (!account.serverToken) throw invalidInput('This account has no Token (令牌): WeChat signs every push with it. Set the same Token as your server on the account.', '该账号没有设置 Token（令牌）：微信用它为每个推送签名。请在账号上填写与服务器相同的 Token。');
    const mode: ProbeMode = input.mode ?? account.messageMode ?? 'plain';
    if (mode !== 'plain' && !account.aesKey) {
      throw invalidInput(`${mode === 'safe' ? 'Safe' : 'Compatible'} mode needs the account's EncodingAESKey (消息加解密密钥): set it on the account, or push in plain mode.`, `${mode === 'safe' ? '安全' : '兼容'}模式需要账号的 EncodingAESKey（消息加解密密钥）：请在账号上填写，或以明文模式推送。`);
    }
    const settings: ProbeSettings = { url: callbackUrl(url), serverToken: account.serverToken, mode, message: '', timeoutMs: SEND_TIMEOUT_MS };
    if (mode !== 'plain') {
      settings.aesKey = account.aesKey;
      settings.appId = account.appId;
    }
    const made = this.provisional.get(input.appId);
    if (input.openId === undefined && made?.openId === checked.openId) {
      await this.followerStore.adopt(input.appId, made);
      this.provisional.delete(input.appId);
    }
    return { checked: checked as Prepared['checked'], settings, openId: checked.openId };
  }

  private async run(input: PushInput, p: Prepared, sends: number): Promise<PushExchange> {
    const { settings: s, checked } = p;
    const dispatcher = this.opts.dispatcher ?? (await probeAgent(s.timeoutMs));
    const exchanges: ProbeExchange[] = [];
    const verdicts: PushVerdict[] = [];
    try {
      let sealed: string | undefined;
      for (let n = 0; n < sends; n++) {
        if (n > 0) await sleep(this.clock, this.retryGap);
        // A retry carries the same message (same MsgId, same ciphertext); only the query is signed anew.
        const out = push(s, checked.parties, this.clock.now(), checked.xml, sealed, input.forgeSignature === true);
        sealed = out.encrypt;
        const x = await send(out, dispatcher, s.timeoutMs);
        exchanges.push(x);
        verdicts.push(judgePush(x, s, checked.parties));
      }
    } finally {
      if (!this.opts.dispatcher) await dispatcher.close();
    }
    if (input.forgeSignature) return this.finish(input, p, exchanges, judgeForgedPush(exchanges[0]!, s.url));
    const first = verdicts[0]!;
    const reply: ReplyView = first.judgement.verdict === 'fail' ? { kind: 'cannot_serve', cause: first.judgement.summary } : replyView(first.reply);
    const findings: PushExchange['findings'] = [{ verdict: reply.kind === 'cannot_serve' ? 'fail' : first.judgement.verdict === 'warning' ? 'warning' : 'pass', text: reply.kind === 'cannot_serve' ? reply.cause : first.judgement.summary }, ...first.judgement.findings];
    let verdict = findings[0]!.verdict as PushExchange['verdict'];
    let retry: PushExchange['retry'];
    if (sends > 1) {
      const again = verdicts.slice(1);
      const failed = again.find((v) => v.judgement.verdict === 'fail');
      // Handled once: every later try answered well, with the first reply again or without one.
      const sameReply = !failed && again.every((v) => v.reply === null || (first.reply !== null && replyKey(v.reply) === replyKey(first.reply)));
      retry = { sends, sameReply };
      if (failed) {
        findings.push({ verdict: 'warning', text: t(`A retry was not answered well: ${failed.judgement.summary.en}`, `有一次重试没有得到正确应答：${failed.judgement.summary.zh}`) });
      } else if (!sameReply) {
        findings.push({ verdict: 'warning', text: t('The same push got a different reply on a retry: the server handled it more than once. Deduplicate by MsgId (events: FromUserName + CreateTime) and answer a retry with the first reply or "success".', '同一推送在重试时得到了不同的回复：服务器处理了不止一次。请按 MsgId 排重（事件按 FromUserName + CreateTime），对重试返回首次的回复或“success”。') });
      }
      if (verdict === 'pass' && findings.some((f) => f.verdict === 'warning')) verdict = 'warning';
    }
    if (reply.kind === 'cannot_serve') verdict = 'fail';
    return this.finish(input, p, exchanges, { reply, verdict, findings }, retry);
  }

  private finish(input: PushInput, p: Prepared, exchanges: ProbeExchange[], judged: JudgedPush, retry?: PushExchange['retry']): PushExchange {
    const { settings: s, checked } = p;
    const { reply, verdict, findings } = judged;
    const exchange: PushExchange = {
      id: `${this.clock.now().toString(36)}-${randomBytes(4).toString('hex')}`,
      at: this.clock.now(),
      appId: input.appId,
      openId: checked.parties.openid,
      kind: checked.spec!.kind,
      mode: s.mode,
      url: s.url.toString(),
      xml: checked.xml,
      exchanges,
      verdict,
      findings,
      reply,
      ...(retry ? { retry } : {}),
      ...(input.forgeSignature ? { forged: true } : {}),
    };
    this.record(exchange);
    return exchange;
  }

  private record(x: PushExchange): void {
    // The account may have gone while the push was out: its log is not brought back.
    if (!this.opts.accounts.get(x.appId)) return;
    const list = this.logs.get(x.appId) ?? [];
    list.push(x);
    if (list.length > LOG_LIMIT) list.splice(0, list.length - LOG_LIMIT);
    this.logs.set(x.appId, list);
    this.emit('change', x.appId);
  }
}
