import { useId, useState } from 'react';
import type { AccountView, CopyFormat, TokenView } from '../../../../electron/contract';
import { useClock } from '../../clock';
import { useI18n } from '../../i18n';
import { useSlot, type Slot } from '../../slot';
import { serverTime, type TokenEntry } from '../../state';
import { runCopy, runRefresh, type TokenActions } from './token-actions';
import { Countdown } from '../../ui/Countdown';
import { ErrorNote } from '../../ui/ErrorNote';
import { FlashRegion } from '../../ui/Flash';
import { onDemand } from '../../ui/LazyPanel';
import type { ForceDialogProps } from './force-dialog/ForceDialog';
import { Status } from '../../ui/Status';
import { TokenQuota } from './TokenQuota';
import { tokenStrings } from './strings';

const COPY_FORMATS: CopyFormat[] = ['raw', 'param', 'curl'];

/** Enough of the token to tell two apart, never enough to use it. */
export function maskToken(token: string): string {
  return token.length <= 12 ? '•'.repeat(token.length) : `${token.slice(0, 6)}${'•'.repeat(20)}${token.slice(-4)}`;
}

interface Props {
  account: AccountView;
  entry: TokenEntry | undefined;
  onView(view: TokenView): void;
  /** The account's token actions: shared with the desktop's menu and shortcuts (commands.ts). */
  actions: Slot<TokenActions>;
}

/**
 * Whole seconds left of the 30 s between two forced refreshes, by the main process's clock
 * (cooldownMs was measured when the view was made). Follows the clock only while it runs: the
 * card does not re-render on every tick.
 */
function useCooldownSeconds(entry: TokenEntry | undefined): number {
  const cooldownMs = entry?.view.force.cooldownMs ?? 0;
  const cooling = entry !== undefined && cooldownMs > 0 && Date.now() < entry.receivedAt + cooldownMs;
  return useClock((now) => (entry && cooling ? Math.ceil(Math.max(0, entry.view.serverNow + cooldownMs - serverTime(entry, now)) / 1000) : 0), cooling);
}

/** The question before a forced refresh loads when it is asked. */
const ForceDialog = onDemand<ForceDialogProps>(() => import('./force-dialog/ForceDialog').then((m) => m.ForceDialog));

export function TokenCard({ account, entry, onView, actions }: Props) {
  const { t, time } = useI18n(tokenStrings);
  const id = useId();
  const [revealed, setRevealed] = useState(false);
  const [asking, setAsking] = useState(false);
  const { busy, error: actionError, flash: flashed } = useSlot(actions);
  const flash = flashed ? t(flashed.key) : '';

  const view = entry?.view;
  const stable = account.mode === 'stable';
  const token = view?.token ?? null;
  const refreshing = busy !== null || !!view?.refreshing;
  const cooldown = useCooldownSeconds(entry);
  const forceBlocked = stable && !!view && (view.force.remaining <= 0 || cooldown > 0);

  const run = (kind: 'refresh' | 'force') => runRefresh(actions, account.appId, kind, onView);
  const copy = (format: CopyFormat) => runCopy(actions, account.appId, format);

  const lastError = view?.lastError ?? null;
  // The answer to a click, unless the same error is already shown as the last error.
  const showActionError = actionError && !(lastError && lastError.code === actionError.code);

  return (
    <>
      <section className="card token-card" aria-labelledby={`${id}-heading`}>
        <header className="card__header">
          <h3 id={`${id}-heading`} className="card__title">
            {t('token.heading')}
          </h3>
          <span className="badge">{t(stable ? 'mode.stable' : 'mode.classic')}</span>
          <Status entry={entry} pill />
        </header>

        <div className="token-card__main">
          <div className="token-card__value">
            {token ? (
              <>
                {revealed ? null : <span className="sr-only">{t('token.masked')}</span>}
                <code className={`token${revealed ? ' token--revealed' : ''}`} data-testid="token-value">
                  {revealed ? token : maskToken(token)}
                </code>
                <button type="button" className="btn btn--small btn--ghost" onClick={() => setRevealed((r) => !r)}>
                  {revealed ? t('token.hide') : t('token.show')}
                </button>
              </>
            ) : (
              <p className="token-card__none">
                {t('token.none')} {view?.lastError ? t('token.noneError') : account.autoRefresh ? t('token.noneAuto') : t('token.noneManual')}
              </p>
            )}
          </div>
          {token ? (
            <div className="token-card__timer">
              <span className="label">{t('accounts.countdownLabel')}</span>
              <Countdown entry={entry} />
            </div>
          ) : null}
        </div>

        <dl className="meta">
          <div>
            <dt>{t('token.obtained')}</dt>
            <dd>{view?.obtainedAt ? time(view.obtainedAt) : t('token.never')}</dd>
          </div>
          <div>
            <dt>{t('token.expires')}</dt>
            <dd>{view?.expiresAt ? time(view.expiresAt) : t('token.never')}</dd>
          </div>
          <div>
            <dt>{t('token.nextRefresh')}</dt>
            <dd>{view?.nextRefreshAt ? time(view.nextRefreshAt) : account.autoRefresh ? t('token.never') : t('account.autoOff')}</dd>
          </div>
        </dl>

        <div className="token-card__copy" role="group" aria-label={t('copy.group')}>
          {COPY_FORMATS.map((format) => (
            <button key={format} type="button" className="btn" disabled={!token} onClick={() => void copy(format)}>
              {t(`copy.${format}`)}
            </button>
          ))}
          <FlashRegion message={flash} className="token-card__flash" />
        </div>

        <div className="token-card__actions">
          <button
            type="button"
            className="btn btn--primary"
            disabled={refreshing}
            title={t(stable ? 'refresh.hintStable' : 'refresh.hintClassic')}
            aria-describedby={`${id}-refresh-hint`}
            onClick={() => void run('refresh')}
          >
            {busy === 'refresh' || (view?.refreshing && busy === null) ? t('refresh.busy') : t('refresh.button')}
          </button>
          <button type="button" className="btn btn--danger-outline" disabled={refreshing || forceBlocked} aria-describedby={`${id}-force-quota`} onClick={() => setAsking(true)}>
            {t('force.button')}
          </button>
          <span id={`${id}-force-quota`} className="token-card__quota">
            {stable && view
              ? [t('force.quota', { remaining: view.force.remaining, limit: view.force.limit }), cooldown > 0 ? t('force.cooldown', { seconds: cooldown }) : null]
                  .filter(Boolean)
                  .join(' · ')
              : t('force.classicNote')}
          </span>
        </div>
        <p id={`${id}-refresh-hint`} className="hint">
          {t(stable ? 'refresh.hintStable' : 'refresh.hintClassic')}
        </p>
        <TokenQuota appId={account.appId} />
      </section>

      {showActionError ? <ErrorNote error={actionError} heading={t('error.actionFailed')} role="alert" appId={account.appId} /> : null}
      {lastError ? <ErrorNote error={lastError} heading={t('error.heading')} at={lastError.at} trigger={lastError.trigger} appId={account.appId} /> : null}

      {asking ? (
        <ForceDialog
          force={stable && view ? view.force : null}
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            void run('force');
          }}
        />
      ) : null}
    </>
  );
}
