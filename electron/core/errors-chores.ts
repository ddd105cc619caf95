// WeChat's answers to the chores' APIs (media uploads, template send) that errors-api.ts and
// errors-menu.ts do not already explain, in the same shape as errors.ts's table. Sources: 全局返回码
// and the 新增临时素材 / 上传图文消息图片 / 模板消息 pages (see /work/shared/WECHAT.md, "Media").
import type { ErrorEntry } from './errors';

const t = (s: string) => () => s;
const input = (en: [string, string], zh: [string, string]): ErrorEntry => ({ kind: 'input', en: [t(en[0]), t(en[1])], zh: [t(zh[0]), t(zh[1])] });

export const CHORES_ERRORS: Record<string, ErrorEntry> = {
  '40004': input(['Invalid media type (40004).', 'The type is image, voice, video or thumb.'], ['不合法的媒体文件类型（40004）。', 'type 只能是 image、voice、video 或 thumb。']),
  '40005': input(['WeChat refused the file\'s format (40005).', 'image: png/jpeg/jpg/gif; voice: amr/mp3; video: mp4; thumb: jpg; uploadimg: jpg/png. The name\'s extension must match the content.'], ['不合法的文件类型（40005）。', 'image：png/jpeg/jpg/gif；voice：amr/mp3；video：mp4；thumb：jpg；uploadimg：jpg/png。扩展名须与内容一致。']),
  '40006': input(['The file is too large for WeChat (40006).', 'image and video 10 MB, voice 2 MB (60 s), thumb 64 KB, uploadimg 1 MB.'], ['不合法的文件大小（40006）。', 'image、video 最大 10 MB，voice 2 MB（60 秒），thumb 64 KB，uploadimg 1 MB。']),
  '40009': input(['The image is too large (40009).', 'uploadimg takes jpg/png of 1 MB at most.'], ['图片尺寸太大（40009）。', 'uploadimg 只接受 1 MB 以下的 jpg/png。']),
  '43004': input(['The follower does not follow the account (43004).', 'A template message goes only to a current follower: follow the test account again (scan its QR code), then send.'], ['需要接收者关注（43004）：该用户未关注本公众号。', '模板消息只能发给当前关注者：请重新关注测试号（扫描其二维码）后再发送。']),
};
