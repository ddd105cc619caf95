// A push's answer as WeChat reads it: "success" or an empty body (no reply), or a passive reply XML
// whose ToUserName/FromUserName are the push's swapped and whose MsgType WeChat knows; in safe mode
// the reply is an encrypted envelope whose MsgSignature must verify and whose Encrypt must decrypt
// with the account's key. Anything else shows the user "该公众号暂时无法提供服务".
import type { ProbeExchange } from '../../contract';
import { decryptMessage } from '../msgcrypt';
import { bodyField, msgSignature } from '../signature';
import type { ProbeSettings } from './input';
import { UNAVAILABLE, htmlPage, judged, quoted, statusMeaning, t, transportFault, type Finding, type Judgement } from './judge';
import type { Parties } from './wire';

const REPLY_TYPES = ['text', 'image', 'voice', 'video', 'music', 'news', 'transfer_customer_service'];

export interface PushVerdict {
  judgement: Judgement;
  /** The plaintext reply XML when there was one (decrypted in safe mode), for the retry check. */
  reply: string | null;
}

const unusable = (why: { en: string; zh: string }): PushVerdict => ({
  judgement: judged('fail', t(`${why.en} WeChat shows the user "${UNAVAILABLE}".`, `${why.zh}微信会向用户显示“${UNAVAILABLE}”。`)),
  reply: null,
});

export function judgePush(x: ProbeExchange, s: ProbeSettings, parties: Parties): PushVerdict {
  const fault = transportFault(x, s.url);
  if (fault) return { judgement: fault, reply: null };
  const r = x.response!;
  const page = htmlPage(r.body, r.headers['content-type']);
  if (r.status !== 200) {
    const why = statusMeaning(r.status, s.serverToken);
    const html = page ? t(` It sent an HTML page ("${page}").`, `它返回了一个 HTML 页面（“${page}”）。`) : t('', '');
    const safe =
      s.mode !== 'plain' && r.status >= 400 && r.status < 500
        ? t(' In safe mode also check that its EncodingAESKey and AppID are the ones given here.', '安全模式下还请确认它的 EncodingAESKey 和 AppID 与这里填写的一致。')
        : t('', '');
    return unusable(t(`The server answered HTTP ${r.status}: ${why.en}.${html.en}${safe.en}`, `服务器返回 HTTP ${r.status}：${why.zh}。${html.zh}${safe.zh}`));
  }
  const body = r.body;
  if (body === '' || body === 'success') {
    const how = body === '' ? t('an empty body', '空应答') : t('"success"', '“success”');
    return { judgement: judged('pass', t(`Answered ${how.en} in ${x.ms} ms: no reply, as WeChat allows.`, `${x.ms} 毫秒内应答${how.zh}：不回复，微信允许。`)), reply: null };
  }
  if (body.trim() === 'success' || body.trim() === '') {
    return {
      judgement: judged(
        'warning',
        t(`Answered ${quoted(body)}: WeChat documents exactly "success" or an empty body; drop the spaces and line breaks.`, `应答为 ${quoted(body)}：微信文档要求恰好是“success”或空应答，请去掉多余的空格和换行。`),
      ),
      reply: null,
    };
  }
  if (page) return unusable(t(`The server answered an HTML page ("${page}") instead of "success" or a reply XML.`, `服务器返回了 HTML 页面（“${page}”），而不是“success”或回复 XML。`));
  if (!body.trimStart().startsWith('<')) {
    return unusable(t(`The server answered ${quoted(body)}: neither "success", an empty body nor a reply XML.`, `服务器返回了 ${quoted(body)}：既不是“success”、空应答，也不是回复 XML。`));
  }

  const encrypt = bodyField(body, 'Encrypt');
  if (encrypt === undefined) {
    if (s.mode === 'safe') {
      return unusable(
        t(
          'The reply is not encrypted: in safe mode WeChat expects <xml><Encrypt/><MsgSignature/><TimeStamp/><Nonce/></xml>.',
          '回复没有加密：安全模式下微信要求 <xml><Encrypt/><MsgSignature/><TimeStamp/><Nonce/></xml>。',
        ),
      );
    }
    return judgeReplyXml(body, parties, x.ms, []);
  }
  if (s.mode === 'plain' || !s.aesKey || !s.appId) {
    return unusable(
      t(
        'The server answered a plaintext push with an encrypted reply: it is set up for safe mode. Probe in safe mode (give the EncodingAESKey), or switch the server to plaintext mode.',
        '服务器对明文推送回复了密文：它配置的是安全模式。请用安全模式探测（填写 EncodingAESKey），或把服务器改为明文模式。',
      ),
    );
  }
  const signature = bodyField(body, 'MsgSignature');
  const timestamp = bodyField(body, 'TimeStamp');
  const nonce = bodyField(body, 'Nonce');
  const missing = [signature === undefined && 'MsgSignature', timestamp === undefined && 'TimeStamp', nonce === undefined && 'Nonce'].filter(Boolean).join(', ');
  if (missing) return unusable(t(`The encrypted reply lacks ${missing}: the envelope is <xml><Encrypt/><MsgSignature/><TimeStamp/><Nonce/></xml>.`, `加密回复缺少 ${missing}：格式应为 <xml><Encrypt/><MsgSignature/><TimeStamp/><Nonce/></xml>。`));
  let check;
  try {
    check = msgSignature({ token: s.serverToken, timestamp: timestamp!, nonce: nonce!, encrypt, signature: signature! });
  } catch (e) {
    return unusable(t(`The encrypted reply's fields cannot be checked: ${(e as Error).message}`, `无法校验加密回复的字段：${(e as Error).message}`));
  }
  if (!check.match) {
    return unusable(
      t(
        `The reply's MsgSignature ${quoted(signature!)} does not verify: sha1 of the sorted Token, TimeStamp, Nonce and Encrypt is ${check.digest}. Sign the reply with the same Token, and with the TimeStamp and Nonce it carries.`,
        `回复的 MsgSignature ${quoted(signature!)} 校验不通过：Token、TimeStamp、Nonce、Encrypt 排序后的 sha1 为 ${check.digest}。请用同一个 Token，以及回复中携带的 TimeStamp 和 Nonce 签名。`,
      ),
    );
  }
  let inner: string;
  try {
    inner = decryptMessage({ aesKey: s.aesKey, encrypt, appId: s.appId }).message;
  } catch (e) {
    return unusable(
      t(
        `The reply does not decrypt with the EncodingAESKey given here: the server encrypts with another key, or for another AppID. (${(e as Error).message})`,
        `回复无法用这里填写的 EncodingAESKey 解密：服务器用了另一个密钥或另一个 AppID 加密。（${(e as Error).message}）`,
      ),
    );
  }
  r.decrypted = inner;
  return judgeReplyXml(inner, parties, x.ms, []);
}

function judgeReplyXml(xml: string, p: Parties, ms: number, findings: Finding[]): PushVerdict {
  // An XML declaration first is fine (PHP's SimpleXML writes one): WeChat reads the reply as XML.
  if (!/^\s*(<\?xml[^>]*\?>\s*)?<xml[\s>]/.test(xml)) return unusable(t(`The reply is not a WeChat reply XML (it must start with <xml>): ${quoted(xml)}.`, `回复不是微信的回复 XML（应以 <xml> 开头）：${quoted(xml)}。`));
  const to = bodyField(xml, 'ToUserName');
  const from = bodyField(xml, 'FromUserName');
  if (to === p.account && from === p.openid) {
    return unusable(
      t(
        'The reply has ToUserName and FromUserName as the push had them, not swapped: a reply goes to the follower (ToUserName = the push\'s FromUserName) from the account (FromUserName = the push\'s ToUserName).',
        '回复中的 ToUserName 和 FromUserName 与推送相同，没有对调：回复是由公众号（FromUserName = 推送的 ToUserName）发给粉丝（ToUserName = 推送的 FromUserName）。',
      ),
    );
  }
  if (to !== p.openid) return unusable(t(`The reply's ToUserName is ${quoted(to ?? '(missing)')}: it must be the push's FromUserName, the follower's openid ${p.openid}.`, `回复的 ToUserName 为 ${quoted(to ?? '(缺失)')}：应为推送的 FromUserName，即粉丝的 openid ${p.openid}。`));
  if (from !== p.account) return unusable(t(`The reply's FromUserName is ${quoted(from ?? '(missing)')}: it must be the push's ToUserName, the account ${p.account}.`, `回复的 FromUserName 为 ${quoted(from ?? '(缺失)')}：应为推送的 ToUserName，即公众号 ${p.account}。`));
  const type = bodyField(xml, 'MsgType');
  if (type === undefined || !REPLY_TYPES.includes(type)) {
    return unusable(t(`The reply's MsgType is ${quoted(type ?? '(missing)')}: WeChat accepts ${REPLY_TYPES.join(', ')}.`, `回复的 MsgType 为 ${quoted(type ?? '(缺失)')}：微信只接受 ${REPLY_TYPES.join('、')}。`));
  }
  const needs: Record<string, string> = { text: 'Content', image: 'Image', voice: 'Voice', video: 'Video', music: 'Music', news: 'Articles' };
  const part = needs[type];
  if (part && bodyField(xml, part) === undefined) return unusable(t(`The ${type} reply has no <${part}>.`, `${type} 类型的回复缺少 <${part}>。`));
  const created = bodyField(xml, 'CreateTime');
  if (created === undefined) findings.push({ verdict: 'warning', text: t('The reply has no CreateTime (whole seconds).', '回复缺少 CreateTime（整数秒）。') });
  else if (/^\d{13}$/.test(created)) findings.push({ verdict: 'warning', text: t(`The reply's CreateTime ${created} is in milliseconds: WeChat uses whole seconds.`, `回复的 CreateTime ${created} 是毫秒：微信使用整数秒。`) });
  else if (!/^\d{1,11}$/.test(created)) findings.push({ verdict: 'warning', text: t(`The reply's CreateTime ${quoted(created)} is not whole seconds.`, `回复的 CreateTime ${quoted(created)} 不是整数秒。`) });
  const content = type === 'text' ? t(`: ${quoted(bodyField(xml, 'Content') ?? '')}`, `：${quoted(bodyField(xml, 'Content') ?? '')}`) : t('', '');
  const summary = t(`Replied with a ${type} message in ${ms} ms${content.en}.`, `${ms} 毫秒内回复了 ${type} 消息${content.zh}。`);
  return { judgement: judged(findings.length > 0 ? 'warning' : 'pass', summary, findings), reply: xml };
}

/** A reply as compared between tries: its fields without CreateTime. */
export function replyKey(xml: string): string {
  return xml.replace(/<CreateTime>[^<]*<\/CreateTime>/, '').replace(/\s+/g, ' ');
}

/** The retry of the text message (same MsgId): a second, different reply means it was handled twice. */
export function judgeRetry(first: PushVerdict, again: PushVerdict): Judgement {
  if (again.judgement.verdict === 'fail') {
    return judged(
      'warning',
      t(
        `The retry was not answered well: ${again.judgement.summary.en} WeChat retries only when the first answer was late, so a follower who waited would see this.`,
        `重试没有得到正确应答：${again.judgement.summary.zh}微信只在首次应答超时后重试，届时粉丝看到的就是这个结果。`,
      ),
    );
  }
  if (first.reply !== null && again.reply !== null && replyKey(first.reply) !== replyKey(again.reply)) {
    return judged(
      'warning',
      t(
        'The same MsgId got a different reply the second time: the message was handled twice. WeChat pushes a message again (three tries in all) when an answer is late: deduplicate by MsgId and answer a retry with the first reply or "success".',
        '同一个 MsgId 第二次得到了不同的回复：消息被处理了两次。应答超时时微信会重新推送（共三次）：请按 MsgId 排重，对重试返回首次的回复或“success”。',
      ),
    );
  }
  if (first.reply !== null && again.reply === null) {
    return judged('pass', t('The retry was answered without a reply: the MsgId was recognised.', '重试得到了不带回复的应答：服务器识别出了重复的 MsgId。'));
  }
  if (first.reply !== null) return judged('pass', t('The retry got the same reply as the first try.', '重试得到了与首次相同的回复。'));
  return judged('pass', t('Both tries were answered without a reply.', '两次推送都得到了不带回复的应答。'), [
    {
      verdict: 'info',
      text: t('WxDesk cannot see from outside whether the message was handled twice: key what your handler does (database writes, messages sent) on MsgId.', 'WxDesk 无法从外部看出消息是否被处理了两次：请让处理程序的副作用（写库、发消息）以 MsgId 为准排重。'),
    },
  ]);
}
