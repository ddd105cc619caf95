import { useId } from 'react';
import type { AccountView, HistoryView, TokenView } from '../../../../electron/contract';
import { useI18n } from '../../i18n';
import type { Slot } from '../../slot';
import type { TokenEntry } from '../../state';
import { HistoryTable } from './HistoryTable';
import { tokenStrings } from './strings';
import type { TokenActions } from './token-actions';
import { TokenCard } from './TokenCard';

interface Props {
  account: AccountView;
  entry: TokenEntry | undefined;
  onView(view: TokenView): void;
  actions: Slot<TokenActions>;
  /** The refresh history, kept by the account panel (null until fetched). */
  history: HistoryView[] | null;
}

/** The Token tab: the token card, then the refresh history. */
export function TokenTab({ account, entry, onView, actions, history }: Props) {
  const { t } = useI18n(tokenStrings);
  const id = useId();

  return (
    <>
      <TokenCard key={account.appId} account={account} entry={entry} onView={onView} actions={actions} />
      <section className="card" aria-labelledby={`${id}-history`}>
        <header className="card__header">
          <h3 id={`${id}-history`} className="card__title">
            {t('history.heading')}
          </h3>
        </header>
        <HistoryTable rows={history} headingId={`${id}-history`} appId={account.appId} />
      </section>
    </>
  );
}
