// The chosen follower: their details, a remark (user/info/updateremark), their tags (tag / untag),
// Copy OpenID, "Use in simulator" (the simulator's follower becomes this one) and "Send a template"
// (the template panel opens with this follower filled in).
import { useId, useState, type FormEvent } from 'react';
import type { ErrorView } from '../../../../../electron/contract';
import { api } from '../../../bridge';
import { useI18n } from '../../../i18n';
import { useSlot } from '../../../slot';
import { asErrorView } from '../../../state';
import { ErrorNote } from '../../../ui/ErrorNote';
import { FlashRegion, useFlash } from '../../../ui/Flash';
import { CopyButton } from '../../../ui/tools/CopyButton';
import { Simulator, simSlot } from '../../simulator/sim-state';
import type { ChorePanelProps } from '../ChoresTab';
import type { Followers } from './followers-state';
import { followerStrings } from './strings';

/**
 * WeChat's limit on a remark (user/info/updateremark): "小于30字节", counted in UTF-8 bytes here
 * (10 Chinese characters); a longer one is answered 40092 invalid remark name (see WECHAT.md).
 */
export const MAX_REMARK_BYTES = 30;

interface Props extends ChorePanelProps {
  followers: Followers;
  openId: string;
}

export function FollowerCard({ account, memory, chores, followers, openId }: Props) {
  const { t, time } = useI18n(followerStrings);
  const id = useId();
  const s = useSlot(followers.slot);
  const d = s.details[openId];
  const [remark, setRemark] = useState(d?.remark ?? '');
  const [tagId, setTagId] = useState('');
  const [simError, setSimError] = useState<ErrorView | null>(null);
  const [flash, setFlash] = useFlash();
  const bytes = new TextEncoder().encode(remark.trim()).length;
  const tooLong = bytes > MAX_REMARK_BYTES;
  const tagName = (tid: number) => s.tags.find((x) => x.id === tid)?.name ?? String(tid);

  const saveRemark = async (e: FormEvent) => {
    e.preventDefault();
    if (tooLong || s.busy) return;
    if (await followers.remark(openId, remark.trim())) setFlash(t('fol.remarkSaved'));
  };
  const useInSimulator = async () => {
    setSimError(null);
    const sim = new Simulator(simSlot(memory, account), account.appId);
    try {
      // The saved followers as they are now (the Simulator tab may not have read them yet).
      const current = await api.simulatorFollowers(account.appId);
      if (current.some((x) => x.openId === openId)) sim.slot.patch({ followers: current });
      else {
        const failed = await sim.saveFollowers([...current, { openId, name: d?.remark || t('fol.simName', { tail: openId.slice(-6) }) }]);
        if (failed) return setSimError(failed);
      }
    } catch (e) {
      return setSimError(asErrorView(e));
    }
    sim.slot.patch({ openId });
    setFlash(t('fol.simUsed'));
  };
  const change = async (run: (tid: number) => Promise<boolean>, done: string) => {
    const tid = Number(tagId);
    if (!tagId || s.busy) return;
    if (await run(tid)) setFlash(t(done as 'fol.tagged', { tag: tagName(tid) }));
  };

  return (
    <section className="card chores-form" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="card__title">
        {t('fol.follower', { openId })}
      </h3>
      {d ? (
        <dl className="chores-kv">
          <dt>{t('fol.subscribedAt')}</dt>
          <dd>{d.subscribedAt ? time(d.subscribedAt) : t('fol.unsubscribed')}</dd>
          <dt>{t('fol.scene')}</dt>
          <dd>{d.scene ?? ''}{d.qrSceneStr || d.qrScene ? ` (${d.qrSceneStr || d.qrScene})` : ''}</dd>
          <dt>{t('fol.tags')}</dt>
          <dd>{d.tagIds?.length ? d.tagIds.map(tagName).join(', ') : t('fol.noTags')}</dd>
          <dt>{t('fol.language')}</dt>
          <dd>{d.language ?? ''}</dd>
          {d.unionId ? (
            <>
              <dt>UnionID</dt>
              <dd>
                <code>{d.unionId}</code>
              </dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p className="muted">{t('fol.noDetails')}</p>
      )}
      <div className="chores-row">
        <CopyButton text={openId} what="OpenID" onFlash={setFlash} spelled />
        <button type="button" className="btn btn--small" onClick={() => void useInSimulator()}>
          {t('fol.useInSim')}
        </button>
        <button type="button" className="btn btn--small" onClick={() => chores.patch({ panel: 'templates', sendTo: openId })}>
          {t('fol.sendTemplate')}
        </button>
      </div>
      <form className="chores-row" onSubmit={(e) => void saveRemark(e)}>
        <div className="field">
          <label htmlFor={`${id}-remark`} className="field__label">
            {t('fol.remark')}
          </label>
          <input id={`${id}-remark`} type="text" value={remark} aria-invalid={tooLong || undefined} aria-describedby={tooLong ? `${id}-remark-err` : undefined} onChange={(e) => setRemark(e.target.value)} />
          {tooLong ? (
            <p id={`${id}-remark-err`} className="field__error">
              {t('fol.remarkTooLong', { max: MAX_REMARK_BYTES, n: bytes })}
            </p>
          ) : null}
        </div>
        <button type="submit" className="btn btn--small" disabled={s.busy || tooLong}>
          {t('fol.saveRemark')}
        </button>
      </form>
      <div className="chores-row">
        <div className="field">
          <label htmlFor={`${id}-tag`} className="field__label">
            {t('fol.tag')}
          </label>
          <select id={`${id}-tag`} value={tagId} onChange={(e) => setTagId(e.target.value)}>
            <option value="">{t('fol.pickTag')}</option>
            {s.tags.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="btn btn--small" disabled={!tagId || s.busy} onClick={() => void change((tid) => followers.tag(tid, openId), 'fol.tagged')}>
          {t('fol.addTag')}
        </button>
        <button type="button" className="btn btn--small" disabled={!tagId || s.busy} onClick={() => void change((tid) => followers.untag(tid, openId), 'fol.untagged')}>
          {t('fol.removeTag')}
        </button>
      </div>
      <FlashRegion message={flash} />
      {s.actionError ? <ErrorNote error={s.actionError} heading={t('fol.changeFailed')} role="alert" appId={account.appId} /> : null}
      {simError ? <ErrorNote error={simError} heading={t('fol.simFailed')} role="alert" /> : null}
    </section>
  );
}
