import { useId, type Ref } from 'react';
import type { AccountView, AppInfo, SettingsView } from '../../../electron/contract';
import { useI18n, type MessageKey } from '../i18n';
import type { TokenEntry } from '../state';
import { AccountList } from '../features/accounts/AccountList';
import { AccountSearch } from '../features/accounts/AccountSearch';
import { DesktopSettings } from '../features/settings/DesktopSettings';
import { EndpointSettings } from '../features/settings/EndpointSettings';
import { TeamSettings } from '../features/settings/TeamSettings';

interface Props {
  info: AppInfo | null;
  settings: SettingsView | null;
  onSettings(s: SettingsView): void;
  accounts: AccountView[];
  /** Those the search box matches, in order. */
  shown: AccountView[];
  query: string;
  onQuery(query: string): void;
  searchRef: Ref<HTMLInputElement>;
  tokens: Record<string, TokenEntry>;
  selected: string | null;
  adding: boolean;
  onSelect(appId: string): void;
  onAdd(): void;
}

const PROTECTION: Record<string, MessageKey> = {
  keychain: 'secrets.keychain',
  obfuscated: 'secrets.obfuscated',
  'file-0600': 'secrets.file-0600',
  unavailable: 'secrets.unavailable',
};

export function Sidebar({ info, settings, onSettings, accounts, shown, query, onQuery, searchRef, tokens, selected, adding, onSelect, onAdd }: Props) {
  const { t } = useI18n();
  const id = useId();
  const protection = info ? PROTECTION[info.secretProtection] : undefined;
  return (
    <nav className="sidebar" aria-labelledby={`${id}-heading`}>
      <div className="sidebar__head">
        <h2 id={`${id}-heading`} className="sidebar__title">
          {t('accounts.heading')}
          <span className="sidebar__count">{accounts.length}</span>
        </h2>
        <button type="button" className="btn btn--primary btn--small" onClick={onAdd}>
          <span aria-hidden="true">+ </span>
          {t('accounts.add')}
        </button>
      </div>
      {accounts.length > 0 ? <AccountSearch id={id} query={query} onQuery={onQuery} onPick={() => shown[0] && onSelect(shown[0].appId)} inputRef={searchRef} shown={shown.length} total={accounts.length} /> : null}
      <AccountList accounts={shown} total={accounts.length} query={query} tokens={tokens} selected={adding ? null : selected} onSelect={onSelect} headingId={`${id}-heading`} />
      {info ? (
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
      ) : null}
    </nav>
  );
}
