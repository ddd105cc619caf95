// The XML WeChat's messages use, and nothing more: an optional declaration, elements without
// attributes, text (with the five entities and character references), CDATA sections and comments.
// A strict parser, so "Edit XML" can point at the line of a mistake before anything is sent, and a
// writer that puts strings in CDATA and numbers bare, as WeChat writes them.
import type { ProbeText } from '../../contract';

export interface XNode {
  name: string;
  /** 1-based line of the start tag. */
  line: number;
  children: XNode[];
  /** The element's text (CDATA and character data joined), when it has no child elements. */
  text: string;
  /** Whether the text came in a CDATA section. */
  cdata: boolean;
}

export class XmlSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly text: ProbeText,
  ) {
    super(`line ${line}: ${text.en}`);
  }
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*/;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Parses `src` into its root element; throws an XmlSyntaxError with the 1-based line of the fault. */
export function parseXml(src: string): XNode {
  let i = 0;
  const lineAt = (at: number) => {
    let n = 1;
    for (let k = 0; k < at && k < src.length; k++) if (src.charCodeAt(k) === 10) n++;
    return n;
  };
  const fail = (at: number, en: string, zh: string): never => {
    throw new XmlSyntaxError(lineAt(at), { en, zh });
  };
  const skipSpaceAndComments = () => {
    for (;;) {
      while (i < src.length && /\s/.test(src[i]!)) i++;
      if (!src.startsWith('<!--', i)) return;
      const end = src.indexOf('-->', i + 4);
      if (end < 0) fail(i, 'A comment "<!--" is never closed with "-->".', '注释 "<!--" 没有用 "-->" 结束。');
      i = end + 3;
    }
  };

  if (src.startsWith('\uFEFF')) i = 1;
  if (src.startsWith('<?xml', i)) {
    const end = src.indexOf('?>', i);
    if (end < 0) fail(i, 'The XML declaration "<?xml" is never closed with "?>".', 'XML 声明 "<?xml" 没有用 "?>" 结束。');
    i = end + 2;
  }
  skipSpaceAndComments();
  if (i >= src.length) fail(i, 'There is no XML: write <xml>…</xml>.', '没有 XML 内容：请写 <xml>…</xml>。');
  if (src[i] !== '<') fail(i, `Text before the first element: the XML must start with <xml>.`, '第一个元素之前有多余的文本：XML 应以 <xml> 开头。');
  const root = element();
  skipSpaceAndComments();
  if (i < src.length) fail(i, `Something follows the closing </${root.name}>: a message is one element.`, `</${root.name}> 之后还有内容：一条消息只能是一个元素。`);
  return root;

  function element(): XNode {
    const start = i;
    i++; // <
    const m = NAME.exec(src.slice(i, i + 256));
    if (!m) fail(start, 'A "<" that does not start an element name: write &lt; for a "<" in text, or put the text in <![CDATA[…]]>.', '"<" 后面不是元素名：文本中的 "<" 请写成 &lt;，或把文本放进 <![CDATA[…]]>。');
    const name = m![0];
    i += name.length;
    const node: XNode = { name, line: lineAt(start), children: [], text: '', cdata: false };
    while (i < src.length && /\s/.test(src[i]!)) i++;
    if (src.startsWith('/>', i)) {
      i += 2;
      return node;
    }
    if (src[i] !== '>') fail(i, `<${name}> has attributes or a stray character: WeChat's XML has none, write <${name}>value</${name}>.`, `<${name}> 带有属性或多余字符：微信的 XML 不使用属性，请写成 <${name}>值</${name}>。`);
    i++;
    let text = '';
    let textAt = -1;
    for (;;) {
      if (i >= src.length) fail(src.length, `<${name}> (line ${node.line}) is never closed: add </${name}>.`, `<${name}>（第 ${node.line} 行）没有闭合：请补上 </${name}>。`);
      if (src.startsWith('</', i)) {
        const close = i;
        i += 2;
        const c = NAME.exec(src.slice(i, i + 256))?.[0] ?? '';
        i += c.length;
        while (i < src.length && /\s/.test(src[i]!)) i++;
        if (c !== name || src[i] !== '>') fail(close, `</${c || '?'}> closes <${name}> (line ${node.line}): the names must match.`, `</${c || '?'}> 与 <${name}>（第 ${node.line} 行）不匹配：开始和结束标签的名字必须相同。`);
        i++;
        break;
      }
      if (src.startsWith('<![CDATA[', i)) {
        const end = src.indexOf(']]>', i + 9);
        if (end < 0) fail(i, 'A CDATA section "<![CDATA[" is never closed with "]]>".', 'CDATA 段 "<![CDATA[" 没有用 "]]>" 结束。');
        if (textAt < 0) textAt = i;
        text += src.slice(i + 9, end);
        node.cdata = true;
        i = end + 3;
        continue;
      }
      if (src.startsWith('<!--', i)) {
        skipSpaceAndComments();
        continue;
      }
      if (src[i] === '<') {
        node.children.push(element());
        continue;
      }
      if (textAt < 0 && !/\s/.test(src[i]!)) textAt = i;
      if (src[i] === '&') {
        const semi = src.indexOf(';', i);
        const ref = semi > i ? src.slice(i + 1, semi) : '';
        const code = /^#x([0-9a-fA-F]{1,6})$/.exec(ref)?.[1] ?? undefined;
        const dec = /^#([0-9]{1,7})$/.exec(ref)?.[1] ?? undefined;
        const ch = ENTITIES[ref] ?? (code ? safeChar(parseInt(code, 16)) : dec ? safeChar(parseInt(dec, 10)) : undefined);
        if (ch === undefined) fail(i, 'An "&" that is not an entity (&amp; &lt; &gt; &quot; &apos;): write &amp; for "&", or put the text in <![CDATA[…]]>.', '"&" 不是合法的实体（&amp; &lt; &gt; &quot; &apos;）："&" 请写成 &amp;，或把文本放进 <![CDATA[…]]>。');
        text += ch;
        i = semi + 1;
        continue;
      }
      if (src.startsWith(']]>', i)) fail(i, '"]]>" outside a CDATA section.', 'CDATA 段之外出现了 "]]>"。');
      text += src[i];
      i++;
    }
    if (node.children.length > 0) {
      if (text.trim() !== '') fail(textAt, `<${name}> mixes text with elements: a WeChat field holds either a value or elements.`, `<${name}> 中既有文本又有子元素：微信的字段要么是值，要么是子元素。`);
    } else node.text = text;
    return node;
  }
}

function safeChar(code: number): string | undefined {
  if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
  return String.fromCodePoint(code);
}

/** The child named `name`, or undefined. */
export function child(node: XNode | undefined, name: string): XNode | undefined {
  return node?.children.find((c) => c.name === name);
}

/** The value at a dotted path under `node` (ScanCodeInfo.ScanType), or undefined. */
export function valueAt(node: XNode, path: string): string | undefined {
  let at: XNode | undefined = node;
  for (const part of path.split('.')) at = child(at, part);
  return at && at.children.length === 0 ? at.text : undefined;
}

/** Every leaf under `node` as dotted paths; repeated items' values are joined with commas. */
export function leaves(node: XNode, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of node.children) {
    const path = prefix ? `${prefix}.${c.name}` : c.name;
    if (c.children.length === 0) {
      const had = out.get(path);
      out.set(path, had === undefined ? c.text : `${had},${c.text}`);
    } else {
      for (const [k, val] of leaves(c, path)) {
        const had = out.get(k);
        out.set(k, had === undefined ? val : `${had},${val}`);
      }
    }
  }
  return out;
}

export const cdata = (value: string) => `<![CDATA[${value}]]>`;
