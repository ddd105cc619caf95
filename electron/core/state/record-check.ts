// The type of every field of a stored record, checked where a record enters memory (a parsed
// config.json). A record that fails is set aside as damaged, never used: a token whose expiresAt is
// not a number made the scheduler plan NaN, which setTimeout runs after 1 ms (666 upstream calls in
// 2 s, through a 40164 hold). Each check returns the first field at fault, or null.
import type { RecordProblem } from '../../contract';
import type { Settings } from './records';

type Fault = string | null;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
const text = (v: unknown): boolean => typeof v === 'string';
const optional = (v: unknown, ok: (v: unknown) => boolean): boolean => v === undefined || ok(v);
const oneOf =
  (...values: readonly unknown[]) =>
  (v: unknown): boolean =>
    values.includes(v);

const MODES = oneOf('stable', 'classic');
const MESSAGE_MODES = oneOf('plain', 'compatible', 'safe');
const TRIGGERS = oneOf('demand', 'timer', 'manual', 'force', 'stale', 'ticket');
const KINDS = oneOf('transient', 'config', 'limit', 'token', 'input', 'bug');
const TICKET_TYPES = ['jsapi', 'wx_card'];

type Fields = readonly (readonly [string, (x: unknown) => boolean])[];
const fields = (f: Record<string, (x: unknown) => boolean>): Fields => Object.entries(f);

/** The first field of `v` that fails its check, in the order given ('' when `v` is not an object). */
function firstBad(v: unknown, list: Fields): Fault {
  if (!isObject(v)) return '';
  for (const [name, ok] of list) if (!ok(v[name])) return name;
  return null;
}

const stringMap = (v: unknown) => isObject(v) && Object.values(v).every(text);

const SECRET_CHECK = fields({ salt: text, sha256: text });
const ACCOUNT = fields({
  label: text,
  serverToken: text,
  aesKey: text,
  mode: MODES,
  apiBase: text,
  autoRefresh: (x) => typeof x === 'boolean',
  createdAt: finite,
  updatedAt: finite,
  callbackUrl: (x) => optional(x, text),
  // Absent in records written before it was kept: read as plain.
  messageMode: (x) => optional(x, MESSAGE_MODES),
  secretCheck: (x) => optional(x, (c) => firstBad(c, SECRET_CHECK) === null),
});

export function accountFault(appId: string, v: unknown): Fault {
  if (isObject(v) && v.appId !== appId) return 'appId';
  return firstBad(v, ACCOUNT);
}

const TOKEN = fields({ token: text, mode: MODES, obtainedAt: finite, expiresAt: finite, apiBase: text });

export function tokenFault(v: unknown): Fault {
  return firstBad(v, TOKEN);
}

const TICKET = fields({ ticket: text, forToken: text, obtainedAt: finite, expiresAt: finite });

export function ticketsFault(v: unknown): Fault {
  if (!isObject(v)) return '';
  for (const [type, t] of Object.entries(v)) {
    if (!TICKET_TYPES.includes(type)) return type;
    const bad = firstBad(t, TICKET);
    if (bad !== null) return bad ? `${type}.${bad}` : type;
  }
  return null;
}

export function forcedFault(v: unknown): Fault {
  if (!Array.isArray(v)) return '';
  const i = v.findIndex((t) => !finite(t));
  return i < 0 ? null : String(i);
}

const ZH = fields({ message: text, hint: text });
const LAST_ERROR = fields({ at: finite, trigger: TRIGGERS, error: isObject });
const ERROR_VIEW = fields({
  code: (x) => text(x) || finite(x),
  kind: KINDS,
  message: text,
  hint: text,
  zh: (x) => optional(x, (z) => firstBad(z, ZH) === null),
  errmsg: (x) => optional(x, text),
  rid: (x) => optional(x, text),
  ip: (x) => optional(x, text),
  retryAfterMs: (x) => optional(x, finite),
  fields: (x) => optional(x, stringMap),
  fieldsZh: (x) => optional(x, stringMap),
});

export function lastErrorFault(v: unknown): Fault {
  const bad = firstBad(v, LAST_ERROR);
  if (bad !== null) return bad;
  const inner = firstBad((v as { error: unknown }).error, ERROR_VIEW);
  return inner === null ? null : `error.${inner}`;
}

const WINDOW = fields({ x: (n) => optional(n, finite), y: (n) => optional(n, finite), width: finite, height: finite, maximized: (b) => typeof b === 'boolean' });

const SETTINGS: Record<keyof Settings, (v: unknown) => boolean> = {
  locale: oneOf('auto', 'en', 'zh-CN'),
  endpointEnabled: (x) => typeof x === 'boolean',
  endpointPort: (x) => finite(x) && Number.isInteger(x),
  notifications: (x) => typeof x === 'boolean',
  startAtLogin: (x) => typeof x === 'boolean',
  teamRedisUrl: text,
  window: (x) => firstBad(x, WINDOW) === null,
};

/** Settings with each field of the wrong type dropped (the default applies), and what was dropped. */
export function checkSettings(v: Record<string, unknown>, problems: RecordProblem[]): Settings {
  for (const [name, ok] of Object.entries(SETTINGS)) {
    if (v[name] === undefined || ok(v[name])) continue;
    problems.push({ account: '', field: `settings.${name}` });
    delete v[name];
  }
  return v as Settings;
}

/** The checks of config.json's per-account maps. */
export const RECORD_CHECKS = {
  accounts: accountFault,
  tokens: (_appId: string, v: unknown) => tokenFault(v),
  tickets: (_appId: string, v: unknown) => ticketsFault(v),
  forced: (_appId: string, v: unknown) => forcedFault(v),
  lastError: (_appId: string, v: unknown) => lastErrorFault(v),
} as const;

/**
 * Removes from each per-account map of a parsed config.json the records that fail their check, and
 * names them (account, and map.field). The maps are the parsed document's own: nothing is copied.
 */
export function dropBadRecords(doc: Record<keyof typeof RECORD_CHECKS, Record<string, unknown>>, problems: RecordProblem[]): void {
  for (const [map, check] of Object.entries(RECORD_CHECKS) as [keyof typeof RECORD_CHECKS, (id: string, v: unknown) => Fault][]) {
    const records = doc[map];
    for (const appId of Object.keys(records)) {
      const bad = check(appId, records[appId]);
      if (bad === null) continue;
      problems.push({ account: appId, field: bad ? `${map}.${bad}` : map });
      delete records[appId];
    }
  }
}
