// The team's Redis URL as the desktop keeps it (issue 20, item 1): config.json holds the URL
// without its password, and the password is kept with the secrets (the desktop's keychain box). A
// config.json written before, with the password in its URL, is migrated once, at the first start.
// The CLI and `wxdesk serve` keep nothing: their URL comes from --redis or WXDESK_REDIS_URL each run.
import type { SecretBox } from './secrets';
import type { Settings } from './state/records';
import { isRedisUrl } from './state/redis-url';

/** The password's name in the secret box: not an AppID's shape, so never an account's. */
export const TEAM_PASSWORD_KEY = 'team-redis-password';

export interface SettingsStore {
  settings(): Settings;
  updateSettings(patch: Partial<Settings>): Promise<Settings>;
}

/** The URL and its password apart (the password as the URL spells it, percent-encoded). */
export function splitPassword(url: string): { url: string; password: string } {
  const u = new URL(url);
  const password = u.password;
  u.password = '';
  return { url: u.toString(), password };
}

function withPassword(url: string, password: string | undefined): string {
  if (!password) return url;
  const u = new URL(url);
  u.password = password;
  return u.toString();
}

/**
 * The URL to connect to, password included, or undefined when team mode is off. A password still in
 * config.json moves to the box first; where the box cannot take it (no keychain), it stays, and the
 * move is tried again at the next start.
 */
export async function teamRedisUrl(store: SettingsStore, box: SecretBox): Promise<string | undefined> {
  const saved = store.settings().teamRedisUrl;
  if (!saved || !isRedisUrl(saved)) return saved || undefined;
  const { url, password } = splitPassword(saved);
  if (password) {
    try {
      await box.set(TEAM_PASSWORD_KEY, password);
      await store.updateSettings({ teamRedisUrl: url });
    } catch {
      return saved;
    }
  }
  return withPassword(url, box.get(TEAM_PASSWORD_KEY));
}

/** Saves a URL the user confirmed on this machine: the password into the box, the rest into the settings; '' leaves team mode. */
export async function saveTeamRedisUrl(store: SettingsStore, box: SecretBox, full: string): Promise<void> {
  if (full === '') {
    box.delete(TEAM_PASSWORD_KEY);
    await store.updateSettings({ teamRedisUrl: '' });
    return;
  }
  const { url, password } = splitPassword(full);
  if (password) await box.set(TEAM_PASSWORD_KEY, password);
  else box.delete(TEAM_PASSWORD_KEY);
  await store.updateSettings({ teamRedisUrl: url });
}
