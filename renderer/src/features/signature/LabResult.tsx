import { useId, type ReactNode } from 'react';
import { useI18n } from '../../i18n';
import type { Live } from './lab';
import { ErrorNote } from '../../ui/ErrorNote';
import { FlashRegion, useFlash } from '../../ui/Flash';
import { signatureStrings } from './strings';

interface Props<R> {
  title: string;
  live: Live<R>;
  /** Shown while the inputs are not enough to compute anything. */
  prompt: string;
  children(result: R, flash: (message: string) => void, id: string): ReactNode;
}

/** The card under a pane's inputs: its result recomputed as the user types, or why there is none. */
export function LabResult<R>({ title, live, prompt, children }: Props<R>) {
  const { t } = useI18n(signatureStrings);
  const id = useId();
  const [flash, setFlash] = useFlash();
  return (
    <section className="card lab-result" aria-labelledby={`${id}-title`} aria-busy={live.pending}>
      <header className="card__header">
        <h3 id={`${id}-title`} className="card__title">
          {title}
        </h3>
        {live.pending ? <span className="muted lab-result__busy">{t('sig.computing')}</span> : null}
        <FlashRegion message={flash} className="lab-result__flash" />
      </header>
      {live.error ? (
        <ErrorNote error={live.error} heading={t('sig.failed')} />
      ) : live.result !== null ? (
        <div className={live.pending ? 'lab-result__body lab-result__body--stale' : 'lab-result__body'}>{children(live.result, setFlash, id)}</div>
      ) : (
        <p className="muted">{prompt}</p>
      )}
    </section>
  );
}
