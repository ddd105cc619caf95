// A Redis URL as people may see it: the password masked (logs, the dashboard, `serve`'s banner).

/** The URL without its password. */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'redis://(unreadable URL)';
  }
}

/** redis:// or rediss:// (TLS), with a host. */
export function isRedisUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'redis:' || u.protocol === 'rediss:') && u.hostname !== '';
  } catch {
    return false;
  }
}
