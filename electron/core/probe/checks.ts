// The probe's checks as data: a name, the requests it sends (built when it starts, with a fresh
// timestamp and nonce) and the verdict on what came back. The runner (probe.ts) sends and reports;
// adding a check is adding an entry here.
import type { ProbeCheckId, ProbeExchange, ProbeText } from '../../contract';
import type { ProbeSettings } from './input';
import { judgeForged, judgeUrlCheck } from './judge-echo';
import { judgePush, judgeRetry, type PushVerdict } from './judge-push';
import { t, type Judgement } from './judge';
import { digits, push, subscribeEvent, textMessage, urlCheck, type Outgoing, type Parties, type Push } from './wire';

/** What a run knows while its checks go by. */
export interface RunState {
  s: ProbeSettings;
  parties: Parties;
  now: () => number;
  /** The text message as sent and judged: the retry sends it again. */
  text?: { push: Push & { encrypt?: string }; verdict: PushVerdict };
}

export interface Planned {
  requests: Outgoing[];
  judge(exchanges: ProbeExchange[]): Judgement;
}

export interface Check {
  id: ProbeCheckId;
  title: ProbeText;
  /** Why the check cannot run after the ones before it, or null. */
  skip?(run: RunState): ProbeText | null;
  plan(run: RunState): Planned;
}

export const CHECKS: readonly Check[] = [
  {
    id: 'url',
    title: t('URL verification', 'URL 验证'),
    plan({ s, now }) {
      const req = urlCheck(s, now());
      return { requests: [req], judge: ([x]) => judgeUrlCheck(x!, req.echostr, s.url, s.serverToken) };
    },
  },
  {
    id: 'forged',
    title: t('Forged signature', '伪造签名'),
    plan({ s, now }) {
      const req = urlCheck(s, now(), true);
      return { requests: [req], judge: ([x]) => judgeForged(x!, req.echostr, s.url) };
    },
  },
  {
    id: 'text',
    title: t('Text message', '文本消息'),
    plan(run) {
      const { s, parties, now } = run;
      // 16 digits, like the docs' samples: it fits the 64-bit integer servers read MsgId into.
      const sent = push(s, parties, now(), textMessage(parties, now(), s.message, digits(16)));
      return {
        requests: [sent],
        judge: ([x]) => {
          const verdict = judgePush(x!, s, parties);
          run.text = { push: sent, verdict };
          return verdict.judgement;
        },
      };
    },
  },
  {
    id: 'event',
    title: t('Subscribe event', '关注事件'),
    plan({ s, parties, now }) {
      const sent = push(s, parties, now(), subscribeEvent(parties, now()));
      return { requests: [sent], judge: ([x]) => judgePush(x!, s, parties).judgement };
    },
  },
  {
    id: 'retry',
    title: t('Retried message (same MsgId)', '重试消息（相同 MsgId）'),
    skip({ text }) {
      if (text && text.verdict.judgement.verdict !== 'fail') return null;
      return t('Not run: the text message itself failed, so its retry would say nothing new. Fix that first.', '未运行：文本消息本身没有通过，重试不会提供新信息。请先解决它。');
    },
    plan(run) {
      const { s, parties, now } = run;
      const first = run.text!;
      // WeChat's retry carries the same message (same MsgId, same ciphertext); the query is signed anew.
      const sent = push(s, parties, now(), first.push.plain, first.push.encrypt);
      return { requests: [sent], judge: ([x]) => judgeRetry(first.verdict, judgePush(x!, s, parties)) };
    },
  },
];
