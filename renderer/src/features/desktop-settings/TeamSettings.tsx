import { useId, useState, type FormEvent } from 'react';
import type { ErrorView } from '../../../../electron/contract';
import { proposeTeamRedisUrl } from '../../bridge';
import { useI18n } from '../../i18n';
import { asErrorView } from '../../state';
import { ErrorNote } from '../../ui/ErrorNote';
import { TeamStatus, type SettingsProps } from '../settings/HostSettings';
import { desktopSettingsStrings } from './strings';

/**
 * Team mode in the desktop: where the state is shared now, and the Redis URL to share through,
 * applied at the next start. The URL is write-only: the saved one comes back without its password
 * (kept with the secrets), and only a newly typed one is proposed, for the user to confirm in a
 * native dialog.
 */
export function TeamSettings({ info, settings, onSaved }: SettingsProps) {
  const { t } = useI18n(desktopSettingsStrings);
  const id = useId();
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorView | null>(null);
  const [saved, setSaved] = useState(false);

  const save = async (e: FormEvent, value: string) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      // A native dialog in the main process asks before anything is saved.
      onSaved(await proposeTeamRedisUrl(value.trim()));
      setUrl('');
      setSaved(true);
    } catch (err) {
      setError(asErrorView(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <TeamStatus info={info}>
      <form className="team__form" onSubmit={(e) => void save(e, url)} aria-label={t('team.formLabel')}>
        <label htmlFor={`${id}-url`}>{t('team.url')}</label>
        <input id={`${id}-url`} type="text" autoComplete="off" spellCheck={false} placeholder={settings?.teamRedisUrl || 'redis://:PASSWORD@HOST:6379/0'} value={url} onChange={(e) => setUrl(e.target.value)} aria-describedby={`${id}-help`} />
        <p id={`${id}-help`} className="desktop-settings__help">
          {t('team.help')}
        </p>
        <div className="team__actions">
          <button type="submit" className="btn btn--small" disabled={busy || url.trim() === ''}>
            {t('team.save')}
          </button>
          {settings?.teamRedisUrl ? (
            <button type="button" className="btn btn--small" disabled={busy} onClick={(e) => void save(e, '')}>
              {t('team.leave')}
            </button>
          ) : null}
        </div>
        {saved ? <p role="status">{t('team.saved')}</p> : null}
        {error ? <ErrorNote error={error} heading={t('team.failed')} role="alert" /> : null}
      </form>
    </TeamStatus>
  );
}
