import { useEffect, useId, useState } from 'react';
import type { SettingsView } from '../../../../electron/contract';
import { api } from '../../bridge';
import { useI18n } from '../../i18n';
import { asErrorView } from '../../state';
import { ErrorNote } from '../../ui/ErrorNote';
import { endpointUrl, type SettingsProps } from '../settings/HostSettings';
import { desktopSettingsStrings } from './strings';

/**
 * The WeChat-compatible token endpoint, as the desktop app runs it: when switched on here, on the
 * port chosen here. (`wxdesk serve` always runs it: the browser's page shows its URL, EndpointUrl.)
 */
export function EndpointSettings({ info, settings, onSaved }: SettingsProps) {
  const { t } = useI18n(desktopSettingsStrings);
  const id = useId();
  const [port, setPort] = useState(String(settings?.endpointPort ?? 7300));
  const [error, setError] = useState<ReturnType<typeof asErrorView> | null>(null);
  const [busy, setBusy] = useState(false);
  // The switch moves at once; the saved setting follows (or the switch moves back on failure).
  const [enabled, setEnabled] = useState(settings?.endpointEnabled ?? false);
  useEffect(() => setPort(String(settings?.endpointPort ?? 7300)), [settings?.endpointPort]);
  useEffect(() => setEnabled(settings?.endpointEnabled ?? false), [settings?.endpointEnabled]);

  const url = endpointUrl(info);

  const save = async (patch: Partial<SettingsView>) => {
    setBusy(true);
    setError(null);
    try {
      onSaved(await api.saveSettings(patch));
    } catch (e) {
      setError(asErrorView(e));
      setEnabled(settings?.endpointEnabled ?? false);
    } finally {
      setBusy(false);
    }
  };
  const portNumber = Number(port);
  const portValid = Number.isInteger(portNumber) && portNumber >= 1 && portNumber <= 65535;

  return (
    <fieldset className="endpoint">
      <legend>{t('endpoint.legend')}</legend>
      <div className="form__check">
        <input
          id={`${id}-on`}
          type="checkbox"
          checked={enabled}
          disabled={busy || !settings}
          onChange={(e) => {
            setEnabled(e.target.checked);
            void save({ endpointEnabled: e.target.checked, ...(portValid ? { endpointPort: portNumber } : {}) });
          }}
        />
        <label htmlFor={`${id}-on`}>{t('endpoint.enable')}</label>
      </div>
      <div className="endpoint__port">
        <label htmlFor={`${id}-port`}>{t('endpoint.port')}</label>
        <input id={`${id}-port`} inputMode="numeric" value={port} aria-invalid={!portValid} onChange={(e) => setPort(e.target.value.trim())} />
        <button type="button" className="btn btn--small" disabled={busy || !portValid || portNumber === settings?.endpointPort} onClick={() => void save({ endpointPort: portNumber })}>
          {t('endpoint.apply')}
        </button>
      </div>
      {!portValid ? <p className="warn">{t('endpoint.badPort')}</p> : null}
      {url ? (
        <p>
          <code className="path" title={url}>
            {url}
          </code>
        </p>
      ) : null}
      {error ? <ErrorNote error={error} heading={t('endpoint.failed')} role="alert" /> : null}
    </fieldset>
  );
}
