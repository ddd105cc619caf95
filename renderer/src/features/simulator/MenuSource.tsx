// Where the phone's menu comes from: the live menu (menu/get, with Reload) or a draft (menu/create's
// JSON, pasted or read from a file), its problem shown at its line.
import { useId, type ChangeEvent } from 'react';
import { useI18n } from '../../i18n';
import type { Slot } from '../../slot';
import { useSlot } from '../../slot';
import { ErrorNote } from '../../ui/ErrorNote';
import { applyDraft, reloadLiveMenu } from './sim-menu';
import type { SimState } from './sim-state';
import { simulatorStrings } from './strings';

/** menu/create bodies are small; a file much larger than any menu is not read. */
const MAX_FILE = 256 * 1024;

export function MenuSource({ slot, appId }: { slot: Slot<SimState>; appId: string }) {
  const { t, problem } = useI18n(simulatorStrings);
  const id = useId();
  const s = useSlot(slot);
  const { live } = s;

  const pick = (from: SimState['menuFrom']) => {
    slot.patch({ menuFrom: from });
    if (from === 'live' && !live.loaded) void reloadLiveMenu(slot, appId);
  };
  const readFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file || file.size > MAX_FILE) return;
    slot.patch({ draft: await file.text() });
    applyDraft(slot);
  };

  return (
    <section className="card sim-menu" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="card__title">
        {t('sim.menu')}
      </h3>
      <div className="sim-menu__from" role="radiogroup" aria-label={t('sim.menu')}>
        {(['draft', 'live'] as const).map((from) => (
          <label key={from} className={`choice choice--compact${s.menuFrom === from ? ' choice--on' : ''}`}>
            <input type="radio" name={`${id}-from`} checked={s.menuFrom === from} onChange={() => pick(from)} />
            <span>{t(from === 'live' ? 'sim.menuLive' : 'sim.menuDraft')}</span>
          </label>
        ))}
      </div>
      {s.menuFrom === 'live' ? (
        <div className="sim-menu__live">
          <button type="button" className="btn btn--small" disabled={live.loading} onClick={() => void reloadLiveMenu(slot, appId)}>
            {live.loading ? t('sim.reloading') : t('sim.reload')}
          </button>
          {live.none ? <p className="muted">{t('sim.menuNone')}</p> : null}
          {live.bad ? <p className="field__error">{t('sim.menuLiveBad', { problem: problem(live.bad) })}</p> : null}
          {live.menu ? <p className="muted">{t('sim.menuShown')}</p> : null}
          {live.error ? <ErrorNote error={live.error} heading={t('sim.menuLiveFailed')} role="alert" appId={appId} /> : null}
        </div>
      ) : (
        <div className="sim-menu__draft">
          <label htmlFor={`${id}-draft`} className="field__label">
            {t('sim.draft')}
          </label>
          <textarea
            id={`${id}-draft`}
            rows={8}
            spellCheck={false}
            className="sim-code"
            value={s.draft}
            aria-invalid={s.draftProblem ? true : undefined}
            aria-describedby={`${id}-draft-help${s.draftProblem ? ` ${id}-draft-error` : ''}`}
            onChange={(e) => slot.patch({ draft: e.target.value })}
          />
          <p id={`${id}-draft-help`} className="field__help">
            {t('sim.draftHelp')}
          </p>
          {s.draftProblem ? (
            <p id={`${id}-draft-error`} role="alert" className="field__error">
              {s.draftProblem.line ? t('sim.draftLine', { line: s.draftProblem.line, problem: problem(s.draftProblem.problem) }) : problem(s.draftProblem.problem)}
            </p>
          ) : null}
          <div className="sim-menu__actions">
            <button type="button" className="btn btn--primary btn--small" onClick={() => applyDraft(slot)}>
              {t('sim.draftApply')}
            </button>
            <label className="btn btn--small sim-menu__file">
              {t('sim.draftFile')}
              <input type="file" accept="application/json,.json,.txt" className="sr-only" onChange={(e) => void readFile(e)} />
            </label>
          </div>
          {s.draftMenu && !s.draftProblem ? <p className="muted">{t('sim.menuShown')}</p> : null}
        </div>
      )}
    </section>
  );
}
