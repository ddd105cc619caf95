import { Fragment, useId, useState } from 'react';
import type { HistoryView } from '../../../../electron/contract';
import { useI18n } from '../../i18n';
import { RidButton, RidDetails } from '../../ui/RidLookup';
import { tokenStrings } from './strings';

const COLUMNS = 6;

/**
 * The account's refresh log, newest first, as the token keeper recorded it. With the account's
 * appId, an error's rid can be looked up; what WeChat stored shows on a line under the row.
 */
export function HistoryTable({ rows, headingId, appId }: { rows: HistoryView[] | null; headingId: string; appId?: string }) {
  const { t, time } = useI18n(tokenStrings);
  const id = useId();
  // The row whose rid is shown, by its time and rid (rows shift as new lines arrive).
  const [open, setOpen] = useState<string | null>(null);
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
          {rows.map((row, i) => {
            const rid = appId ? row.error?.rid : undefined;
            const key = rid ? `${row.at}-${rid}` : null;
            const shown = key !== null && open === key;
            const detailId = `${id}-rid-${i}`;
            return (
              <Fragment key={`${row.at}-${i}`}>
                <tr>
                  <td className="nowrap">{time(row.at)}</td>
                  <td>{t(`trigger.${row.trigger}`)}</td>
                  <td>
                    <span className={`outcome outcome--${row.outcome}`}>{t(`outcome.${row.outcome}`)}</span>
                  </td>
                  <td className="num nowrap">{t('history.ms', { ms: row.latencyMs })}</td>
                  <td>
                    {row.error ? (
                      <span className="history__code">
                        <code>{row.error.code}</code>
                        {key ? <RidButton open={shown} onToggle={() => setOpen(shown ? null : key)} controls={detailId} /> : null}
                      </span>
                    ) : (
                      <span className="muted">{t('token.never')}</span>
                    )}
                  </td>
                  <td>{row.fingerprint ? <code className="fingerprint">{row.fingerprint}</code> : <span className="muted">{t('token.never')}</span>}</td>
                </tr>
                {shown && rid && appId ? (
                  <tr className="history__detail">
                    <td colSpan={COLUMNS}>
                      <RidDetails appId={appId} rid={rid} id={detailId} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
