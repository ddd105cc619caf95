import type { AppInfo, SettingsView } from '../../../../electron/contract';
import { inDesktop } from '../../bridge';
import { useI18n } from '../../i18n';
import { LazyPanel, loadable } from '../../ui/LazyPanel';
import { EndpointUrl, TeamStatus, type SettingsProps } from './HostSettings';
import { settingsStrings, type SettingsKey } from './strings';

interface Props {
  info: AppInfo;
  settings: SettingsView | null;
  onSettings(s: SettingsView): void;
}

const PROTECTION: Record<string, SettingsKey> = {
  keychain: 'secrets.keychain',
  obfuscated: 'secrets.obfuscated',
  'file-0600': 'secrets.file-0600',
  unavailable: 'secrets.unavailable',
};

/** The desktop app's settings: its own code, loaded in the desktop only (asked for at once there). */
const desktopFooter = loadable<SettingsProps>(() => import('../desktop-settings/DesktopFooter').then((m) => m.DesktopFooter));
if (inDesktop) desktopFooter.preload();

/** The sidebar's foot: how AppSecrets are kept, the token endpoint, the desktop and team settings, where the data is. */
export function SettingsFooter({ info, settings, onSettings }: Props) {
  const { t } = useI18n(settingsStrings);
  const protection = PROTECTION[info.secretProtection];
  return (
    <footer className="sidebar__foot">
      <p className={info.secretProtection === 'obfuscated' || info.secretProtection === 'unavailable' ? 'warn' : undefined}>
        {protection ? t(protection) : t('secrets.other', { value: info.secretProtection })}
      </p>
      {info.host === 'electron' ? (
        <LazyPanel of={desktopFooter} loading={t('footer.desktopLoading')} failed={t('footer.desktopFailed')} props={{ info, settings, onSaved: onSettings }} compact />
      ) : (
        <>
          <EndpointUrl info={info} />
          <TeamStatus info={info} />
        </>
      )}
      <p>
        <span className="muted">{t('footer.dataDir')}</span>
        <code className="path" title={info.dataDir}>
          {info.dataDir}
        </code>
      </p>
      <p className="muted">{t('footer.version', { version: info.version })}</p>
    </footer>
  );
}
