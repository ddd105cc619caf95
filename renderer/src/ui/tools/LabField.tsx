import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';
import { toolsStrings } from './strings';

interface Props {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  help?: string;
  /** A textarea of this many rows instead of a one-line input. */
  rows?: number;
  /** Grows over the whole row of the grid. */
  wide?: boolean;
  /** Next to the input (a button that fills it). */
  action?: ReactNode;
  invalid?: boolean;
  /** Marked "Optional" next to the label (and in the field's description). */
  optional?: boolean;
  /** What is wrong with the value: shown under it as an alert, tied to it, and marks it invalid. */
  error?: string;
  /** Not used for now (the help says why). */
  disabled?: boolean;
}

/** One labelled input of the Signature tab. Values are sent exactly as typed: nothing is trimmed. */
export function LabField({ id, label, value, onChange, help, rows, wide, action, invalid, optional, error, disabled }: Props) {
  const { t } = useI18n(toolsStrings);
  const helpId = [optional ? `${id}-optional` : '', error ? `${id}-error` : '', help ? `${id}-help` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value,
    spellCheck: false,
    autoComplete: 'off',
    'aria-describedby': helpId,
    'aria-invalid': invalid || error ? true : undefined,
    disabled,
  } as const;
  const control = rows ? (
    <textarea {...common} rows={rows} className="lab-field__text" onChange={(e) => onChange(e.target.value)} />
  ) : (
    <input {...common} type="text" className="lab-field__input" onChange={(e) => onChange(e.target.value)} />
  );
  return (
    <div className={`field${wide ? ' field--wide' : ''}`}>
      <div className="field__top">
        <label htmlFor={id} className="field__label">
          {label}
        </label>
        {optional ? (
          <span id={`${id}-optional`} className="field__optional">
            {t('sig.optional')}
          </span>
        ) : null}
      </div>
      {action ? (
        <div className="field__row">
          {control}
          {action}
        </div>
      ) : (
        control
      )}
      {error ? (
        <p id={`${id}-error`} role="alert" className="field__error">
          {error}
        </p>
      ) : null}
      {help ? (
        <p id={`${id}-help`} className="field__help">
          {help}
        </p>
      ) : null}
    </div>
  );
}
