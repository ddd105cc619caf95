// Team mode (a shared Redis): what the dashboard is told about the connection and the shared data.
import type { ErrorView } from './common';

/** Team mode: the shared Redis could not be reached (serving from this machine's copy), or is back. */
export interface ConnectionNotice {
  kind: 'connection';
  /** The Redis URL without its password. */
  server: string;
  state: 'down' | 'up';
  at: number;
}

/**
 * Team mode: a record pulled from the shared Redis that this machine refused (issue 20): it would
 * have moved an AppSecret this machine holds to another API base, or it failed the checks input
 * gets. This machine keeps its own copy of the account.
 */
export interface RefusedRecordNotice {
  kind: 'refused';
  appId: string;
  /** Who wrote the record, as the record says (a host name; whoever can write to Redis can write anything). */
  by: string;
  reason: 'moves-secret' | 'invalid';
  /** The API base the record asked for ('moves-secret'), or what was wrong with it ('invalid'). */
  detail: string;
  at: number;
}

/**
 * Team mode: a value in Redis that is not an account entry (written by something other than
 * WxDesk). That account is left out of the sync until it is readable; the rest of the team syncs.
 */
export interface TeamEntryNotice {
  kind: 'team-entry';
  server: string;
  /** The Redis key, e.g. wxdesk:acct:wx0123456789abcdef. */
  key: string;
  at: number;
  /** TEAM_BAD_ENTRY, naming the key, with what to do (both languages). */
  error: ErrorView;
}
