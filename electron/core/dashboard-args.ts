// Argument checks of the handler table (dashboard.ts): every value from a renderer is untrusted
// JSON, and a refusal says which field is wrong and what it should be.
import type { AccountInput, CopyFormat, SettingsView } from '../api';
import { invalidInput } from './errors';

export function appIdArg(v: unknown): string {
  if (typeof v !== 'string' || !/^wx[0-9a-f]{16}$/.test(v)) throw invalidInput(`Expected an AppID ("wx" + 16 hex characters), got ${describe(v)}.`);
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
};

export function accountInputArg(v: unknown): AccountInput {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalidInput('Expected an account object.');
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) {
    if (!Object.hasOwn(inputKeys, k)) throw invalidInput(`Unknown account field ${describe(k)}.`);
    const type = inputKeys[k as keyof AccountInput];
    if (val === undefined || val === null) continue;
    if (typeof val !== type) throw invalidInput(`Account field "${k}" must be a ${type}, got ${describe(val)}.`);
    if (typeof val === 'string' && val.length > 2048) throw invalidInput(`Account field "${k}" is too long.`);
    out[k] = val;
  }
  if (typeof out.appId !== 'string') throw invalidInput('An account needs an AppID.');
  return out as unknown as AccountInput;
}

export function formatArg(v: unknown): CopyFormat {
  if (v === 'raw' || v === 'param' || v === 'curl') return v;
  throw invalidInput(`Copy format must be raw, param or curl, got ${describe(v)}.`);
}

export function settingsArg(v: unknown): Partial<SettingsView> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalidInput('Expected a settings object.');
  const out: Partial<SettingsView> = {};
  for (const [k, val] of Object.entries(v)) {
    if (k === 'locale') {
      if (val !== 'auto' && val !== 'en' && val !== 'zh-CN') throw invalidInput(`Language must be auto, en or zh-CN, got ${describe(val)}.`);
      out.locale = val;
    } else if (k === 'endpointEnabled') {
      if (typeof val !== 'boolean') throw invalidInput('endpointEnabled must be true or false.');
      out.endpointEnabled = val;
    } else if (k === 'endpointPort') {
      if (typeof val !== 'number' || !Number.isInteger(val) || val < 1 || val > 65535) throw invalidInput(`The endpoint port must be a whole number from 1 to 65535, got ${describe(val)}.`);
      out.endpointPort = val;
    } else throw invalidInput(`Unknown setting ${describe(k)}.`);
  }
  return out;
}

/** A plain object with only these string fields (each at most `max` characters); `required` must be present. */
export function stringsArg<K extends string>(v: unknown, required: readonly K[], optional: readonly K[] = [], max = 65_536): Record<K, string> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalidInput('Expected an object of text fields.');
  const allowed = new Set<string>([...required, ...optional]);
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) {
    if (!allowed.has(k)) throw invalidInput(`Unknown field ${describe(k)}.`);
    if (val === undefined || val === null) continue;
    if (typeof val !== 'string') throw invalidInput(`Field "${k}" must be text, got ${describe(val)}.`);
    if (val.length > max) throw invalidInput(`Field "${k}" is too long (${val.length} characters, ${max} at most).`);
    out[k] = val;
  }
  for (const k of required) if (out[k] === undefined) throw invalidInput(`Field "${k}" is required.`);
  return out as Record<K, string>;
}

export function ticketTypeArg(v: unknown): 'jsapi' | 'wx_card' {
  if (v === 'jsapi' || v === 'wx_card') return v;
  throw invalidInput(`Ticket type must be jsapi or wx_card, got ${describe(v)}.`);
}

export function noArgs(args: unknown[], n: number): void {
  if (args.length > n) throw invalidInput(`Expected ${n} argument(s), got ${args.length}.`);
}
