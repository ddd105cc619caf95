import type { StoreNotice } from '../../../electron/api';
import { useI18n } from '../i18n';

/** Damaged data files that were moved aside: where the copy is, and what WxDesk carried on with. */
export function StoreNotices({ notices }: { notices: StoreNotice[] }) {
  const { t } = useI18n();
  return (
    <section className="note note--warn" role="alert" aria-label={t('notice.heading')}>
      <header className="note__header">
        <h3 className="note__title">{t('notice.heading')}</h3>
      </header>
      {notices.map((n) => (
        <p key={n.movedTo} className="note__message">
          {t('notice.damaged', { file: n.file, movedTo: n.movedTo })} {t(n.recovered === 'memory' ? 'notice.memory' : 'notice.empty')}
        </p>
      ))}
    </section>
  );
}
