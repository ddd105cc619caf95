import type { ConnectionNotice, Notice, StoreNotice, TeamEntryNotice } from '../../../../electron/contract';
import { useI18n } from '../../i18n';
import { ErrorNote } from '../../ui/ErrorNote';
import { noticesStrings } from './strings';

/**
 * What the user must know about the data: damaged files moved aside (where the copy is, what WxDesk
 * carried on with), and in team mode a Redis that cannot be reached or a value in it that cannot be read.
 */
export function StoreNotices({ notices }: { notices: Notice[] }) {
  const { t } = useI18n(noticesStrings);
  const damaged = notices.filter((n): n is StoreNotice => n.kind === 'damaged');
  const down = notices.filter((n): n is ConnectionNotice => n.kind === 'connection' && n.state === 'down');
  const unreadable = notices.filter((n): n is TeamEntryNotice => n.kind === 'team-entry');
  return (
    <>
      {damaged.length ? (
        <section className="note note--warn" role="alert" aria-label={t('notice.heading')}>
          <header className="note__header">
            <h3 className="note__title">{t('notice.heading')}</h3>
          </header>
          {damaged.map((n) => (
            <p key={n.movedTo} className="note__message">
              {t('notice.damaged', { file: n.file, movedTo: n.movedTo })} {t(n.recovered === 'memory' ? 'notice.memory' : 'notice.empty')}
            </p>
          ))}
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
      {unreadable.map((n) => (
        <ErrorNote key={n.key} error={n.error} heading={t('team.badEntryHeading')} />
      ))}
    </>
  );
}
