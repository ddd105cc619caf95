// The log beside the phone: every exchange with its verdict, what the judges found, the push XML,
// the request (Copy request, Copy curl, as the probe has them), the raw and decrypted reply and
// the time; Clear; and "Resend as WeChat's retry" (one MsgId three times, 5 s apart) with its result.
import { forwardRef, useId } from 'react';
import type { PushExchange } from '../../../../electron/contract';
import { useI18n } from '../../i18n';
import { FlashRegion, useFlash } from '../../ui/Flash';
import { Exchanges } from '../probe/ProbeResults';
import { simulatorStrings, type SimKey } from './strings';

interface Props {
  log: PushExchange[];
  retrying: string | null;
  onRetry(x: PushExchange): void;
  onClear(): void;
}

const ICON = { pass: '✓', warning: '!', fail: '✗', skipped: '–' } as const;

export const SimLog = forwardRef<HTMLElement, Props>(function SimLog({ log, retrying, onRetry, onClear }, ref) {
  const { t, problem, time } = useI18n(simulatorStrings);
  const id = useId();
  const [flash, setFlash] = useFlash();

  return (
    <section ref={ref} className="card sim-log" aria-labelledby={`${id}-title`}>
      <header className="card__header">
        <h3 id={`${id}-title`} className="card__title">
          {t('log.heading')}
        </h3>
        <button type="button" className="btn btn--small" disabled={log.length === 0} onClick={onClear}>
          {t('log.clear')}
        </button>
      </header>
      <p className="muted">{t('log.intro')}</p>
      {log.length === 0 ? <p className="muted sim-log__empty">{t('log.empty')}</p> : null}
      <ol className="sim-log__list" reversed>
        {[...log].reverse().map((x) => (
          <li key={x.id} data-exchange={x.id} tabIndex={-1} className={`sim-log__entry sim-log__entry--${x.verdict}`} aria-label={t('log.entry', { kind: x.kind, time: time(x.at) })}>
            <div className="sim-log__head">
              <span className="probe-check__icon" aria-hidden="true">
                {ICON[x.verdict]}
              </span>
              <code className="sim-log__kind">{x.kind}</code>
              <span className={`badge probe-badge probe-badge--${x.verdict}`}>{t(`log.verdict.${x.verdict}` as SimKey)}</span>
              <span className="muted">{time(x.at)}</span>
              <span className="muted">{x.exchanges.map((e) => `${e.ms} ms`).join(' · ')}</span>
            </div>
            <p className="muted sim-log__meta">
              {t('log.mode', { mode: x.mode })} · {t('log.follower', { openId: x.openId })} · <code>{x.url}</code>
            </p>
            {x.findings.length > 0 ? (
              <ul className="probe-check__findings" aria-label={t('log.findings')}>
                {x.findings.map((f, i) => (
                  <li key={i} className={`probe-finding probe-finding--${f.verdict}`}>
                    {problem(f.text)}
                  </li>
                ))}
              </ul>
            ) : null}
            {x.forged ? <p className="sim-log__retry sim-log__retry--bad">{t('log.forged')}</p> : null}
            {x.retry ? <p className={x.retry.sameReply ? 'sim-log__retry' : 'sim-log__retry sim-log__retry--bad'}>{t(x.retry.sameReply ? 'log.retryOnce' : 'log.retryTwice', { sends: x.retry.sends })}</p> : null}
            <details className="probe-x">
              <summary>{t('log.pushXml')}</summary>
              <pre className="probe-x__text" tabIndex={0}>{x.xml}</pre>
            </details>
            {x.exchanges.length > 0 ? <Exchanges exchanges={x.exchanges} onFlash={setFlash} /> : null}
            <div className="sim-log__actions">
              <button type="button" className="btn btn--small" disabled={retrying !== null} onClick={() => onRetry(x)}>
                {retrying === x.id ? t('log.retrying') : t('log.retry')}
              </button>
            </div>
          </li>
        ))}
      </ol>
      <FlashRegion message={flash} />
    </section>
  );
});
