import { useI18n, type SharedKey } from '../i18n';
import type { TokenEntry } from '../state';
import { urgency, useTimeLeft } from './Countdown';

type Tone = 'busy' | 'expired' | 'none' | 'soon' | 'ok';

const STATUS: Record<string, [SharedKey, Tone]> = {
  refreshing: ['status.refreshing', 'busy'],
  error: ['status.error', 'expired'],
  none: ['status.none', 'none'],
  expired: ['status.expired', 'expired'],
  soon: ['status.expiring', 'soon'],
  ok: ['status.valid', 'ok'],
};

/** The account's state in one word, from the local clock (not from when the view was made). */
function statusOf(entry: TokenEntry | undefined, left: number | null): keyof typeof STATUS {
  const view = entry?.view;
  if (view?.refreshing) return 'refreshing';
  if (left === null) return view?.lastError ? 'error' : 'none';
  const u = urgency(left);
  if (u === 'expired') return view?.lastError ? 'error' : 'expired';
  return u;
}

/** Re-renders only when the word changes (at 5 minutes left, at expiry), not on every tick. */
export function Status({ entry, pill = false }: { entry: TokenEntry | undefined; pill?: boolean }) {
  const { t } = useI18n();
  const [key, tone] = STATUS[useTimeLeft(entry, (left) => statusOf(entry, left))]!;
  return (
    <span className={`status status--${tone}${pill ? ' status--pill' : ''}`}>
      <span className="status__dot" aria-hidden="true" />
      {t(key)}
    </span>
  );
}
