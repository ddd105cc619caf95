// The reply as the follower's phone draws it, from the reply XML the probe's judges accepted (the
// decrypted one in safe mode). A reply that passed the judges but cannot be drawn (a malformed XML,
// a news reply without articles) is one WeChat would not show either: cannot_serve, with its cause.
import type { ProbeText, ReplyView } from '../../contract';
import { t, UNAVAILABLE } from '../probe/judge';
import { child, parseXml, valueAt, XmlSyntaxError, type XNode } from './xml';

const cannot = (cause: ProbeText): ReplyView => ({ kind: 'cannot_serve', cause });

const opt = <K extends string>(key: K, v: string | undefined): Partial<Record<K, string>> => (v === undefined || v === '' ? {} : ({ [key]: v } as Record<K, string>));

/** The view of a reply XML (null: no reply, "success" or an empty body). */
export function replyView(xml: string | null): ReplyView {
  if (xml === null) return { kind: 'none' };
  let root: XNode;
  try {
    root = parseXml(xml);
  } catch (e) {
    if (!(e instanceof XmlSyntaxError)) throw e;
    return cannot(t(`The reply is not well-formed XML (line ${e.line}: ${e.text.en}) WeChat shows the user "${UNAVAILABLE}".`, `回复不是格式正确的 XML（第 ${e.line} 行：${e.text.zh}）微信会向用户显示“${UNAVAILABLE}”。`));
  }
  const type = valueAt(root, 'MsgType');
  const media = (part: string): string | undefined => valueAt(root, `${part}.MediaId`);
  const missing = (what: string): ReplyView => cannot(t(`The ${type} reply has no ${what}: WeChat shows the user "${UNAVAILABLE}".`, `${type} 类型的回复缺少 ${what}：微信会向用户显示“${UNAVAILABLE}”。`));
  switch (type) {
    case 'text':
      return { kind: 'text', content: valueAt(root, 'Content') ?? '' };
    case 'image':
    case 'voice': {
      const id = media(type === 'image' ? 'Image' : 'Voice');
      return id ? { kind: type, mediaId: id } : missing(`<${type === 'image' ? 'Image' : 'Voice'}><MediaId>`);
    }
    case 'video': {
      const id = media('Video');
      if (!id) return missing('<Video><MediaId>');
      return { kind: 'video', mediaId: id, ...opt('title', valueAt(root, 'Video.Title')), ...opt('description', valueAt(root, 'Video.Description')) };
    }
    case 'music':
      return {
        kind: 'music',
        ...opt('title', valueAt(root, 'Music.Title')),
        ...opt('description', valueAt(root, 'Music.Description')),
        ...opt('musicUrl', valueAt(root, 'Music.MusicUrl')),
        ...opt('hqMusicUrl', valueAt(root, 'Music.HQMusicUrl')),
        ...opt('thumbMediaId', valueAt(root, 'Music.ThumbMediaId')),
      };
    case 'news': {
      const items = child(root, 'Articles')?.children.filter((c) => c.name === 'item') ?? [];
      if (items.length === 0) return missing('<Articles><item>');
      if (items.length > 8) return cannot(t(`The news reply has ${items.length} articles: WeChat takes at most 8.`, `图文回复有 ${items.length} 篇文章：微信最多接受 8 篇。`));
      return {
        kind: 'news',
        articles: items.map((it) => {
          const pic = valueAt(it, 'PicUrl');
          return {
            title: valueAt(it, 'Title') ?? '',
            ...opt('description', valueAt(it, 'Description')),
            // Drawn only when it is a web picture, as the phone loads it.
            ...opt('picUrl', pic && /^https?:\/\//i.test(pic) ? pic : undefined),
            ...opt('url', valueAt(it, 'Url')),
          };
        }),
      };
    }
    case 'transfer_customer_service':
      return { kind: 'transfer_customer_service' };
    default:
      return cannot(t(`The reply's MsgType ${JSON.stringify(type ?? '(missing)')} is not one WeChat shows.`, `回复的 MsgType ${JSON.stringify(type ?? '(缺失)')} 不是微信会显示的类型。`));
  }
}
