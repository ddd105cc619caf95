import { SOON_MS, formatCountdown, useNow } from '../clock';
import { useI18n } from '../i18n';
import { serverTime, type TokenEntry } from '../state';

/** Milliseconds the token has left by the main process's clock, or null without a token. */
export function useTimeLeft(entry: TokenEntry | undefined): number | null {
  const now = useNow();
  const view = entry?.view;
  if (!view || !entry || view.expiresAt === null) return null;
  return view.expiresAt - serverTime(entry, now);
}

export function urgency(left: number): 'ok' | 'soon' | 'expired' {
  return left <= 0 ? 'expired' : left <= SOON_MS ? 'soon' : 'ok';
}

/**
 * The live countdown. `compact` is the small one in the account list (not a timer landmark: the
 * page has one timer, the selected account's).
 */
export function Countdown({ entry, compact = false }: { entry: TokenEntry | undefined; compact?: boolean }) {
  const { t } = useI18n();
  const left = useTimeLeft(entry);
  if (left === null) return compact ? <span className="countdown countdown--compact countdown--none">{t('token.never')}</span> : null;
  // In the list, the status next to it already says "Expired".
  const text = left > 0 ? formatCountdown(left) : compact ? t('token.never') : t('timer.expired');
  const className = `countdown countdown--${urgency(left)}${compact ? ' countdown--compact' : ''}`;
  if (compact) return <span className={className}>{text}</span>;
  return (
    <span role="timer" aria-label={`${t('timer.label')}: ${text}`} className={className}>
      {text}
    </span>
  );
}
