import type { ReactNode } from 'react';
import { CopyButton } from '../../ui/tools/CopyButton';

interface Props {
  n: number;
  title: string;
  /** Explains how this step follows from the previous one. */
  note?: string;
  copyText: string;
  onFlash(message: string): void;
  children: ReactNode;
}

/** One numbered step of a signature computation, with its own Copy button. */
export function LabStep({ n, title, note, copyText, onFlash, children }: Props) {
  return (
    <li className="step">
      <div className="step__label">
        <span className="step__n" aria-hidden="true">
          {n}
        </span>
        <span className="step__title">{title}</span>
        {note ? <span className="step__note">{note}</span> : null}
      </div>
      <div className="step__body">{children}</div>
      <CopyButton text={copyText} what={title} onFlash={onFlash} />
    </li>
  );
}

/** Values shown quoted, so leading or trailing spaces and newlines are visible. */
export function Values({ values }: { values: string[] }) {
  return (
    <ol className="values">
      {values.map((v, i) => (
        <li key={i}>
          <code className="value">{JSON.stringify(v)}</code>
        </li>
      ))}
    </ol>
  );
}
