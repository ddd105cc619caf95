// The account's tags (tags/get) with their follower counts, and a new one (tags/create).
import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../../../i18n';
import { useSlot } from '../../../slot';
import { ErrorNote } from '../../../ui/ErrorNote';
import type { Followers } from './followers-state';
import { followerStrings } from './strings';

/** WeChat's limit on a tag's name (tags/create): 30 characters. */
export const MAX_TAG = 30;

export function TagsCard({ followers, appId }: { followers: Followers; appId: string }) {
  const { t } = useI18n(followerStrings);
  const id = useId();
  const s = useSlot(followers.slot);
  const [name, setName] = useState('');
  const [tried, setTried] = useState(false);
  const problem = !name.trim() ? (tried ? 'fol.tagEmpty' : null) : [...name.trim()].length > MAX_TAG ? 'fol.tagTooLong' : null;
  const create = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!name.trim() || [...name.trim()].length > MAX_TAG || s.busy) return;
    if (await followers.createTag(name.trim())) {
      setName('');
      setTried(false);
    }
  };
  return (
    <section className="card chores-form" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="card__title">
        {t('fol.tagsHeading')}
      </h3>
      {s.tagsError ? <ErrorNote error={s.tagsError} heading={t('fol.tagsFailed')} appId={appId} /> : null}
      {s.tags.length ? (
        <ul className="chores-tags" aria-label={t('fol.tagsHeading')}>
          {s.tags.map((x) => (
            <li key={x.id}>
              {t('fol.tagLine', { name: x.name, id: x.id, count: x.count })}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('fol.noTagsYet')}</p>
      )}
      <form className="chores-row" onSubmit={(e) => void create(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-name`} className="field__label">
            {t('fol.newTag')}
          </label>
          <input id={`${id}-name`} type="text" value={name} aria-invalid={problem ? true : undefined} aria-describedby={problem ? `${id}-err` : undefined} onChange={(e) => setName(e.target.value)} />
          {problem ? (
            <p id={`${id}-err`} className="field__error">
              {t(problem, { max: MAX_TAG })}
            </p>
          ) : null}
        </div>
        <button type="submit" className="btn btn--small" disabled={s.busy}>
          {t('fol.createTag')}
        </button>
      </form>
      {s.tagError ? <ErrorNote error={s.tagError} heading={t('fol.tagCreateFailed')} role="alert" appId={appId} /> : null}
    </section>
  );
}
