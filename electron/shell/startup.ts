// What the desktop says when it cannot start: the cause and the data folder, in a native dialog,
// then it quits (never a windowless process left running).
import type { Lang } from '../contract';
import { WxError } from '../core/errors';
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
