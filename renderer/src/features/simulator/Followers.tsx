// The simulated followers of the account: pick one (the conversation follows), add one, rename or
// remove the current one. Saved with the account through simulatorSaveFollowers.
import { useId, useState, type FormEvent } from 'react';
import type { ErrorView, SimFollower } from '../../../../electron/contract';
import { useI18n } from '../../i18n';
import { ErrorNote } from '../../ui/ErrorNote';
import { simulatorStrings } from './strings';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** An OpenID shaped like WeChat's: 28 characters, starting with "o". */
export function newOpenId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(27));
  return `o${Array.from(bytes, (b) => ALPHABET[b % 64]).join('')}`;
}

interface Props {
  followers: SimFollower[];
  openId: string;
  onSelect(openId: string): void;
  onSave(followers: SimFollower[]): Promise<ErrorView | null>;
}

export function Followers({ followers, openId, onSelect, onSave }: Props) {
  const { t } = useI18n(simulatorStrings);
  const id = useId();
  const [editing, setEditing] = useState<{ mode: 'add' | 'rename'; name: string; openId: string } | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);
  const current = followers.find((f) => f.openId === openId);
  // The core makes the first follower unnamed: it is named by its place, in the page's language.
  const nameOf = (f: SimFollower) => f.name || t('sim.newFollower', { n: followers.indexOf(f) + 1 });

  const save = async (next: SimFollower[], select?: string) => {
    const failed = await onSave(next);
    setError(failed);
    if (!failed) {
      setEditing(null);
      if (select) onSelect(select);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!editing) return;
    // A name left empty: the new follower is named by its place; a renamed one becomes unnamed (named by its place too).
    if (editing.mode === 'add') void save([...followers, { openId: editing.openId.trim(), name: editing.name.trim() || t('sim.newFollower', { n: followers.length + 1 }) }], editing.openId.trim());
    else void save(followers.map((f) => (f.openId === openId ? { ...f, name: editing.name.trim() } : f)));
  };

  return (
    <fieldset className="sim-followers">
      <legend>{t('sim.followers')}</legend>
      <div className="sim-followers__row">
        <label htmlFor={`${id}-pick`} className="field__label">
          {t('sim.follower')}
        </label>
        <select id={`${id}-pick`} className="select--compact" value={openId} onChange={(e) => onSelect(e.target.value)}>
          {followers.map((f) => (
            <option key={f.openId} value={f.openId}>
              {nameOf(f)} ({f.openId})
            </option>
          ))}
        </select>
        <button type="button" className="btn btn--small" onClick={() => setEditing({ mode: 'add', name: t('sim.newFollower', { n: followers.length + 1 }), openId: newOpenId() })}>
          {t('sim.addFollower')}
        </button>
        <button type="button" className="btn btn--small" disabled={!current} onClick={() => current && setEditing({ mode: 'rename', name: nameOf(current), openId: current.openId })}>
          {t('sim.renameFollower')}
        </button>
        <button type="button" className="btn btn--small btn--danger-outline" disabled={followers.length < 2} onClick={() => void save(followers.filter((f) => f.openId !== openId))}>
          {t('sim.removeFollower')}
        </button>
      </div>
      {editing ? (
        <form className="sim-followers__edit" onSubmit={submit} aria-label={editing.mode === 'add' ? t('sim.addFollower') : t('sim.renameFollower')}>
          <label>
            <span className="field__label">{t('sim.followerName')}</span>
            <input type="text" value={editing.name} autoFocus onChange={(e) => setEditing({ ...editing, name: e.target.value })} />
          </label>
          <label>
            <span className="field__label">{t('sim.followerOpenId')}</span>
            <input type="text" value={editing.openId} readOnly={editing.mode === 'rename'} spellCheck={false} onChange={(e) => setEditing({ ...editing, openId: e.target.value })} />
          </label>
          <div className="sim-followers__actions">
            <button type="submit" className="btn btn--primary btn--small">
              {t('sim.saveFollower')}
            </button>
            <button type="button" className="btn btn--small" onClick={() => setEditing(null)}>
              {t('sim.cancel')}
            </button>
          </div>
        </form>
      ) : null}
      {error ? <ErrorNote error={error} heading={t('sim.followerSaveFailed')} role="alert" /> : null}
    </fieldset>
  );
}
