import type { HistoryView } from '../../../electron/api';
import { useI18n } from '../i18n';

/** The account's refresh log, newest first, as the token keeper recorded it. */
export function HistoryTable({ rows, headingId }: { rows: HistoryView[] | null; headingId: string }) {
  const { t, time } = useI18n();
  if (rows === null) return null;
  if (rows.length === 0) return <p className="muted">{t('history.empty')}</p>;
  return (
    <div className="table-wrap">
      <table className="history" aria-labelledby={headingId}>
        <thead>
          <tr>
            <th scope="col">{t('history.time')}</th>
            <th scope="col">{t('history.trigger')}</th>
            <th scope="col">{t('history.outcome')}</th>
            <th scope="col" className="num">
              {t('history.latency')}
            </th>
            <th scope="col">{t('history.code')}</th>
            <th scope="col">{t('history.fingerprint')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={`${row.at}-${i}`}>
              <td className="nowrap">{time(row.at)}</td>
              <td>{t(`trigger.${row.trigger}`)}</td>
              <td>
                <span className={`outcome outcome--${row.outcome}`}>{t(`outcome.${row.outcome}`)}</span>
              </td>
              <td className="num nowrap">{t('history.ms', { ms: row.latencyMs })}</td>
              <td>{row.error ? <code>{row.error.code}</code> : <span className="muted">{t('token.never')}</span>}</td>
              <td>{row.fingerprint ? <code className="fingerprint">{row.fingerprint}</code> : <span className="muted">{t('token.never')}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
