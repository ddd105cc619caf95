import { useId, type ReactNode } from 'react';
import type { MessageSignInput, SignatureView } from '../../../../electron/contract';
import { api } from '../../bridge';
import { useI18n } from '../../i18n';
import { optional, useLive, type CryptoState, type SafeFields } from './lab';
import type { Update } from '../../slot';
import { CryptoCard } from './CryptoCard';
import { LabField } from '../../ui/tools/LabField';
import { LabResult } from './LabResult';
import { SignatureSteps } from './SignatureSteps';
import { signatureStrings } from './strings';
import { toolsStrings } from '../../ui/tools/strings';

interface Props {
  fields: SafeFields;
  onChange(patch: Partial<SafeFields>): void;
  paste: ReactNode;
  crypto: CryptoState;
  onCrypto(update: Update<CryptoState>): void;
}

const sign = (input: MessageSignInput) => api.signMessage(input);

/** Safe mode: msg_signature over Token, timestamp, nonce and Encrypt; the message encrypted both ways. */
export function SafeModePane({ fields, onChange, paste, crypto, onCrypto }: Props) {
  const { t } = useI18n(signatureStrings, toolsStrings);
  const id = useId();
  const { token, timestamp, nonce, encrypt, signature } = fields;
  const input: MessageSignInput | null =
    token !== '' && timestamp !== '' && nonce !== '' && encrypt !== '' ? { token, timestamp, nonce, encrypt, signature: optional(signature) } : null;
  const live = useLive<MessageSignInput, SignatureView>(input, sign);

  return (
    <>
      <section className="card" aria-label={t('sig.inputs')}>
        <p className="muted lab__intro">{t('sig.safeIntro')}</p>
        <div className="form__grid">
          <LabField id={`${id}-token`} label={t('sig.token')} help={t('sig.tokenHelp')} value={token} onChange={(v) => onChange({ token: v })} />
          <LabField id={`${id}-timestamp`} label={t('sig.timestamp')} value={timestamp} onChange={(v) => onChange({ timestamp: v })} />
          <LabField id={`${id}-nonce`} label={t('sig.nonce')} value={nonce} onChange={(v) => onChange({ nonce: v })} />
          <LabField id={`${id}-signature`} label={t('sig.msgSignatureToCheck')} optional value={signature} onChange={(v) => onChange({ signature: v })} />
          <LabField id={`${id}-encrypt`} label={t('sig.encrypt')} help={t('sig.encryptHelp')} rows={3} wide value={encrypt} onChange={(v) => onChange({ encrypt: v })} />
        </div>
      </section>
      <LabResult<SignatureView> title={t('sig.msgResult')} live={live} prompt={t('sig.promptSafe')}>
        {(view, flash, rid) => <SignatureSteps view={view} outputLabel={t('sig.msgSignature')} onFlash={flash} idBase={rid} />}
      </LabResult>
      <CryptoCard fields={fields} onChange={onChange} state={crypto} onState={onCrypto} />
      {paste}
    </>
  );
}
