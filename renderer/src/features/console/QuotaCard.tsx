import { useId, useState, type FormEvent } from 'react';
import type { AccountView, ClearQuotaView, ErrorView, QuotaView } from '../../../../electron/contract';
import { api } from '../../bridge';
import { useI18n } from '../../i18n';
import { asErrorView } from '../../state';
import { ConfirmDialog } from '../../ui/dialog/ConfirmDialog';
import { ErrorNote } from '../../ui/ErrorNote';
import { LabField } from '../../ui/tools/LabField';
import { consoleStrings, type ConsoleKey } from './strings';

/** The token API of the account's mode: what its quota is usually checked for. */
export const tokenPath = (account: AccountView) => (account.mode === 'stable' ? '/cgi-bin/stable_token' : '/cgi-bin/token');

/** One API's daily quota (openapi/quota/get), and the reset of them all (clear_quota, asked first). */
export function QuotaCard({ account }: { account: AccountView }) {
  const { t, time } = useI18n(consoleStrings);
  const id = useId();
  const appId = account.appId;
  const [path, setPath] = useState(() => tokenPath(account));
  const [busy, setBusy] = useState<'check' | 'reset' | null>(null);
  const [quota, setQuota] = useState<QuotaView | null>(null);
  const [failure, setFailure] = useState<{ error: ErrorView; heading: ConsoleKey } | null>(null);
  const [asking, setAsking] = useState(false);
  const [cleared, setCleared] = useState<ClearQuotaView | null>(null);

  const check = async (cgiPath: string) => {
    setBusy('check');
    setFailure(null);
    try {
      setQuota(await api.quota(appId, cgiPath.trim() || undefined));
    } catch (e) {
      setQuota(null);
      setFailure({ error: asErrorView(e), heading: 'quota.failed' });
    } finally {
      setBusy(null);
    }
  };

  const reset = async () => {
    setBusy('reset');
    setFailure(null);
    setCleared(null);
    let done = false;
    try {
      setCleared(await api.clearQuota(appId));
      done = true;
    } catch (e) {
      setFailure({ error: asErrorView(e), heading: 'quota.resetFailed' });
    } finally {
      setBusy(null);
    }
    // The numbers shown are now out of date: fetch them again.
    if (done && quota) await check(quota.cgiPath);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy === null) void check(path);
  };

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <header className="card__header">
        <h3 id={`${id}-title`} className="card__title">
          {t('quota.heading')}
        </h3>
      </header>
      <p className="muted lab__intro">{t('quota.intro')}</p>
      <form className="console-quota__form" onSubmit={submit} noValidate>
        <LabField id={`${id}-path`} label={t('quota.path')} value={path} onChange={setPath} />
        <div className="console-quota__actions">
          <button type="submit" className="btn btn--primary" disabled={busy !== null}>
            {busy === 'check' ? t('quota.checking') : t('quota.check')}
          </button>
          <button type="button" className="btn btn--danger-outline" disabled={busy !== null} onClick={() => setAsking(true)}>
            {busy === 'reset' ? t('quota.resetting') : t('quota.reset')}
          </button>
        </div>
      </form>

      {quota ? (
        <div className="console-quota__result" role="status">
          <dl className="console-facts">
            <div>
              <dt>{t('quota.limit')}</dt>
              <dd>{quota.dailyLimit}</dd>
            </div>
            <div>
              <dt>{t('quota.used')}</dt>
              <dd>{quota.used}</dd>
            </div>
            <div>
              <dt>{t('quota.remain')}</dt>
              <dd>{quota.remain}</dd>
            </div>
          </dl>
          <p className="hint">
            <code>{quota.cgiPath}</code> · {t('quota.at', { time: time(quota.at) })}
          </p>
        </div>
      ) : null}
      {cleared ? (
        <p className="lab__note" role="status">
          {t('quota.resetDone', { time: time(cleared.at) })}
        </p>
      ) : null}
      {failure ? <ErrorNote error={failure.error} heading={t(failure.heading)} role="alert" appId={appId} /> : null}

      {asking ? (
        <ConfirmDialog
          title={t('quota.resetTitle', { label: account.label })}
          confirmLabel={t('quota.resetConfirm')}
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            void reset();
          }}
        >
          <p>{t('quota.resetBody')}</p>
          <p>{t('quota.resetLimit')}</p>
          <p>{t('quota.resetSecret')}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
