// How the template message shows on the follower's phone: the title, the content with the values
// put in (in their colors), and "Details" when it leads somewhere. Drawn in the shared phone frame.
import { useI18n } from '../../../i18n';
import { Phone } from '../../../ui/phone/Phone';
import { previewLines, type FieldValue } from '../template-fields';
import { templateStrings } from './strings';

interface Props {
  account: string;
  title: string;
  content: string;
  values: Record<string, FieldValue>;
  /** The message leads somewhere (a url or a mini program). */
  jumps: boolean;
}

export function TemplatePreview({ account, title, content, values, jumps }: Props) {
  const { t } = useI18n(templateStrings);
  return (
    <div className="chores-preview" data-testid="template-preview">
      <Phone title={account} bottom={null}>
        <article className="chores-tpl" aria-label={t('tpl.preview')}>
          <p className="chores-tpl__title">{title}</p>
          {previewLines(content, values).map((parts, i) => (
            <p key={i} className="chores-tpl__line">
              {parts.map((p, j) =>
                'text' in p ? (
                  <span key={j}>{p.text}</span>
                ) : (
                  <span key={j} data-field={p.field} style={p.color ? { color: p.color } : undefined}>
                    {p.value}
                  </span>
                ),
              )}
            </p>
          ))}
          {jumps ? <p className="chores-tpl__more">{t('tpl.details')}</p> : null}
        </article>
      </Phone>
    </div>
  );
}
