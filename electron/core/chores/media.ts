// Media checks before upload (issue 25): each kind's size limit and formats from WeChat's docs (see
// /work/shared/WECHAT.md, "Media"), the format told from the content's first bytes, never from the
// name alone. A file refused here is never sent.
import type { MediaKind, MediaLimit } from '../../contract/chores';
import { invalidInput } from '../errors';

const MB = 1024 * 1024;

/** 新增临时素材 (media/upload) and 上传图文消息内的图片 (media/uploadimg). */
export const MEDIA_LIMITS: Readonly<Record<MediaKind, MediaLimit>> = {
  image: { kind: 'image', maxBytes: 10 * MB, extensions: ['png', 'jpeg', 'jpg', 'gif'] },
  voice: { kind: 'voice', maxBytes: 2 * MB, extensions: ['amr', 'mp3'] },
  video: { kind: 'video', maxBytes: 10 * MB, extensions: ['mp4'] },
  thumb: { kind: 'thumb', maxBytes: 64 * 1024, extensions: ['jpg', 'jpeg'] },
  uploadimg: { kind: 'uploadimg', maxBytes: 1 * MB, extensions: ['jpg', 'jpeg', 'png'] },
};

/** The largest file any kind takes: the bridge refuses base64 longer than this encodes. */
export const MAX_MEDIA_BYTES = 10 * MB;

/** The formats a kind takes, as sniffed. */
const FORMATS: Readonly<Record<MediaKind, readonly Format[]>> = {
  image: ['png', 'jpeg', 'gif'],
  voice: ['amr', 'mp3'],
  video: ['mp4'],
  thumb: ['jpeg'],
  uploadimg: ['jpeg', 'png'],
};

type Format = 'png' | 'jpeg' | 'gif' | 'amr' | 'mp3' | 'mp4';

export const CONTENT_TYPES: Readonly<Record<Format, string>> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  amr: 'audio/amr',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
};

/** The format of a file from its first bytes (magic numbers), or undefined when none is known. */
export function sniff(b: Buffer): Format | undefined {
  const at = (i: number, s: string) => b.subarray(i, i + s.length).toString('latin1') === s;
  if (b.length >= 8 && at(0, '\x89PNG\r\n\x1a\n')) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (at(0, 'GIF87a') || at(0, 'GIF89a')) return 'gif';
  if (at(0, '#!AMR\n')) return 'amr';
  if (at(0, 'ID3') || (b.length >= 2 && b[0] === 0xff && ((b[1] as number) & 0xe0) === 0xe0)) return 'mp3';
  if (b.length >= 12 && at(4, 'ftyp')) return 'mp4';
  return undefined;
}

const KIND_ZH: Readonly<Record<MediaKind, string>> = { image: '图片', voice: '语音', video: '视频', thumb: '缩略图', uploadimg: '图文消息图片' };

function sizeText(n: number): string {
  return n >= MB ? `${(n / MB).toFixed(n % MB === 0 ? 0 : 1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

/** Checks a file for a kind: size first, then its content's format, then its name. Returns the content type. */
export function checkMedia(kind: MediaKind, fileName: string, bytes: Buffer): string {
  const limit = MEDIA_LIMITS[kind];
  const allowed = limit.extensions.join('/');
  if (bytes.length === 0) throw invalidInput(`${fileName} is empty.`, `${fileName} 是空文件。`);
  if (bytes.length > limit.maxBytes) {
    const max = sizeText(limit.maxBytes);
    throw invalidInput(`${fileName} is ${sizeText(bytes.length)} (${bytes.length} bytes): WeChat takes ${kind} files of at most ${max} (40006). Nothing was sent.`, `${fileName} 大小为 ${sizeText(bytes.length)}（${bytes.length} 字节）：微信的${KIND_ZH[kind]}最大 ${max}（40006）。未发送任何内容。`, { en: 'Make the file smaller, or pick another.', zh: '请压缩文件，或另选一个。' });
  }
  const format = sniff(bytes);
  if (!format || !FORMATS[kind].includes(format)) {
    const found = format ? format.toUpperCase() : 'an unknown format';
    throw invalidInput(`${fileName} is ${found} by its content: WeChat takes ${allowed} for ${kind} (40005). Nothing was sent.`, `${fileName} 的内容为${format ? ` ${format.toUpperCase()} ` : '未知'}格式：微信的${KIND_ZH[kind]}只接受 ${allowed}（40005）。未发送任何内容。`, { en: `Pick a ${allowed} file.`, zh: `请选择 ${allowed} 文件。` });
  }
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (!ext || !limit.extensions.includes(ext)) {
    throw invalidInput(`${fileName}: the name must end in .${limit.extensions.join(', .')} for ${kind} (WeChat checks the name too, 40005). Nothing was sent.`, `${fileName}：${KIND_ZH[kind]}的文件名须以 .${limit.extensions.join('、.')} 结尾（微信也检查文件名，40005）。未发送任何内容。`, { en: 'Rename the file to match its content.', zh: '请按文件内容修改文件名。' });
  }
  return CONTENT_TYPES[format];
}
