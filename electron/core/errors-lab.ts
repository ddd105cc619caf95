// Findings of the signature lab's command-line tools (`wxdesk crypt`), in the same shape as
// errors.ts's table, which takes them in. A finding is about the message, not the command line:
// it exits 1, as a signature that does not match does.
import type { ErrorEntry } from './errors';

export const LAB_ERRORS: Record<string, ErrorEntry> = {
  /** detail: the AppID sealed in the message; reason: the AppID it was checked against. */
  APPID_MISMATCH: {
    kind: 'config',
    en: [
      (p) => `The message was sealed for AppID ${p.detail ?? '?'}, not for ${p.reason ?? 'the AppID given'}: the EncodingAESKey is right, but the message is for another account.`,
      () => 'Check which account this EncodingAESKey is configured for (设置与开发 → 基本配置 → 服务器配置); leave the AppID out to read the message anyway.',
    ],
    zh: [
      (p) => `这条消息是为 AppID ${p.detail ?? '?'} 加密的，而不是 ${p.reason ?? '所给的 AppID'}：EncodingAESKey 没错，但消息属于另一个账号。`,
      () => '请检查此 EncodingAESKey 配置在哪个账号下（设置与开发 → 基本配置 → 服务器配置）；不给 AppID 即可照样读出消息。',
    ],
  },
  /** The same for WeCom's URL check: detail the CorpID sealed in the echostr, reason the one given. */
  'APPID_MISMATCH@corp': {
    kind: 'config',
    en: [
      (p) => `The echostr was sealed for CorpID ${p.detail ?? '?'}, not for ${p.reason ?? 'the CorpID given'}: the EncodingAESKey is right, but the callback belongs to another corp (or app).`,
      () => 'Check which corp or app this callback\'s EncodingAESKey belongs to; leave --corp-id out to read the echostr anyway.',
    ],
    zh: [
      (p) => `此 echostr 是为 CorpID ${p.detail ?? '?'} 加密的，而不是 ${p.reason ?? '所给的 CorpID'}：EncodingAESKey 没错，但回调属于另一个企业（或应用）。`,
      () => '请检查此回调的 EncodingAESKey 属于哪个企业或应用；不给 --corp-id 即可照样读出 echostr。',
    ],
  },
};
