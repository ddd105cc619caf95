import type { SignatureView } from '../../../../electron/contract';
import { useI18n } from '../../i18n';
import { CauseList } from './CauseList';
import { LabStep, Values } from './LabStep';
import { Verdict } from './Verdict';
import { signatureStrings } from './strings';

interface Props {
  view: SignatureView;
  /** The name of the digest: "Signature" or "msg_signature". */
  outputLabel: string;
  onFlash(message: string): void;
  idBase: string;
}

/** sha1 of sorted values, step by step: as entered, sorted, joined, digest; then the verdict and causes. */
export function SignatureSteps({ view, outputLabel, onFlash, idBase }: Props) {
  const { t } = useI18n(signatureStrings);
  return (
    <>
      {view.match !== undefined && view.expected !== undefined ? <Verdict match={view.match} expected={view.expected} /> : null}
      <ol className="steps">
        <LabStep n={1} title={t('sig.stepParts')} note={t('sig.stepPartsNote')} copyText={view.parts.join('\n')} onFlash={onFlash}>
          <Values values={view.parts} />
        </LabStep>
        <LabStep n={2} title={t('sig.stepSorted')} note={t('sig.stepSortedNote')} copyText={view.sorted.join('\n')} onFlash={onFlash}>
          <Values values={view.sorted} />
        </LabStep>
        <LabStep n={3} title={t('sig.stepJoined')} note={t('sig.stepJoinedNote')} copyText={view.joined} onFlash={onFlash}>
          <code className="joined">{view.joined}</code>
        </LabStep>
        <LabStep n={4} title={t('sig.stepDigest')} note={t('sig.stepDigestNote')} copyText={view.digest} onFlash={onFlash}>
          <output className="digest" aria-label={outputLabel}>
            {view.digest}
          </output>
        </LabStep>
      </ol>
      <CauseList causes={view.causes} headingId={`${idBase}-causes`} />
    </>
  );
}
