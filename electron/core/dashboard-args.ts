// Argument checks of the handler table (dashboard.ts): every value from a renderer is untrusted
// JSON, and a refusal says which field is wrong and what it should be.
import type { AccountInput, CopyFormat, SettingsView } from '../contract';
import { WxError, invalidInput } from './errors';

export function appIdArg(v: unknown): string {
  if (typeof v !== 'string' || !/^wx[0-9a-f]{16}$/.test(v)) throw invalidInput(`Expected an AppID ("wx" + 16 hex characters), got ${describe(v)}.`, `应为 AppID（wx 加 16 位十六进制字符），实际为 ${describe(v)}。`);
  return v;
}

export function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  return v === null ? 'null' : typeof v;
}

const inputKeys: Record<keyof AccountInput, 'string' | 'boolean'> = {
  appId: 'string',
  secret: 'string',
  label: 'string',
  serverToken: 'string',
  aesKey: 'string',
  mode: 'string',
  apiBase: 'string',
  autoRefresh: 'boolean',
  messageMode: 'string',
};
const TYPE_ZH = { string: '文本', boolean: '布尔值（true 或 false）' } as const;

export function accountInputArg(v: unknown): AccountInput {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalidInput('Expected an account object.', '应传入账号对象。');
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) {
    if (!Object.hasOwn(inputKeys, k)) throw invalidInput(`Unknown account field ${describe(k)}.`, `未知的账号字段 ${describe(k)}。`);
    const type = inputKeys[k as keyof AccountInput];
    if (val === undefined || val === null) continue;
    if (typeof val !== type) throw invalidInput(`Account field "${k}" must be a ${type}, got ${describe(val)}.`, `账号字段 "${k}" 应为${TYPE_ZH[type]}，实际为 ${describe(val)}。`);
    if (typeof val === 'string' && val.length > 2048) throw invalidInput(`Account field "${k}" is too long.`, `账号字段 "${k}" 过长。`);
    out[k] = val;
  }
  if (typeof out.appId !== 'string') throw invalidInput('An account needs an AppID.', '账号必须填写 AppID。');
  return out as unknown as AccountInput;
}

export function formatArg(v: unknown): CopyFormat {
  if (v === 'raw' || v === 'param' || v === 'curl') return v;
  throw invalidInput(`Copy format must be raw, param or curl, got ${describe(v)}.`, `复制格式只能是 raw、param 或 curl，实际为 ${describe(v)}。`);
}

export function settingsArg(v: unknown): Partial<SettingsView> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalidInput('Expected a settings object.', '应传入设置对象。');
  const out: Partial<SettingsView> = {};
  for (const [k, val] of Object.entries(v)) {
    if (k === 'locale') {
      if (val !== 'auto' && val !== 'en' && val !== 'zh-CN') throw invalidInput(`Language must be auto, en or zh-CN, got ${describe(val)}.`, `语言只能是 auto、en 或 zh-CN，实际为 ${describe(val)}。`);
      out.locale = val;
    } else if (k === 'endpointEnabled') {
      if (typeof val !== 'boolean') throw invalidInput('endpointEnabled must be true or false.', 'endpointEnabled 只能是 true 或 false。');
      out.endpointEnabled = val;
    } else if (k === 'endpointPort') {
      if (typeof val !== 'number' || !Number.isInteger(val) || val < 1 || val > 65535) throw invalidInput(`The endpoint port must be a whole number from 1 to 65535, got ${describe(val)}.`, `本地接口端口应为 1 到 65535 的整数，实际为 ${describe(val)}。`);
      out.endpointPort = val;
    } else if (k === 'teamRedisUrl') {
      // Never through the dashboard API, IPC or HTTP (issue 20, item 1): only a local, confirmed action.
      throw new WxError('TEAM_URL_LOCAL_ONLY');
    } else if (k === 'notifications' || k === 'startAtLogin') {
      if (typeof val !== 'boolean') throw invalidInput(`${k} must be true or false.`, `${k} 只能是 true 或 false。`);
      out[k] = val;
    } else throw invalidInput(`Unknown setting ${describe(k)}.`, `未知的设置项 ${describe(k)}。`);
  }
  return out;
}

/** A plain object with only these string fields (each at most `max` characters); `required` must be present. */
export function stringsArg<K extends string>(v: unknown, required: readonly K[], optional: readonly K[] = [], max = 65_536): Record<K, string> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalidInput('Expected an object of text fields.', '应传入由文本字段组成的对象。');
  const allowed = new Set<string>([...required, ...optional]);
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) {
    if (!allowed.has(k)) throw invalidInput(`Unknown field ${describe(k)}.`, `未知字段 ${describe(k)}。`);
    if (val === undefined || val === null) continue;
    if (typeof val !== 'string') throw invalidInput(`Field "${k}" must be text, got ${describe(val)}.`, `字段 "${k}" 应为文本，实际为 ${describe(val)}。`);
    if (val.length > max) throw invalidInput(`Field "${k}" is too long (${val.length} characters, ${max} at most).`, `字段 "${k}" 过长（${val.length} 个字符，最多 ${max} 个）。`);
    out[k] = val;
  }
  for (const k of required) if (out[k] === undefined) throw invalidInput(`Field "${k}" is required.`, `缺少字段 "${k}"。`);
  return out as Record<K, string>;
}

export function ticketTypeArg(v: unknown): 'jsapi' | 'wx_card' {
  if (v === 'jsapi' || v === 'wx_card') return v;
  throw invalidInput(`Ticket type must be jsapi or wx_card, got ${describe(v)}.`, `ticket 类型只能是 jsapi 或 wx_card，实际为 ${describe(v)}。`);
}

export function noArgs(args: unknown[], n: number): void {
  if (args.length > n) throw invalidInput(`Expected ${n} argument(s), got ${args.length}.`, `参数过多：最多 ${n} 个，实际传入 ${args.length} 个。`);
}
