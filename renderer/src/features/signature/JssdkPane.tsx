import { useId, useState } from 'react';
import type { AccountView, ErrorView, JssdkSignInput, JssdkView } from '../../../../electron/contract';
import { api } from '../../bridge';
import { useI18n } from '../../i18n';
import { optional, useLive, type JssdkFields, type WxConfigState } from './lab';
import type { Update } from '../../slot';
import { asErrorView } from '../../state';
import { ErrorNote } from '../../ui/ErrorNote';
import { FlashRegion, useFlash } from '../../ui/Flash';
import { JssdkSteps } from './JssdkSteps';
import { LabField } from '../../ui/tools/LabField';
import { LabResult } from './LabResult';
import { WxConfigCard } from './WxConfigCard';
import { signatureStrings } from './strings';

interface Props {
  account: AccountView;
  fields: JssdkFields;
  onChange(patch: Partial<JssdkFields>): void;
  wxConfig: WxConfigState;
  onWxConfig(update: Update<WxConfigState>): void;
}

const sign = (input: JssdkSignInput) => api.signJssdk(input);

/** wx.config's signature over jsapi_ticket, noncestr, timestamp and the page URL; and a ready snippet. */
export function JssdkPane({ account, fields, onChange, wxConfig, onWxConfig }: Props) {
  const { t, time } = useI18n(signatureStrings);
  const id = useId();
  const [fetching, setFetching] = useState(false);
  const [ticketError, setTicketError] = useState<ErrorView | null>(null);
  const [flash, setFlash] = useFlash(8000);
  const { ticket, noncestr, timestamp, url, signature } = fields;
  const input: JssdkSignInput | null =
    ticket !== '' && noncestr !== '' && timestamp !== '' && url !== '' ? { ticket, noncestr, timestamp, url, signature: optional(signature) } : null;
  const live = useLive<JssdkSignInput, JssdkView>(input, sign);

  const fillCachedTicket = async () => {
    setFetching(true);
    setTicketError(null);
    try {
      const view = await api.ticket(account.appId, 'jsapi');
      onChange({ ticket: view.ticket });
      setFlash(t('sig.ticketFilled', { time: time(view.expiresAt) }));
    } catch (e) {
      setTicketError(asErrorView(e));
    } finally {
      setFetching(false);
    }
  };

  const ticketButton = (
    <button type="button" className="btn" disabled={fetching} onClick={() => void fillCachedTicket()}>
      {fetching ? t('sig.ticketBusy') : t('sig.useTicket')}
    </button>
  );

  return (
    <>
      <section className="card" aria-label={t('sig.inputs')}>
        <p className="muted lab__intro">{t('sig.jssdkIntro')}</p>
        <div className="form__grid">
          <LabField id={`${id}-ticket`} label={t('sig.ticket')} help={t('sig.ticketHelp')} wide value={ticket} onChange={(v) => onChange({ ticket: v })} action={ticketButton} />
          <LabField id={`${id}-noncestr`} label={t('sig.noncestr')} value={noncestr} onChange={(v) => onChange({ noncestr: v })} />
          <LabField id={`${id}-timestamp`} label={t('sig.timestamp')} help={t('sig.timestampHelp')} value={timestamp} onChange={(v) => onChange({ timestamp: v })} />
          <LabField id={`${id}-url`} label={t('sig.url')} help={t('sig.urlHelp')} value={url} onChange={(v) => onChange({ url: v })} />
          <LabField id={`${id}-signature`} label={t('sig.signatureToCheck')} optional value={signature} onChange={(v) => onChange({ signature: v })} />
        </div>
        <FlashRegion message={flash} className="lab__note" />
        {ticketError ? <ErrorNote error={ticketError} heading={t('sig.ticketFailed')} role="alert" /> : null}
      </section>
      <LabResult<JssdkView> title={t('sig.result')} live={live} prompt={t('sig.promptJssdk')}>
        {(view, onFlash, rid) => <JssdkSteps view={view} onFlash={onFlash} idBase={rid} />}
      </LabResult>
      <WxConfigCard appId={account.appId} url={url} noncestr={noncestr} timestamp={timestamp} state={wxConfig} onState={onWxConfig} />
    </>
  );
}
