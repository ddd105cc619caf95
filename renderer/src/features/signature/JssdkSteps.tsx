import type { JssdkView } from '../../../../electron/contract';
import { useI18n } from '../../i18n';
import { CauseList } from './CauseList';
import { LabStep } from './LabStep';
import { Verdict } from './Verdict';
import { signatureStrings } from './strings';

/** The JS-SDK signature step by step: the URL as signed, the string to sign, its sha1; verdict and causes. */
export function JssdkSteps({ view, onFlash, idBase }: { view: JssdkView; onFlash(message: string): void; idBase: string }) {
  const { t } = useI18n(signatureStrings);
  return (
    <>
      {view.match !== undefined && view.expected !== undefined ? <Verdict match={view.match} expected={view.expected} /> : null}
      <ol className="steps">
        <LabStep n={1} title={t('sig.stepUrl')} note={t('sig.stepUrlNote')} copyText={view.url} onFlash={onFlash}>
          <code className="joined">{view.url}</code>
        </LabStep>
        <LabStep n={2} title={t('sig.stepString')} note={t('sig.stepStringNote')} copyText={view.joined} onFlash={onFlash}>
          <code className="joined">{view.joined}</code>
        </LabStep>
        <LabStep n={3} title={t('sig.stepDigest')} note={t('sig.stepDigestNote')} copyText={view.digest} onFlash={onFlash}>
          <output className="digest" aria-label={t('sig.signature')}>
            {view.digest}
          </output>
        </LabStep>
      </ol>
      <CauseList causes={view.causes} headingId={`${idBase}-causes`} />
    </>
  );
}
