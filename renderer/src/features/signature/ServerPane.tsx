import { useId, type ReactNode } from 'react';
import type { ServerSignInput, SignatureView } from '../../../../electron/contract';
import { api } from '../../bridge';
import { useI18n } from '../../i18n';
import { optional, useLive, type ServerFields } from './lab';
import { LabField } from '../../ui/tools/LabField';
import { LabResult } from './LabResult';
import { SignatureSteps } from './SignatureSteps';
import { signatureStrings } from './strings';
import { toolsStrings } from '../../ui/tools/strings';

interface Props {
  fields: ServerFields;
  onChange(patch: Partial<ServerFields>): void;
  /** The "paste a callback" card. */
  paste: ReactNode;
}

const sign = (input: ServerSignInput) => api.signServer(input);

/** The server URL signature: sha1(sort(Token, timestamp, nonce)), checked against a given one. */
export function ServerPane({ fields, onChange, paste }: Props) {
  const { t } = useI18n(signatureStrings, toolsStrings);
  const id = useId();
  const { token, timestamp, nonce, signature } = fields;
  const input: ServerSignInput | null = token !== '' && timestamp !== '' && nonce !== '' ? { token, timestamp, nonce, signature: optional(signature) } : null;
  const live = useLive<ServerSignInput, SignatureView>(input, sign);

  return (
    <>
      <section className="card" aria-label={t('sig.inputs')}>
        <p className="muted lab__intro">{t('sig.serverIntro')}</p>
        <div className="form__grid">
          <LabField id={`${id}-token`} label={t('sig.token')} value={token} onChange={(v) => onChange({ token: v })} />
          <LabField id={`${id}-timestamp`} label={t('sig.timestamp')} value={timestamp} onChange={(v) => onChange({ timestamp: v })} />
          <LabField id={`${id}-nonce`} label={t('sig.nonce')} value={nonce} onChange={(v) => onChange({ nonce: v })} />
          <LabField id={`${id}-signature`} label={t('sig.signatureToCheck')} optional value={signature} onChange={(v) => onChange({ signature: v })} />
        </div>
      </section>
      <LabResult<SignatureView> title={t('sig.result')} live={live} prompt={t('sig.promptServer')}>
        {(view, flash, rid) => <SignatureSteps view={view} outputLabel={t('sig.signature')} onFlash={flash} idBase={rid} />}
      </LabResult>
      {paste}
    </>
  );
}
