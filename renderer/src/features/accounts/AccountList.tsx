import { useCallback, useLayoutEffect, useRef, useState, type FocusEvent } from 'react';
import type { AccountView } from '../../../../electron/contract';
import { useI18n } from '../../i18n';
import type { TokenEntry } from '../../state';
import { Countdown } from '../../ui/Countdown';
import { Status } from '../../ui/Status';
import { accountsStrings } from './strings';
import { rowsToRender, windowOf, type Window } from './window';

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

/** One row; its countdown and status follow the page's clock only while the row is rendered. */
function AccountItem(props: { account: AccountView; entry: TokenEntry | undefined; selected: boolean; onSelect(): void; index: number; count: number }) {
  const { account, entry, selected, onSelect, index, count } = props;
  return (
    <li data-index={index} aria-setsize={count} aria-posinset={index + 1}>
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

/** Room for the rows not rendered, so that the list scrolls as if they were there. */
const Gap = ({ height }: { height: number }) => <li className="accounts__gap" role="none" aria-hidden="true" style={{ height }} />;

/**
 * The account list. Only the rows in view (and a few around them) are in the page, so a thousand
 * accounts cost what a screenful does, on the first paint and on every tick of the clock; the row
 * that holds the focus stays too. The rest is kept as room to scroll through.
 */
export function AccountList({ accounts, total, query, tokens, selected, onSelect, headingId }: Props) {
  const { t } = useI18n(accountsStrings);
  const ref = useRef<HTMLUListElement | null>(null);
  const [win, setWin] = useState<Window>(() => windowOf(0, globalThis.innerHeight ?? 800));
  // By AppID: the search box may move the row.
  const [focused, setFocused] = useState<string | null>(null);
  const count = accounts.length;

  // Where the list is scrolled, how tall it is and how tall a row is: read again on scroll and resize.
  const measure = useCallback(() => {
    const list = ref.current;
    if (!list) return;
    const rows = list.querySelectorAll<HTMLElement>(':scope > li[data-index]');
    let pitch: number | undefined;
    for (let i = 0; i + 1 < rows.length && pitch === undefined; i++) {
      const [a, b] = [rows[i]!, rows[i + 1]!];
      if (Number(b.dataset.index) === Number(a.dataset.index) + 1) pitch = b.offsetTop - a.offsetTop;
    }
    setWin((w) => {
      const next = windowOf(list.scrollTop, list.clientHeight, pitch && pitch > 0 ? pitch : w.pitch);
      return next.first === w.first && next.last === w.last && next.pitch === w.pitch ? w : next;
    });
  }, []);

  // The search box changed the rows: the browser has clamped the scroll, read it again.
  useLayoutEffect(measure, [measure, count]);
  const listRef = useCallback(
    (list: HTMLUListElement) => {
      ref.current = list;
      const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
      observer?.observe(list);
      return () => {
        observer?.disconnect();
        ref.current = null;
      };
    },
    [measure],
  );

  const onFocus = (e: FocusEvent<HTMLUListElement>) => {
    const index = (e.target as HTMLElement).closest<HTMLElement>('li[data-index]')?.dataset.index;
    setFocused(index === undefined ? null : (accounts[Number(index)]?.appId ?? null));
  };
  const onBlur = (e: FocusEvent<HTMLUListElement>) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(null);
  };

  if (total > 0 && count === 0) {
    return (
      <div className="accounts-empty">
        <p>{t('find.none', { query: query.trim() })}</p>
      </div>
    );
  }
  if (count === 0) {
    return (
      <div className="accounts-empty">
        <p>{t('accounts.empty')}</p>
        <p className="muted">{t('accounts.emptyHint')}</p>
      </div>
    );
  }
  return (
    <ul ref={listRef} className="accounts" aria-labelledby={headingId} onScroll={measure} onFocus={onFocus} onBlur={onBlur}>
      {rowsToRender(win, count, focused === null ? null : accounts.findIndex((a) => a.appId === focused)).map((part) => {
        if (part.kind === 'gap') return <Gap key={`gap-${part.before}`} height={part.rows * win.pitch} />;
        const account = accounts[part.index]!;
        const { appId } = account;
        return <AccountItem key={appId} account={account} entry={tokens[appId]} selected={appId === selected} onSelect={() => onSelect(appId)} index={part.index} count={count} />;
      })}
    </ul>
  );
}
