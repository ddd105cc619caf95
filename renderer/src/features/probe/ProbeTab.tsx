import { useId, type FormEvent } from 'react';
import type { ProbeMode } from '../../../../electron/contract';
import { useI18n } from '../../i18n';
import type { AccountTabProps } from '../../app/memory';
import { probeSlot, useProbeRun } from './probe-run';
import { ErrorNote } from '../../ui/ErrorNote';
import { LabField } from '../../ui/tools/LabField';
import { ProbeResults } from './ProbeResults';
import { probeStrings, type ProbeKey } from './strings';
import { toolsStrings } from '../../ui/tools/strings';

const MODES: { mode: ProbeMode; title: ProbeKey; why: ProbeKey }[] = [
  { mode: 'plain', title: 'probe.modePlain', why: 'probe.modePlainWhy' },
  { mode: 'safe', title: 'probe.modeSafe', why: 'probe.modeSafeWhy' },
  { mode: 'compatible', title: 'probe.modeCompatible', why: 'probe.modeCompatibleWhy' },
];

/**
 * The probe: WxDesk plays WeChat against the developer's callback server; the checks appear as they
 * end. The values and the run live in the account's memory (useProbeRun), so they outlast this tab.
 */
export function ProbeTab({ account, memory }: AccountTabProps) {
  const { t } = useI18n(probeStrings, toolsStrings);
  const probe = useProbeRun(account, probeSlot(memory, account));
  const id = useId();
  const { fields, setField, report, running, error } = probe;
  const { url, serverToken: token, aesKey, appId, mode, message } = fields;

  const run = (e: FormEvent) => {
    e.preventDefault();
    probe.start();
  };

  return (
    <>
      <form className="card" aria-label={t('probe.settings')} onSubmit={run} noValidate>
        <header className="card__header">
          <h3 className="card__title">{t('probe.heading')}</h3>
        </header>
        <p className="muted lab__intro">{t('probe.intro')}</p>
        <div className="form__grid">
          <LabField id={`${id}-url`} label={t('probe.url')} value={url} onChange={(v) => setField('url', v)} wide help={t('probe.urlHelp')} />
          <LabField id={`${id}-token`} label={t('sig.token')} value={token} onChange={(v) => setField('serverToken', v)} />
          <LabField id={`${id}-message`} label={t('probe.message')} value={message} onChange={(v) => setField('message', v)} />
        </div>
        <fieldset className="form__modes form__modes--three">
          <legend>{t('probe.mode')}</legend>
          {MODES.map((m) => (
            <label key={m.mode} className={`choice${mode === m.mode ? ' choice--on' : ''}`}>
              <input type="radio" name={`${id}-mode`} value={m.mode} checked={mode === m.mode} onChange={() => setField('mode', m.mode)} aria-describedby={`${id}-mode-${m.mode}-why`} />
              <span className="choice__text">
                <span className="choice__title">{t(m.title)}</span>
                <span id={`${id}-mode-${m.mode}-why`} className="choice__why">
                  {t(m.why)}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
        {mode !== 'plain' ? (
          <div className="form__grid probe__crypto">
            <LabField id={`${id}-aes`} label={t('sig.aesKey')} value={aesKey} onChange={(v) => setField('aesKey', v)} />
            <LabField id={`${id}-appid`} label={t('sig.appId')} value={appId} onChange={(v) => setField('appId', v)} />
          </div>
        ) : null}
        <div className="probe__actions">
          <button type="submit" className="btn btn--primary" disabled={running}>
            {running ? t('probe.running') : t('probe.run')}
          </button>
          <span className="muted">{t('probe.only')}</span>
        </div>
        {error ? <ErrorNote error={error} heading={t('probe.refused')} role="alert" /> : null}
      </form>
      {report ? <ProbeResults report={report} /> : null}
    </>
  );
}
