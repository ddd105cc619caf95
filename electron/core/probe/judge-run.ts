// Judgements of a run as a whole, made when every check is done. One so far: in safe or compatible
// mode, a server that answered every push with only "success" or an empty body may never have read
// <Encrypt> at all. A plain-only server answers exactly so to what it cannot read, and every check
// passes (issue 21, item 1): WeChat would take those answers, and the user's messages would go unread.
import type { ProbeCheckId, ProbeCheckResult, ProbeText } from '../../contract';
import type { ProbeSettings } from './input';
import { t } from './judge';

const PUSHES: ReadonlySet<ProbeCheckId> = new Set(['text', 'event', 'retry']);

/** Whether an answer is one that says nothing of what the server read: "success" or an empty body. */
const silent = (status: number, body: string) => status === 200 && (body.trim() === '' || body.trim() === 'success');

/** The run's warnings (none in plain mode, or once any push got a reply or a fault). */
export function runWarnings(s: Pick<ProbeSettings, 'mode'>, checks: readonly ProbeCheckResult[]): ProbeText[] {
  if (s.mode === 'plain') return [];
  const answers = checks.filter((c) => PUSHES.has(c.id) && c.verdict !== 'skipped').flatMap((c) => c.exchanges);
  if (answers.length === 0 || !answers.every((x) => x.response && silent(x.response.status, x.response.body))) return [];
  const mode = s.mode === 'safe' ? t('safe', '安全') : t('compatible', '兼容');
  return [
    t(
      `In ${mode.en} mode every push got only "success" or an empty answer: the server may not be decrypting <Encrypt>. A server that reads only plaintext answers exactly so to messages it cannot read. Make it reply to the text message (or log what it decrypted) and probe again; if it is meant to run in plain mode, set the account's message mode to plain (明文模式) on WeChat's 服务器配置 page and here.`,
      `${mode.zh}模式下每条推送都只得到“success”或空应答：服务器可能没有解密 <Encrypt>。只能读取明文的服务器，对读不懂的消息正是这样应答的。请让它回复这条文本消息（或记录解密出的内容）后再探测；如果它本应使用明文模式，请在微信「服务器配置」页面和这里都把消息加解密方式设为明文模式。`,
    ),
  ];
}
