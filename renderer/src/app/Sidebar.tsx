import { useId, type Ref } from 'react';
import type { AccountView, AppInfo, SettingsView } from '../../../electron/contract';
import { useI18n } from '../i18n';
import type { TokenEntry } from '../state';
import { AccountList } from '../features/accounts/AccountList';
import { AccountSearch } from '../features/accounts/AccountSearch';
import { SettingsFooter } from '../features/settings/SettingsFooter';
import { appStrings } from './strings';

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

export function Sidebar({ info, settings, onSettings, accounts, shown, query, onQuery, searchRef, tokens, selected, adding, onSelect, onAdd }: Props) {
  const { t } = useI18n(appStrings);
  const id = useId();
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
      {info ? <SettingsFooter info={info} settings={settings} onSettings={onSettings} /> : null}
    </nav>
  );
}
