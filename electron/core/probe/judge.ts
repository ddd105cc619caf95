// What every check judges first, whatever it sent: was there an answer at all, in time, without a
// redirect. Each verdict carries its cause in plain words, in English and Chinese.
import type { ProbeExchange, ProbeText } from '../../contract';

export interface Finding {
  verdict: 'warning' | 'info';
  text: ProbeText;
}

export interface Judgement {
  verdict: 'pass' | 'warning' | 'fail' | 'skipped';
  summary: ProbeText;
  findings: Finding[];
}

export const t = (en: string, zh: string): ProbeText => ({ en, zh });

export const judged = (verdict: Judgement['verdict'], summary: ProbeText, findings: Finding[] = []): Judgement => ({ verdict, summary, findings });

/** WeChat waits this long for an answer, then drops it and tries again (three tries in all). */
export const WECHAT_WAIT_MS = 5_000;

export const UNAVAILABLE = '该公众号暂时无法提供服务，请稍后再试';

/** Network faults after which the rest of a run would only repeat the same failure. */
export const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

const seconds = (ms: number) => (ms / 1000).toFixed(1);

/** An answer that is unusable before its body is read (none, too late, a redirect), or null. */
export function transportFault(x: ProbeExchange, target: URL): Judgement | null {
  const where = target.host;
  if (x.error) {
    const { code, message } = x.error;
    if (code === 'ECONNREFUSED') {
      return judged('fail', t(`Nothing is listening at ${where} (connection refused): start your server, or check the port in the URL.`, `${where} 上没有服务在监听（连接被拒绝）：请启动你的服务器，或检查 URL 中的端口。`));
    }
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      return judged('fail', t(`The host name ${target.hostname} could not be resolved: check the URL.`, `无法解析主机名 ${target.hostname}：请检查 URL。`));
    }
    if (code === 'TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
      return judged('fail', t(`No answer from ${where} (${message}). WeChat waits 5 s, then gives up and tries again.`, `${where} 没有应答（${message}）。微信只等待 5 秒，随后放弃并重试。`));
    }
    return judged('fail', t(`The request to ${where} failed before an answer came: ${code} ${message}.`, `请求 ${where} 在收到应答前失败：${code} ${message}。`));
  }
  const r = x.response!;
  if (x.ms > WECHAT_WAIT_MS) {
    return judged(
      'fail',
      t(
        `The answer took ${seconds(x.ms)} s. WeChat waits 5 s, then drops it and pushes again (three tries in all), and the user sees "${UNAVAILABLE}". Answer at once ("success" will do) and send a slow reply later with the customer service message API.`,
        `应答用了 ${seconds(x.ms)} 秒。微信只等待 5 秒，之后丢弃应答并重新推送（共三次），用户会看到“${UNAVAILABLE}”。请立即应答（可先回复 success），耗时的回复改用客服消息接口稍后发送。`,
      ),
    );
  }
  if (r.status >= 300 && r.status < 400) {
    const to = r.headers.location ?? '(no Location header)';
    return judged(
      'fail',
      t(
        `The server answered HTTP ${r.status}, a redirect to ${to}. WeChat does not follow redirects: configure the final URL (mind http → https and a missing or extra trailing slash).`,
        `服务器返回 HTTP ${r.status}，重定向到 ${to}。微信不会跟随重定向：请配置最终的 URL（注意 http → https 以及末尾斜杠的有无）。`,
      ),
    );
  }
  return null;
}

/** The title of an HTML page, or null when the body is not one. */
export function htmlPage(body: string, contentType: string | undefined): string | null {
  const head = body.replace(/^\uFEFF/, '').trimStart().slice(0, 512).toLowerCase();
  const isHtml = head.startsWith('<!doctype html') || head.startsWith('<html') || (!!contentType?.includes('text/html') && head.startsWith('<') && !head.startsWith('<xml') && !head.startsWith('<?xml'));
  if (!isHtml) return null;
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1]?.trim();
  return title || 'untitled';
}

/** A refusal's status explained: what the code most likely means for a callback URL. */
export function statusMeaning(status: number, token: string): ProbeText {
  if (status === 401 || status === 403) {
    return t(
      `it refused a correctly signed request, so its Token is most likely not "${token}", the Token given here: use the same Token on both sides`,
      `它拒绝了签名正确的请求，说明它的 Token 很可能不是这里填写的“${token}”：请两边使用同一个 Token`,
    );
  }
  if (status === 404) return t('nothing answers at this path: check the path of the URL', '此路径下没有处理程序：请检查 URL 的路径');
  if (status === 405) return t('the path does not accept this method: WeChat checks the URL with GET and pushes with POST', '此路径不接受该请求方法：微信用 GET 验证 URL，用 POST 推送消息');
  if (status >= 500) return t('the server failed while handling it: see its log', '服务器处理时出错：请查看它的日志');
  return t('WeChat expects HTTP 200', '微信要求 HTTP 200');
}

/** What came back, shortened for a summary line. */
export function quoted(body: string, max = 60): string {
  const shown = JSON.stringify(body.length > max ? `${body.slice(0, max)}…` : body);
  return body.startsWith('\uFEFF') ? shown.replace('\uFEFF', '\\uFEFF') : shown;
}
