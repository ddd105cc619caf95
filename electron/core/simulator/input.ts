// The simulator's arguments as they arrive over IPC or HTTP: untrusted JSON, checked before anything
// is built or sent; a refusal names the field and what it should be, in English and Chinese.
import type { ProbeMode, PushInput, PushKind } from '../../contract';
import { appIdArg, describe } from '../dashboard-args';
import { invalidInput } from '../errors';
import { kindSpec, KIND_NAMES } from './kinds';

const MAX_FIELDS = 40;
const MAX_VALUE = 65_536;
/** Hand-written XML over 64 KB is a problem the preview names; far beyond that it is refused outright. */
const MAX_XML_ARG = 1_048_576;
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){0,3}$/;

export function modeArg(v: unknown): ProbeMode {
  if (v === 'plain' || v === 'compatible' || v === 'safe') return v;
  throw invalidInput(`The message mode must be plain, compatible or safe, got ${describe(v)}.`, `消息加解密方式只能是 plain、compatible 或 safe，实际为 ${describe(v)}。`);
}

export function pushInputArg(v: unknown): PushInput {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalidInput('Expected a push: { appId, kind, fields?, xml?, url?, mode?, openId?, forgeSignature? }.', '应传入推送对象：{ appId, kind, fields?, xml?, url?, mode?, openId?, forgeSignature? }。');
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!['appId', 'kind', 'fields', 'xml', 'url', 'mode', 'openId', 'forgeSignature'].includes(k)) throw invalidInput(`Unknown push field ${describe(k)}.`, `未知的推送字段 ${describe(k)}。`);
  }
  const out: PushInput = { appId: appIdArg(o.appId), kind: 'text' };
  const given = <T>(x: T | null | undefined): x is T => x !== undefined && x !== null;
  if (given(o.xml)) {
    if (typeof o.xml !== 'string' || o.xml.length > MAX_XML_ARG) throw invalidInput('The hand-written XML must be text (1 MB at most).', '手写的 XML 应为文本（最多 1 MB）。');
    out.xml = o.xml;
  }
  if (given(o.kind)) {
    if (typeof o.kind !== 'string' || !kindSpec(o.kind)) throw invalidInput(`The push type must be one of ${KIND_NAMES.join(', ')}, got ${describe(o.kind)}.`, `推送类型只能是 ${KIND_NAMES.join('、')} 之一，实际为 ${describe(o.kind)}。`);
    out.kind = o.kind as PushKind;
  } else if (out.xml === undefined) throw invalidInput('A push needs its type (kind), or hand-written XML.', '推送需要类型（kind）或手写的 XML。');
  if (given(o.fields)) {
    if (typeof o.fields !== 'object' || Array.isArray(o.fields)) throw invalidInput('The fields must be an object of WeChat element names to text, e.g. { "Content": "hi" }.', '字段应为由微信元素名到文本组成的对象，例如 { "Content": "hi" }。');
    const entries = Object.entries(o.fields as Record<string, unknown>);
    if (entries.length > MAX_FIELDS) throw invalidInput(`At most ${MAX_FIELDS} fields.`, `最多 ${MAX_FIELDS} 个字段。`);
    // No prototype: a field named __proto__ is a field (refused by the check as unknown), not a prototype.
    const fields = Object.create(null) as Record<string, string>;
    for (const [k, val] of entries) {
      if (!FIELD_NAME.test(k)) throw invalidInput(`${describe(k)} is not a WeChat element name (nested ones joined with dots, e.g. ScanCodeInfo.ScanResult).`, `${describe(k)} 不是微信的元素名（嵌套的用点连接，例如 ScanCodeInfo.ScanResult）。`);
      if (typeof val !== 'string') throw invalidInput(`Field ${k} must be text, got ${describe(val)}.`, `字段 ${k} 应为文本，实际为 ${describe(val)}。`);
      if (val.length > MAX_VALUE) throw invalidInput(`Field ${k} is too long (${val.length} characters, ${MAX_VALUE} at most).`, `字段 ${k} 过长（${val.length} 个字符，最多 ${MAX_VALUE} 个）。`);
      fields[k] = val;
    }
    out.fields = fields;
  }
  if (given(o.url)) {
    if (typeof o.url !== 'string' || o.url.length > 2048) throw invalidInput('The URL must be text (2048 characters at most).', 'URL 应为文本（最多 2048 个字符）。');
    out.url = o.url;
  }
  if (given(o.mode)) out.mode = modeArg(o.mode);
  if (given(o.openId)) {
    if (typeof o.openId !== 'string' || !/^[A-Za-z0-9_-]{6,64}$/.test(o.openId)) throw invalidInput(`The follower's OpenID must be 6 to 64 letters, digits, "-" or "_", got ${describe(o.openId)}.`, `粉丝的 OpenID 应为 6 到 64 个字母、数字、"-" 或 "_"，实际为 ${describe(o.openId)}。`);
    out.openId = o.openId;
  }
  if (given(o.forgeSignature)) {
    if (typeof o.forgeSignature !== 'boolean') throw invalidInput(`forgeSignature must be true or false, got ${describe(o.forgeSignature)}.`, `forgeSignature 只能是 true 或 false，实际为 ${describe(o.forgeSignature)}。`);
    out.forgeSignature = o.forgeSignature;
  }
  return out;
}
