// Team mode (a shared Redis): what the dashboard is told about the connection.

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
