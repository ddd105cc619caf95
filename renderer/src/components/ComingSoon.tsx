import { useI18n, type MessageKey } from '../i18n';

export function ComingSoon({ text }: { text: MessageKey }) {
  const { t } = useI18n();
  return (
    <div className="card soon">
      <h3 className="card__title">{t('soon.title')}</h3>
      <p className="muted">{t(text)}</p>
    </div>
  );
}
