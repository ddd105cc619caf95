import { useId } from 'react';
import { api } from '../../bridge';
import { useI18n } from '../../i18n';
import { cryptoBasis, holds, optional, type CryptoState, type SafeFields } from './lab';
import type { Update } from '../../slot';
import { asErrorView } from '../../state';
import { ErrorNote } from '../../ui/ErrorNote';
import { LabField } from '../../ui/tools/LabField';
import { signatureStrings } from './strings';
import { toolsStrings } from '../../ui/tools/strings';

interface Props {
  fields: SafeFields;
  onChange(patch: Partial<SafeFields>): void;
  /** Kept with the account's lab, so a look at another tab or account loses nothing. */
  state: CryptoState;
  onState(update: Update<CryptoState>): void;
}

const hexByte = (n: number) => n.toString(16).padStart(2, '0');

/** WXBizMsgCrypt both ways: Encrypt → Message (with the AppID found inside) and Message → Encrypt. */
export function CryptoCard({ fields, onChange, state, onState }: Props) {
  const { t } = useI18n(signatureStrings, toolsStrings);
  const id = useId();
  const { busy } = state;
  // An answer is shown while the key, AppID, message and Encrypt are still what it was about.
  const current = holds(state.basis, cryptoBasis(fields));
  const outcome = current ? state.done : null;
  const error = current ? state.error : null;

  const run = async (kind: 'decrypt' | 'encrypt') => {
    if (busy !== null) return;
    const read = cryptoBasis(fields);
    onState((s) => ({ ...s, busy: kind, done: null, error: null, basis: null }));
    try {
      if (kind === 'decrypt') {
        const view = await api.decryptMessage({ aesKey: read.aesKey, encrypt: read.encrypt, appId: optional(read.appId) });
        onChange({ message: view.message });
        onState((s) => ({ ...s, done: { kind, view }, basis: { ...read, message: view.message } }));
      } else {
        const view = await api.encryptMessage({ aesKey: read.aesKey, appId: read.appId, message: read.message });
        onChange({ encrypt: view.encrypt });
        onState((s) => ({ ...s, done: { kind, view }, basis: { ...read, encrypt: view.encrypt } }));
      }
    } catch (e) {
      onState((s) => ({ ...s, error: { kind, view: asErrorView(e) }, basis: read }));
    } finally {
      onState((s) => ({ ...s, busy: null }));
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
