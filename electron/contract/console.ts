// The API console: any WeChat API called with the live token.

import type { ErrorView } from './common';
import type { CopyResult } from './tokens';

/** WeChat's server APIs use GET and POST only. */
export type ConsoleMethod = 'GET' | 'POST';

export interface ConsoleInput {
  appId: string;
  method: ConsoleMethod;
  /** Relative to the account's API base, e.g. /cgi-bin/menu/get; a query string may follow '?'. */
  path: string;
  /** Query parameters in order; access_token is added by WxDesk and refused here. */
  query?: [string, string][];
  /** The JSON body as typed (POST only); checked before anything is sent. */
  body?: string;
  /**
   * A multipart body instead of JSON (POST only; body must then be empty): one file field, its
   * bytes as base64 (at most 10 MiB), and text fields sent before it.
   */
  file?: ConsoleFile;
}

export interface ConsoleFile {
  /** The form field, "media" for WeChat's uploads. */
  field: string;
  fileName: string;
  /** Default: told from the content (image/png, …), else application/octet-stream. */
  contentType?: string;
  base64: string;
  fields?: [string, string][];
}

/** An answer that is neither JSON nor text (media/get, showqrcode): never shown as text. */
export interface ConsoleBinary {
  contentType: string;
  size: number;
  base64: string;
}

/** A file that was sent, as shown and kept: its name and size, never its bytes. */
export interface ConsoleFileView {
  field: string;
  fileName: string;
  contentType: string;
  size: number;
  /** Text fields sent before the file. */
  fields?: [string, string][];
}

/** A request as shown and kept: the token is masked. */
export interface ConsoleRequestView {
  method: ConsoleMethod;
  path: string;
  query: [string, string][];
  body: string;
  /** The multipart file sent instead of a body. */
  file?: ConsoleFileView;
  /** The whole URL with access_token masked. */
  url: string;
  /** The same request as a curl command line, token masked. */
  curl: string;
}

export interface ConsoleResult {
  /** The history line of this call. */
  id: string;
  at: number;
  request: ConsoleRequestView;
  status: number;
  latencyMs: number;
  contentType: string;
  /** The body as text (pretty-printed when it is JSON), cut at 1 MiB (truncated says so). */
  body: string;
  truncated?: boolean;
  /** A binary answer (body is then ''): an image to preview, or a file to save. */
  binary?: ConsoleBinary;
  /** WeChat's errcode when the answer carries one (0 included). */
  errcode?: number;
  /** A non-zero errcode explained: meaning, hint, rid. */
  error?: ErrorView;
  /**
   * The first answer was 40001, 40014 or 42001 while the token used was still the cached one:
   * the token was replaced once (refreshed: WxDesk fetched it; else another process already had)
   * and the request sent once more. This is the first answer's code and rid.
   */
  retried?: { errcode: number; rid?: string; refreshed: boolean };
}

/** One line of an account's console history (the last 50 are kept). */
export interface ConsoleHistoryView {
  id: string;
  at: number;
  method: ConsoleMethod;
  path: string;
  query: [string, string][];
  body: string;
  /** A file was sent (multipart): its name and size only. */
  file?: ConsoleFileView;
  /** Absent when no answer came (network fault). */
  status?: number;
  /** WeChat's errcode, or WxDesk's code when the call failed before an answer. */
  errcode?: number | string;
  rid?: string;
  latencyMs: number;
  retried?: boolean;
}

/** A catalogue entry: a ready request for a common API. */
export interface ConsolePreset {
  id: string;
  name: { en: string; zh: string };
  method: ConsoleMethod;
  path: string;
  query?: [string, string][];
  /** A sample JSON body; "{appid}" in a string stands for the account's AppID. */
  body?: unknown;
  /** WeChat's documentation page. */
  doc: string;
  /** Changes the account (deletes, sends, resets): the console asks before sending. */
  confirm?: boolean;
}

export interface QuotaView {
  appId: string;
  cgiPath: string;
  dailyLimit: number;
  used: number;
  remain: number;
  at: number;
}

/** What WeChat stored for a rid (openapi/rid/get), the token in the URL masked. */
export interface RidView {
  rid: string;
  invokeTime: number;
  costMs: number;
  requestUrl: string;
  requestBody: string;
  responseBody: string;
  clientIp: string;
}

export interface ClearQuotaView {
  appId: string;
  at: number;
}

export interface ConsoleApi {
  /** Calls a WeChat API with the account's live token (a stale token costs one refresh and one retry). */
  consoleSend(input: ConsoleInput): Promise<ConsoleResult>;
  /** The account's last console requests, newest first. */
  consoleHistory(appId: string): Promise<ConsoleHistoryView[]>;
  /** A console request as curl: the token masked unless reveal is true. */
  consoleCurl(input: ConsoleInput, reveal: boolean): Promise<CopyResult>;
  /** Daily limit, used and remaining for an API path (default: the token API of the account's mode). */
  quota(appId: string, cgiPath?: string): Promise<QuotaView>;
  /** What WeChat stored for an error's rid (openapi/rid/get, kept 7 days). */
  lookupRid(appId: string, rid: string): Promise<RidView>;
  /** Resets the account's daily quotas with its AppSecret (clear_quota/v2; 10 a month). */
  clearQuota(appId: string): Promise<ClearQuotaView>;
}

export const CONSOLE_METHODS = ['consoleSend', 'consoleHistory', 'consoleCurl', 'quota', 'lookupRid', 'clearQuota'] as const satisfies readonly (keyof ConsoleApi)[];
