// A text reply as the phone shows it: WeChat turns <a href="…">…</a> into a link and keeps line
// breaks; any other markup stays text. Only http(s) links become links (a javascript: or data: href
// is shown as its words), and nothing here is ever handed to the page as HTML.

export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; href: string; text: string };

/** The URL when it is an absolute http(s) URL, else undefined. */
export function httpUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name] ?? _);

const LINK = /<a\s+(?:[^>]*?\s)?href\s*=\s*(?:"([^"]*)"|'([^']*)')[^>]*>([\s\S]*?)<\/a\s*>/gi;

/** The reply's text split into plain runs and links, in order; line breaks stay in the text. */
export function replyTextParts(content: string): TextPart[] {
  const parts: TextPart[] = [];
  const push = (text: string) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last?.kind === 'text') last.text += text;
    else parts.push({ kind: 'text', text });
  };
  let at = 0;
  for (const m of content.matchAll(LINK)) {
    push(content.slice(at, m.index));
    const href = httpUrl(decode(m[1] ?? m[2] ?? ''));
    const text = m[3] ?? '';
    if (href) parts.push({ kind: 'link', href, text: text || href });
    else push(text);
    at = m.index + m[0].length;
  }
  push(content.slice(at));
  return parts;
}
