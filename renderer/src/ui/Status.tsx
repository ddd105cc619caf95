import { useI18n, type SharedKey } from '../i18n';
import type { TokenEntry } from '../state';
import { urgency, useTimeLeft } from './Countdown';

/** The account's state in one word, from the local clock (not from when the view was made). */
function useStatusKey(entry: TokenEntry | undefined): { key: SharedKey; tone: string } {
  const left = useTimeLeft(entry);
  const view = entry?.view;
  if (view?.refreshing) return { key: 'status.refreshing', tone: 'busy' };
  if (left === null) return view?.lastError ? { key: 'status.error', tone: 'expired' } : { key: 'status.none', tone: 'none' };
  const u = urgency(left);
  if (u === 'expired') return view?.lastError ? { key: 'status.error', tone: 'expired' } : { key: 'status.expired', tone: 'expired' };
  return u === 'soon' ? { key: 'status.expiring', tone: 'soon' } : { key: 'status.valid', tone: 'ok' };
}

export function Status({ entry, pill = false }: { entry: TokenEntry | undefined; pill?: boolean }) {
  const { t } = useI18n();
  const status = useStatusKey(entry);
  return (
    <span className={`status status--${status.tone}${pill ? ' status--pill' : ''}`}>
      <span className="status__dot" aria-hidden="true" />
      {t(status.key)}
    </span>
  );
}
