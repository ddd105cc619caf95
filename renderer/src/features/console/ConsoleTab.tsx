import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ConsoleHistoryView, ConsoleMethod, ConsolePreset } from '../../../../electron/contract';
import { normaliseApiPath } from '../../../../electron/core/console/api-path';
import { TOKEN_MASK, parseQueryLines, requestUrl } from '../../../../electron/core/console/format';
import { checkJson } from '../../../../electron/core/console/json-check';
import { CONSOLE_PRESETS, presetById } from '../../../../electron/core/console/presets';
import type { AccountTabProps } from '../../app/memory';
import { confirmingPreset, consoleStore, fieldsOfHistory, useConsole, type ConsoleFields } from './console-run';
import { useI18n } from '../../i18n';
import { ConfirmDialog } from '../../ui/dialog/ConfirmDialog';
import { ConsoleHistory } from './ConsoleHistory';
import { ConsoleFileField, fileError } from './ConsoleFileField';
import { ConsoleResponse } from './ConsoleResponse';
import { ErrorNote } from '../../ui/ErrorNote';
import { LabField } from '../../ui/tools/LabField';
import { QuotaCard } from './QuotaCard';
import { consoleStrings } from './strings';

const METHODS: ConsoleMethod[] = ['GET', 'POST'];

/**
 * The API console: any WeChat API called with the account's live token, from a preset or typed.
 * The form, the answer and the history live in the account's memory (useConsole), so they outlast this tab.
 */
export function ConsoleTab({ account, memory }: AccountTabProps) {
  const { t, lang } = useI18n(consoleStrings);
  const run = useConsole(account, consoleStore(memory, account.appId));
  const id = useId();
  const { fields, setField, running, error, result, file } = run;
  const [asking, setAsking] = useState<{ fields: ConsoleFields; preset: ConsolePreset } | null>(null);
  // A history line with a file, put back in the form: its file must be chosen again.
  const [again, setAgain] = useState<string | null>(null);
  // With a file chosen, a POST sends it as multipart and not the JSON body.
  const sendsFile = fields.method === 'POST' && file !== null;
  const badFile = fileError(t, fields, file);
  const appId = account.appId;
  const presetName = (p: ConsolePreset) => (lang === 'zh-CN' ? p.name.zh : p.name.en);

  // Checked as typed; an empty body is no body, nor one that a file replaces.
  const check = fields.body.trim() === '' || sendsFile ? null : checkJson(fields.body);
  const jsonError = check && !check.ok ? t('console.jsonError', { line: check.line, column: check.column, reason: lang === 'zh-CN' ? check.reasonZh : check.reason }) : undefined;
  // The path as the core will take it (the same function checks it there), or why not: the
  // preview shows the URL that will be sent, and Send waits for a path it can send.
  const target = normaliseApiPath(fields.path, { appId });
  const pathError = target.ok ? undefined : lang === 'zh-CN' ? target.zh : target.en;
  const url = target.ok ? requestUrl(account.apiBase.replace(/\/+$/, ''), target.path, [...target.query, ...parseQueryLines(fields.query)], TOKEN_MASK) : '';
  // The file as curl sends it (-F field=@name), after its text fields.
  const preview = url && sendsFile ? [url, ...parseQueryLines(fields.textFields).map(([k, v]) => `--form-string ${k}=${v}`), `-F ${fields.fileField.trim()}=@${file.name}`].join(' ') : url;
  const preset = presetById(fields.presetId);

  // After a Send from here, the answer is brought into view and focused: below the form, it is
  // often under the fold, and Send would look as if it did nothing.
  const answerRef = useRef<HTMLElement>(null);
  const showAnswer = useRef(false);
  useEffect(() => {
    if (!result || !showAnswer.current) return;
    showAnswer.current = false;
    answerRef.current?.scrollIntoView({ block: 'start' });
    answerRef.current?.focus({ preventScroll: true });
  }, [result]);

  const sendNow = (f: ConsoleFields) => {
    showAnswer.current = true;
    run.send(f);
  };

  /** Sends, asking first when the request changes the account. */
  const request = (f: ConsoleFields) => {
    if (running) return;
    const confirming = confirmingPreset(f);
    if (confirming) setAsking({ fields: f, preset: confirming });
    else sendNow(f);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!jsonError && !pathError && !badFile) request(fields);
  };

  const rerun = (row: ConsoleHistoryView) => {
    const f = fieldsOfHistory(row);
    run.setFields(f);
    if (row.file && row.method === 'POST') {
      // Its bytes were never kept: the form waits for the file to be chosen again.
      run.setFile(null);
      setAgain(row.file.fileName);
      return;
    }
    setAgain(null);
    request(f);
  };

  return (
    <>
      <form className="card console" aria-label={t('console.form')} onSubmit={submit} noValidate>
        <header className="card__header">
          <h3 className="card__title">{t('console.heading')}</h3>
        </header>
        <p className="muted lab__intro">{t('console.intro')}</p>
        <div className="form__grid">
          <div className="field field--wide">
            <label htmlFor={`${id}-preset`} className="field__label">
              {t('console.preset')}
            </label>
            <div className="field__row">
              <select id={`${id}-preset`} value={fields.presetId} onChange={(e) => run.choosePreset(e.target.value)} aria-describedby={preset?.confirm ? `${id}-preset-confirm` : undefined}>
                <option value="">{t('console.presetCustom')}</option>
                {CONSOLE_PRESETS.map((p) => (
                  <option key={p.id} value={p.id}>
                    {presetName(p)}
                  </option>
                ))}
              </select>
              {preset ? (
                <a className="btn console__doc" href={preset.doc} target="_blank" rel="noopener noreferrer" title={preset.doc}>
                  {t('console.docs')}
                </a>
              ) : null}
            </div>
            {preset?.confirm ? (
              <p id={`${id}-preset-confirm`} className="field__help console__confirm-note">
                {t('console.presetConfirm')}
              </p>
            ) : null}
          </div>
          <div className="console__line field--wide">
            <div className="field">
              <label htmlFor={`${id}-method`} className="field__label">
                {t('console.method')}
              </label>
              <select id={`${id}-method`} value={fields.method} onChange={(e) => setField('method', e.target.value as ConsoleMethod)}>
                {METHODS.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            </div>
            <LabField id={`${id}-path`} label={t('console.path')} value={fields.path} onChange={(v) => setField('path', v)} error={pathError} help={t('console.pathHelp')} />
          </div>
          <LabField id={`${id}-query`} label={t('console.query')} value={fields.query} onChange={(v) => setField('query', v)} rows={3} wide help={t('console.queryHelp')} />
          <LabField id={`${id}-body`} label={t('console.body')} value={fields.body} onChange={(v) => setField('body', v)} rows={8} wide error={jsonError} help={sendsFile ? t('console.bodyFile') : t('console.bodyHelp')} disabled={sendsFile} />
          {fields.method === 'POST' ? <ConsoleFileField id={id} fields={fields} setField={setField} file={file} setFile={run.setFile} again={again} /> : null}
        </div>
        <div className="console__actions">
          <button type="submit" className="btn btn--primary" disabled={running || jsonError !== undefined || pathError !== undefined || badFile !== undefined}>
            {running ? t('console.sending') : t('console.send')}
          </button>
          {preview ? (
            <code className="muted console__target" data-testid="console-target">
              {fields.method} {preview}
            </code>
          ) : null}
        </div>
        {error ? <ErrorNote error={error} heading={t('console.failed')} role="alert" appId={appId} /> : null}
      </form>

      {result ? <ConsoleResponse result={result} appId={appId} ref={answerRef} /> : null}
      <ConsoleHistory appId={appId} rows={run.history} error={run.historyError} running={running} onRerun={rerun} />
      <QuotaCard account={account} />

      {asking ? (
        <ConfirmDialog
          title={t('console.confirmTitle', { name: presetName(asking.preset) })}
          confirmLabel={t('console.confirmSend')}
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            const f = asking.fields;
            setAsking(null);
            sendNow(f);
          }}
        >
          <p>{t('console.confirmBody', { method: asking.fields.method, path: asking.fields.path.trim() })}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
