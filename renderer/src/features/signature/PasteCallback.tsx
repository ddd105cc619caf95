import { useId } from 'react';
import type { ErrorView } from '../../../../electron/contract';
import { useI18n } from '../../i18n';
import { ErrorNote } from '../../ui/ErrorNote';
import { LabField } from '../../ui/tools/LabField';
import { signatureStrings } from './strings';

interface Props {
  text: string;
  onText(text: string): void;
  busy: boolean;
  error: ErrorView | null;
  /** A local problem (the paste was read but held nothing to fill). */
  problem: string | null;
  onFill(): void;
}

/** Paste a callback URL, a query string or a raw request; the fields of the panes fill themselves. */
export function PasteCallback({ text, onText, busy, error, problem, onFill }: Props) {
  const { t } = useI18n(signatureStrings);
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <header className="card__header">
        <h3 id={`${id}-title`} className="card__title">
          {t('sig.pasteTitle')}
        </h3>
      </header>
      <LabField id={`${id}-paste`} label={t('sig.paste')} help={t('sig.pasteHelp')} rows={4} value={text} onChange={onText} />
      <div className="lab__actions">
        <button type="button" className="btn" disabled={busy || text.trim() === ''} onClick={onFill}>
          {busy ? t('sig.filling') : t('sig.fill')}
        </button>
      </div>
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
      {error ? <ErrorNote error={error} heading={t('sig.pasteFailed')} role="alert" /> : null}
    </section>
  );
}
