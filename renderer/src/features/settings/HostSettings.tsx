import type { ReactNode } from 'react';
import type { AppInfo, SettingsView } from '../../../../electron/contract';
import { useI18n } from '../../i18n';
import { settingsStrings } from './strings';

export interface SettingsProps {
  info: AppInfo;
  settings: SettingsView | null;
  onSaved(s: SettingsView): void;
}

/** Where `wxdesk serve` answers WeChat's token API (the browser's page: it always runs, nothing to set). */
export function EndpointUrl({ info }: { info: AppInfo }) {
  const { t } = useI18n(settingsStrings);
  const url = endpointUrl(info);
  return url ? (
    <p>
      <span className="muted">{t('endpoint.url')}</span>
      <code className="path" title={url}>
        {url}
      </code>
    </p>
  ) : null;
}

/** The token endpoint's URL, when it runs. */
export const endpointUrl = (info: AppInfo): string | null => (info.endpointUrl ? `${info.endpointUrl}/cgi-bin/token` : null);

/** Team mode: where the state is shared now (both hosts); the desktop adds its form below (children). */
export function TeamStatus({ info, children }: { info: AppInfo; children?: ReactNode }) {
  const { t } = useI18n(settingsStrings);
  const status = info.team ? t(info.team.online ? 'team.on' : 'team.onDown', { server: info.team.server }) : t('team.off');
  return (
    <div className="team">
      <p>
        <span className="muted">{t('team.label')}: </span>
        <span>{status}</span>
      </p>
      {children}
    </div>
  );
}
