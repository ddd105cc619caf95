// A template message's content, as WeChat gives it (template/get_all_private_template): text with
// `{{name.DATA}}` placeholders, one per field of the `data` object that message/template/send takes.
// The form is made from the fields; the preview is the content with the values put in.

/** A field's value and its optional color (#RRGGBB), as the form holds them. */
export interface FieldValue {
  value: string;
  color: string;
}

/** A piece of the preview: text of the template, or a field's value (in its color if one is set). */
export type PreviewPart = { text: string } | { field: string; value: string; color?: string };

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w-]*)\.DATA\s*\}\}/g;
const COLOR = /^#[0-9A-Fa-f]{6}$/;

/** The fields of the content, each once, in the order they first appear. */
export function templateFields(content: string): string[] {
  const seen: string[] = [];
  for (const m of content.matchAll(PLACEHOLDER)) if (!seen.includes(m[1]!)) seen.push(m[1]!);
  return seen;
}

/** Whether a color is one WeChat takes (#RRGGBB); an empty one means "the default". */
export const colorOk = (color: string): boolean => color.trim() === '' || COLOR.test(color.trim());

/** The `data` object to send: every field of the template, with its color when one is given. */
export function templateData(fields: readonly string[], values: Readonly<Record<string, FieldValue>>): Record<string, { value: string; color?: string }> {
  const data: Record<string, { value: string; color?: string }> = {};
  for (const name of fields) {
    const v = values[name];
    const color = v?.color.trim() ?? '';
    data[name] = { value: v?.value ?? '', ...(color ? { color } : {}) };
  }
  return data;
}

/** The content line by line, with each placeholder replaced by its field's value and color. */
export function previewLines(content: string, values: Readonly<Record<string, FieldValue>>): PreviewPart[][] {
  return content.split(/\r?\n/).map((line) => {
    const parts: PreviewPart[] = [];
    let at = 0;
    for (const m of line.matchAll(PLACEHOLDER)) {
      if (m.index > at) parts.push({ text: line.slice(at, m.index) });
      const name = m[1]!;
      const v = values[name];
      const color = v?.color.trim() ?? '';
      parts.push({ field: name, value: v?.value ?? '', ...(color && COLOR.test(color) ? { color } : {}) });
      at = m.index + m[0].length;
    }
    if (at < line.length) parts.push({ text: line.slice(at) });
    return parts;
  });
}
