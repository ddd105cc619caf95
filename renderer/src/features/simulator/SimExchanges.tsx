// The HTTP requests of one push and what came back, exactly as sent and received: the request with
// Copy request and Copy curl (the probe's raw text), the raw reply, and in safe mode the decrypted one.
import type { ProbeExchange } from '../../../../electron/contract';
import { useI18n } from '../../i18n';
import { CopyButton } from '../../ui/tools/CopyButton';
import { rawRequest, rawResponse } from '../probe/probe';
import { simulatorStrings } from './strings';

export function SimExchanges({ exchanges, onFlash }: { exchanges: ProbeExchange[]; onFlash(message: string): void }) {
  const { t } = useI18n(simulatorStrings);
  return (
    <details className="probe-x">
      <summary>{t('x.heading', { n: exchanges.length })}</summary>
      {exchanges.map((x, i) => (
        <div key={i} className="probe-x__one">
          <div className="probe-x__head">
            <span className="probe-x__label">{t('x.request')}</span>
            <CopyButton text={rawRequest(x.request)} what={t('x.requestWhat')} onFlash={onFlash} spelled />
            <CopyButton text={x.request.curl} what="curl" onFlash={onFlash} spelled />
          </div>
          <pre className="probe-x__text">{rawRequest(x.request)}</pre>
          {x.response ? (
            <>
              <div className="probe-x__head">
                <span className="probe-x__label">{t('x.response', { status: x.response.status, ms: x.ms })}</span>
                {x.response.truncated ? <span className="badge badge--warn">{t('x.truncated')}</span> : null}
              </div>
              <pre className="probe-x__text">{rawResponse(x.response)}</pre>
              {x.response.decrypted !== undefined ? (
                <>
                  <div className="probe-x__head">
                    <span className="probe-x__label">{t('x.decrypted')}</span>
                  </div>
                  <pre className="probe-x__text">{x.response.decrypted}</pre>
                </>
              ) : null}
            </>
          ) : (
            <p className="probe-x__error">{t('x.noAnswer', { code: x.error?.code ?? '', message: x.error?.message ?? '', ms: x.ms })}</p>
          )}
        </div>
      ))}
    </details>
  );
}
