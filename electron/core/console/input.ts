// Checks a console request from an untrusted caller (renderer, CLI, tests) before anything is sent:
// each refusal names the field and what to type instead.
import type { ConsoleInput, ConsoleMethod } from '../../api';
import { appIdArg, describe } from '../dashboard-args';
import { invalidInput } from '../errors';
import { checkJson } from './json-check';

export interface ConsoleRequest {
  appId: string;
  method: ConsoleMethod;
  /** Starts with '/', no query. */
  path: string;
  query: [string, string][];
  /** '' for none. */
  body: string;
}

const MAX_BODY = 1 << 20;
const MAX_QUERY = 100;

/**
 * Paths the console will not call, and why: fetching a token by hand retires the one every tool
 * uses (classic mode) and needs the AppSecret, which WxDesk sends only where it must.
 */
const GUARDED: Record<string, string> = {
  '/cgi-bin/token': 'The console does not fetch tokens: a classic token fetched by hand retires the one every tool on this machine uses. Use Refresh (or wxdesk token).',
  '/cgi-bin/stable_token': 'The console does not fetch tokens (that needs the AppSecret). Use Refresh or Force refresh (or wxdesk token --force).',
  '/cgi-bin/clear_quota/v2': 'clear_quota/v2 takes the AppSecret: use Reset quota (or wxdesk clear-quota), which asks first.',
};

export function consoleInputArg(v: unknown): ConsoleRequest {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalidInput('Expected a request object with appId, method and path.');
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!['appId', 'method', 'path', 'query', 'body'].includes(k)) throw invalidInput(`Unknown request field ${describe(k)}.`);
  const appId = appIdArg(o.appId);
  const method = typeof o.method === 'string' ? o.method.toUpperCase() : o.method;
  if (method !== 'GET' && method !== 'POST') throw invalidInput(`Method must be GET or POST (WeChat's APIs use no other), got ${describe(o.method)}.`);
  if (typeof o.path !== 'string' || o.path.trim() === '') throw invalidInput('Path is required, e.g. /cgi-bin/menu/get.');
  const { path, query: inPath } = splitPath(o.path.trim());
  const query = [...inPath, ...queryArg(o.query)];
  if (query.length > MAX_QUERY) throw invalidInput(`At most ${MAX_QUERY} query parameters.`);
  for (const [k] of query) {
    if (k === 'access_token') throw invalidInput('Leave access_token out of the query: WxDesk adds the account\'s live token itself.');
  }
  const body = o.body === undefined || o.body === null ? '' : o.body;
  if (typeof body !== 'string') throw invalidInput(`Body must be JSON text, got ${describe(body)}.`);
  if (body.length > MAX_BODY) throw invalidInput('Body is larger than 1 MiB.');
  if (body.trim() !== '') {
    if (method === 'GET') throw invalidInput('A GET request carries no body: choose POST, or clear the body.');
    const checked = checkJson(body);
    if (!checked.ok) throw invalidInput(`Body is not valid JSON at line ${checked.line}, column ${checked.column}: ${checked.reason}.`);
  }
  return { appId, method, path, query, body: body.trim() === '' ? '' : body };
}

function splitPath(raw: string): { path: string; query: [string, string][] } {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) throw invalidInput(`Give the path relative to the account's API base (e.g. /cgi-bin/menu/get), not a full URL: ${describe(raw)}.`);
  const q = raw.indexOf('?');
  let path = q < 0 ? raw : raw.slice(0, q);
  const query = q < 0 ? [] : [...new URLSearchParams(raw.slice(q + 1))];
  if (raw.includes('#')) throw invalidInput('A path has no #fragment.');
  if (!path.startsWith('/')) path = `/${path}`;
  if (/\s/.test(path) || path.length > 2048) throw invalidInput(`The path must not contain spaces (and is at most 2048 characters): ${describe(raw)}.`);
  if (path.split('/').some((seg) => seg === '..' || seg === '.')) throw invalidInput(`The path must not contain . or .. segments: ${describe(raw)}.`);
  const guard = GUARDED[path.replace(/\/+$/, '')];
  if (guard) throw invalidInput(guard);
  return { path, query };
}

function queryArg(v: unknown): [string, string][] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw invalidInput('Query must be a list of [name, value] pairs.');
  return v.map((pair, i) => {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
      throw invalidInput(`Query parameter ${i + 1} must be a [name, value] pair of text.`);
    }
    const name = pair[0].trim();
    if (name === '') throw invalidInput(`Query parameter ${i + 1} has no name.`);
    if (name.length > 256 || pair[1].length > 8192) throw invalidInput(`Query parameter ${describe(name)} is too long.`);
    return [name, pair[1]] as [string, string];
  });
}
