// What WeChat's own answers carry in their text: the errmsg WxDesk repeats when it answers in
// WeChat's shape (the local token endpoint), the rid WeChat appends to every errmsg, and the refused
// IP of a whitelist error. Plain data and parsing, apart from the error table in errors.ts.

/** WeChat's own errmsg texts, for answers WxDesk gives in WeChat's shape (the local token endpoint). */
export const WECHAT_ERRMSG: Readonly<Record<number, string>> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40013: 'invalid appid',
  40097: 'invalid args',
  40125: 'invalid appsecret',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  43002: 'require POST method',
  44002: 'empty post data',
  45009: 'reach max api daily quota limit',
  47001: 'data format error',
};

const ridPattern = /\brid:\s*([0-9A-Za-z-]+)/;
const ipv4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/;
const ipv6After = /ipv6\s+([0-9a-fA-F:.]+)/;

/** The request id WeChat appends to every errmsg (`… rid: 6512a0b1-…`). */
export function parseRid(errmsg: string): string | undefined {
  return ridPattern.exec(errmsg)?.[1];
}

/** The refused caller IP in a 40164 / 61004 errmsg ("invalid ip 1.2.3.4 ipv6 ::ffff:1.2.3.4, not in whitelist"). */
export function parseIp(errmsg: string): string | undefined {
  const beforeRid = errmsg.split(/\brid:/)[0] ?? errmsg;
  return ipv4.exec(beforeRid)?.[0] ?? ipv6After.exec(beforeRid)?.[1]?.replace(/[,.]$/, '');
}
