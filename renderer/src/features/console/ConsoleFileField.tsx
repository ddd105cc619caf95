import { useEffect, useRef } from 'react';
import { sizeText } from './binary';
import { checkFile, type ChosenFile, type ConsoleFields, type FileProblem } from './console-run';
import { useI18n } from '../../i18n';
import { LabField } from '../../ui/tools/LabField';
import { consoleStrings, type ConsoleKey } from './strings';

interface Props {
  id: string;
  fields: ConsoleFields;
  setField<K extends keyof ConsoleFields>(key: K, value: ConsoleFields[K]): void;
  file: ChosenFile | null;
  setFile(file: ChosenFile | null): void;
  /** A history line with a file was put back in the form: its bytes were not kept, so it must be chosen again. */
  again: string | null;
}

/** What is wrong with the file or its field name, or undefined: Send waits for neither. */
export function fileError(t: (k: ConsoleKey, v?: Record<string, string>) => string, f: ConsoleFields, file: ChosenFile | null): string | undefined {
  if (!file || f.method !== 'POST') return undefined;
  const p: FileProblem | null = checkFile(file);
  if (p?.problem === 'empty') return t('console.fileEmpty');
  if (p?.problem === 'tooLarge') return t('console.fileTooLarge', { size: sizeText(p.size), max: sizeText(p.max) });
  if (!/^[A-Za-z0-9_.\-[\]]{1,64}$/.test(f.fileField.trim())) return t('console.fileFieldBad');
  return undefined;
}

/**
 * The file of a multipart POST (media/upload, uploadimg, add_material): a file input (the desktop
 * app's picker is the same input), its form field name and optional text fields. Checked as chosen:
 * an empty file or one past 10 MiB is never read nor sent.
 */
export function ConsoleFileField({ id, fields, setField, file, setFile, again }: Props) {
  const { t } = useI18n(consoleStrings);
  const input = useRef<HTMLInputElement>(null);
  const error = fileError(t, fields, file);
  const problem = file ? checkFile(file) : null;

  // The input shows nothing once the file is dropped from the form (a preset, a history line).
  useEffect(() => {
    if (!file && input.current) input.current.value = '';
  }, [file]);
  useEffect(() => {
    if (again) input.current?.focus();
  }, [again]);

  const describedBy = [`${id}-file-help`, problem ? `${id}-file-error` : '', again && !file ? `${id}-file-again` : ''].filter(Boolean).join(' ');
  return (
    <div className="field field--wide console-file">
      <label htmlFor={`${id}-file`} className="field__label">
        {t('console.file')}
      </label>
      <div className="field__row">
        <input ref={input} id={`${id}-file`} type="file" aria-describedby={describedBy} aria-invalid={problem ? true : undefined} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        {file ? (
          <button type="button" className="btn btn--small btn--ghost" onClick={() => setFile(null)}>
            {t('console.fileRemove')}
          </button>
        ) : null}
      </div>
      <p id={`${id}-file-help`} className="field__help">
        {file ? t('console.fileChosen', { name: file.name, size: sizeText(file.size) }) : t('console.fileHelp')}
      </p>
      {again && !file ? (
        <p id={`${id}-file-again`} className="field__help console__confirm-note">
          {t('console.fileAgain', { name: again })}
        </p>
      ) : null}
      {problem && error ? (
        <p id={`${id}-file-error`} className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="console-file__more">
        <LabField id={`${id}-file-field`} label={t('console.fileField')} value={fields.fileField} onChange={(v) => setField('fileField', v)} help={t('console.fileFieldHelp')} error={file && !problem ? error : undefined} />
        <LabField id={`${id}-file-text`} label={t('console.fileText')} value={fields.textFields} onChange={(v) => setField('textFields', v)} rows={2} optional help={t('console.fileTextHelp')} />
      </div>
    </div>
  );
}
