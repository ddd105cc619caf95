import { useId } from 'react';
import type { ConsoleHistoryView, ErrorView } from '../../../../electron/contract';
import { HISTORY_LIMIT, inputOfRecord } from './console-run';
import { useI18n } from '../../i18n';
import { useCurlCopy } from './CurlCopy';
import { ErrorNote } from '../../ui/ErrorNote';
import { FlashRegion } from '../../ui/Flash';
import { consoleStrings } from './strings';
import { sizeText } from './binary';

interface Props {
  appId: string;
  rows: ConsoleHistoryView[] | null;
  error: ErrorView | null;
  /** A request is on its way: no re-run until it is back. */
  running: boolean;
  onRerun(row: ConsoleHistoryView): void;
}

const search = (row: ConsoleHistoryView) => (row.query.length ? `?${row.query.map(([k, v]) => `${k}=${v}`).join('&')}` : '');

/** The account's last console requests, newest first: each can be sent again or copied as curl. */
export function ConsoleHistory({ appId, rows, error, running, onRerun }: Props) {
  const { t, time } = useI18n(consoleStrings);
  const id = useId();
  const curl = useCurlCopy();

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <header className="card__header">
        <h3 id={`${id}-title`} className="card__title">
          {t('console.historyHeading')}
        </h3>
        <FlashRegion message={curl.flash} className="token-card__flash console-history__flash" />
      </header>
      {error ? <ErrorNote error={error} heading={t('console.historyFailed')} /> : null}
      {curl.error ? <ErrorNote error={curl.error} heading={t('error.actionFailed')} role="alert" /> : null}
      {rows === null ? null : rows.length === 0 ? (
        <p className="muted">{t('console.historyEmpty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="history console-history" aria-labelledby={`${id}-title`}>
            <thead>
              <tr>
                <th scope="col">{t('console.colTime')}</th>
                <th scope="col">{t('console.colMethod')}</th>
                <th scope="col">{t('console.colPath')}</th>
                <th scope="col" className="num">
                  {t('console.colStatus')}
                </th>
                <th scope="col">{t('console.colErrcode')}</th>
                <th scope="col" className="num">
                  {t('console.colLatency')}
                </th>
                <th scope="col">
                  <span className="sr-only">{t('console.colActions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, HISTORY_LIMIT).map((row) => {
                const what = { method: row.method, path: row.path };
                const bad = row.errcode !== undefined && row.errcode !== 0;
                return (
                  <tr key={row.id}>
                    <td className="nowrap">{time(row.at)}</td>
                    <td>
                      <code>{row.method}</code>
                    </td>
                    <td className="console-history__path">
                      <code>{row.path}</code>
                      <span className="muted">{search(row)}</span>
                      {row.file ? <span className="badge badge--soft console-history__file">{t('console.historyFile', { name: row.file.fileName, size: sizeText(row.file.size) })}</span> : null}
                    </td>
                    <td className="num">{row.status ?? <span className="muted">{t('console.noAnswer')}</span>}</td>
                    <td className="nowrap">
                      {row.errcode !== undefined ? <code className={bad ? 'console-facts__bad' : ''}>{row.errcode}</code> : <span className="muted">{t('console.none')}</span>}
                      {row.retried ? <span className="badge badge--soft console-history__retried">{t('console.retriedBadge')}</span> : null}
                    </td>
                    <td className="num nowrap">{t('console.ms', { ms: row.latencyMs })}</td>
                    <td className="nowrap console-history__actions">
                      <button type="button" className="btn btn--small" disabled={running} aria-label={t('console.rerunWhat', what)} onClick={() => onRerun(row)}>
                        {t('console.rerun')}
                      </button>
                      <button type="button" className="btn btn--small btn--ghost" aria-label={t('console.copyRowWhat', what)} onClick={() => curl.copy(inputOfRecord(appId, row), false)}>
                        {t('console.copyRow')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
