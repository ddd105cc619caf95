// The phone's input bar: a labelled textbox ("Message"); Enter sends, and so does the Send button.
import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n';
import { phoneStrings } from './strings';

interface Props {
  onSend(text: string): void;
  /** Shows the menu instead (the menu icon at the left); absent when there is no menu. */
  onMenu?(): void;
  /** While a push is on its way. */
  busy?: boolean;
}

export function InputBar({ onSend, onMenu, busy = false }: Props) {
  const { t } = useI18n(phoneStrings);
  const id = useId();
  const [text, setText] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!text || busy) return;
    onSend(text);
    setText('');
  };
  return (
    <form className="phone-input" onSubmit={submit}>
      {onMenu ? (
        <button type="button" className="phone-menu__switch" aria-label={t('phone.toMenu')} title={t('phone.toMenu')} onClick={onMenu}>
          <span aria-hidden="true">☰</span>
        </button>
      ) : null}
      <label htmlFor={`${id}-message`} className="sr-only">
        {t('phone.message')}
      </label>
      <input id={`${id}-message`} className="phone-input__text" type="text" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" enterKeyHint="send" />
      <button type="submit" className="btn btn--primary btn--small" disabled={busy || !text}>
        {t('phone.send')}
      </button>
    </form>
  );
}
