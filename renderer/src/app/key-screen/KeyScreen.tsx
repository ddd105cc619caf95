import { useI18n } from '../../i18n';
import { keyScreenStrings } from './strings';

/** Shown in a browser opened without the run's key: nothing else can work, so say how to get it. */
export function KeyScreen({ refused = false }: { refused?: boolean }) {
  const { t } = useI18n(keyScreenStrings);
  return (
    <main className="keyscreen">
      <div className="card keyscreen__card">
        <div className="brand brand--large" aria-hidden="true">
          <span className="brand__mark">W</span>
        </div>
        <h1 className="keyscreen__title">{t('nokey.title')}</h1>
        <p>{refused ? t('nokey.refused') : t('nokey.body')}</p>
        <p className="muted">{t('nokey.step')}</p>
        <pre className="keyscreen__cmd">
          <code>{t('nokey.command')}</code>
        </pre>
      </div>
    </main>
  );
}
