import { useId, useState } from 'react';
import type { DecryptView, EncryptView, ErrorView } from '../../../electron/api';
import { api } from '../bridge';
import { useI18n } from '../i18n';
import { optional, type SafeFields } from '../lab';
import { asErrorView } from '../state';
import { ErrorNote } from './ErrorNote';
import { LabField } from './LabField';

type Outcome = { kind: 'decrypt'; view: DecryptView } | { kind: 'encrypt'; view: EncryptView };

interface Props {
  fields: SafeFields;
  onChange(patch: Partial<SafeFields>): void;
}

const hexByte = (n: number) => n.toString(16).padStart(2, '0');

/** WXBizMsgCrypt both ways: Encrypt → Message (with the AppID found inside) and Message → Encrypt. */
export function CryptoCard({ fields, onChange }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [busy, setBusy] = useState<Outcome['kind'] | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<{ kind: Outcome['kind']; view: ErrorView } | null>(null);

  const run = async (kind: Outcome['kind']) => {
    setBusy(kind);
    setOutcome(null);
    setError(null);
    try {
      if (kind === 'decrypt') {
        const view = await api.decryptMessage({ aesKey: fields.aesKey, encrypt: fields.encrypt, appId: optional(fields.appId) });
        onChange({ message: view.message });
        setOutcome({ kind, view });
      } else {
        const view = await api.encryptMessage({ aesKey: fields.aesKey, appId: fields.appId, message: fields.message });
        onChange({ encrypt: view.encrypt });
        setOutcome({ kind, view });
      }
    } catch (e) {
      setError({ kind, view: asErrorView(e) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <header className="card__header">
        <h3 id={`${id}-title`} className="card__title">
          {t('sig.crypto')}
        </h3>
      </header>
      <p className="muted lab__intro">{t('sig.cryptoIntro')}</p>
      <div className="form__grid">
        <LabField id={`${id}-aeskey`} label={t('sig.aesKey')} help={t('sig.aesKeyHelp')} value={fields.aesKey} onChange={(v) => onChange({ aesKey: v })} />
        <LabField id={`${id}-appid`} label={t('sig.appId')} help={t('sig.appIdHelp')} value={fields.appId} onChange={(v) => onChange({ appId: v })} />
        <LabField id={`${id}-message`} label={t('sig.message')} help={t('sig.messageHelp')} rows={5} wide value={fields.message} onChange={(v) => onChange({ message: v })} />
      </div>
      <div className="lab__actions">
        <button type="button" className="btn btn--primary" disabled={busy !== null || fields.encrypt === ''} aria-describedby={`${id}-decrypt-hint`} onClick={() => void run('decrypt')}>
          {busy === 'decrypt' ? t('sig.decrypting') : t('sig.decrypt')}
        </button>
        <span id={`${id}-decrypt-hint`} className="lab__hint">
          {t('sig.decryptHint')}
        </span>
        <button type="button" className="btn" disabled={busy !== null} aria-describedby={`${id}-encrypt-hint`} onClick={() => void run('encrypt')}>
          {busy === 'encrypt' ? t('sig.encrypting') : t('sig.encryptButton')}
        </button>
        <span id={`${id}-encrypt-hint`} className="lab__hint">
          {t('sig.encryptHint')}
        </span>
      </div>

      {error ? <ErrorNote error={error.view} heading={t(error.kind === 'decrypt' ? 'sig.decryptFailed' : 'sig.encryptFailed')} role="alert" /> : null}
      {outcome ? (
        <div className="crypto-outcome" role="status">
          <p className="crypto-outcome__title">{t(outcome.kind === 'decrypt' ? 'sig.decrypted' : 'sig.encrypted')}</p>
          <dl className="crypto-outcome__facts">
            {outcome.kind === 'decrypt' ? (
              <div>
                <dt>{t('sig.foundAppId')}</dt>
                <dd>
                  <code>{outcome.view.appId}</code>
                </dd>
              </div>
            ) : null}
            <div>
              <dt>{t('sig.random')}</dt>
              <dd>
                <code>{outcome.view.random}</code>
              </dd>
            </div>
            <div>
              <dt>{t('sig.padding')}</dt>
              <dd>
                <code>{t('sig.paddingValue', { pad: outcome.view.padding, hex: hexByte(outcome.view.padding) })}</code>
              </dd>
            </div>
          </dl>
        </div>
      ) : null}
    </section>
  );
}
