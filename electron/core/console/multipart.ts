// multipart/form-data bodies for the console (media/upload, uploadimg, add_material): one file field
// and text fields, built by hand. RFC 7578 needs only a boundary absent from the parts and three
// header lines a part; a library (form-data and its four dependencies) would add more code than this.
import { randomBytes } from 'node:crypto';

export interface MultipartFile {
  /** The form field: WeChat's upload APIs call it "media". */
  field: string;
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

export interface Multipart {
  file: MultipartFile;
  /** Text fields sent before the file (add_material's "description"). */
  fields?: [string, string][];
}

/** A name or file name as a quoted-string: quotes, backslashes and line breaks percent-encoded (as browsers do). */
function quoted(s: string): string {
  return `"${s.replace(/[\r\n"\\]/g, (c) => encodeURIComponent(c))}"`;
}

/** The body and its content type; the boundary is random and checked absent from every part. */
export function buildMultipart(m: Multipart): { body: Buffer; contentType: string } {
  let boundary: string;
  const parts = [m.file.bytes, ...(m.fields ?? []).map(([, v]) => Buffer.from(v, 'utf8'))];
  do boundary = `----WxDesk${randomBytes(12).toString('hex')}`;
  while (parts.some((p) => p.includes(boundary)));
  const chunks: Buffer[] = [];
  for (const [name, value] of m.fields ?? []) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name=${quoted(name)}\r\n\r\n${value}\r\n`, 'utf8'));
  }
  const f = m.file;
  chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name=${quoted(f.field)}; filename=${quoted(f.fileName)}; filelength=${f.bytes.length}\r\nContent-Type: ${f.contentType}\r\n\r\n`, 'utf8'));
  chunks.push(f.bytes, Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
