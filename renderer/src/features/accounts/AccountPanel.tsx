import { useEffect, useId, useState } from 'react';
import type { AccountView, ErrorView, HistoryView, TokenView } from '../../../../electron/contract';
import { api } from '../../bridge';
import { useI18n } from '../../i18n';
import type { AccountMemory, AccountTab, AccountTabProps } from '../../app/memory';
import { useSlot } from '../../slot';
import { asErrorView, type TokenEntry } from '../../state';
import { ErrorNote } from '../../ui/ErrorNote';
import { LazyPanel, loadable, onDemand, type Loadable } from '../../ui/LazyPanel';
import type { RemoveDialogProps } from './remove-dialog/RemoveDialog';
import { Tabs, panelId, tabId, type TabSpec } from '../../ui/Tabs';
import { TokenTab } from '../token/TokenTab';
import { accountsStrings } from './strings';

type Tab = AccountTab;

/**
 * The tools past the Token tab load on demand, each with its own code and strings; what they keep
 * lives in the account's memory, so a probe run or a console call goes on while another tab shows.
 */
const TOOLS: Record<Exclude<Tab, 'token'>, Loadable<AccountTabProps>> = {
  signature: loadable(() => import('../signature/SignatureTab').then((m) => m.SignatureTab)),
  probe: loadable(() => import('../probe/ProbeTab').then((m) => m.ProbeTab)),
  console: loadable(() => import('../console/ConsoleTab').then((m) => m.ConsoleTab)),
  simulator: loadable(() => import('../simulator/SimulatorTab').then((m) => m.SimulatorTab)),
  menu: loadable(() => import('../menu/MenuTab').then((m) => m.MenuTab)),
  chores: loadable(() => import('../chores/ChoresTab').then((m) => m.ChoresTab)),
};

/** The tabs in their order: the Token tab, then the tools in the order TOOLS lists them. */
const TAB_IDS = ['token', ...Object.keys(TOOLS)] as Tab[];

interface Props {
  account: AccountView;
  /** What the page keeps for this account (memory.ts): the tab, the lab, the probe, the console. */
  memory: AccountMemory;
  entry: TokenEntry | undefined;
  onView(view: TokenView): void;
  onEdit(): void;
  onRemoved(): void;
}

/** The question before a removal loads when it is asked. */
const RemoveDialog = onDemand<RemoveDialogProps>(() => import('./remove-dialog/RemoveDialog').then((m) => m.RemoveDialog));

/** One account: its settings at a glance, then the tools, one tab each. */
export function AccountPanel({ account, memory, entry, onView, onEdit, onRemoved }: Props) {
  const { t } = useI18n(accountsStrings);
  const id = useId();
  const tab = useSlot(memory.tab);
  const setTab = memory.tab.set;
  const [history, setHistory] = useState<HistoryView[] | null>(null);
  const [removing, setRemoving] = useState(false);
  const [removeError, setRemoveError] = useState<ErrorView | null>(null);

  // Every new token view (an event or an action answer) may come with a new history line.
  const view = entry?.view;
  useEffect(() => {
    let current = true;
    api.history(account.appId).then(
      (rows) => current && setHistory(rows),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [account.appId, view]);

  const tabs: TabSpec<Tab>[] = TAB_IDS.map((tabKey) => ({ id: tabKey, label: t(`tabs.${tabKey}`) }));

  return (
    <article className="panel" aria-labelledby={`${id}-title`}>
      <header className="panel__header">
        <div className="panel__heading">
          <h2 id={`${id}-title`} className="panel__title">
            {account.label}
          </h2>
          <p className="panel__sub">
            <code>{account.appId}</code>
            <span className="dot-sep" aria-hidden="true" />
            <span>{account.apiBase}</span>
            <span className="dot-sep" aria-hidden="true" />
            <span>{account.autoRefresh ? t('account.autoOn') : t('account.autoOff')}</span>
            {!account.hasSecret ? <span className="badge badge--warn">{t('account.noSecret')}</span> : null}
          </p>
        </div>
        <div className="panel__actions">
          <button type="button" className="btn" onClick={onEdit}>
            {t('account.edit')}
          </button>
          <button type="button" className="btn btn--danger-outline" onClick={() => setRemoving(true)}>
            {t('account.remove')}
          </button>
        </div>
      </header>

      {removeError ? <ErrorNote error={removeError} heading={t('account.removeFailed')} role="alert" /> : null}

      <Tabs<Tab> label={t('tabs.label')} idBase={id} tabs={tabs} selected={tab} onSelect={setTab} />

      {/* Hidden panels carry no name, so a label is never found twice (the Token tab vs the Token field). */}
      {tabs.map(({ id: tabKey, label }) => (
        <div key={tabKey} role="tabpanel" id={panelId(id, tabKey)} aria-labelledby={tab === tabKey ? tabId(id, tabKey) : undefined} hidden={tab !== tabKey} tabIndex={0} className="panel__body">
          {tab !== tabKey ? null : tabKey === 'token' ? (
            <TokenTab account={account} entry={entry} onView={onView} actions={memory.token} history={history} />
          ) : (
            <LazyPanel of={TOOLS[tabKey]} loading={t('lazy.loading', { name: label })} failed={t('lazy.failed', { name: label })} props={{ account, memory }} />
          )}
        </div>
      ))}

      {removing ? (
        <RemoveDialog
          label={account.label}
          onCancel={() => setRemoving(false)}
          onConfirm={() => {
            setRemoving(false);
            setRemoveError(null);
            void api.removeAccount(account.appId).then(onRemoved, (e: unknown) => setRemoveError(asErrorView(e)));
          }}
        />
      ) : null}
    </article>
  );
}
