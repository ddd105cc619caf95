// Accounts: what the dashboard shows of one (never its secret) and what a save takes.
import type { ProbeMode } from './probe';

/** stable: /cgi-bin/stable_token; classic: /cgi-bin/token. */
export type TokenMode = 'stable' | 'classic';

export interface AccountView {
  appId: string;
  label: string;
  serverToken: string;
  aesKey: string;
  mode: TokenMode;
  apiBase: string;
  autoRefresh: boolean;
  createdAt: number;
  updatedAt: number;
  /** The callback URL (服务器地址) last probed for this account, if any: the Probe tab starts with it. */
  callbackUrl?: string;
  /** WeChat's 消息加解密方式 as set on the account's settings page (plain when never set): the probe and the simulator use it. */
  messageMode: ProbeMode;
  /** True when an AppSecret is stored. The secret itself never crosses to the renderer. */
  hasSecret: boolean;
}

export interface AccountInput {
  appId: string;
  /** Write-only. Leave out to keep the stored secret. */
  secret?: string;
  label?: string;
  serverToken?: string;
  aesKey?: string;
  mode?: TokenMode;
  apiBase?: string;
  autoRefresh?: boolean;
  /** WeChat's 消息加解密方式: plain (明文), compatible (兼容) or safe (安全). Leave out to keep the stored one (plain for a new account). */
  messageMode?: ProbeMode;
}

export interface AccountsApi {
  listAccounts(): Promise<AccountView[]>;
  saveAccount(input: AccountInput): Promise<AccountView>;
  removeAccount(appId: string): Promise<boolean>;
}

export const ACCOUNT_METHODS = ['listAccounts', 'saveAccount', 'removeAccount'] as const satisfies readonly (keyof AccountsApi)[];
