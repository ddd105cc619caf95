// Checks a console request from an untrusted caller (renderer, CLI, tests) before anything is sent:
// each refusal names the field and what to type instead.
import type { ConsoleInput, ConsoleMethod } from '../../contract';
import { appIdArg, describe } from '../dashboard-args';
import { invalidInput } from '../errors';
import { ACCESS_TOKEN_REFUSAL, normaliseApiPath } from './api-path';
import { checkJson } from './json-check';
import type { Multipart } from './multipart';
import { fileArg } from './file-input';

export interface ConsoleRequest {
  appId: string;
  method: ConsoleMethod;
  /** Starts with '/', no query. */
  path: string;
  query: [string, string][];
  /** '' for none. */
  body: string;
  /** A multipart body (then body is ''). */
  multipart?: Multipart;
}

const MAX_BODY = 1 << 20;
const MAX_QUERY = 100;

export function consoleInputArg(v: unknown): ConsoleRequest {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalidInput('Expected a request object with appId, method and path.', '应传入包含 appId、method 和 path 的请求对象。');
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!['appId', 'method', 'path', 'query', 'body', 'file'].includes(k)) throw invalidInput(`Unknown request field ${describe(k)}.`, `未知的请求字段 ${describe(k)}。`);
  const appId = appIdArg(o.appId);
  const method = typeof o.method === 'string' ? o.method.toUpperCase() : o.method;
  if (method !== 'GET' && method !== 'POST') throw invalidInput(`Method must be GET or POST (WeChat's APIs use no other), got ${describe(o.method)}.`, `请求方法只能是 GET 或 POST（微信接口不用其他方法），实际为 ${describe(o.method)}。`);
  if (typeof o.path !== 'string' || o.path.trim() === '') throw invalidInput('Path is required, e.g. /cgi-bin/menu/get.', '请填写接口路径，例如 /cgi-bin/menu/get。');
  // A full URL on one of WeChat's hosts is taken as its path and query (as the Console tab does as
  // it is typed), checked again here: the renderer is not trusted.
  const given = normaliseApiPath(o.path, { appId });
  if (!given.ok) throw invalidInput(given.en, given.zh);
  const { path, query: inPath } = given;
  const query = [...inPath, ...queryArg(o.query)];
  if (query.length > MAX_QUERY) throw invalidInput(`At most ${MAX_QUERY} query parameters.`, `查询参数最多 ${MAX_QUERY} 个。`);
  for (const [k] of query) {
    if (k === 'access_token') throw invalidInput(ACCESS_TOKEN_REFUSAL.en, ACCESS_TOKEN_REFUSAL.zh);
  }
  const body = o.body === undefined || o.body === null ? '' : o.body;
  if (typeof body !== 'string') throw invalidInput(`Body must be JSON text, got ${describe(body)}.`, `请求体应为 JSON 文本，实际为 ${describe(body)}。`);
  if (body.length > MAX_BODY) throw invalidInput('Body is larger than 1 MiB.', '请求体超过 1 MiB。');
  if (body.trim() !== '') {
    if (method === 'GET') throw invalidInput('A GET request carries no body: choose POST, or clear the body.', 'GET 请求不带请求体：请改用 POST，或清空请求体。');
    const checked = checkJson(body);
    if (!checked.ok) {
      throw invalidInput(
        `Body is not valid JSON at line ${checked.line}, column ${checked.column}: ${checked.reason}.`,
        `请求体不是合法的 JSON（第 ${checked.line} 行第 ${checked.column} 列）：${checked.reasonZh}。`,
        checked.problem === 'comma' ? { en: `Remove the comma at line ${checked.line}, column ${checked.column}.`, zh: `请删除第 ${checked.line} 行第 ${checked.column} 列的逗号。` } : undefined,
      );
    }
  }
  const req: ConsoleRequest = { appId, method, path, query, body: body.trim() === '' ? '' : body };
  if (o.file !== undefined && o.file !== null) {
    if (method !== 'POST') throw invalidInput('A file is sent with POST only: choose POST.', '文件只能用 POST 发送：请改用 POST。');
    if (req.body !== '') throw invalidInput('Send either a JSON body or a file, not both: clear the body.', '请求体和文件只能二选一：请清空请求体。');
    req.multipart = fileArg(o.file);
  }
  return req;
}

function queryArg(v: unknown): [string, string][] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw invalidInput('Query must be a list of [name, value] pairs.', '查询参数应为由 [name, value] 组成的列表。');
  return v.map((pair, i) => {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
      throw invalidInput(`Query parameter ${i + 1} must be a [name, value] pair of text.`, `第 ${i + 1} 个查询参数应为由两个文本组成的 [name, value]。`);
    }
    const name = pair[0].trim();
    if (name === '') throw invalidInput(`Query parameter ${i + 1} has no name.`, `第 ${i + 1} 个查询参数缺少名称。`);
    if (name.length > 256 || pair[1].length > 8192) throw invalidInput(`Query parameter ${describe(name)} is too long.`, `查询参数 ${describe(name)} 过长。`);
    return [name, pair[1]] as [string, string];
  });
}
