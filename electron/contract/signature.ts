// The signature lab: server and message signatures, JS-SDK, safe-mode crypto, pasted callbacks.

/** A known mistake the lab detected. `code` is stable (the UI titles it by its code); `message` is English, `zh` the same in Chinese. */
export interface CauseView {
  code: 'whitespace' | 'milliseconds' | 'fragment' | 'encoded-url' | 'numeric-sort' | 'uppercase' | 'signature-of-other';
  message: string;
  /** `message` in Chinese, with the same values. */
  zh: string;
  field?: string;
  /** info: adjusted the way WeChat does; warning: a likely reason for a mismatch. */
  level: 'info' | 'warning';
}

/** sha1 of sorted parts (server URL signature, msg_signature), step by step. */
export interface SignatureView {
  parts: string[];
  sorted: string[];
  joined: string;
  digest: string;
  expected?: string;
  match?: boolean;
  causes: CauseView[];
}

export interface JssdkView {
  /** The URL as signed: everything before '#'. */
  url: string;
  joined: string;
  digest: string;
  expected?: string;
  match?: boolean;
  causes: CauseView[];
}

export interface ServerSignInput {
  token: string;
  timestamp: string;
  nonce: string;
  signature?: string;
}

export interface MessageSignInput extends ServerSignInput {
  encrypt: string;
}

export interface JssdkSignInput {
  ticket: string;
  noncestr: string;
  timestamp: string;
  url: string;
  signature?: string;
}

export interface EncryptInput {
  aesKey: string;
  appId: string;
  message: string;
  /** 16 characters; random when left out. */
  random?: string;
}

export interface EncryptView {
  encrypt: string;
  /** The 16-byte prefix used, hex. */
  random: string;
  /** The pad byte, 1..32. */
  padding: number;
}

export interface DecryptInput {
  aesKey: string;
  encrypt: string;
  /** When given, the AppID inside the ciphertext must be this one. */
  appId?: string;
}

export interface DecryptView {
  message: string;
  appId: string;
  random: string;
  padding: number;
}

/** Fields read from a pasted callback URL, query string or raw HTTP request. */
export interface CallbackFieldsView {
  signature?: string;
  msg_signature?: string;
  timestamp?: string;
  nonce?: string;
  echostr?: string;
  openid?: string;
  encrypt_type?: string;
  encrypt?: string;
  toUserName?: string;
}

export interface TicketView {
  appId: string;
  type: 'jsapi' | 'wx_card';
  ticket: string;
  expiresAt: number;
}

export interface WxConfigInput {
  appId: string;
  url: string;
  noncestr?: string;
  timestamp?: string;
  jsApiList?: string[];
}

export interface SignatureApi {
  /** Server URL signature: sha1(sort(Token, timestamp, nonce)). */
  signServer(input: ServerSignInput): Promise<SignatureView>;
  /** Safe-mode msg_signature: sha1(sort(Token, timestamp, nonce, Encrypt)). */
  signMessage(input: MessageSignInput): Promise<SignatureView>;
  /** JS-SDK: sha1("jsapi_ticket=…&noncestr=…&timestamp=…&url=…"). */
  signJssdk(input: JssdkSignInput): Promise<JssdkView>;
  encryptMessage(input: EncryptInput): Promise<EncryptView>;
  decryptMessage(input: DecryptInput): Promise<DecryptView>;
  parseCallback(text: string): Promise<CallbackFieldsView>;
  /** The account's cached ticket (fetched with its token when missing). */
  ticket(appId: string, type: 'jsapi' | 'wx_card'): Promise<TicketView>;
  /** A wx.config({...}) snippet for a page URL, signed with the account's cached jsapi_ticket. */
  wxConfig(input: WxConfigInput): Promise<{ snippet: string }>;
}

export const SIGNATURE_METHODS = [
  'signServer',
  'signMessage',
  'signJssdk',
  'encryptMessage',
  'decryptMessage',
  'parseCallback',
  'ticket',
  'wxConfig',
] as const satisfies readonly (keyof SignatureApi)[];
