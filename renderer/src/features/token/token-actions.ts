// One account's token actions (Refresh, Force new token, Copy): what is running, the last failure
// and the short "copied" confirmation. Kept per account above the token card, so the desktop's menu
// and shortcuts (commands.ts) and the card's buttons run the same action and show the same state.
import type { CopyFormat, ErrorView, TokenView } from '../../../../electron/contract';
import { api } from '../../bridge';
import type { SharedKey } from '../../i18n';
import type { TokenKey } from './strings';
import { Slot } from '../../slot';
import { asErrorView, type TokenEntry } from '../../state';

export interface TokenActions {
  busy: 'refresh' | 'force' | null;
  /** The answer to the last action, when it failed. */
  error: ErrorView | null;
  /** "Token copied" (or that it could not be), for a few seconds. */
  flash: { key: TokenKey | SharedKey; seq: number } | null;
}

export const FLASH_MS = 4000;

export const initialTokenActions = (): TokenActions => ({ busy: null, error: null, flash: null });

let flashSeq = 0;

function flash(slot: Slot<TokenActions>, key: TokenKey | SharedKey): void {
  const seq = ++flashSeq;
  slot.patch({ flash: { key, seq } });
  setTimeout(() => slot.set((s) => (s.flash?.seq === seq ? { ...s, flash: null } : s)), FLASH_MS);
}

/** What the Refresh button would do; nothing while a refresh is already running (the button is disabled then). */
export async function runRefresh(slot: Slot<TokenActions>, appId: string, kind: 'refresh' | 'force', onView: (view: TokenView) => void): Promise<void> {
  if (slot.get().busy !== null) return;
  slot.patch({ busy: kind, error: null });
  try {
    onView(await (kind === 'refresh' ? api.refresh(appId) : api.forceRefresh(appId)));
  } catch (e) {
    slot.patch({ error: asErrorView(e) });
  } finally {
    slot.patch({ busy: null });
  }
}

/** The Refresh button is disabled while a refresh runs, ours or the main process's. */
export const canRefresh = (actions: TokenActions, entry: TokenEntry | undefined): boolean => actions.busy === null && !entry?.view.refreshing;

/** Puts the token on the clipboard: the host does it where it can, else the page writes it. */
export async function runCopy(slot: Slot<TokenActions>, appId: string, format: CopyFormat): Promise<void> {
  slot.patch({ error: null });
  try {
    const result = await api.copy(appId, format);
    let copied = result.copied;
    if (!copied) {
      try {
        await navigator.clipboard.writeText(result.text);
        copied = true;
      } catch {
        // Said below.
      }
    }
    flash(slot, copied ? `copied.${format}` : 'copy.failed');
  } catch (e) {
    slot.patch({ error: asErrorView(e) });
  }
}
