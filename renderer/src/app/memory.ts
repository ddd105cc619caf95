// What the page keeps per account for its lifetime, keyed by AppID and held above the account panel:
// the open tab, the token actions, and what each tab keeps (the Signature lab, the probe and its
// run, the console). Moving to another tab or account and back finds everything as it was; another
// account starts from its own defaults. A tab's state is made by the tab's own code the first time
// it is opened (keep), so that code loads with the tab and not with the page.
import type { AccountView } from '../../../electron/contract';
import { Slot } from '../slot';
import { initialTokenActions, type TokenActions } from '../features/token/token-actions';

export type AccountTab = 'token' | 'signature' | 'probe' | 'console' | 'simulator' | 'menu' | 'chores';

export interface AccountMemory {
  appId: string;
  tab: Slot<AccountTab>;
  token: Slot<TokenActions>;
  /**
   * What a tab keeps for the account under `name`: made by `make` the first time, then the same
   * value for the page's lifetime (work that ends after the tab is gone still lands in it).
   */
  keep<T>(name: string, make: () => T): T;
}

/** What a tab is given: the account, and what the page keeps for it. */
export interface AccountTabProps {
  account: AccountView;
  memory: AccountMemory;
}

export class DeskMemory {
  readonly #accounts = new Map<string, AccountMemory>();

  /** The account's memory, made from its current values the first time it is asked for. */
  of(account: AccountView): AccountMemory {
    let memory = this.#accounts.get(account.appId);
    if (!memory) {
      const kept = new Map<string, unknown>();
      memory = {
        appId: account.appId,
        tab: new Slot<AccountTab>('token'),
        token: new Slot(initialTokenActions()),
        keep<T>(name: string, make: () => T): T {
          if (!kept.has(name)) kept.set(name, make());
          return kept.get(name) as T;
        },
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
