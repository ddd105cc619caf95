// What a tap on a menu button does, as WeChat does it: the push it sends the account's server (with
// the button's key), the question it asks first (a scan's text), or the line the phone shows when
// WeChat handles the button itself and the server hears nothing. Pure: tested in test/simulator-ui.
import type { MenuButton, PushEventKind } from '../../../../electron/contract';

/** A push as the simulator sends it: WeChat's Event and fields by WeChat's element names. */
export interface PlannedPush {
  kind: PushEventKind;
  fields: Record<string, string>;
}

/** A line the phone shows beside the push (or instead of it), in the feature's words. */
export type TapNote =
  | { note: 'view'; url: string }
  | { note: 'miniprogram'; appid: string; pagepath: string }
  | { note: 'media'; id: string }
  | { note: 'article'; id: string }
  | { note: 'untyped'; name: string };

export type TapPlan =
  | { kind: 'push'; push: PlannedPush; note?: TapNote }
  /** scancode_push / scancode_waitmsg: the scanner opens; the push carries what it read. */
  | { kind: 'scan'; event: 'scancode_push' | 'scancode_waitmsg'; key: string }
  | { kind: 'none'; note: TapNote };

/** A photo's MD5 as WeChat reports it (any 32 hex digits). */
export const DEFAULT_PIC_MD5 = '1b5f7c23b5bf75682a53e7b6d163e185';

/** Where location_select "picks": Tencent's building in Shenzhen. */
export const DEFAULT_LOCATION = { x: '22.540503', y: '113.934528', scale: '15', label: '广东省深圳市南山区深南大道10000号', poiname: '腾讯大厦' } as const;

/** The push (or the question, or the phone's own line) for a tap on `button`. */
export function planTap(button: MenuButton): TapPlan {
  const key = button.key ?? '';
  switch (button.type) {
    case 'click':
      return { kind: 'push', push: { kind: 'CLICK', fields: { EventKey: key } } };
    case 'view': {
      const url = button.url ?? '';
      return { kind: 'push', push: { kind: 'VIEW', fields: { EventKey: url } }, note: { note: 'view', url } };
    }
    case 'scancode_push':
    case 'scancode_waitmsg':
      return { kind: 'scan', event: button.type, key };
    case 'pic_sysphoto':
    case 'pic_photo_or_album':
    case 'pic_weixin':
      return { kind: 'push', push: { kind: button.type, fields: { EventKey: key, 'SendPicsInfo.Count': '1', 'SendPicsInfo.PicList.item.PicMd5Sum': DEFAULT_PIC_MD5 } } };
    case 'location_select':
      return {
        kind: 'push',
        push: {
          kind: 'location_select',
          fields: {
            EventKey: key,
            'SendLocationInfo.Location_X': DEFAULT_LOCATION.x,
            'SendLocationInfo.Location_Y': DEFAULT_LOCATION.y,
            'SendLocationInfo.Scale': DEFAULT_LOCATION.scale,
            'SendLocationInfo.Label': DEFAULT_LOCATION.label,
            'SendLocationInfo.Poiname': DEFAULT_LOCATION.poiname,
          },
        },
      };
    case 'miniprogram': {
      const pagepath = button.pagepath ?? '';
      return { kind: 'push', push: { kind: 'view_miniprogram', fields: { EventKey: pagepath } }, note: { note: 'miniprogram', appid: button.appid ?? '', pagepath } };
    }
    // WeChat answers these itself (the material, the article): the server is not told.
    case 'media_id':
      return { kind: 'none', note: { note: 'media', id: button.media_id ?? '' } };
    case 'article_id':
    case 'article_view_limited':
      return { kind: 'none', note: { note: 'article', id: button.article_id ?? button.media_id ?? '' } };
    default:
      return { kind: 'none', note: { note: 'untyped', name: button.name } };
  }
}

/** The scan push once the follower has "scanned" `text` (a QR code's content). */
export function scanPush(event: 'scancode_push' | 'scancode_waitmsg', key: string, text: string): PlannedPush {
  return { kind: event, fields: { EventKey: key, 'ScanCodeInfo.ScanType': 'qrcode', 'ScanCodeInfo.ScanResult': text } };
}
