// The URL check (WeChat's GET with echostr) and its forged twin. WeChat compares the body with the
// echostr byte for byte: each way a body can differ is named, with the code that usually causes it.
import type { ProbeExchange, ProbeText } from '../../contract';
import { htmlPage, judged, quoted, statusMeaning, t, transportFault, type Judgement } from './judge';

/** How a 200 body differs from the echostr, or null when it is the echostr exactly. */
function echoMismatch(body: string, echostr: string): ProbeText | null {
  if (body === echostr) return null;
  if (body === `\uFEFF${echostr}`) {
    return t(
      'The echostr comes back after a byte-order mark (EF BB BF): a source file saved as "UTF-8 with BOM" prints it first. Save the file as UTF-8 without BOM.',
      'echostr 前多了字节序标记（EF BB BF）：以“带 BOM 的 UTF-8”保存的源文件会先输出它。请将文件另存为无 BOM 的 UTF-8。',
    );
  }
  if (body === JSON.stringify(echostr)) {
    return t(
      `The echostr comes back in JSON quotes (${quoted(body)}): the server answers with JSON (res.json, @ResponseBody of a String, json.dumps). Send the raw text instead.`,
      `echostr 被加上了 JSON 引号（${quoted(body)}）：服务器以 JSON 形式应答（res.json、返回 String 的 @ResponseBody、json.dumps 等）。请直接输出原始文本。`,
    );
  }
  if (body.replace(/\r?\n$/, '') === echostr) {
    return t(
      'The echostr comes back with a trailing line break: println, echo with a newline, or a template adds it. Write the echostr alone.',
      'echostr 后面多了换行：println、带换行的 echo 或模板会加上它。请只输出 echostr 本身。',
    );
  }
  if (body.trim() === echostr) {
    return t(
      `The echostr comes back with spaces or line breaks around it (${quoted(body)}): write it alone, nothing before or after.`,
      `echostr 前后带有空格或换行（${quoted(body)}）：请只输出它本身，前后不加任何内容。`,
    );
  }
  if (/^\d+(\.0+)?$/.test(body.trim()) && body.trim() !== echostr) {
    return t(
      `The server answered ${quoted(body)}, a different number: it read the ${echostr.length}-digit echostr as a number and lost precision. Keep it a string.`,
      `服务器返回了 ${quoted(body)}，是另一个数字：它把 ${echostr.length} 位的 echostr 当作数字处理，丢失了精度。请按字符串原样返回。`,
    );
  }
  if (body === '') {
    return t(
      'The body is empty: the server did not echo the echostr. If it checks the signature, its Token is not the Token given here.',
      '应答为空：服务器没有返回 echostr。若它校验签名，说明它的 Token 与这里填写的不同。',
    );
  }
  if (body.includes(echostr)) {
    return t(`The echostr is inside other text (${quoted(body)}): answer with the echostr alone.`, `echostr 夹在其他内容中（${quoted(body)}）：请只返回 echostr。`);
  }
  return t(
    `The server answered ${quoted(body)} instead of the echostr. If it checks the signature (it should), its Token is not the Token given here.`,
    `服务器返回了 ${quoted(body)}，而不是 echostr。若它校验签名（它应当校验），说明它的 Token 与这里填写的不同。`,
  );
}

export function judgeUrlCheck(x: ProbeExchange, echostr: string, target: URL, token: string): Judgement {
  const fault = transportFault(x, target);
  if (fault) return fault;
  const r = x.response!;
  const page = htmlPage(r.body, r.headers['content-type']);
  if (r.status !== 200) {
    const why = statusMeaning(r.status, token);
    const html = page ? t(` It sent an HTML page ("${page}").`, `它返回了一个 HTML 页面（“${page}”）。`) : t('', '');
    return judged('fail', t(`The server answered HTTP ${r.status}: ${why.en}.${html.en}`, `服务器返回 HTTP ${r.status}：${why.zh}。${html.zh}`));
  }
  if (page) {
    return judged(
      'fail',
      t(
        `The server answered an HTML page ("${page}") instead of the echostr: the request reached a web page or an error page, not the handler.`,
        `服务器返回了 HTML 页面（“${page}”），而不是 echostr：请求到达的是网页或错误页，而不是你的处理程序。`,
      ),
    );
  }
  const mismatch = echoMismatch(r.body, echostr);
  if (mismatch) return judged('fail', mismatch);
  return judged('pass', t(`The echostr came back byte for byte (HTTP 200, ${x.ms} ms).`, `echostr 按字节原样返回（HTTP 200，${x.ms} 毫秒）。`));
}

export function judgeForged(x: ProbeExchange, echostr: string, target: URL): Judgement {
  if (x.error) return transportFault(x, target)!;
  const r = x.response!;
  if (r.body.includes(echostr)) {
    return judged(
      'fail',
      t(
        'The server echoed the echostr to a request with a forged signature: it accepts forged requests, so anyone who knows the URL can pose as WeChat and push messages to it. Check the signature before answering (compare sha1 of the sorted Token, timestamp and nonce with signature) and refuse a mismatch.',
        '服务器对签名伪造的请求也返回了 echostr：它接受伪造的请求，任何知道此 URL 的人都能冒充微信向它推送消息。请在应答前校验签名（将 Token、timestamp、nonce 排序后的 sha1 与 signature 比较），不一致时拒绝。',
      ),
    );
  }
  const how = r.status === 200 ? t(`answered ${quoted(r.body)}`, `返回 ${quoted(r.body)}`) : t(`answered HTTP ${r.status}`, `返回 HTTP ${r.status}`);
  return judged('pass', t(`Refused: the forged signature got no echostr (${how.en}).`, `已拒绝：签名伪造的请求没有得到 echostr（${how.zh}）。`));
}
