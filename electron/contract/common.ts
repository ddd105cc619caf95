// Shared by every domain of the contract: the error as it crosses to the renderer, the language,
// and the error class every transport rejects with. Types only, plus DashboardError: the renderer
// imports the contract, so nothing here may touch Node.

export type Lang = 'en' | 'zh-CN';

/** An error as it crosses to the renderer: code, plain words, what to do. */
export interface ErrorView {
  code: number | string;
  kind: 'transient' | 'config' | 'limit' | 'token' | 'input' | 'bug';
  message: string;
  hint: string;
  /** The same message and hint in Chinese. */
  zh?: { message: string; hint: string };
  errmsg?: string;
  rid?: string;
  /** The IP to whitelist (40164 / 61004). */
  ip?: string;
  retryAfterMs?: number;
  /** Per-field messages for a form (AppID, AppSecret, …) when input was refused. */
  fields?: Record<string, string>;
  /** The same per-field messages in Chinese. */
  fieldsZh?: Record<string, string>;
}

/** What a failed call rejects with, on every transport. */
export class DashboardError extends Error {
  constructor(readonly view: ErrorView) {
    super(view.message);
    this.name = 'DashboardError';
  }
}
