// Every push WeChat sends an Official Account, as the simulator offers it: one entry per button,
// with the fields its small form shows and their defaults (WeChat's element names; nested ones
// joined with dots). MsgId, CreateTime, ToUserName and FromUserName are filled in by the core.
import type { PushKind } from '../../../../electron/contract';
import { DEFAULT_LOCATION, DEFAULT_PIC_MD5 } from './menu-push';

export interface PushSpec {
  /** The button's id (subscribe_scene is subscribe with a QR scene). */
  id: string;
  kind: PushKind;
  group: 'message' | 'event';
  fields: [name: string, value: string][];
}

const picture = 'https://example.com/wxdesk/photo.jpg';

export const PUSHES: PushSpec[] = [
  { id: 'text', kind: 'text', group: 'message', fields: [['Content', 'Hello from WxDesk']] },
  { id: 'image', kind: 'image', group: 'message', fields: [['PicUrl', picture], ['MediaId', 'wxdesk_image_media_id']] },
  { id: 'voice', kind: 'voice', group: 'message', fields: [['MediaId', 'wxdesk_voice_media_id'], ['Format', 'amr'], ['Recognition', '']] },
  { id: 'video', kind: 'video', group: 'message', fields: [['MediaId', 'wxdesk_video_media_id'], ['ThumbMediaId', 'wxdesk_thumb_media_id']] },
  { id: 'shortvideo', kind: 'shortvideo', group: 'message', fields: [['MediaId', 'wxdesk_video_media_id'], ['ThumbMediaId', 'wxdesk_thumb_media_id']] },
  {
    id: 'location',
    kind: 'location',
    group: 'message',
    fields: [['Location_X', DEFAULT_LOCATION.x], ['Location_Y', DEFAULT_LOCATION.y], ['Scale', DEFAULT_LOCATION.scale], ['Label', DEFAULT_LOCATION.label]],
  },
  { id: 'link', kind: 'link', group: 'message', fields: [['Title', 'WxDesk'], ['Description', 'A link shared by the follower'], ['Url', 'https://example.com/wxdesk']] },
  { id: 'subscribe', kind: 'subscribe', group: 'event', fields: [] },
  { id: 'subscribe_scene', kind: 'subscribe', group: 'event', fields: [['EventKey', 'qrscene_123123'], ['Ticket', 'gQFx8DwAAAAAAAAAAS5odHRwOi8vd2VpeGluLnFxLmNvbS9xL3dxZGVzaw']] },
  { id: 'unsubscribe', kind: 'unsubscribe', group: 'event', fields: [] },
  { id: 'SCAN', kind: 'SCAN', group: 'event', fields: [['EventKey', '123123'], ['Ticket', 'gQFx8DwAAAAAAAAAAS5odHRwOi8vd2VpeGluLnFxLmNvbS9xL3dxZGVzaw']] },
  { id: 'LOCATION', kind: 'LOCATION', group: 'event', fields: [['Latitude', DEFAULT_LOCATION.x], ['Longitude', DEFAULT_LOCATION.y], ['Precision', '65.000000']] },
  { id: 'CLICK', kind: 'CLICK', group: 'event', fields: [['EventKey', 'V1001_TODAY_MUSIC']] },
  { id: 'VIEW', kind: 'VIEW', group: 'event', fields: [['EventKey', 'https://example.com/wxdesk']] },
  { id: 'scancode_push', kind: 'scancode_push', group: 'event', fields: [['EventKey', 'rselfmenu_0_1'], ['ScanCodeInfo.ScanType', 'qrcode'], ['ScanCodeInfo.ScanResult', 'https://example.com/scanned']] },
  { id: 'scancode_waitmsg', kind: 'scancode_waitmsg', group: 'event', fields: [['EventKey', 'rselfmenu_0_0'], ['ScanCodeInfo.ScanType', 'qrcode'], ['ScanCodeInfo.ScanResult', 'https://example.com/scanned']] },
  ...(['pic_sysphoto', 'pic_photo_or_album', 'pic_weixin'] as const).map(
    (kind, i): PushSpec => ({ id: kind, kind, group: 'event', fields: [['EventKey', `rselfmenu_1_${i}`], ['SendPicsInfo.Count', '1'], ['SendPicsInfo.PicList.item.PicMd5Sum', DEFAULT_PIC_MD5]] }),
  ),
  {
    id: 'location_select',
    kind: 'location_select',
    group: 'event',
    fields: [
      ['EventKey', 'rselfmenu_2_0'],
      ['SendLocationInfo.Location_X', DEFAULT_LOCATION.x],
      ['SendLocationInfo.Location_Y', DEFAULT_LOCATION.y],
      ['SendLocationInfo.Scale', DEFAULT_LOCATION.scale],
      ['SendLocationInfo.Label', DEFAULT_LOCATION.label],
      ['SendLocationInfo.Poiname', DEFAULT_LOCATION.poiname],
    ],
  },
  { id: 'view_miniprogram', kind: 'view_miniprogram', group: 'event', fields: [['EventKey', 'pages/index/index'], ['MenuId', '']] },
  { id: 'TEMPLATESENDJOBFINISH', kind: 'TEMPLATESENDJOBFINISH', group: 'event', fields: [['MsgID', '200163836'], ['Status', 'success']] },
];

/** The fields to send: those left empty are not sent, so the core's defaults (or nothing) apply. */
export function filledFields(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
}
