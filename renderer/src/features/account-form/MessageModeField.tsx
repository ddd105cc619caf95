// WeChat's 消息加解密方式 for the account, as set on its 服务器配置 page: a radio group, with the note
// that the page shows an EncodingAESKey even in plain mode (so a key alone never means safe mode).
import type { ProbeMode } from '../../../../electron/contract';
import { useI18n } from '../../i18n';
import { formStrings } from './strings';

const MODES: { mode: ProbeMode; title: 'form.messagePlain' | 'form.messageCompatible' | 'form.messageSafe' }[] = [
  { mode: 'plain', title: 'form.messagePlain' },
  { mode: 'compatible', title: 'form.messageCompatible' },
  { mode: 'safe', title: 'form.messageSafe' },
];

export function MessageModeField({ id, value, onChange }: { id: string; value: ProbeMode; onChange(mode: ProbeMode): void }) {
  const { t } = useI18n(formStrings);
  const note = `${id}-message-note`;
  return (
    <>
      <fieldset className="form__modes form__modes--three" aria-describedby={note}>
        <legend>{t('form.messageMode')}</legend>
        {MODES.map((m) => (
          <label key={m.mode} className={`choice${value === m.mode ? ' choice--on' : ''}`}>
            <input type="radio" name={`${id}-message-mode`} value={m.mode} checked={value === m.mode} onChange={() => onChange(m.mode)} />
            <span className="choice__text">
              <span className="choice__title">{t(m.title)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <p id={note} className="field__help">
        {t('form.messageModeNote')}
      </p>
    </>
  );
}
