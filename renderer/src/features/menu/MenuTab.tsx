// The Menu tab: the live menu on one phone and the draft on another (the simulator's drawing, so
// both always agree), the draft's buttons as a tree beside the form of the selected one, the rules
// checked as you type (rules.ts) and every problem marked at its button, in the tree and on the
// phone; the diff and Publish / Revert / Delete; import and export; the conditional menus.
import { useEffect, useMemo } from 'react';
import type { MenuButton, MenuDraft } from '../../../../electron/contract';
import { checkMenu } from '../../../../electron/core/menu/rules';
import { diffMenus } from '../../../../electron/core/menu/diff';
import type { AccountTabProps } from '../../app/memory';
import { useI18n } from '../../i18n';
import { useSlot } from '../../slot';
import { ErrorNote } from '../../ui/ErrorNote';
import { MenuBar } from '../../ui/phone/MenuBar';
import { Phone } from '../../ui/phone/Phone';
import { phoneStrings } from '../../ui/phone/strings';
import { ButtonForm } from './ButtonForm';
import { Conditional } from './Conditional';
import { DraftActions } from './DraftActions';
import { hasProblem, problemsOf, type Path } from './menu-edit';
import { MenuEditor, menuSlot } from './menu-state';
import { MenuJson } from './MenuJson';
import { MenuTree } from './MenuTree';
import { menuStrings } from './strings';

const EMPTY: MenuDraft = { button: [] };

function pathOf(menu: MenuDraft, b: MenuButton): Path | null {
  for (const [i, top] of menu.button.entries()) {
    if (top === b) return [i];
    const j = (top.sub_button ?? []).indexOf(b);
    if (j >= 0) return [i, j];
  }
  return null;
}

export function MenuTab({ account, memory }: AccountTabProps) {
  const { t, problem } = useI18n(menuStrings, phoneStrings);
  const slot = menuSlot(memory);
  const editor = memory.keep('menu-editor', () => new MenuEditor(slot, account.appId));
  const s = useSlot(slot);

  useEffect(() => {
    void editor.load();
  }, [editor]);

  const draft = s.draft ?? EMPTY;
  const problems = useMemo(() => checkMenu(draft), [draft]);
  const marks = useMemo(() => [...problems, ...s.refused], [problems, s.refused]);
  const live = s.live?.menu ?? null;
  const diff = useMemo(() => diffMenus(draft, live), [draft, live]);
  const menuLevel = problemsOf(problems, []);
  const marked = (at: number[]) => hasProblem(marks, at.map((i) => i - 1));
  const edit = (menu: MenuDraft, selected?: Path | null, announce?: string) => editor.edit(menu, selected, announce);

  return (
    <div className="menu-tab">
      <section className="card menu-head" aria-labelledby="menu-head-title">
        <header className="card__header">
          <h3 id="menu-head-title" className="card__title">
            {t('menu.heading')}
          </h3>
          <button type="button" className="btn btn--small" disabled={s.liveLoading} onClick={() => void editor.reload()}>
            {s.liveLoading ? t('menu.reloading') : t('menu.reload')}
          </button>
        </header>
        <p className="muted">{t('menu.intro')}</p>
        {s.live ? <p className="muted">{t(`menu.source.${s.live.source}`)}</p> : null}
        {s.liveError ? <ErrorNote error={s.liveError} heading={t('menu.liveFailed')} role="alert" appId={account.appId} /> : null}
        <p role="status" className={problems.length ? 'field__error' : 'muted'}>
          {problems.length === 0 ? t('menu.noProblems') : problems.length === 1 ? t('menu.problem1') : t('menu.problems', { n: problems.length })}
        </p>
        {menuLevel.length ? (
          <ul className="field__error" aria-label={t('menu.menuProblems')}>
            {menuLevel.map((p, i) => (
              <li key={i}>{problem(p)}</li>
            ))}
          </ul>
        ) : null}
      </section>

      <div className="menu-tab__main">
        <div className="menu-tab__phones">
          <div className="menu-tab__phone" data-phone="draft">
            <h4 className="menu-tab__phone-title">{t('menu.draftPhone')}</h4>
            <Phone title={account.label} bottom={draft.button.length ? <MenuBar menu={draft} marked={marked} onTap={(b) => slot.patch({ selected: pathOf(draft, b) })} /> : null}>
              <p className="menu-tab__screen muted">{t('menu.tapToSelect')}</p>
            </Phone>
          </div>
          <div className="menu-tab__phone" data-phone="live">
            <h4 className="menu-tab__phone-title">{t('menu.livePhone')}</h4>
            <Phone title={account.label} bottom={live?.button.length ? <MenuBar menu={live} onTap={() => undefined} /> : null}>
              <p className="menu-tab__screen muted">{s.live ? t(`menu.source.${s.live.source}`) : t('menu.reloading')}</p>
            </Phone>
          </div>
        </div>
        <div className="menu-tab__edit">
          {s.draft ? <MenuTree menu={draft} problems={marks} selected={s.selected} onSelect={(selected) => slot.patch({ selected })} onEdit={(menu, selected, announce) => edit(menu, selected, announce)} /> : null}
          <p role="status" aria-live="polite" className="sr-only">
            {s.announce}
          </p>
          {s.selected && s.draft ? <ButtonForm key={s.selected.join('.')} menu={draft} path={s.selected} problems={marks} onEdit={(menu) => edit(menu)} /> : <p className="muted menu-tab__hint">{t('menu.selectOne')}</p>}
        </div>
      </div>

      {s.draft ? <DraftActions editor={editor} diff={diff} problems={problems} /> : null}
      {s.draft ? <MenuJson draft={draft} editor={editor} /> : null}
      {s.draft ? <Conditional appId={account.appId} draft={draft} problems={problems} conditional={s.live?.conditional ?? []} onChanged={() => void editor.reload()} /> : null}
    </div>
  );
}
