// Import and export of the JSON menu/create takes: paste it or open a file to load it into the
// draft (read with the same rules; a shape that cannot be a menu is refused with its reasons), show
// the draft's JSON, copy or download it.
import { useId, useState, type ChangeEvent } from 'react';
import type { MenuDraft } from '../../../../electron/contract';
import { useI18n } from '../../i18n';
import { asErrorView } from '../../state';
import { exportMenu, type MenuEditor } from './menu-state';
import { menuStrings } from './strings';

/** A file much larger than any menu is not read (the core refuses over 64 KB of JSON anyway). */
const MAX_FILE = 256 * 1024;

interface Props {
  draft: MenuDraft;
  editor: MenuEditor;
}

export function MenuJson({ draft, editor }: Props) {
  const { t, errorText } = useI18n(menuStrings);
  const appId = editor.appId;
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [said, setSaid] = useState('');

  const load = async (value: string) => {
    setSaid('');
    try {
      await editor.importText(value);
      setError(null);
      setSaid(t('menu.jsonLoaded'));
    } catch (e) {
      setError(errorText(asErrorView(e)).message);
    }
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(exportMenu(draft));
      setSaid(t('menu.jsonCopied'));
    } catch {
      setSaid(t('menu.jsonCopyFailed'));
    }
  };
  const readFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    if (file.size > MAX_FILE) {
      setError(t('menu.jsonTooBig', { size: file.size }));
      return;
    }
    const value = await file.text();
    setText(value);
    await load(value);
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([exportMenu(draft)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `menu-${appId}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <section className="card menu-json" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="card__title">
        {t('menu.json')}
      </h3>
      <label htmlFor={`${id}-text`} className="field__label">
        {t('menu.jsonLabel')}
      </label>
      <textarea
        id={`${id}-text`}
        rows={8}
        spellCheck={false}
        className="menu-json__text"
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
        onChange={(e) => setText(e.target.value)}
      />
      <p id={`${id}-help`} className="field__help">
        {t('menu.jsonHelp')}
      </p>
      {error ? (
        <p id={`${id}-error`} role="alert" className="field__error menu-json__error">
          {error}
        </p>
      ) : null}
      <div className="menu-json__actions">
        <button type="button" className="btn btn--small btn--primary" onClick={() => void load(text)}>
          {t('menu.jsonLoad')}
        </button>
        <label className="btn btn--small menu-json__file">
          {t('menu.jsonFile')}
          <input type="file" accept="application/json,.json,.txt" className="sr-only" onChange={(e) => void readFile(e)} />
        </label>
        <button type="button" className="btn btn--small" onClick={() => setText(exportMenu(draft))}>
          {t('menu.jsonShow')}
        </button>
        <button type="button" className="btn btn--small" onClick={() => void copy()}>
          {t('menu.jsonCopy')}
        </button>
        <button type="button" className="btn btn--small" onClick={download}>
          {t('menu.jsonDownload')}
        </button>
      </div>
      <p role="status" className="muted">
        {said}
      </p>
    </section>
  );
}
