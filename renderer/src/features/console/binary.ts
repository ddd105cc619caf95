// Files in the console: the size of one to send, and a binary answer (media/get, showqrcode), how
// it is shown and saved. Never as text.
import type { ConsoleBinary } from '../../../../electron/contract';

/** The largest file the console sends: WeChat's largest upload, the core's MAX_MEDIA_BYTES (test/console-binary.test.ts holds them equal). */
export const CONSOLE_FILE_MAX_BYTES = 10 * 1024 * 1024;

/** A size as people read it: bytes, KB or MB. */
export function sizeText(n: number): string {
  const KB = 1024;
  const MB = KB * KB;
  if (n < KB) return `${n} B`;
  const whole = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
  return n >= MB ? `${whole(n / MB)} MB` : `${whole(n / KB)} KB`;
}

/** The type without its parameters, lower case ("image/jpeg; charset=x" is image/jpeg). */
export function mediaType(contentType: string): string {
  return (contentType.split(';', 1)[0] ?? '').trim().toLowerCase();
}

/** Shown as a picture: image/* (an <img> runs no script, SVG included). */
export function isImage(b: ConsoleBinary): boolean {
  return /^image\/[a-z0-9.+-]+$/.test(mediaType(b.contentType));
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/bmp': 'bmp',
  'audio/amr': 'amr',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/speex': 'speex',
  'video/mp4': 'mp4',
  'application/pdf': 'pdf',
  'application/zip': 'zip',
  'text/plain': 'txt',
};

/** The extension of a content type: known ones, else its subtype when it is a plain word, else "bin". */
export function extensionOf(contentType: string): string {
  const t = mediaType(contentType);
  const known = EXTENSIONS[t];
  if (known) return known;
  const sub = /^[a-z]+\/([a-z0-9]{1,8})$/.exec(t)?.[1];
  return sub ?? 'bin';
}

/**
 * A file name for a saved answer: the API's last path segment and the media_id (or ticket) asked for,
 * cut to what any file system takes, with the content type's extension: "get-MEDIA_ID.amr".
 */
export function saveName(path: string, query: readonly (readonly [string, string])[], contentType: string): string {
  const last = path.split('/').filter(Boolean).at(-1) ?? 'answer';
  const key = query.find(([k]) => k === 'media_id' || k === 'ticket')?.[1];
  const stem = [last, key].filter(Boolean).join('-').replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 80) || 'answer';
  return `${stem}.${extensionOf(contentType)}`;
}

/** The answer's bytes, from its base64. */
export function bytesOf(b: ConsoleBinary): Uint8Array<ArrayBuffer> {
  const s = atob(b.base64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
