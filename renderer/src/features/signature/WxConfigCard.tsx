import { useId } from 'react';
import type { WxConfigInput } from '../../../../electron/contract';
import { api } from '../../bridge';
import { useI18n } from '../../i18n';
import { holds, optional, type WxConfigBasis, type WxConfigState } from './lab';
import type { Update } from '../../slot';
import { asErrorView } from '../../state';
import { CopyButton } from '../../ui/tools/CopyButton';
import { ErrorNote } from '../../ui/ErrorNote';
import { FlashRegion, useFlash } from '../../ui/Flash';
import { signatureStrings } from './strings';

interface Props extends WxConfigBasis {
  /** Kept with the account's lab: the snippet outlasts a look at another tab or account. */
  state: WxConfigState;
  onState(update: Update<WxConfigState>): void;
}

/** A ready-to-paste wx.config({...}) for the URL above, signed with the account's cached jsapi_ticket. */
export function WxConfigCard({ appId, url, noncestr, timestamp, state, onState }: Props) {
  const { t } = useI18n(signatureStrings);
  const id = useId();
  const [flash, setFlash] = useFlash();
  const { busy } = state;
  // The snippet (or the refusal) is shown while the URL, noncestr and timestamp are still the ones it was made for.
  const current = holds(state.basis, { appId, url, noncestr, timestamp });
  const snippet = current ? state.snippet : null;
  const error = current ? state.error : null;

  const make = async () => {
    if (busy) return;
    const basis: WxConfigBasis = { appId, url, noncestr, timestamp };
    onState((s) => ({ ...s, busy: true, error: null }));
    try {
      const input: WxConfigInput = { appId, url, noncestr: optional(noncestr), timestamp: optional(timestamp) };
      const made = (await api.wxConfig(input)).snippet;
      onState((s) => ({ ...s, snippet: made, error: null, basis }));
    } catch (e) {
      onState((s) => ({ ...s, snippet: null, error: asErrorView(e), basis }));
    } finally {
      onState((s) => ({ ...s, busy: false }));
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
