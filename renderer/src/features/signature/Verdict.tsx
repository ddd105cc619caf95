import { useI18n } from '../../i18n';
import { signatureStrings } from './strings';

/**
 * Match or Mismatch, big. A mismatch repeats the signature to check, to read against the digest
 * below; a match does not (it is the digest), so the digest is on the page once.
 */
export function Verdict({ match, expected }: { match: boolean; expected: string }) {
  const { t } = useI18n(signatureStrings);
  return (
    <div className={`verdict verdict--${match ? 'match' : 'mismatch'}`} role="status">
      <div className="verdict__head">
        <p className="verdict__title">
          <span className="verdict__icon" aria-hidden="true">
            {match ? '✓' : '✗'}
          </span>
          <span>{t(match ? 'sig.match' : 'sig.mismatch')}</span>
        </p>
        {match ? null : (
          <dl className="verdict__values">
            <dt>{t('sig.given')}</dt>
            <dd>
              <code>{expected}</code>
            </dd>
          </dl>
        )}
      </div>
      <p className="verdict__body">{t(match ? 'sig.matchBody' : 'sig.mismatchBody')}</p>
    </div>
  );
}
