// What the Test account tab keeps for an account (memory.ts): the open panel, and what one panel
// hands another ("Send a template" from a follower opens the template panel with the follower in).
import type { AccountMemory } from '../../app/memory';
import { Slot } from '../../slot';

export const CHORE_PANELS = ['followers', 'templates', 'qr', 'media'] as const;
export type ChorePanel = (typeof CHORE_PANELS)[number];

export interface ChoresState {
  panel: ChorePanel;
  /** The follower the template panel sends to, set by the followers panel's "Send a template". */
  sendTo: string;
}

export const choresSlot = (memory: AccountMemory): Slot<ChoresState> => memory.keep('chores', () => new Slot<ChoresState>({ panel: 'followers', sendTo: '' }));
