// The console's file field (ConsoleInput.file) from an untrusted caller: checked before anything is sent.
import { describe } from '../dashboard-args';
import { invalidInput } from '../errors';
import { CONTENT_TYPES, MAX_MEDIA_BYTES, sniff } from '../chores/media';
import type { Multipart } from './multipart';

const NAME_RE = /^[^\x00-\x1f\x7f]{1,255}$/;
const FIELD_RE = /^[A-Za-z0-9_.\-[\]]{1,64}$/;
const TYPE_RE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i;

/** Base64 of at most `max` bytes, decoded; anything else refused. */
export function base64Arg(v: unknown, max: number): Buffer {
  if (typeof v !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(v)) throw invalidInput(`The file's bytes must be base64 text, got ${describe(v)}.`, `文件内容应为 base64 文本，实际为 ${describe(v)}。`);
  if (Math.floor((v.length * 3) / 4) > max + 2) throw invalidInput(`The file is larger than ${max / 1048576} MiB: nothing was sent.`, `文件超过 ${max / 1048576} MiB：未发送任何内容。`);
  return Buffer.from(v, 'base64');
}

export function fileNameArg(v: unknown): string {
  if (typeof v !== 'string' || !NAME_RE.test(v)) throw invalidInput(`A file name is 1 to 255 characters without control characters, got ${describe(v)}.`, `文件名应为 1～255 个字符，不含控制字符，实际为 ${describe(v)}。`);
  return v;
}

export function fileArg(v: unknown): Multipart {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalidInput('Expected a file object: {field, fileName, base64}.', '应传入文件对象：{field, fileName, base64}。');
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!['field', 'fileName', 'contentType', 'base64', 'fields'].includes(k)) throw invalidInput(`Unknown file field ${describe(k)}.`, `未知的文件字段 ${describe(k)}。`);
  if (typeof o.field !== 'string' || !FIELD_RE.test(o.field)) throw invalidInput(`The form field is a name like media, got ${describe(o.field)}.`, `表单字段名应形如 media，实际为 ${describe(o.field)}。`);
  const fileName = fileNameArg(o.fileName);
  const bytes = base64Arg(o.base64, MAX_MEDIA_BYTES);
  let contentType: string;
  if (o.contentType === undefined || o.contentType === null || o.contentType === '') {
    const f = sniff(bytes);
    contentType = f ? CONTENT_TYPES[f] : 'application/octet-stream';
  } else if (typeof o.contentType === 'string' && TYPE_RE.test(o.contentType)) contentType = o.contentType;
  else throw invalidInput(`A content type looks like image/png, got ${describe(o.contentType)}.`, `内容类型应形如 image/png，实际为 ${describe(o.contentType)}。`);
  const fields: [string, string][] = [];
  if (o.fields !== undefined && o.fields !== null) {
    if (!Array.isArray(o.fields) || o.fields.length > 20) throw invalidInput('Text fields must be a list of at most 20 [name, value] pairs.', '文本字段应为最多 20 个 [name, value] 组成的列表。');
    for (const p of o.fields) {
      if (!Array.isArray(p) || p.length !== 2 || typeof p[0] !== 'string' || !FIELD_RE.test(p[0]) || typeof p[1] !== 'string' || p[1].length > 65_536) {
        throw invalidInput('Each text field is a [name, value] pair: a name like description, and text up to 64 KiB.', '每个文本字段为 [name, value]：名称形如 description，值为不超过 64 KiB 的文本。');
      }
      fields.push([p[0], p[1]]);
    }
  }
  return { file: { field: o.field, fileName, contentType, bytes }, fields };
}
