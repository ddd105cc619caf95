import { useId, useState, type Ref } from 'react';
import type { ConsoleResult } from '../../../../electron/contract';
import { inputOfRecord } from './console-run';
import { useI18n } from '../../i18n';
import { useCurlCopy } from './CurlCopy';
import { BinaryAnswer } from './BinaryAnswer';
import { sizeText } from './binary';
import { ErrorNote } from '../../ui/ErrorNote';
import { FlashRegion } from '../../ui/Flash';
import { consoleStrings } from './strings';

/**
 * One answer of the console: status, time taken, errcode explained, the body, and the request as
 * curl. A labelled region that takes focus (tabIndex -1), so the tab can move the user to it after Send.
 */
export function ConsoleResponse({ result, appId, ref }: { result: ConsoleResult; appId: string; ref?: Ref<HTMLElement> }) {
  const { t, time } = useI18n(consoleStrings);
  const id = useId();
  const [reveal, setReveal] = useState(false);
  const curl = useCurlCopy();
  const httpOk = result.status >= 200 && result.status < 300;
  const wxOk = result.errcode === undefined || result.errcode === 0;

  return (
    <section ref={ref} tabIndex={-1} className="card console-response" aria-labelledby={`${id}-title`}>
      <header className="card__header">
        <h3 id={`${id}-title`} className="card__title">
          {t('console.response')}
        </h3>
        <span className="muted console-response__at">{time(result.at)}</span>
      </header>

      <dl className="console-facts">
        <div>
          <dt>{t('console.status')}</dt>
          <dd>
            <span className={`badge${httpOk ? '' : ' badge--warn'}`}>{result.status}</span>
          </dd>
        </div>
        <div>
          <dt>{t('console.latency')}</dt>
          <dd>{t('console.ms', { ms: result.latencyMs })}</dd>
        </div>
        <div>
          <dt>{t('console.errcode')}</dt>
          <dd>
            <code className={wxOk ? '' : 'console-facts__bad'}>{result.errcode ?? t('console.none')}</code>
          </dd>
        </div>
      </dl>

      {result.retried ? (
        <p className="console-response__retried">{t(result.retried.refreshed ? 'console.retried' : 'console.retriedOther', { code: result.retried.errcode })}</p>
      ) : null}

      {result.error ? <ErrorNote error={result.error} heading={t('console.wechatError')} appId={appId} /> : null}

      <p className="console-response__url">
        <span className="label">{t('console.requestUrl')}</span>
        <code>
          {result.request.method} {result.request.url}
        </code>
        {result.request.file ? <span className="muted console-response__file"> {t('console.fileSent', { field: result.request.file.field, name: result.request.file.fileName, size: sizeText(result.request.file.size) })}</span> : null}
      </p>
      <p id={`${id}-body`} className="label console-response__label">
        {t('console.responseBody')}
      </p>
      {result.binary ? (
        <BinaryAnswer binary={result.binary} request={result.request} />
      ) : (
        <pre className="snippet console-response__body" role="region" aria-labelledby={`${id}-body`} tabIndex={0}>
          {result.body}
        </pre>
      )}
      {result.truncated ? <p className="hint">{t('console.truncated')}</p> : null}

      <div className="console-response__copy">
        <button type="button" className="btn" onClick={() => curl.copy(inputOfRecord(appId, result.request), reveal)}>
          {t('console.copyCurl')}
        </button>
        <label className="console__check">
          <input type="checkbox" checked={reveal} onChange={(e) => setReveal(e.target.checked)} />
          {t('console.reveal')}
        </label>
        <FlashRegion message={curl.flash} className="token-card__flash" />
      </div>
      {curl.error ? <ErrorNote error={curl.error} heading={t('error.actionFailed')} role="alert" /> : null}
    </section>
  );
}
