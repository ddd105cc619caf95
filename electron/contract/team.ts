// Team mode (a shared Redis): what the dashboard is told about the connection.

/** Team mode: the shared Redis could not be reached (serving from this machine's copy), or is back. */
export interface ConnectionNotice {
  kind: 'connection';
  /** The Redis URL without its password. */
  server: string;
  state: 'down' | 'up';
  at: number;
}
