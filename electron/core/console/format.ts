// How a console exchange is shown: JSON re-indented without being re-encoded (WeChat's msgid and
// other 64-bit numbers would lose digits through JSON.parse), URLs and curl lines with the token
// masked unless the user asks for it.
import type { ConsoleFileView, ConsoleMethod } from '../../contract';
import { shellQuote } from '../shell-quote';

/** What stands for the token wherever it is masked: WeChat's own docs write it so. */
export const TOKEN_MASK = 'ACCESS_TOKEN';

/**
 * Valid JSON text re-indented by two spaces, every number and string kept as written. Call it on
 * text that parsed; anything else comes back unchanged.
 */
export function prettyJson(text: string): string {
  let out = '';
  let depth = 0;
  let inString = false;
  const nl = () => `\n${'  '.repeat(depth)}`;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '{' || c === '[') {
      // An empty object or array stays on one line.
      const close = c === '{' ? '}' : ']';
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j]!)) j++;
      if (text[j] === close) {
        out += c + close;
        i = j;
        continue;
      }
      depth++;
      out += c + nl();
    } else if (c === '}' || c === ']') {
      depth--;
      out += nl() + c;
    } else if (c === ',') {
      out += c + nl();
    } else if (c === ':') {
      out += ': ';
    } else if (!/\s/.test(c)) {
      out += c;
    }
  }
  return out;
}

/** The URL of a console request; the token as given (the real one, or TOKEN_MASK). */
export function requestUrl(apiBase: string, path: string, query: [string, string][], token: string): string {
  const q = new URLSearchParams(query);
  q.append('access_token', token);
  return `${apiBase}${path}?${q}`;
}

/**
 * Tokens and secrets in text WeChat recorded (a rid's query and body), masked: a rid of a token or
 * clear_quota/v2 call carries the AppSecret, which never crosses to the renderer.
 */
export function maskSecrets(text: string): string {
  return text
    .replace(/(access_token=)[^&\s"]+/g, `$1${TOKEN_MASK}`)
    .replace(/((?:app)?secret=)[^&\s"]+/gi, '$1***')
    .replace(/("(?:app)?secret"\s*:\s*")[^"]*(")/gi, '$1***$2');
}

/** A curl command line for a POSIX shell, single-quoted; a file as `-F field=@name` after its text fields. */
export function curlLine(method: ConsoleMethod, url: string, body: string, file?: Pick<ConsoleFileView, 'field' | 'fileName' | 'fields'>): string {
  const q = shellQuote;
  const parts = ['curl', '-sS'];
  if (method === 'POST') parts.push('-X', 'POST');
  parts.push(q(url));
  if (body !== '') parts.push('-H', q('content-type: application/json'), '--data-raw', q(body));
  if (file) {
    // --form-string: a text value starting with @ or < is sent as text, not read from a file.
    for (const [k, v] of file.fields ?? []) parts.push('--form-string', q(`${k}=${v}`));
    parts.push('-F', q(`${file.field}=@${file.fileName}`));
  }
  return parts.join(' ');
}

/** "key=value" lines (the console's Query field, the CLI's --query) as pairs; blank lines skipped. */
export function parseQueryLines(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const line of text.replace(/\r/g, '').split('\n')) {
    if (line.trim() === '') continue;
    const eq = line.indexOf('=');
    out.push(eq < 0 ? [line.trim(), ''] : [line.slice(0, eq).trim(), line.slice(eq + 1)]);
  }
  return out;
}
