import { SOON_MS, formatCountdown, useClock } from '../clock';
import { useI18n } from '../i18n';
import { serverTime, type TokenEntry } from '../state';

/** Milliseconds the token has left by the main process's clock at `now` (the local tick), or null without a token. */
export function timeLeft(entry: TokenEntry | undefined, now: number): number | null {
  const expiresAt = entry?.view.expiresAt ?? null;
  return entry && expiresAt !== null ? expiresAt - serverTime(entry, now) : null;
}

/** What `derive` makes of the time the token has left, following the clock only while there is a token. */
export function useTimeLeft<T extends string | number | boolean | null>(entry: TokenEntry | undefined, derive: (left: number | null) => T): T {
  return useClock((now) => derive(timeLeft(entry, now)), entry?.view.expiresAt != null);
}

export function urgency(left: number): 'ok' | 'soon' | 'expired' {
  return left <= 0 ? 'expired' : left <= SOON_MS ? 'soon' : 'ok';
}

/**
 * The live countdown. `compact` is the small one in the account list (not a timer landmark: the
 * page has one timer, the selected account's). It re-renders when its text changes, nothing more.
 */
export function Countdown({ entry, compact = false }: { entry: TokenEntry | undefined; compact?: boolean }) {
  const { t } = useI18n();
  // Whole seconds left (what is shown), or null without a token.
  const seconds = useTimeLeft(entry, (left) => (left === null ? null : Math.max(0, Math.ceil(left / 1000))));
  if (seconds === null) return compact ? <span className="countdown countdown--compact countdown--none">{t('token.never')}</span> : null;
  const left = seconds * 1000;
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
