// What the page keeps per account for its lifetime, keyed by AppID and held above the account panel:
// the open tab, the token actions, the Signature lab, the probe and the console. Moving to another
// tab or account and back finds everything as it was; another account starts from its own defaults.
import type { AccountView } from '../../../electron/contract';
import { initialConsole, type ConsoleStore } from '../features/console/console-run';
import { initialLab, type LabState } from '../features/signature/lab';
import { initialProbe, type ProbeState } from '../features/probe/probe-run';
import { Slot } from '../slot';
import { initialTokenActions, type TokenActions } from '../features/token/token-actions';

export type AccountTab = 'token' | 'signature' | 'probe' | 'console';

export interface AccountMemory {
  appId: string;
  tab: Slot<AccountTab>;
  token: Slot<TokenActions>;
  lab: Slot<LabState>;
  probe: Slot<ProbeState>;
  console: ConsoleStore;
}

export class DeskMemory {
  readonly #accounts = new Map<string, AccountMemory>();

  /** The account's memory, made from its current values the first time it is asked for. */
  of(account: AccountView): AccountMemory {
    let memory = this.#accounts.get(account.appId);
    if (!memory) {
      memory = {
        appId: account.appId,
        tab: new Slot<AccountTab>('token'),
        token: new Slot(initialTokenActions()),
        lab: new Slot(initialLab(account)),
        probe: new Slot(initialProbe(account)),
        console: initialConsole(account.appId),
      };
      this.#accounts.set(account.appId, memory);
    }
    return memory;
  }

  peek(appId: string): AccountMemory | undefined {
    return this.#accounts.get(appId);
  }

  /** Forgets removed accounts: one added again under the same AppID starts afresh. */
  keepOnly(appIds: readonly string[]): void {
    const keep = new Set(appIds);
    for (const appId of [...this.#accounts.keys()]) if (!keep.has(appId)) this.#accounts.delete(appId);
  }
}
