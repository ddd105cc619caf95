// Every push WeChat sends an Official Account, as data: its MsgType (and Event), its fields in the
// order WeChat writes them, how each is written (CDATA text or a bare number), whether it is required,
// and a realistic default. Sources (the formats are in /work/shared/WECHAT.md): 接收普通消息, 接收事件推送,
// 自定义菜单事件推送 and 模板消息's TEMPLATESENDJOBFINISH on developers.weixin.qq.com.
import { createHash, randomBytes } from 'node:crypto';
import type { PushEventKind, PushKind, PushMessageKind } from '../../contract';
import { digits } from '../probe/wire';

/** text: any text; url: http(s) only; int / float: a number, written bare unless cdata says otherwise. */
export type FieldType = 'text' | 'url' | 'int' | 'float';

export interface FieldSpec {
  /** WeChat's element name; nested elements joined with dots (ScanCodeInfo.ScanType). */
  name: string;
  type: FieldType;
  /** Written as <![CDATA[…]]> (WeChat's strings, and a few numbers in menu events). */
  cdata: boolean;
  /** The XML is refused without it. */
  required: boolean;
  /** A realistic value when the user gives none; none: the field is left out unless given. */
  fallback?: () => string;
  /** The most characters WxDesk sends in it. */
  max: number;
}

export interface KindSpec {
  kind: PushKind;
  msgType: PushMessageKind | 'event';
  event?: PushEventKind;
  fields: FieldSpec[];
}

/** The header every push starts with; FromUserName and ToUserName are filled in from the follower and the account. */
export const HEADER: FieldSpec[] = [
  { name: 'ToUserName', type: 'text', cdata: true, required: true, max: 64 },
  { name: 'FromUserName', type: 'text', cdata: true, required: true, max: 64 },
  { name: 'CreateTime', type: 'int', cdata: false, required: true, max: 13 },
  { name: 'MsgType', type: 'text', cdata: true, required: true, max: 32 },
];
export const EVENT_FIELD: FieldSpec = { name: 'Event', type: 'text', cdata: true, required: true, max: 64 };

/** The placeholder ToUserName while the account's original ID (gh_…) is not known: the user can set it. */
export const PLACEHOLDER_ACCOUNT = 'gh_000000000000';

const TEXT_MAX = 2048;
const md5 = () => createHash('md5').update(randomBytes(16)).digest('hex');
const mediaId = () => randomBytes(24).toString('base64url');

const f = (name: string, type: FieldType, fallback: (() => string) | undefined, opts: { cdata?: boolean; required?: boolean; max?: number } = {}): FieldSpec => ({
  name,
  type,
  cdata: opts.cdata ?? (type === 'text' || type === 'url'),
  required: opts.required ?? fallback !== undefined,
  ...(fallback ? { fallback } : {}),
  max: opts.max ?? (type === 'int' || type === 'float' ? 24 : TEXT_MAX),
});
const v = (value: string) => () => value;

// 16 digits, like the docs' samples: it fits the 64-bit integer servers read MsgId into.
const MSG_ID = f('MsgId', 'int', () => digits(16));
const MENU_ID = f('MenuId', 'int', () => digits(9), { required: false });

const message = (kind: PushMessageKind, fields: FieldSpec[]): KindSpec => ({ kind, msgType: kind, fields: [...fields, MSG_ID] });
const event = (kind: PushEventKind, fields: FieldSpec[]): KindSpec => ({ kind, msgType: 'event', event: kind, fields });

const PICS = (key: string): FieldSpec[] => [
  f('EventKey', 'text', v(key)),
  // Count is the number of items unless given; several pictures: PicMd5Sum values joined with commas.
  f('SendPicsInfo.Count', 'int', undefined, { required: false }),
  f('SendPicsInfo.PicList.item.PicMd5Sum', 'text', md5, { max: 33 * 9 }),
];
const SCAN = (key: string): FieldSpec[] => [
  f('EventKey', 'text', v(key)),
  f('ScanCodeInfo.ScanType', 'text', v('qrcode')),
  f('ScanCodeInfo.ScanResult', 'text', v('https://weixin.qq.com/r/wxdesk-simulated-scan')),
];

export const KINDS: readonly KindSpec[] = [
  message('text', [f('Content', 'text', v('Hello'))]),
  message('image', [f('PicUrl', 'url', v('https://mmbiz.qpic.cn/mmbiz_jpg/wxdesk/0')), f('MediaId', 'text', mediaId)]),
  message('voice', [f('MediaId', 'text', mediaId), f('Format', 'text', v('amr')), f('Recognition', 'text', undefined)]),
  message('video', [f('MediaId', 'text', mediaId), f('ThumbMediaId', 'text', mediaId)]),
  message('shortvideo', [f('MediaId', 'text', mediaId), f('ThumbMediaId', 'text', mediaId)]),
  message('location', [
    f('Location_X', 'float', v('23.134521')),
    f('Location_Y', 'float', v('113.358803')),
    f('Scale', 'int', v('20')),
    f('Label', 'text', v('广州市海珠区新港中路397号')),
  ]),
  message('link', [f('Title', 'text', v('WxDesk')), f('Description', 'text', v('A link sent from the simulator')), f('Url', 'url', v('https://mp.weixin.qq.com/'))]),
  // A follow through a scene QR code adds EventKey qrscene_<scene> and Ticket: give both.
  event('subscribe', [f('EventKey', 'text', undefined), f('Ticket', 'text', undefined)]),
  event('unsubscribe', []),
  event('SCAN', [f('EventKey', 'text', v('123123')), f('Ticket', 'text', () => `gQH${randomBytes(30).toString('base64url')}`)]),
  event('LOCATION', [f('Latitude', 'float', v('23.137466')), f('Longitude', 'float', v('113.352425')), f('Precision', 'float', v('119.385040'))]),
  event('CLICK', [f('EventKey', 'text', v('V1001_TODAY_MUSIC'))]),
  event('VIEW', [f('EventKey', 'url', v('https://www.qq.com/')), MENU_ID]),
  event('scancode_push', SCAN('rselfmenu_0_1')),
  event('scancode_waitmsg', SCAN('rselfmenu_0_0')),
  event('pic_sysphoto', PICS('rselfmenu_1_0')),
  event('pic_photo_or_album', PICS('rselfmenu_1_1')),
  event('pic_weixin', PICS('rselfmenu_1_2')),
  event('location_select', [
    f('EventKey', 'text', v('rselfmenu_2_0')),
    // Written in CDATA in this event, unlike the location message.
    f('SendLocationInfo.Location_X', 'float', v('23'), { cdata: true }),
    f('SendLocationInfo.Location_Y', 'float', v('113'), { cdata: true }),
    f('SendLocationInfo.Scale', 'int', v('15'), { cdata: true }),
    f('SendLocationInfo.Label', 'text', v('广州市海珠区客村艺苑路 106号')),
    f('SendLocationInfo.Poiname', 'text', v(''), { required: false }),
  ]),
  event('view_miniprogram', [f('EventKey', 'text', v('pages/index/index')), MENU_ID]),
  event('TEMPLATESENDJOBFINISH', [f('MsgID', 'int', () => digits(9)), f('Status', 'text', v('success'))]),
];

const BY_KIND = new Map<string, KindSpec>(KINDS.map((k) => [k.kind, k]));

export function kindSpec(kind: string): KindSpec | undefined {
  return BY_KIND.get(kind);
}

/** The kind of a push from its MsgType and Event, as WeChat spells them. */
export function kindOf(msgType: string | undefined, eventName: string | undefined): KindSpec | undefined {
  if (msgType === 'event') return eventName === undefined ? undefined : KINDS.find((k) => k.event === eventName);
  return KINDS.find((k) => k.msgType === msgType && k.event === undefined);
}

export const KIND_NAMES = KINDS.map((k) => k.kind);
