// The page's own check of a picked file before anything is read or sent: its size and its name
// against the kind's limits (mediaLimits, from WeChat's docs). The core checks again, content too.
import type { MediaKind, MediaLimit } from '../../../../../electron/contract';

export type MediaProblem = { problem: 'empty' } | { problem: 'tooLarge'; size: number; max: number } | { problem: 'extension'; allowed: string };

export function checkPicked(limit: MediaLimit | undefined, file: { name: string; size: number }): MediaProblem | null {
  if (file.size === 0) return { problem: 'empty' };
  if (!limit) return null;
  if (file.size > limit.maxBytes) return { problem: 'tooLarge', size: file.size, max: limit.maxBytes };
  const ext = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase();
  if (!ext || !limit.extensions.includes(ext)) return { problem: 'extension', allowed: limit.extensions.map((e) => `.${e}`).join(' ') };
  return null;
}

/** A size as people read it: KB under a megabyte, else MB. */
export function sizeText(n: number): string {
  const MB = 1024 * 1024;
  return n >= MB ? `${(n / MB).toFixed(n % MB === 0 ? 0 : 1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

/** The file's bytes as base64, without a data: prefix. */
export async function base64Of(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export const MEDIA_KINDS: MediaKind[] = ['image', 'voice', 'video', 'thumb', 'uploadimg'];
