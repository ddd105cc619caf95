// The phone simulator: WxDesk plays a follower's WeChat against the developer's callback server.
// Every push is built as WeChat builds it, signed (and encrypted) as the account's message mode says,
// sent to the callback URL, and the reply judged with the probe's judges and drawn as the phone would.
import type { ProbeExchange, ProbeMode, ProbeText, ProbeVerdict } from './probe';

/** Messages take WeChat's MsgType, events WeChat's Event, spelled as WeChat spells them. */
export type PushMessageKind = 'text' | 'image' | 'voice' | 'video' | 'shortvideo' | 'location' | 'link';
export type PushEventKind =
  | 'subscribe'
  | 'unsubscribe'
  | 'SCAN'
  | 'LOCATION'
  | 'CLICK'
  | 'VIEW'
  | 'scancode_push'
  | 'scancode_waitmsg'
  | 'pic_sysphoto'
  | 'pic_photo_or_album'
  | 'pic_weixin'
  | 'location_select'
  | 'view_miniprogram'
  | 'TEMPLATESENDJOBFINISH';
export type PushKind = PushMessageKind | PushEventKind;

/** A simulated follower of an account: kept with the account. */
export interface SimFollower {
  openId: string;
  name: string;
}

export interface PushInput {
  /** The account's AppID. */
  appId: string;
  kind: PushKind;
  /**
   * Fields by WeChat's XML element names; nested elements joined with dots
   * (ScanCodeInfo.ScanResult, SendPicsInfo.PicList.item.PicMd5Sum). Unset fields get realistic defaults.
   */
  fields?: Record<string, string>;
  /** Hand-written XML (Edit XML): sent as it is, after it is checked; kind and fields are then ignored. */
  xml?: string;
  /** Default: the callback URL the probe remembers for the account (AccountView.callbackUrl). */
  url?: string;
  /** Default: the account's message mode (AccountView.messageMode). */
  mode?: ProbeMode;
  /** The follower pushing (FromUserName); default: the account's first simulated follower. */
  openId?: string;
  /**
   * An attacker's push: the signature (and msg_signature) forged, as anyone who knows the URL could
   * send. The server must refuse it; one that replies is drawn as cannot_serve, its cause named.
   */
  forgeSignature?: boolean;
}

/** The XML a push would send (plain, before any encryption), or where it is wrong. */
export interface PushPreview {
  xml: string;
  /** Problems found by the check: nothing is sent while there is one. line is 1-based. */
  problems: { line?: number; text: ProbeText }[];
}

/** The reply as the follower sees it. */
export type ReplyView =
  /** "success" or an empty body: WeChat shows nothing (the right answer when there is nothing to say). */
  | { kind: 'none' }
  | { kind: 'text'; content: string }
  | { kind: 'image'; mediaId: string }
  | { kind: 'voice'; mediaId: string }
  | { kind: 'video'; mediaId: string; title?: string; description?: string }
  | { kind: 'music'; title?: string; description?: string; musicUrl?: string; hqMusicUrl?: string; thumbMediaId?: string }
  | { kind: 'news'; articles: { title: string; description?: string; picUrl?: string; url?: string }[] }
  | { kind: 'transfer_customer_service' }
  /** WeChat would not show the reply: the follower gets 该公众号暂时无法提供服务，请稍后再试. */
  | { kind: 'cannot_serve'; cause: ProbeText };

/** One push and what came of it: a line of the simulator's log. */
export interface PushExchange {
  id: string;
  at: number;
  appId: string;
  openId: string;
  kind: PushKind;
  mode: ProbeMode;
  url: string;
  /** The push as WeChat would write it, before encryption. */
  xml: string;
  /** Every HTTP request of this push (three for a retry run), exactly as sent and received. */
  exchanges: ProbeExchange[];
  verdict: ProbeVerdict;
  /** What the judges found: the cause of a fail or warning first. */
  findings: { verdict: 'pass' | 'warning' | 'fail' | 'info'; text: ProbeText }[];
  reply: ReplyView;
  /** A retry run: whether the server handled the one MsgId once (answered the same, or success after the first). */
  retry?: { sends: number; sameReply: boolean };
  /** Sent with a forged signature (PushInput.forgeSignature). */
  forged?: boolean;
}

export interface SimulatorApi {
  /** The XML a push would send, checked; never sends anything. */
  simulatorPreview(input: PushInput): Promise<PushPreview>;
  /** Sends one push as WeChat would and judges the reply; also logged for the account. */
  simulatorSend(input: PushInput): Promise<PushExchange>;
  /** Sends the same push (one MsgId) three times 5 s apart, as WeChat retries. */
  simulatorRetry(input: PushInput): Promise<PushExchange>;
  /** The account's log while the app runs, oldest first. */
  simulatorLog(appId: string): Promise<PushExchange[]>;
  simulatorClearLog(appId: string): Promise<void>;
  /** The account's simulated followers (one is made on first use). */
  simulatorFollowers(appId: string): Promise<SimFollower[]>;
  simulatorSaveFollowers(appId: string, followers: SimFollower[]): Promise<SimFollower[]>;
}

export const SIMULATOR_METHODS = [
  'simulatorPreview',
  'simulatorSend',
  'simulatorRetry',
  'simulatorLog',
  'simulatorClearLog',
  'simulatorFollowers',
  'simulatorSaveFollowers',
] as const satisfies readonly (keyof SimulatorApi)[];
