import type { AccountView } from '../../../../electron/contract';
import { useI18n } from '../../i18n';
import type { TokenEntry } from '../../state';
import { Countdown } from '../../ui/Countdown';
import { Status } from '../../ui/Status';
import { accountsStrings } from './strings';

interface Props {
  /** The accounts shown: those the search box matches. */
  accounts: AccountView[];
  /** How many there are in all. */
  total: number;
  /** The search box's text ('' when not searching). */
  query: string;
  tokens: Record<string, TokenEntry>;
  selected: string | null;
  onSelect(appId: string): void;
  headingId: string;
}

function AccountItem({ account, entry, selected, onSelect }: { account: AccountView; entry: TokenEntry | undefined; selected: boolean; onSelect(): void }) {
  return (
    <li>
      <button type="button" className={`account${selected ? ' account--selected' : ''}`} aria-current={selected ? 'true' : undefined} onClick={onSelect}>
        <span className="account__top">
          <span className="account__label">{account.label}</span>
          <Countdown entry={entry} compact />
        </span>
        <span className="account__bottom">
          <code className="account__appid">{account.appId}</code>
          <Status entry={entry} />
        </span>
      </button>
    </li>
  );
}

export function AccountList({ accounts, total, query, tokens, selected, onSelect, headingId }: Props) {
  const { t } = useI18n(accountsStrings);
  if (total > 0 && accounts.length === 0) {
    return (
      <div className="accounts-empty">
        <p>{t('find.none', { query: query.trim() })}</p>
      </div>
    );
  }
  if (accounts.length === 0) {
    return (
      <div className="accounts-empty">
        <p>{t('accounts.empty')}</p>
        <p className="muted">{t('accounts.emptyHint')}</p>
      </div>
    );
  }
  return (
    <ul className="accounts" aria-labelledby={headingId}>
      {accounts.map((a) => (
        <AccountItem key={a.appId} account={a} entry={tokens[a.appId]} selected={a.appId === selected} onSelect={() => onSelect(a.appId)} />
      ))}
    </ul>
  );
}
