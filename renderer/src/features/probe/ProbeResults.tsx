import { useId } from 'react';
import type { ProbeCheckResult, ProbeExchange, ProbeReport } from '../../../../electron/contract';
import { useI18n } from '../../i18n';
import { rawRequest, rawResponse, tally } from './probe';
import { CopyButton } from '../../ui/tools/CopyButton';
import { FlashRegion, useFlash } from '../../ui/Flash';
import { probeStrings, type ProbeKey } from './strings';

type Shown = ProbeCheckResult['verdict'] | 'running' | 'waiting';

const BADGE: Record<Shown, ProbeKey> = {
  pass: 'probe.pass',
  warning: 'probe.warning',
  fail: 'probe.fail',
  skipped: 'probe.skipped',
  running: 'probe.checkRunning',
  waiting: 'probe.waiting',
};

const ICON: Record<Shown, string> = { pass: '✓', warning: '!', fail: '✗', skipped: '–', running: '…', waiting: '·' };

/** A run's checks in plan order, live: each with its verdict, cause, time and what went over the wire. */
export function ProbeResults({ report }: { report: ProbeReport }) {
  const { t, problem } = useI18n(probeStrings);
  const id = useId();
  const [flash, setFlash] = useFlash();
  const n = tally(report);
  const total = report.plan.length;
  const running = report.plan.find((p) => p.id === report.running);
  const overall = !report.done
    ? t('probe.progress', { done: report.checks.length, total, check: running ? problem(running.title) : '' })
    : report.verdict === 'fail'
      ? t('probe.overallFail', { failed: n.failed, total })
      : report.verdict === 'warning'
        ? n.warned === 0
          ? t('probe.overallRunWarning', { passed: n.passed, total })
          : t('probe.overallWarning', { warned: n.warned, total })
        : t('probe.overallPass', { passed: n.passed, total });

  return (
    <section className="card probe" aria-labelledby={`${id}-title`} aria-busy={!report.done}>
      <header className="card__header">
        <h3 id={`${id}-title`} className="card__title">
          {t('probe.resultsHeading')}
        </h3>
        <code className="probe__url">{report.url}</code>
      </header>
      <p role="status" className={`probe__overall probe__overall--${report.done ? report.verdict : 'running'}`}>
        {overall}
      </p>
      {report.warnings?.length ? (
        <section className="probe__run-warnings" aria-label={t('probe.runWarnings')}>
          <ul>
            {report.warnings.map((w, i) => (
              <li key={i}>
                <span className="sr-only">{t('probe.warning')}: </span>
                {problem(w)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <ol className="probe__checks" aria-label={t('probe.results')}>
        {report.plan.map((p) => {
          const result = report.checks.find((c) => c.id === p.id);
          const shown: Shown = result ? result.verdict : report.running === p.id ? 'running' : 'waiting';
          return (
            <li key={p.id} className={`probe-check probe-check--${shown}`} aria-label={problem(p.title)}>
              <div className="probe-check__head">
                <span className="probe-check__icon" aria-hidden="true">
                  {ICON[shown]}
                </span>
                <span className="probe-check__title">{problem(p.title)}</span>
                <span className={`badge probe-badge probe-badge--${shown}`}>{t(BADGE[shown])}</span>
                {result && result.verdict !== 'skipped' ? <span className="probe-check__ms muted">{t('probe.ms', { ms: result.ms })}</span> : null}
              </div>
              {result ? (
                <>
                  <p className="probe-check__summary">{problem(result.summary)}</p>
                  {result.findings.length > 0 ? (
                    <ul className="probe-check__findings">
                      {result.findings.map((f, i) => (
                        <li key={i} className={`probe-finding probe-finding--${f.verdict}`}>
                          <span className="sr-only">{t(f.verdict === 'warning' ? 'probe.warning' : 'probe.info')}: </span>
                          {problem(f.text)}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {result.exchanges.length > 0 ? <Exchanges exchanges={result.exchanges} onFlash={setFlash} /> : null}
                </>
              ) : null}
            </li>
          );
        })}
      </ol>
      <FlashRegion message={flash} />
      <section className="probe__notes" aria-label={t('probe.notes')}>
        <ul>
          {report.notes.map((note, i) => (
            <li key={i}>{problem(note)}</li>
          ))}
        </ul>
      </section>
    </section>
  );
}

/** The raw request and answers; each text scrolls past 240 px, so it takes the focus (arrow keys scroll it). */
export function Exchanges({ exchanges, onFlash }: { exchanges: ProbeExchange[]; onFlash(message: string): void }) {
  const { t } = useI18n(probeStrings);
  return (
    <details className="probe-x">
      <summary>{t('probe.exchanges')}</summary>
      {exchanges.map((x, i) => (
        <div key={i} className="probe-x__one">
          <div className="probe-x__head">
            <span className="probe-x__label">{t('probe.request')}</span>
            <CopyButton text={rawRequest(x.request)} what={t('probe.requestWhat')} onFlash={onFlash} spelled />
            <CopyButton text={x.request.curl} what="curl" onFlash={onFlash} spelled />
          </div>
          <pre className="probe-x__text" tabIndex={0}>{rawRequest(x.request)}</pre>
          {x.response ? (
            <>
              <div className="probe-x__head">
                <span className="probe-x__label">{t('probe.response', { status: x.response.status, ms: x.ms })}</span>
                {x.response.truncated ? <span className="badge badge--warn">{t('probe.truncated')}</span> : null}
              </div>
              <pre className="probe-x__text" tabIndex={0}>{rawResponse(x.response)}</pre>
              {x.response.decrypted !== undefined ? (
                <>
                  <div className="probe-x__head">
                    <span className="probe-x__label">{t('probe.decrypted')}</span>
                  </div>
                  <pre className="probe-x__text" tabIndex={0}>{x.response.decrypted}</pre>
                </>
              ) : null}
            </>
          ) : (
            <p className="probe-x__error">{t('probe.noAnswer', { code: x.error?.code ?? '', message: x.error?.message ?? '', ms: x.ms })}</p>
          )}
        </div>
      ))}
    </details>
  );
}
