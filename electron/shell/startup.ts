// What the desktop says when it cannot start: the cause and the data folder, in a native dialog,
// then it quits (never a windowless process left running).
import type { Lang } from '../contract';
import { WxError, localeFrom } from '../core/errors';
import { shellText } from './text';

export interface StartFailure {
  title: string;
  content: string;
}

export function startFailure(e: unknown, dataDir: string, lang: Lang): StartFailure {
  const reason = e instanceof WxError ? e.text(lang).message : e instanceof Error ? e.message : String(e);
  return {
    title: shellText(lang, 'startFailedTitle'),
    content: `${shellText(lang, 'startFailed', { reason })}\n\n${shellText(lang, 'startFailedDetail', { dataDir })}`,
  };
}

/**
 * The language to report a start failure in. The pinned one is read from the backend, and the backend
 * may be what failed: then (or for anything else thrown) the system locale decides. Never throws.
 */
export function failureLang(pinned: () => Lang, systemLocale: () => string): Lang {
  try {
    return pinned();
  } catch {
    try {
      return localeFrom(systemLocale());
    } catch {
      return 'en';
    }
  }
}
