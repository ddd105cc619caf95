// Field rules for account settings. Pure functions with no Node imports: the renderer's form uses
// the same rules for inline messages as the core uses to refuse bad input.

export type Field = 'appId' | 'secret' | 'label' | 'serverToken' | 'aesKey' | 'mode' | 'apiBase' | 'autoRefresh' | 'messageMode';

export const OFFICIAL_API_BASES = [
  'https://api.weixin.qq.com',
  'https://api2.weixin.qq.com',
  'https://sh.api.weixin.qq.com',
  'https://sz.api.weixin.qq.com',
  'https://hk.api.weixin.qq.com',
] as const;
export const DEFAULT_API_BASE = OFFICIAL_API_BASES[0];

type Lang = 'en' | 'zh-CN';
/** What is wrong, in English and Chinese; `hint`, where there is one, says what to do about it. */
export type Problem = { en: string; zh: string; hint?: { en: string; zh: string } };

const describe = (value: string) => (value.length > 40 ? `${value.slice(0, 40)}…` : value);

/** Where a person finds the AppID (verified in WECHAT.md): the developer platform, or a 测试号's own page. */
const APPID_WHERE = {
  en: 'Copy it from developers.weixin.qq.com/platform (我的业务 → 公众号/服务号 → 基础信息), or for a 测试号 from mp.weixin.qq.com/debug/cgi-bin/sandbox?t=sandbox/login (测试号信息 → appID).',
  zh: '请从 developers.weixin.qq.com/platform（我的业务 → 公众号/服务号 → 基础信息）复制；测试号请从 mp.weixin.qq.com/debug/cgi-bin/sandbox?t=sandbox/login（测试号信息 → appID）复制。',
};

export function checkAppId(v: string): Problem | null {
  if (/^wx[0-9a-f]{16}$/.test(v)) return null;
  if (v === '') return { en: 'AppID is required.', zh: '请填写 AppID。' };
  if (/^gh_[0-9a-z]{12}$/i.test(v)) {
    return {
      en: `"${v}" is the account's 原始ID (original ID), not its AppID. The AppID is "wx" followed by 16 hex characters, shown in 微信开发者平台 → 我的业务 → 公众号/服务号 → 基础信息 (formerly 设置与开发 → 基本配置); a 测试号 shows it under 测试号信息.`,
      zh: `"${v}" 是账号的原始ID，不是 AppID。AppID 为 wx 加 16 位十六进制字符，见微信开发者平台「我的业务 → 公众号/服务号 → 基础信息」（原「设置与开发 → 基本配置」）；测试号见页面上的「测试号信息」。`,
      hint: APPID_WHERE,
    };
  }
  const lower = v.toLowerCase();
  if (/^wx/i.test(v) && !v.startsWith('wx')) {
    const fix = /^wx[0-9a-f]{16}$/.test(lower) ? { en: `Type it as ${lower}.`, zh: `请写成 ${lower}。` } : undefined;
    return {
      en: `AppID starts with a lowercase "wx", not "${v.slice(0, 2)}"${fix ? `: ${lower}` : ` (and is "wx" followed by 16 hex characters; got ${v.length} characters)`}.`,
      zh: `AppID 以小写的 wx 开头，不是 "${v.slice(0, 2)}"${fix ? `：${lower}` : `（应为 wx 加 16 位十六进制字符，当前 ${v.length} 个字符）`}。`,
      ...(fix ? { hint: fix } : {}),
    };
  }
  if (/^wx[0-9a-fA-F]{16}$/.test(v)) return { en: `AppID uses lowercase hex letters: ${lower}.`, zh: `AppID 中的字母应为小写：${lower}。`, hint: { en: `Type it as ${lower}.`, zh: `请写成 ${lower}。` } };
  return {
    en: `AppID must be "wx" followed by 16 hex characters (got "${describe(v)}", ${v.length} characters).`,
    zh: `AppID 应为 wx 加 16 位十六进制字符（当前为 "${describe(v)}"，共 ${v.length} 个字符）。`,
  };
}

export function checkSecret(v: string): Problem | null {
  if (/^[0-9a-fA-F]{32}$/.test(v)) return null;
  if (v === '') return { en: 'AppSecret is required.', zh: '请填写 AppSecret。' };
  const space = v.search(/\s/);
  if (space >= 0) {
    const [what, whatZh] = SPACE_NAMES[v[space]!] ?? ['a space', '空白字符'];
    const trailing = v.slice(space).trim() === '';
    const [where, whereZh] = space === 0 ? ['at the start', '开头'] : trailing ? ['at the end', '末尾'] : [`inside, at character ${space + 1}`, `中间（第 ${space + 1} 个字符）`];
    return {
      en: `AppSecret contains ${what} ${where}: it is 32 hex characters with no spaces.`,
      zh: `AppSecret ${whereZh}含有${whatZh}：它应为 32 位十六进制字符，不含空格。`,
      hint: { en: 'Copy the AppSecret again, without the space (a copy from a chat or a PDF often adds one).', zh: '请重新复制 AppSecret，去掉空格（从聊天记录或 PDF 复制时常会多出空格）。' },
    };
  }
  return {
    en: `AppSecret must be 32 hex characters (got ${v.length} characters${/[^0-9a-fA-F]/.test(v) ? ', some not hex' : ''}).`,
    zh: `AppSecret 应为 32 位十六进制字符（当前 ${v.length} 个字符${/[^0-9a-fA-F]/.test(v) ? '，含非十六进制字符' : ''}）。`,
  };
}

const SPACE_NAMES: Record<string, [string, string]> = {
  ' ': ['a space', '空格'],
  '\t': ['a tab', '制表符'],
  '\n': ['a line break', '换行'],
  '\r': ['a line break', '换行'],
  '\u3000': ['a full-width space', '全角空格'],
  '\u00a0': ['a no-break space', '不间断空格'],
};

export function checkServerToken(v: string): Problem | null {
  if (v === '' || /^[A-Za-z0-9]{3,32}$/.test(v)) return null;
  return {
    en: `Token must be 3–32 letters or digits (got ${v.length} characters${/[^A-Za-z0-9]/.test(v) ? ', with other characters' : ''}).`,
    zh: `Token 应为 3–32 位字母或数字（当前 ${v.length} 个字符${/[^A-Za-z0-9]/.test(v) ? '，含其他字符' : ''}）。`,
  };
}

export function checkAesKey(v: string): Problem | null {
  if (v === '') return null;
  const bad = v.search(/[^A-Za-z0-9+/]/);
  if (bad >= 0) {
    return {
      en: `EncodingAESKey may only use letters, digits, + and / (found "${v[bad]}" at position ${bad + 1}).`,
      zh: `EncodingAESKey 只能包含字母、数字、+ 和 /（第 ${bad + 1} 位为 "${v[bad]}"）。`,
    };
  }
  if (v.length !== 43) return { en: `EncodingAESKey must be 43 characters (got ${v.length}).`, zh: `EncodingAESKey 应为 43 个字符（当前 ${v.length} 个）。` };
  return null;
}

/** WeChat's 消息加解密方式, as its settings page names them: 明文 (plain), 兼容 (compatible), 安全 (safe). */
export const MESSAGE_MODES = ['plain', 'compatible', 'safe'] as const;
export type MessageMode = (typeof MESSAGE_MODES)[number];

export function isMessageMode(v: unknown): v is MessageMode {
  return (MESSAGE_MODES as readonly unknown[]).includes(v);
}

export function checkMessageMode(v: unknown): Problem | null {
  if (isMessageMode(v)) return null;
  const got = typeof v === 'string' ? `"${describe(v)}"` : String(v);
  return {
    en: `Message mode must be plain (明文模式), compatible (兼容模式) or safe (安全模式), as set on WeChat's 服务器配置 page (got ${got}).`,
    zh: `消息加解密方式只能是 plain（明文模式）、compatible（兼容模式）或 safe（安全模式），与微信「服务器配置」页面的设置一致（收到 ${got}）。`,
  };
}

export function checkLabel(v: string): Problem | null {
  if (v.length <= 64) return null;
  return { en: `Label is too long (${v.length} characters, 64 at most).`, zh: `名称过长（${v.length} 个字符，最多 64 个）。` };
}

export function checkApiBase(v: string): Problem | null {
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return { en: `API base must be an http(s) URL such as ${DEFAULT_API_BASE} (got "${describe(v)}").`, zh: `API 地址应为 http(s) 网址，例如 ${DEFAULT_API_BASE}（当前为 "${describe(v)}"）。` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { en: `API base must use http or https (got ${url.protocol}).`, zh: `API 地址只能使用 http 或 https（当前为 ${url.protocol}）。` };
  if (url.search || url.hash || url.username || url.password) return { en: 'API base must not carry a query, a #fragment or credentials.', zh: 'API 地址不能带查询参数、#片段或账号密码。' };
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return {
      en: `Plain http:// is accepted only for this machine (localhost, 127.0.0.1, [::1]): the AppSecret would cross the network unencrypted. Use https://${url.host}.`,
      zh: `仅本机地址（localhost、127.0.0.1、[::1]）可以使用 http://：否则 AppSecret 会以明文经过网络。请改用 https://${url.host}。`,
    };
  }
  return null;
}

/** localhost, 127.0.0.0/8 or [::1]: a host name as URL.hostname gives it. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === 'localhost' || h === '[::1]' || /^127(\.\d{1,3}){3}$/.test(h);
}

export function isOfficialApiBase(base: string): boolean {
  return (OFFICIAL_API_BASES as readonly string[]).includes(base);
}

/**
 * Moving an account to an API base that is not one of WeChat's own hosts needs its AppSecret in
 * the same change: otherwise whoever can edit the account could send the stored secret to a host
 * of their choosing with the next refresh.
 */
export function checkSecretForMove(from: string | undefined, to: string, secretGiven: boolean): Problem | null {
  if (from === undefined || from === to || secretGiven || isOfficialApiBase(to)) return null;
  return {
    en: `Moving this account to ${describe(to)}, which is not one of WeChat's own API hosts, needs its AppSecret entered again in the same change, so the stored one is never sent to a new host.`,
    zh: `将此账号改到 ${describe(to)}（不是微信官方 API 地址）时，需要在同一次修改中重新填写 AppSecret，已保存的 AppSecret 不会被发往新的地址。`,
  };
}

/** The API base as stored: no trailing slash, so paths join the same way whatever was typed. */
export function normalizeApiBase(v: string): string {
  return v.trim().replace(/\/+$/, '');
}

export function problemText(p: Problem, lang: Lang): string {
  return lang === 'zh-CN' ? p.zh : p.en;
}
