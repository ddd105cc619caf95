import { useState } from 'react';
import type { ErrorView, QuotaView } from '../../../../electron/contract';
import { api } from '../../bridge';
import { useI18n } from '../../i18n';
import { asErrorView } from '../../state';
import { ErrorNote } from '../../ui/ErrorNote';
import { tokenStrings } from './strings';

/** The token API's daily quota (token or stable_token, by the account's mode), on demand. */
export function TokenQuota({ appId }: { appId: string }) {
  const { t } = useI18n(tokenStrings);
  const [busy, setBusy] = useState(false);
  const [quota, setQuota] = useState<QuotaView | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);

  const check = async () => {
    setBusy(true);
    setError(null);
    try {
      setQuota(await api.quota(appId));
    } catch (e) {
      setQuota(null);
      setError(asErrorView(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div className="token-card__api-quota">
        <button type="button" className="btn btn--small" disabled={busy} onClick={() => void check()}>
          {busy ? t('quota.checking') : t('quota.check')}
        </button>
        <span role="status" className="token-card__quota">
          {quota ? t('quota.token', { used: quota.used, limit: quota.dailyLimit, remain: quota.remain }) : ''}
        </span>
      </div>
      {error ? <ErrorNote error={error} heading={t('quota.tokenFailed')} role="alert" appId={appId} /> : null}
    </>
  );
}
