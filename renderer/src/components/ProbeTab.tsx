import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { AccountView, ErrorView, ProbeInput, ProbeMode, ProbeReport } from '../../../electron/api';
import { api } from '../bridge';
import { useI18n, type MessageKey } from '../i18n';
import { newRunId } from '../probe';
import { asErrorView } from '../state';
import { ErrorNote } from './ErrorNote';
import { LabField } from './LabField';
import { ProbeResults } from './ProbeResults';

const MODES: { mode: ProbeMode; title: MessageKey; why: MessageKey }[] = [
  { mode: 'plain', title: 'probe.modePlain', why: 'probe.modePlainWhy' },
  { mode: 'safe', title: 'probe.modeSafe', why: 'probe.modeSafeWhy' },
  { mode: 'compatible', title: 'probe.modeCompatible', why: 'probe.modeCompatibleWhy' },
];

const DEFAULT_MESSAGE = 'Hello from WxDesk';

/**
 * The probe: WxDesk plays WeChat against the developer's callback server. Token, key and AppID come
 * from the account, the URL from the last probe of it; the checks appear as they end.
 */
export function ProbeTab({ account }: { account: AccountView }) {
  const { t } = useI18n();
  const id = useId();
  const [url, setUrl] = useState(account.callbackUrl ?? '');
  const [token, setToken] = useState(account.serverToken);
  const [aesKey, setAesKey] = useState(account.aesKey);
  const [appId, setAppId] = useState(account.appId);
  const [mode, setMode] = useState<ProbeMode>(account.aesKey ? 'safe' : 'plain');
  const [message, setMessage] = useState(DEFAULT_MESSAGE);
  const [report, setReport] = useState<ProbeReport | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<ErrorView | null>(null);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  // The URL remembered by another window (or the CLI) shows up here while the field is still empty.
  useEffect(() => {
    if (account.callbackUrl) setUrl((u) => (u === '' ? account.callbackUrl! : u));
  }, [account.callbackUrl]);

  const run = async (e: FormEvent) => {
    e.preventDefault();
    if (running) return;
    const runId = newRunId();
    setRunning(true);
    setError(null);
    setReport(null);
    // Progress comes as events of this run; an older step never replaces a newer one.
    const off = api.onChange((ev) => {
      if (ev.type !== 'probe' || ev.report.runId !== runId || !alive.current) return;
      setReport((prev) => (prev && (prev.done || prev.checks.length > ev.report.checks.length) ? prev : ev.report));
    });
    const input: ProbeInput = { url, serverToken: token, mode, message, account: account.appId, runId };
    if (mode !== 'plain') Object.assign(input, { aesKey, appId });
    try {
      const done = await api.probe(input);
      if (alive.current) setReport(done);
    } catch (err) {
      if (alive.current) {
        setReport(null);
        setError(asErrorView(err));
      }
    } finally {
      off();
      if (alive.current) setRunning(false);
    }
  };

  return (
    <>
      <form className="card" aria-label={t('probe.settings')} onSubmit={(e) => void run(e)} noValidate>
        <header className="card__header">
          <h3 className="card__title">{t('probe.heading')}</h3>
        </header>
        <p className="muted lab__intro">{t('probe.intro')}</p>
        <div className="form__grid">
          <LabField id={`${id}-url`} label={t('probe.url')} value={url} onChange={setUrl} wide help={t('probe.urlHelp')} />
          <LabField id={`${id}-token`} label={t('sig.token')} value={token} onChange={setToken} />
          <LabField id={`${id}-message`} label={t('probe.message')} value={message} onChange={setMessage} />
        </div>
        <fieldset className="form__modes form__modes--three">
          <legend>{t('probe.mode')}</legend>
          {MODES.map((m) => (
            <label key={m.mode} className={`choice${mode === m.mode ? ' choice--on' : ''}`}>
              <input type="radio" name={`${id}-mode`} value={m.mode} checked={mode === m.mode} onChange={() => setMode(m.mode)} aria-describedby={`${id}-mode-${m.mode}-why`} />
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
            <LabField id={`${id}-aes`} label={t('sig.aesKey')} value={aesKey} onChange={setAesKey} />
            <LabField id={`${id}-appid`} label={t('sig.appId')} value={appId} onChange={setAppId} />
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
