// An attacker's push: the simulator's forged variant. WeChat signs every push; anyone who knows the
// callback URL can post one without the Token. A server must check signature (and msg_signature in
// safe mode) before it reads the body, and refuse a mismatch. One that answers with a reply would
// answer the attacker too: that reply is drawn as the line a follower gets when something is wrong,
// with the cause beneath it.
import type { ProbeExchange, PushExchange, ReplyView } from '../../contract';
import { t, transportFault } from '../probe/judge';

export interface JudgedPush {
  reply: ReplyView;
  verdict: PushExchange['verdict'];
  findings: PushExchange['findings'];
}

export function judgeForgedPush(x: ProbeExchange, target: URL): JudgedPush {
  const fault = transportFault(x, target);
  if (x.error || !x.response) {
    const cause = fault?.summary ?? t('No answer came.', '没有收到应答。');
    return { reply: { kind: 'cannot_serve', cause }, verdict: 'fail', findings: [{ verdict: 'fail', text: cause }] };
  }
  const { status, body } = x.response;
  if (status < 200 || status > 299) {
    const text = t(`Refused, as it should be: the forged push got HTTP ${status} and no reply.`, `已拒绝，正确：签名伪造的推送得到了 HTTP ${status}，没有回复。`);
    return { reply: { kind: 'none' }, verdict: 'pass', findings: [{ verdict: 'pass', text }] };
  }
  const said = body.trim();
  if (said === '' || said === 'success') {
    const text = t(
      `The forged push got HTTP ${status} ${said === '' ? 'with an empty body' : '"success"'}: no reply leaked, but nothing says the server refused it (it may have acted on it). Check the signature before reading the body, and answer a mismatch with 403.`,
      `签名伪造的推送得到了 HTTP ${status}${said === '' ? ' 和空应答' : ' 和 "success"'}：没有泄露回复，但看不出服务器拒绝了它（它可能已处理该推送）。请在读取请求体前校验签名，不一致时返回 403。`,
    );
    return { reply: { kind: 'none' }, verdict: 'warning', findings: [{ verdict: 'warning', text }] };
  }
  const cause = t(
    'Forged signature accepted: your server replied to a push whose signature was forged, so anyone who knows the URL can pose as WeChat and make it act and answer. Check signature (sha1 of the sorted Token, timestamp and nonce; msg_signature in safe mode) before reading the body, and refuse a mismatch.',
    '接受了伪造的签名：服务器回复了一条签名伪造的推送，任何知道此 URL 的人都能冒充微信让它处理并应答。请在读取请求体前校验 signature（Token、timestamp、nonce 排序后的 sha1；安全模式下还有 msg_signature），不一致时拒绝。',
  );
  return { reply: { kind: 'cannot_serve', cause }, verdict: 'fail', findings: [{ verdict: 'fail', text: cause }] };
}
