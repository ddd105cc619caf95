// The conditional menus: the list (from menu/get), delete one (a confirmation), add the draft as one
// with a matchrule checked as you type (match-rule.ts), and trymatch: the menu a follower gets.
import { useId, useState, type FormEvent } from 'react';
import type { ErrorView, MenuDraft } from '../../../../electron/contract';
import type { ConditionalMenuView, MenuProblem } from '../../../../electron/contract/menu-editor';
import { readMatchRule } from '../../../../electron/core/menu/match-rule';
import { api } from '../../bridge';
import { useI18n } from '../../i18n';
import { asErrorView } from '../../state';
import { ConfirmDialog } from '../../ui/dialog/ConfirmDialog';
import { ErrorNote } from '../../ui/ErrorNote';
import { MenuBar } from '../../ui/phone/MenuBar';
import { menuStrings } from './strings';

interface Props {
  appId: string;
  draft: MenuDraft;
  problems: readonly MenuProblem[];
  conditional: ConditionalMenuView[];
  onChanged(): void;
}

const ruleText = (rule: Record<string, string | undefined>) =>
  Object.entries(rule)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

export function Conditional({ appId, draft, problems, conditional, onChanged }: Props) {
  const { t, problem } = useI18n(menuStrings);
  const id = useId();
  const [tagId, setTagId] = useState('');
  const [platform, setPlatform] = useState('');
  const [deleting, setDeleting] = useState<string | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);
  const [said, setSaid] = useState('');
  const [who, setWho] = useState('');
  const [tried, setTried] = useState<{ id: string; menu: MenuDraft } | null>(null);
  const [busy, setBusy] = useState(false);

  const raw = { ...(tagId.trim() ? { tag_id: tagId.trim() } : {}), ...(platform ? { client_platform_type: platform } : {}) };
  const touched = tagId !== '' || platform !== '';
  const rule = readMatchRule(raw);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setSaid('');
    try {
      await work();
    } catch (e) {
      setError(asErrorView(e));
    } finally {
      setBusy(false);
    }
  };
  const add = () =>
    run(async () => {
      const r = await api.menuAddConditional(appId, { button: draft.button, matchrule: rule.rule });
      setSaid(t('menu.condAdded', { id: r.menuid }));
      onChanged();
    });
  const tryMatch = (e: FormEvent) => {
    e.preventDefault();
    const user = who.trim();
    void run(async () => setTried({ id: user, menu: await api.menuTryMatch(appId, user) }));
  };

  return (
    <section className="card menu-cond" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="card__title">
        {t('menu.cond')}
      </h3>
      <p className="muted">{t('menu.condIntro')}</p>
      {conditional.length === 0 ? (
        <p className="muted">{t('menu.condNone')}</p>
      ) : (
        <ul className="menu-cond__list">
          {conditional.map((c) => (
            <li key={c.menuid}>
              <span>{t('menu.condItem', { id: c.menuid, rule: ruleText(c.matchrule as Record<string, string | undefined>) })}</span>
              <span className="muted"> · {c.button.map((b) => b.name).join(' · ')}</span>
              <button type="button" className="btn btn--small btn--danger-outline" disabled={busy} onClick={() => setDeleting(c.menuid)}>
                {t('menu.condDelete', { id: c.menuid })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="menu-cond__add">
        <div className="field">
          <label htmlFor={`${id}-tag`} className="field__label">
            {t('menu.tagId')}
          </label>
          <input id={`${id}-tag`} type="text" inputMode="numeric" autoComplete="off" value={tagId} onChange={(e) => setTagId(e.target.value)} aria-describedby={`${id}-rule`} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-platform`} className="field__label">
            {t('menu.platform')}
          </label>
          <select id={`${id}-platform`} value={platform} onChange={(e) => setPlatform(e.target.value)} aria-describedby={`${id}-rule`}>
            <option value="">{t('menu.platform.any')}</option>
            <option value="1">{t('menu.platform.1')}</option>
            <option value="2">{t('menu.platform.2')}</option>
            <option value="3">{t('menu.platform.3')}</option>
          </select>
        </div>
        <div id={`${id}-rule`} className="menu-cond__rule">
          {touched && rule.problems.length ? (
            <ul className="field__error">
              {rule.problems.map((p, i) => (
                <li key={i}>{problem(p)}</li>
              ))}
            </ul>
          ) : null}
          <p className="field__help">{t('menu.condAddHelp')}</p>
        </div>
        <button type="button" className="btn btn--small" disabled={busy || !rule.rule || problems.length > 0} onClick={() => void add()}>
          {t('menu.condAdd')}
        </button>
      </div>
      <form className="menu-cond__try" onSubmit={tryMatch}>
        <p className="field__label">{t('menu.try')}</p>
        <div className="field">
          <label htmlFor={`${id}-who`} className="field__label">
            {t('menu.tryId')}
          </label>
          <input id={`${id}-who`} type="text" autoComplete="off" spellCheck={false} value={who} onChange={(e) => setWho(e.target.value)} />
        </div>
        <button type="submit" className="btn btn--small" disabled={busy || who.trim() === ''}>
          {t('menu.tryRun')}
        </button>
      </form>
      {tried ? (
        <div className="menu-cond__tried">
          <p className="field__label">{t('menu.tryResult', { id: tried.id })}</p>
          {tried.menu.button.length ? <MenuBar menu={tried.menu} onTap={() => undefined} /> : <p className="muted">{t('menu.tryEmpty')}</p>}
        </div>
      ) : null}
      <p role="status" className="muted">
        {said}
      </p>
      {error ? <ErrorNote error={error} heading={t('menu.actionFailed')} role="alert" appId={appId} /> : null}
      {deleting ? (
        <ConfirmDialog
          title={t('menu.condDeleteAsk', { id: deleting })}
          confirmLabel={t('menu.condDelete', { id: deleting })}
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const menuid = deleting;
            setDeleting(null);
            void run(async () => {
              await api.menuDeleteConditional(appId, menuid);
              onChanged();
            });
          }}
        >
          <p>{t('menu.condDeleteBody')}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
