import type { ConnectionNotice, FaultNotice, Notice, RefusedRecordNotice, StoreNotice, TeamEntryNotice } from '../../../../electron/contract';
import { useI18n } from '../../i18n';
import { ErrorNote } from '../../ui/ErrorNote';
import { noticesStrings } from './strings';

/**
 * What the user must know about the data: damaged files moved aside (where the copy is, what WxDesk
 * carried on with), in team mode a Redis that cannot be reached, a record from it refused or a value
 * in it that cannot be read, and faults WxDesk carried on through.
 */
export function StoreNotices({ notices }: { notices: Notice[] }) {
  const { t } = useI18n(noticesStrings);
  const damaged = notices.filter((n): n is StoreNotice => n.kind === 'damaged');
  const down = notices.filter((n): n is ConnectionNotice => n.kind === 'connection' && n.state === 'down');
  const refused = notices.filter((n): n is RefusedRecordNotice => n.kind === 'refused');
  const faults = notices.filter((n): n is FaultNotice => n.kind === 'fault');
  const unreadable = notices.filter((n): n is TeamEntryNotice => n.kind === 'team-entry');
  return (
    <>
      {damaged.length ? (
        <section className="note note--warn" role="alert" aria-label={t('notice.heading')}>
          <header className="note__header">
            <h3 className="note__title">{t('notice.heading')}</h3>
          </header>
          {damaged.map((n) =>
            n.records ? (
              <p key={n.movedTo} className="note__message">
                {t('notice.records', { file: n.file, movedTo: n.movedTo, records: n.records.map((r) => `${r.account || t('notice.settings')} (${r.field})`).join(', ') })} {t('notice.recordsHint')}
              </p>
            ) : (
              <p key={n.movedTo} className="note__message">
                {t('notice.damaged', { file: n.file, movedTo: n.movedTo })} {t(n.recovered === 'memory' ? 'notice.memory' : n.recovered === 'partial' ? 'notice.partial' : 'notice.empty')}
              </p>
            ),
          )}
        </section>
      ) : null}
      {down.map((n) => (
        <section key={n.server} className="note note--warn" role="alert" aria-label={t('team.downHeading')}>
          <header className="note__header">
            <h3 className="note__title">{t('team.downHeading')}</h3>
          </header>
          <p className="note__message">{t('team.down', { server: n.server })}</p>
          <p className="note__hint">{t('team.downHint')}</p>
        </section>
      ))}
      {refused.map((n) => (
        <section key={`${n.appId} ${n.at}`} className="note note--warn" role="alert" aria-label={t('team.refusedHeading')}>
          <header className="note__header">
            <h3 className="note__title">{t('team.refusedHeading')}</h3>
          </header>
          <p className="note__message">{t(n.reason === 'moves-secret' ? 'team.movesSecret' : 'team.invalid', { appId: n.appId, by: n.by, detail: n.detail })}</p>
          {n.reason === 'moves-secret' ? <p className="note__hint">{t('team.movesSecretHint')}</p> : null}
        </section>
      ))}
      {faults.map((n) => (
        <ErrorNote key={`${n.error.code}:${n.error.message}`} error={n.error} heading={t('fault.heading')} />
      ))}
      {unreadable.map((n) => (
        <ErrorNote key={n.key} error={n.error} heading={t('team.badEntryHeading')} />
      ))}
    </>
  );
}
