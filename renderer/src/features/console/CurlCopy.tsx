import { useState } from 'react';
import type { ConsoleInput, ErrorView } from '../../../../electron/contract';
import { copyCurl } from './console-run';
import { useI18n } from '../../i18n';
import { asErrorView } from '../../state';
import { useFlash } from '../../ui/Flash';
import { consoleStrings } from './strings';

export interface CurlCopy {
  copy(input: ConsoleInput, reveal: boolean): void;
  /** The confirmation for the card's live region. */
  flash: string;
  /** The core refused to make the line. */
  error: ErrorView | null;
}

/** "Copy as curl" for a console request: the core makes the line, the page writes the clipboard if need be. */
export function useCurlCopy(): CurlCopy {
  const { t } = useI18n(consoleStrings);
  const [flash, setFlash] = useFlash();
  const [error, setError] = useState<ErrorView | null>(null);
  const copy = (input: ConsoleInput, reveal: boolean) => {
    setError(null);
    copyCurl(input, reveal).then(
      (copied) => setFlash(copied ? t(reveal ? 'console.copiedReal' : 'console.copiedMasked') : t('copy.failed')),
      (e: unknown) => setError(asErrorView(e)),
    );
  };
  return { copy, flash, error };
}
