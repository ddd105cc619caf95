import type { CauseView } from '../../../../electron/contract';
import { useI18n } from '../../i18n';
import { signatureStrings, type SignatureKey } from './strings';
import { toolsStrings, type ToolsKey } from '../../ui/tools/strings';

const TITLES: Record<CauseView['code'], SignatureKey> = {
  whitespace: 'cause.whitespace',
  milliseconds: 'cause.milliseconds',
  fragment: 'cause.fragment',
  'encoded-url': 'cause.encoded-url',
  'numeric-sort': 'cause.numeric-sort',
  uppercase: 'cause.uppercase',
  'signature-of-other': 'cause.signature-of-other',
};

const FIELDS: Record<string, SignatureKey | ToolsKey> = {
  token: 'sig.token',
  timestamp: 'sig.timestamp',
  nonce: 'sig.nonce',
  encrypt: 'sig.encrypt',
  url: 'sig.url',
  ticket: 'sig.ticket',
  noncestr: 'sig.noncestr',
  signature: 'sig.fieldSignature',
  appId: 'sig.appId',
};

/**
 * The mistakes the core detected. The title is translated by the cause's code; the core's own
 * sentence (in the UI's language, with the exact values) follows as the detail, or stands alone for
 * a code this renderer does not know yet.
 */
export function CauseList({ causes, headingId }: { causes: CauseView[]; headingId: string }) {
  const { t, lang } = useI18n(signatureStrings, toolsStrings);
  if (causes.length === 0) return null;
  return (
    <section className="causes" aria-labelledby={headingId}>
      <h4 id={headingId} className="causes__title">
        {t('sig.causes')}
      </h4>
      <ul className="causes__list">
        {causes.map((cause, i) => {
          const titleKey = TITLES[cause.code] as SignatureKey | undefined;
          const fieldKey = cause.field ? FIELDS[cause.field] : undefined;
          const field = fieldKey ? t(fieldKey) : (cause.field ?? '');
          const text = lang === 'zh-CN' && cause.zh ? cause.zh : cause.message;
          return (
            <li key={`${cause.code}-${cause.field ?? ''}-${i}`} className={`cause cause--${cause.level}`}>
              <span className={`badge ${cause.level === 'warning' ? 'badge--warn' : 'badge--soft'}`}>{t(cause.level === 'warning' ? 'sig.levelWarning' : 'sig.levelInfo')}</span>
              {/* One paragraph per cause, so a search for its words finds it once. */}
              <p className="cause__text">
                {titleKey ? (
                  <>
                    <strong className="cause__title">{t(titleKey, { field })}</strong>
                    {text}
                  </>
                ) : (
                  text
                )}
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
