// "Edit XML": the exact XML a push sends (simulatorPreview), editable. Before anything is sent it is
// checked (well-formed, the fields its MsgType/Event needs); each problem is shown at its line, in
// the gutter and in the list under it, and nothing is sent while there is one.
import { useId, useRef, useState } from 'react';
import type { PushPreview } from '../../../../electron/contract';
import { useI18n } from '../../i18n';
import { simulatorStrings } from './strings';

interface Props {
  xml: string;
  problems: PushPreview['problems'];
  checking: boolean;
  onChange(xml: string): void;
  /** Checks the XML; the problems come back through props. */
  onCheck(): void;
  /** Checks, then sends when there is no problem. */
  onSend(): void;
  onClose(): void;
  busy: boolean;
}

export function XmlEditor({ xml, problems, checking, onChange, onCheck, onSend, onClose, busy }: Props) {
  const { t, problem } = useI18n(simulatorStrings);
  const id = useId();
  const gutter = useRef<HTMLPreElement>(null);
  const [checked, setChecked] = useState(false);
  const bad = new Set(problems.map((p) => p.line).filter((n): n is number => n !== undefined));
  const lines = xml.split('\n').length;

  return (
    <section className="sim-xml" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`} className="sim-xml__title">
        {t('xml.heading')}
      </h4>
      <label htmlFor={`${id}-xml`} className="field__label">
        {t('xml.label')}
      </label>
      <div className="sim-xml__editor">
        <pre ref={gutter} className="sim-xml__gutter" aria-hidden="true">
          {Array.from({ length: lines }, (_, i) => (
            <span key={i} className={bad.has(i + 1) ? 'sim-xml__bad' : undefined}>
              {i + 1}
              {'\n'}
            </span>
          ))}
        </pre>
        <textarea
          id={`${id}-xml`}
          className="sim-code sim-xml__text"
          rows={Math.min(18, Math.max(8, lines + 1))}
          spellCheck={false}
          wrap="off"
          value={xml}
          aria-invalid={problems.length > 0 ? true : undefined}
          aria-describedby={`${id}-help ${id}-problems`}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          }}
          onChange={(e) => {
            setChecked(false);
            onChange(e.target.value);
          }}
        />
      </div>
      <p id={`${id}-help`} className="field__help">
        {t('xml.help')}
      </p>
      <div id={`${id}-problems`} role="alert">
        {problems.length > 0 ? (
          <>
            <p className="field__error">{t('xml.problems', { n: problems.length })}</p>
            <ul className="sim-xml__problems">
              {problems.map((p, i) => (
                <li key={i} className="field__error">
                  {p.line ? <strong>{t('xml.line', { line: p.line })}: </strong> : null}
                  {problem(p.text)}
                </li>
              ))}
            </ul>
          </>
        ) : checked && !checking ? (
          <p className="muted">{t('xml.ok')}</p>
        ) : null}
      </div>
      <div className="sim-xml__actions">
        <button
          type="button"
          className="btn btn--small"
          disabled={checking}
          onClick={() => {
            setChecked(true);
            onCheck();
          }}
        >
          {checking ? t('xml.checking') : t('xml.check')}
        </button>
        <button type="button" className="btn btn--primary btn--small" disabled={busy || checking} onClick={onSend}>
          {t('xml.send')}
        </button>
        <button type="button" className="btn btn--small btn--ghost" onClick={onClose}>
          {t('xml.close')}
        </button>
      </div>
    </section>
  );
}
