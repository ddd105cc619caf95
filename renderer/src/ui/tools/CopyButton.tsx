import { useI18n } from '../../i18n';
import { toolsStrings } from './strings';

interface Props {
  text: string;
  /** What is copied, for the button's accessible name and the confirmation ("Copy joined string"). */
  what: string;
  /** Shows the confirmation in the card's live region. */
  onFlash(message: string): void;
  /** Says "Copy {what}" on the button itself, where several Copy buttons stand side by side. */
  spelled?: boolean;
}

/** A small Copy button for one value of the lab; the page writes the clipboard itself. */
export function CopyButton({ text, what, onFlash, spelled }: Props) {
  const { t } = useI18n(toolsStrings);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      onFlash(t('sig.copied', { what }));
    } catch {
      onFlash(t('copy.failed'));
    }
  };
  return (
    <button type="button" className="btn btn--small btn--ghost" aria-label={spelled ? undefined : t('sig.copyWhat', { what })} onClick={() => void copy()}>
      {spelled ? t('sig.copyWhat', { what }) : t('sig.copy')}
    </button>
  );
}
