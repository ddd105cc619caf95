import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Notice, SettingsView } from '../../../electron/contract';
import { api, inDesktop, needsKey } from '../bridge';
import { useCommands, type CommandTarget } from './commands';
import { filterAccounts } from '../features/accounts/find';
import { I18nContext, makeI18n, resolveLang, useI18n } from '../i18n';
import { DeskMemory } from './memory';
import { useDashboardState } from '../state';
import { canRefresh, runCopy, runRefresh } from '../features/token/token-actions';
import { AccountPanel } from '../features/accounts/AccountPanel';
import type { AccountFormProps } from '../features/account-form/AccountForm';
import { ErrorNote } from '../ui/ErrorNote';
import { LazyPanel, loadable, onDemand } from '../ui/LazyPanel';
import { Header, MAIN_ID } from './Header';
import { Sidebar } from './Sidebar';

export function App() {
  if (needsKey) {
    return (
      <Localized locale={undefined}>
        <KeyScreen />
      </Localized>
    );
  }
  return <Dashboard />;
}

function Localized({ locale, children }: { locale: SettingsView['locale'] | undefined; children: ReactNode }) {
  const lang = resolveLang(locale);
  const i18n = useMemo(() => makeI18n(lang), [lang]);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = i18n.t('app.name');
  }, [lang, i18n]);
  return <I18nContext.Provider value={i18n}>{children}</I18nContext.Provider>;
}

type Pane = 'account' | 'add' | 'edit';

function Dashboard() {
  const state = useDashboardState();
  const { info, settings, accounts, tokens, loadError } = state;
  const [selected, setSelected] = useState<string | null>(null);
  const [pane, setPane] = useState<Pane>('account');
  // The language shows at once; the saved setting follows.
  const [localePick, setLocalePick] = useState<SettingsView['locale'] | null>(null);
  const locale = localePick ?? settings?.locale;
  // Per account, for the page's lifetime: the tab, the token actions, the lab, the probe, the console.
  const [memory] = useState(() => new DeskMemory());
  const [query, setQuery] = useState('');
  const searchRef = useRef<HTMLInputElement>(null);
  const shown = useMemo(() => filterAccounts(accounts ?? [], query), [accounts, query]);

  // Keep a valid selection as accounts come and go.
  useEffect(() => {
    if (!accounts) return;
    if (!selected || !accounts.some((a) => a.appId === selected)) setSelected(accounts[0]?.appId ?? null);
  }, [accounts, selected]);

  // A removed account's memory goes with it.
  useEffect(() => {
    if (accounts) memory.keepOnly(accounts.map((a) => a.appId));
  }, [accounts, memory]);

  const select = (appId: string) => {
    setSelected(appId);
    setPane('account');
  };

  /** The account's token card, brought into view when the account is what the page shows. */
  const tokenActions = (appId: string) => {
    const account = accounts?.find((a) => a.appId === appId);
    if (!account) return null;
    const kept = memory.of(account);
    if (pane === 'account') kept.tab.set('token');
    return kept.token;
  };

  // The desktop's menu, shortcuts and tray (and Ctrl/Cmd+K in any host).
  const target: CommandTarget = {
    shown: () => shown,
    all: () => accounts ?? [],
    selected: () => selected,
    select(appId, opts) {
      const account = accounts?.find((a) => a.appId === appId);
      if (!account) return;
      select(appId);
      if (opts?.tokenTab) memory.of(account).tab.set('token');
    },
    refresh(appId) {
      const actions = tokenActions(appId);
      if (actions && canRefresh(actions.get(), tokens[appId])) void runRefresh(actions, appId, 'refresh', state.putToken);
    },
    copyToken(appId) {
      const actions = tokenActions(appId);
      if (actions) void runCopy(actions, appId, 'raw');
    },
    addAccount: () => setPane('add'),
    findAccount() {
      searchRef.current?.focus();
      searchRef.current?.select();
    },
  };
  useCommands(target);

  const changeLocale = (next: SettingsView['locale']) => {
    setLocalePick(next);
    api.saveSettings({ locale: next }).then(
      (s) => {
        state.setSettings(s);
        setLocalePick(null);
      },
      () => setLocalePick(null),
    );
  };

  // The key screen is the browser's: in the desktop window a refusal is shown as the error it is.
  if (loadError?.code === 'FORBIDDEN' && !inDesktop) {
    return (
      <Localized locale={locale}>
        <KeyScreen refused />
      </Localized>
    );
  }

  const account = accounts?.find((a) => a.appId === selected);
  const showForm = pane === 'add' || (accounts !== null && accounts.length === 0);

  return (
    <Localized locale={locale}>
      <div className="app">
        <Header info={info} locale={locale ?? 'auto'} onLocale={changeLocale} />
        <div className="app__body">
          <Sidebar
            info={info}
            settings={settings}
            onSettings={state.setSettings}
            accounts={accounts ?? []}
            shown={shown}
            query={query}
            onQuery={setQuery}
            searchRef={searchRef}
            tokens={tokens}
            selected={selected}
            adding={showForm}
            onSelect={select}
            onAdd={() => setPane('add')}
          />
          <main className="main" id={MAIN_ID} tabIndex={-1}>
            {info?.notices.length ? <Notices notices={info.notices} /> : null}
            {loadError ? (
              <LoadFailed onRetry={state.reload} error={loadError} />
            ) : accounts === null || info === null ? (
              <Loading />
            ) : showForm ? (
              <Form
                key="add"
                officialApiBases={info.officialApiBases}
                existing={accounts.map((a) => a.appId)}
                onSaved={(view) => {
                  state.putAccount(view);
                  setSelected(view.appId);
                  setPane('account');
                }}
                onCancel={accounts.length > 0 ? () => setPane('account') : undefined}
              />
            ) : account && pane === 'edit' ? (
              <Form
                key={`edit-${account.appId}`}
                account={account}
                officialApiBases={info.officialApiBases}
                onSaved={(view) => {
                  state.putAccount(view);
                  setPane('account');
                }}
                onCancel={() => setPane('account')}
              />
            ) : account ? (
              <AccountPanel
                key={account.appId}
                account={account}
                memory={memory.of(account)}
                entry={tokens[account.appId]}
                onView={state.putToken}
                onEdit={() => setPane('edit')}
                onRemoved={() => setPane('account')}
              />
            ) : (
              <Loading />
            )}
          </main>
        </div>
      </div>
    </Localized>
  );
}

// What the page shows only now and then loads when it does: the key screen (a browser opened
// without the key), the notices about the data, the add / edit form.
const KeyScreen = onDemand<{ refused?: boolean }>(() => import('./key-screen/KeyScreen').then((m) => m.KeyScreen), 'app.loadFailed');
const Notices = onDemand<{ notices: Notice[] }>(() => import('./notices/StoreNotices').then((m) => m.StoreNotices), 'app.noticeFailed');

/** The add / edit form loads on demand: a dashboard with accounts opens without its code. */
const accountForm = loadable<AccountFormProps>(() => import('../features/account-form/AccountForm').then((m) => m.AccountForm));

function Form(props: AccountFormProps) {
  const { t } = useI18n();
  return <LazyPanel of={accountForm} loading={t('lazy.formLoading')} failed={t('lazy.formFailed')} props={props} />;
}

function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted loading" role="status">
      {t('app.loading')}
    </p>
  );
}

function LoadFailed({ error, onRetry }: { error: Parameters<typeof ErrorNote>[0]['error']; onRetry(): void }) {
  const { t } = useI18n();
  return (
    <div className="stack">
      <ErrorNote error={error} heading={t('app.loadFailed')} role="alert" />
      <button type="button" className="btn" onClick={onRetry}>
        {t('app.retry')}
      </button>
    </div>
  );
}
