import { useEffect, useId, useState } from 'react';
import type { ErrorView } from '../../../../electron/contract';
import { api } from '../../bridge';
import { useI18n } from '../../i18n';
import { asErrorView } from '../../state';
import { ErrorNote } from '../../ui/ErrorNote';
import type { SettingsProps } from '../settings/HostSettings';
import { desktopSettingsStrings, type DesktopSettingsKey } from './strings';

type Toggle = 'notifications' | 'startAtLogin';

const TOGGLES: { key: Toggle; label: DesktopSettingsKey; help?: DesktopSettingsKey }[] = [
  { key: 'notifications', label: 'desktop.notifications', help: 'desktop.notificationsHelp' },
  { key: 'startAtLogin', label: 'desktop.startAtLogin' },
];

/** The desktop app's own settings: notifications of errors to fix, and starting at login. */
export function DesktopSettings({ settings, onSaved }: Omit<SettingsProps, 'info'>) {
  const { t } = useI18n(desktopSettingsStrings);
  const id = useId();
  const [error, setError] = useState<ErrorView | null>(null);
  const [busy, setBusy] = useState<Toggle | null>(null);
  // A box moves at once; the saved setting follows (or the box moves back on failure).
  const [picked, setPicked] = useState<Partial<Record<Toggle, boolean>>>({});
  useEffect(() => setPicked({}), [settings]);

  const save = async (key: Toggle, value: boolean) => {
    setBusy(key);
    setError(null);
    setPicked((p) => ({ ...p, [key]: value }));
    try {
      onSaved(await api.saveSettings({ [key]: value }));
    } catch (e) {
      setError(asErrorView(e));
      setPicked((p) => {
        const { [key]: _dropped, ...rest } = p;
        return rest;
      });
    } finally {
      setBusy(null);
    }
  };

  return (
    <fieldset className="endpoint desktop-settings">
      <legend>{t('desktop.legend')}</legend>
      {TOGGLES.map(({ key, label, help }) => (
        <div key={key} className="desktop-settings__item">
          <div className="form__check">
            <input
              id={`${id}-${key}`}
              type="checkbox"
              checked={picked[key] ?? settings?.[key] ?? false}
              disabled={busy !== null || !settings}
              aria-describedby={help ? `${id}-${key}-help` : undefined}
              onChange={(e) => void save(key, e.target.checked)}
            />
            <label htmlFor={`${id}-${key}`}>{t(label)}</label>
          </div>
          {help ? (
            <p id={`${id}-${key}-help`} className="desktop-settings__help">
              {t(help)}
            </p>
          ) : null}
        </div>
      ))}
      {error ? <ErrorNote error={error} heading={t('desktop.failed')} role="alert" /> : null}
    </fieldset>
  );
}
