import { useId, useState } from 'react';
import type { ErrorView, WxConfigInput } from '../../../electron/api';
import { api } from '../bridge';
import { useI18n } from '../i18n';
import { optional } from '../lab';
import { asErrorView } from '../state';
import { CopyButton } from './CopyButton';
import { ErrorNote } from './ErrorNote';
import { FlashRegion, useFlash } from './Flash';

interface Props {
  appId: string;
  url: string;
  noncestr: string;
  timestamp: string;
}

/** A ready-to-paste wx.config({...}) for the URL above, signed with the account's cached jsapi_ticket. */
export function WxConfigCard({ appId, url, noncestr, timestamp }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [snippet, setSnippet] = useState<string | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);
  const [flash, setFlash] = useFlash();

  const make = async () => {
    setBusy(true);
    setError(null);
    try {
      const input: WxConfigInput = { appId, url, noncestr: optional(noncestr), timestamp: optional(timestamp) };
      setSnippet((await api.wxConfig(input)).snippet);
    } catch (e) {
      setSnippet(null);
      setError(asErrorView(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <header className="card__header">
        <h3 id={`${id}-title`} className="card__title">
          {t('sig.wxConfigTitle')}
        </h3>
        <FlashRegion message={flash} className="lab-result__flash" />
      </header>
      <p id={`${id}-help`} className="muted lab__intro">
        {t('sig.wxConfigHelp')}
      </p>
      <div className="lab__actions">
        <button type="button" className="btn btn--primary" disabled={busy || url === ''} aria-describedby={`${id}-help`} onClick={() => void make()}>
          {busy ? t('sig.wxConfigBusy') : t('sig.wxConfig')}
        </button>
        {snippet ? <CopyButton text={snippet} what={t('sig.snippet')} onFlash={setFlash} /> : null}
      </div>
      {error ? <ErrorNote error={error} heading={t('sig.wxConfigFailed')} role="alert" /> : null}
      {snippet ? (
        <pre className="snippet" aria-label={t('sig.wxConfig')} tabIndex={0}>
          {snippet}
        </pre>
      ) : null}
    </section>
  );
}
