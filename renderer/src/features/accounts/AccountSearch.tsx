import type { KeyboardEvent, Ref } from 'react';
import { useI18n } from '../../i18n';
import { accountsStrings } from './strings';

interface Props {
  id: string;
  query: string;
  onQuery(query: string): void;
  /** Enter: show the first account listed. */
  onPick(): void;
  inputRef: Ref<HTMLInputElement>;
  /** Shown of all, said when the list is narrowed. */
  shown: number;
  total: number;
}

const onMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/i.test(navigator.platform || navigator.userAgent);

/** The search box over the account list: narrows it by label or AppID as the user types; Enter shows the first, Escape clears. */
export function AccountSearch({ id, query, onQuery, onPick, inputRef, shown, total }: Props) {
  const { t } = useI18n(accountsStrings);
  const keys = onMac ? '⌘K' : 'Ctrl+K';
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape' && query !== '') {
      // Handled here rather than by the browser's own clearing of search boxes, the same in every host.
      e.preventDefault();
      e.stopPropagation();
      onQuery('');
    } else if (e.key === 'Enter') {
      e.preventDefault();
      onPick();
    }
  };
  const narrowed = query.trim() !== '';
  return (
    <div className="account-search" role="search">
      <label htmlFor={`${id}-find`} className="sr-only">
        {t('find.label')}
      </label>
      <input
        ref={inputRef}
        id={`${id}-find`}
        type="search"
        className="account-search__input"
        value={query}
        placeholder={t('find.placeholder', { keys })}
        autoComplete="off"
        spellCheck={false}
        aria-keyshortcuts={onMac ? 'Meta+K' : 'Control+K'}
        aria-describedby={`${id}-find-count`}
        onChange={(e) => onQuery(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <p id={`${id}-find-count`} className="sr-only" aria-live="polite">
        {narrowed ? t('find.shown', { shown, total }) : ''}
      </p>
    </div>
  );
}
