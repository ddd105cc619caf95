import type { AppInfo, SettingsView } from '../../../../electron/contract';
import { useI18n } from '../../i18n';
import { DesktopSettings } from './DesktopSettings';
import { EndpointSettings } from './EndpointSettings';
import { settingsStrings, type SettingsKey } from './strings';
import { TeamSettings } from './TeamSettings';

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

/** The sidebar's foot: how AppSecrets are kept, the token endpoint, the desktop and team settings, where the data is. */
export function SettingsFooter({ info, settings, onSettings }: Props) {
  const { t } = useI18n(settingsStrings);
  const protection = PROTECTION[info.secretProtection];
  return (
    <footer className="sidebar__foot">
      <p className={info.secretProtection === 'obfuscated' || info.secretProtection === 'unavailable' ? 'warn' : undefined}>
        {protection ? t(protection) : t('secrets.other', { value: info.secretProtection })}
      </p>
      <EndpointSettings info={info} settings={settings} onSaved={onSettings} />
      <DesktopSettings info={info} settings={settings} onSaved={onSettings} />
      <TeamSettings info={info} settings={settings} onSaved={onSettings} />
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
