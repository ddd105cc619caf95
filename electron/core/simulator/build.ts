// A push's XML: built from a kind and fields (defaults filled in), or hand-written; then checked as
// WeChat's own messages would be: well-formed, the fields its MsgType/Event requires, numbers that
// are numbers, http(s) URLs, no control characters, 64 KB at most. Nothing is sent with a problem.
import type { ProbeText, PushPreview } from '../../contract';
import { t } from '../probe/judge';
import { EVENT_FIELD, HEADER, kindOf, kindSpec, KIND_NAMES, type FieldSpec, type KindSpec } from './kinds';
import { cdata, parseXml, valueAt, XmlSyntaxError, type XNode } from './xml';

export const MAX_XML_BYTES = 64 * 1024;

export type Problem = PushPreview['problems'][number];

export interface BuildContext {
  /** ToUserName unless given: the account's original ID, or the placeholder. */
  account: string;
  /** FromUserName unless given: the follower's OpenID. */
  openId: string;
  nowMs: number;
}

/** A checked push: the XML, its problems, and when there are none what it carries. */
export interface CheckedPush extends PushPreview {
  spec?: KindSpec;
  root?: XNode;
  /** ToUserName and FromUserName as written (the reply must swap them). */
  parties?: { account: string; openid: string };
  msgId?: string;
}

const escapeText = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The XML WeChat would send for `kind` with `fields` (dotted names for nested elements), then checked. */
export function buildPush(kind: string, fields: Record<string, string>, ctx: BuildContext): CheckedPush {
  const spec = kindSpec(kind);
  if (!spec) return { xml: '', problems: [{ text: unknownKind(kind) }] };
  const problems: Problem[] = [];
  const all = [...HEADER, ...(spec.event ? [EVENT_FIELD] : []), ...spec.fields];
  for (const name of Object.keys(fields)) {
    if (!all.some((s) => s.name === name)) {
      problems.push({ text: t(`${kind} has no field ${name}: its fields are ${all.map((s) => s.name).join(', ')}.`, `${kind} 没有字段 ${name}：它的字段为 ${all.map((s) => s.name).join('、')}。`) });
    }
  }
  const fixed: Record<string, string | undefined> = {
    ToUserName: ctx.account,
    FromUserName: ctx.openId,
    CreateTime: String(Math.floor(ctx.nowMs / 1000)),
    MsgType: spec.msgType,
    Event: spec.event,
  };
  for (const name of ['MsgType', 'Event']) {
    const given = fields[name];
    if (given !== undefined && given !== fixed[name]) problems.push({ text: t(`${name} of a ${kind} push is ${fixed[name]}, not ${JSON.stringify(given)}: choose the other type instead.`, `${kind} 推送的 ${name} 为 ${fixed[name]}，不能是 ${JSON.stringify(given)}：请改选对应的类型。`) });
  }
  const values = new Map<string, string>();
  for (const s of all) {
    const value = fields[s.name] ?? fixed[s.name] ?? s.fallback?.();
    if (value === undefined) continue;
    if (s.cdata && value.includes(']]>')) {
      problems.push({ text: t(`${s.name} cannot contain "]]>": it would end the CDATA section it is sent in.`, `${s.name} 中不能含有 "]]>"：它会提前结束承载它的 CDATA 段。`) });
      continue;
    }
    values.set(s.name, value);
  }
  const xml = write(all, values);
  if (problems.length > 0) return { xml, problems };
  return checkPush(xml);
}

/** One element per line, nested elements in the order the kind lists them; PicMd5Sum values split into items. */
function write(specs: FieldSpec[], values: Map<string, string>): string {
  const lines = ['<xml>'];
  const open: string[] = [];
  const leaf = (s: FieldSpec, name: string, value: string) => `<${name}>${s.cdata ? cdata(value) : escapeText(value)}</${name}>`;
  for (const s of specs) {
    let value = values.get(s.name);
    if (value === undefined && s.name.endsWith('.Count')) {
      const items = values.get(s.name.replace(/Count$/, 'PicList.item.PicMd5Sum'));
      if (items !== undefined) value = String(items.split(',').length);
    }
    if (value === undefined) continue;
    const parts = s.name.split('.');
    const parents = parts.slice(0, -1).filter((p) => p !== 'item');
    while (open.length > 0 && open.join('.') !== parents.slice(0, open.length).join('.')) lines.push(`</${open.pop()}>`);
    while (open.length > parents.length) lines.push(`</${open.pop()}>`);
    for (const p of parents.slice(open.length)) {
      lines.push(`<${p}>`);
      open.push(p);
    }
    const name = parts.at(-1)!;
    if (parts.includes('item')) {
      for (const one of value.split(',')) lines.push(`<item>${leaf(s, name, one.trim())}</item>`);
    } else lines.push(leaf(s, name, value));
  }
  while (open.length > 0) lines.push(`</${open.pop()}>`);
  lines.push('</xml>');
  return lines.join('\n');
}

/** Checks a push's XML as written (hand-written or built): every problem, each at its line. */
export function checkPush(xml: string): CheckedPush {
  const problems: Problem[] = [];
  const bytes = Buffer.byteLength(xml, 'utf8');
  if (bytes > MAX_XML_BYTES) return { xml, problems: [{ text: t(`The XML is ${bytes} bytes: WxDesk sends at most 64 KB (65536 bytes), as no push from WeChat is larger.`, `XML 有 ${bytes} 字节：WxDesk 最多发送 64 KB（65536 字节），微信的推送不会更大。`) }] };
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.exec(xml);
  if (control) {
    const line = xml.slice(0, control.index).split('\n').length;
    const code = `U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    return { xml, problems: [{ line, text: t(`A control character (${code}) on line ${line}: XML 1.0 does not allow it, and WeChat never sends one. Remove it.`, `第 ${line} 行有控制字符（${code}）：XML 1.0 不允许它，微信也从不发送。请删除。`) }] };
  }
  let root: XNode;
  try {
    root = parseXml(xml);
  } catch (e) {
    if (!(e instanceof XmlSyntaxError)) throw e;
    return { xml, problems: [{ line: e.line, text: t(`Line ${e.line}: ${e.text.en}`, `第 ${e.line} 行：${e.text.zh}`) }] };
  }
  if (root.name !== 'xml') return { xml, problems: [{ line: root.line, text: t(`The root element is <${root.name}>: WeChat's messages are <xml>…</xml>.`, `根元素是 <${root.name}>：微信的消息为 <xml>…</xml>。`) }] };
  const msgType = valueAt(root, 'MsgType');
  const eventName = valueAt(root, 'Event');
  const spec = kindOf(msgType, eventName);
  if (!spec) {
    const what = msgType === 'event' ? `Event ${JSON.stringify(eventName ?? '(missing)')}` : `MsgType ${JSON.stringify(msgType ?? '(missing)')}`;
    const line = (msgType === 'event' ? root.children.find((c) => c.name === 'Event') : root.children.find((c) => c.name === 'MsgType'))?.line ?? root.line;
    return { xml, problems: [{ line, text: t(`${what} is not a push WeChat sends: use one of ${KIND_NAMES.join(', ')}.`, `${what} 不是微信会发送的推送：请使用 ${KIND_NAMES.join('、')} 之一。`) }] };
  }
  const seen = new Set<string>();
  for (const c of root.children) {
    if (seen.has(c.name)) problems.push({ line: c.line, text: t(`<${c.name}> appears twice.`, `<${c.name}> 出现了两次。`) });
    seen.add(c.name);
  }
  for (const s of [...HEADER, ...(spec.event ? [EVENT_FIELD] : []), ...spec.fields]) {
    const node = nodeAt(root, s.name);
    const value = node && node.children.length === 0 ? node.text : undefined;
    const line = node?.line ?? root.line;
    if (value === undefined || (value === '' && s.required)) {
      if (s.required) problems.push({ line, text: value === undefined ? t(`A ${spec.kind} push needs <${s.name}>.`, `${spec.kind} 推送必须包含 <${s.name}>。`) : t(`<${s.name}> is empty: a ${spec.kind} push needs a value there.`, `<${s.name}> 为空：${spec.kind} 推送需要填写它。`) });
      continue;
    }
    const problem = fieldProblem(s, value);
    if (problem) problems.push({ line, text: problem });
  }
  if (problems.length > 0) return { xml, problems };
  const msgId = valueAt(root, 'MsgId');
  return { xml, problems, spec, root, parties: { account: valueAt(root, 'ToUserName')!, openid: valueAt(root, 'FromUserName')! }, ...(msgId !== undefined ? { msgId } : {}) };
}

function nodeAt(root: XNode, path: string): XNode | undefined {
  let at: XNode | undefined = root;
  for (const part of path.split('.')) at = at?.children.find((c) => c.name === part);
  return at;
}

/** What is wrong with one value (each value of an item list), or null. */
export function fieldProblem(s: FieldSpec, value: string): ProbeText | null {
  if (value.length > s.max) return t(`${s.name} is ${value.length} characters long: at most ${s.max}.`, `${s.name} 长 ${value.length} 个字符：最多 ${s.max} 个。`);
  const values = s.name.includes('.item.') ? value.split(',') : [value];
  for (const one of values) {
    if (s.type === 'int' && !/^\d{1,20}$/.test(one.trim())) return t(`${s.name} must be a whole number, not ${JSON.stringify(short(one))}.`, `${s.name} 应为整数，不能是 ${JSON.stringify(short(one))}。`);
    if (s.type === 'float' && !/^-?\d{1,12}(\.\d{1,12})?$/.test(one.trim())) return t(`${s.name} must be a number such as 23.134521, not ${JSON.stringify(short(one))}.`, `${s.name} 应为数字（例如 23.134521），不能是 ${JSON.stringify(short(one))}。`);
    if (s.type === 'url' && !/^https?:\/\/[^\s/?#]+/i.test(one)) return t(`${s.name} must be an http:// or https:// URL, not ${JSON.stringify(short(one))}.`, `${s.name} 应为 http:// 或 https:// 开头的 URL，不能是 ${JSON.stringify(short(one))}。`);
  }
  return null;
}

export function unknownKind(kind: string): ProbeText {
  return t(`${JSON.stringify(short(kind))} is not a push WeChat sends: use one of ${KIND_NAMES.join(', ')}.`, `${JSON.stringify(short(kind))} 不是微信会发送的推送：请使用 ${KIND_NAMES.join('、')} 之一。`);
}

const short = (v: string) => (v.length > 40 ? `${v.slice(0, 40)}…` : v);
