// The draft against live (added, removed, changed), and what can be done with it: Publish (a
// confirmation that shows the diff; off while a rule is broken), Revert to live and Delete the live
// menu (each behind a confirmation). Says when the phone shows a published menu.
import { useState } from 'react';
import type { MenuDiff, MenuProblem } from '../../../../electron/contract/menu-editor';
import { useI18n } from '../../i18n';
import { useSlot } from '../../slot';
import { ConfirmDialog } from '../../ui/dialog/ConfirmDialog';
import { ErrorNote } from '../../ui/ErrorNote';
import { buttonLabel } from '../../../../electron/core/menu/rules';
import type { MenuEditor } from './menu-state';
import { menuStrings } from './strings';

function DiffList({ diff }: { diff: MenuDiff }) {
  const { t, lang } = useI18n(menuStrings);
  if (diff.same) return <p className="muted">{t('menu.same')}</p>;
  const label = (at: number[], name: string) => buttonLabel(at, name)[lang === 'zh-CN' ? 'zh' : 'en'];
  const groups = [
    ['added', t('menu.diffAdded'), diff.added],
    ['removed', t('menu.diffRemoved'), diff.removed],
    ['changed', t('menu.diffChanged'), diff.changed],
  ] as const;
  return (
    <dl className="menu-diff">
      {groups.map(([kind, title, list]) =>
        list.length ? (
          <div key={kind} className={`menu-diff__group menu-diff__group--${kind}`}>
            <dt>{title}</dt>
            {list.map((c, i) => (
              <dd key={i}>
                {label(c.at, c.name)}
                {c.was !== undefined ? ` ← “${c.was}”` : ''}
                {c.fields?.length ? `: ${c.fields.join(', ')}` : ''}
              </dd>
            ))}
          </div>
        ) : null,
      )}
    </dl>
  );
}

interface Props {
  editor: MenuEditor;
  diff: MenuDiff;
  problems: readonly MenuProblem[];
}

export function DraftActions({ editor, diff, problems }: Props) {
  const { t, problem, time } = useI18n(menuStrings);
  const s = useSlot(editor.slot);
  const [asking, setAsking] = useState<'publish' | 'revert' | 'delete' | null>(null);
  const broken = problems.length > 0;

  return (
    <section className="card menu-draft" aria-labelledby="menu-draft-title">
      <h3 id="menu-draft-title" className="card__title">
        {t('menu.diff')}
      </h3>
      <p className="muted" role="status">
        {s.dirty ? t('menu.saving') : s.savedAt ? t('menu.saved', { time: time(s.savedAt) }) : t('menu.notSaved')}
      </p>
      {s.saveError ? <ErrorNote error={s.saveError} heading={t('menu.saveFailed')} role="alert" /> : null}
      <DiffList diff={diff} />
      <div className="menu-draft__actions">
        <button type="button" className="btn btn--primary" disabled={broken || s.busy !== null} aria-describedby={broken ? 'menu-publish-blocked' : undefined} onClick={() => setAsking('publish')}>
          {s.busy === 'publish' ? t('menu.publishing') : t('menu.publish')}
        </button>
        <button type="button" className="btn" disabled={s.busy !== null} onClick={() => setAsking('revert')}>
          {t('menu.revert')}
        </button>
        <button type="button" className="btn btn--danger-outline" disabled={s.busy !== null || !s.live?.menu} onClick={() => setAsking('delete')}>
          {t('menu.delete')}
        </button>
      </div>
      {broken ? (
        <p id="menu-publish-blocked" className="field__error">
          {t('menu.publishBlocked')}
        </p>
      ) : null}
      <div role="status" className="menu-draft__done">
        {s.done?.what === 'published' ? <p className="menu-note">{t('menu.published', { time: time(s.done.at) })}</p> : null}
        {s.done?.what === 'reverted' ? <p className="menu-note">{t('menu.reverted')}</p> : null}
        {s.done?.what === 'deleted' ? <p className="menu-note">{t('menu.deleted', { time: time(s.done.at) })}</p> : null}
      </div>
      {s.actionError ? <ErrorNote error={s.actionError} heading={s.refused.length ? t('menu.refused') : t('menu.actionFailed')} role="alert" appId={editor.appId} /> : null}
      {s.refused.length ? (
        <div className="field__error">
          <p>{t('menu.refusedAt')}</p>
          <ul>
            {s.refused.map((p, i) => (
              <li key={i}>{problem(p)}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {asking === 'publish' ? (
        <ConfirmDialog
          title={t('menu.publishAsk')}
          confirmLabel={t('menu.publish')}
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            setAsking(null);
            void editor.publish();
          }}
        >
          <p>{t('menu.publishBody')}</p>
          <DiffList diff={diff} />
        </ConfirmDialog>
      ) : null}
      {asking === 'revert' ? (
        <ConfirmDialog
          title={t('menu.revertAsk')}
          confirmLabel={t('menu.revert')}
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            setAsking(null);
            void editor.revert();
          }}
        >
          <p>{t('menu.revertBody')}</p>
        </ConfirmDialog>
      ) : null}
      {asking === 'delete' ? (
        <ConfirmDialog
          title={t('menu.deleteAsk')}
          confirmLabel={t('menu.delete')}
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            setAsking(null);
            void editor.remove();
          }}
        >
          <p>{t('menu.deleteBody')}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
