// Followers: the list read from user/get page by page (past 10,000 with next_openid), a table of
// 100 rows a page with their details (user/info/batchget), a search by OpenID or remark, the chosen
// follower's card (remark, tags, copy, use in the simulator, send a template) and the tags.
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useI18n } from '../../../i18n';
import { useSlot } from '../../../slot';
import { ErrorNote } from '../../../ui/ErrorNote';
import type { ChorePanelProps } from '../ChoresTab';
import { FollowerCard } from './FollowerCard';
import { Followers, ROWS, followersSlot, matching, pageCount } from './followers-state';
import { followerStrings } from './strings';
import { TagsCard } from './TagsCard';

export function FollowersPanel({ account, memory, chores }: ChorePanelProps) {
  const { t, time } = useI18n(followerStrings);
  const id = useId();
  const slot = followersSlot(memory);
  const s = useSlot(slot);
  const f = useMemo(() => new Followers(slot, account.appId), [slot, account.appId]);
  const [goTo, setGoTo] = useState('');

  useEffect(() => {
    void f.load();
  }, [f]);

  const rows = useMemo(() => matching(s), [s]);
  const pages = pageCount(rows.length) + (s.query.trim() ? 0 : Math.ceil((s.total - s.openIds.length) / ROWS));
  const shown = rows.slice(s.page * ROWS, (s.page + 1) * ROWS);
  const search = (e: FormEvent) => {
    e.preventDefault();
    void f.showPage(0);
  };
  const jump = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(goTo);
    if (Number.isInteger(n) && n >= 1) void f.showPage(n - 1);
  };
  const allRead = !s.nextOpenId && s.openIds.every((o) => s.details[o]);

  return (
    <>
      <section className="card" aria-labelledby={`${id}-title`}>
        <header className="card__header chores-row">
          <h3 id={`${id}-title`} className="card__title">
            {t('fol.heading', { total: s.total })}
          </h3>
          <button type="button" className="btn btn--small" disabled={s.loading} onClick={() => void f.load(true)}>
            {s.loading ? t('fol.loading') : t('fol.reload')}
          </button>
        </header>
        {s.error ? <ErrorNote error={s.error} heading={t('fol.loadFailed')} role="alert" appId={account.appId} /> : null}
        {s.detailsError ? <ErrorNote error={s.detailsError} heading={t('fol.detailsFailed')} appId={account.appId} /> : null}
        <form className="chores-row" role="search" onSubmit={search}>
          <label>
            <span className="field__label">{t('fol.search')}</span>
            <input type="search" value={s.query} spellCheck={false} placeholder={t('fol.searchHint')} onChange={(e) => slot.patch({ query: e.target.value, page: 0 })} />
          </label>
          <button type="submit" className="btn btn--small">
            {t('fol.find')}
          </button>
          {s.query.trim() && !allRead ? (
            <button type="button" className="btn btn--small btn--ghost" disabled={s.loading} onClick={() => void f.readAll()}>
              {t('fol.readAll', { total: s.total })}
            </button>
          ) : null}
        </form>
        <p className="muted" role="status">
          {s.query.trim() ? t('fol.found', { n: rows.length }) : s.loaded ? t('fol.page', { page: s.page + 1, pages }) : ''}
        </p>
        {s.loaded && rows.length === 0 ? <p className="muted">{s.query.trim() ? t('fol.noMatch') : t('fol.none')}</p> : null}
        {shown.length ? (
          <div className="table-wrap">
            <table className="chores-table" aria-label={t('fol.table')}>
              <thead>
                <tr>
                  <th scope="col">{t('fol.openId')}</th>
                  <th scope="col">{t('fol.remark')}</th>
                  <th scope="col">{t('fol.subscribedAt')}</th>
                  <th scope="col">{t('fol.scene')}</th>
                  <th scope="col">{t('fol.language')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((o) => {
                  const d = s.details[o];
                  return (
                    <tr key={o} className={s.selected === o ? 'chores-table__chosen' : undefined}>
                      <td>
                        <button type="button" className="btn btn--small btn--ghost" aria-pressed={s.selected === o} onClick={() => slot.patch({ selected: o, actionError: null })}>
                          <code>{o}</code>
                        </button>
                      </td>
                      <td>{d?.remark ?? ''}</td>
                      <td>{d?.subscribedAt ? time(d.subscribedAt) : d && !d.subscribed ? t('fol.unsubscribed') : ''}</td>
                      <td>{d?.scene ?? ''}</td>
                      <td>{d?.language ?? ''}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : null}
        {s.loaded ? (
          <nav className="chores-row" aria-label={t('fol.pages')}>
            <button type="button" className="btn btn--small" disabled={s.page === 0 || s.loading} onClick={() => void f.showPage(s.page - 1)}>
              {t('fol.prev')}
            </button>
            <button type="button" className="btn btn--small" disabled={s.page + 1 >= pages || s.loading} onClick={() => void f.showPage(s.page + 1)}>
              {t('fol.next')}
            </button>
            <form className="chores-row" onSubmit={jump}>
              <label>
                <span className="field__label">{t('fol.goTo')}</span>
                <input type="text" inputMode="numeric" size={6} value={goTo} onChange={(e) => setGoTo(e.target.value)} />
              </label>
              <button type="submit" className="btn btn--small" disabled={s.loading}>
                {t('fol.go')}
              </button>
            </form>
          </nav>
        ) : null}
      </section>
      {s.selected ? <FollowerCard key={s.selected} account={account} memory={memory} chores={chores} followers={f} openId={s.selected} /> : null}
      <TagsCard followers={f} appId={account.appId} />
    </>
  );
}
