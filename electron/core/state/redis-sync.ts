// Team mode's reconciliation of one account between this machine's mirror and Redis, when the
// connection is (re)established: what was written here while Redis was down is pushed, what
// teammates wrote meanwhile is pulled, and a removal wins over edits made elsewhere in the dark.
//
// The rules, with "pending" the mark a write made while Redis was down leaves in the mirror (on
// disk, so any process on this data dir pushes it; file-backend.ts):
// - removed here while down (a tombstone): removed for the team too, unless the team's account was
//   created after the removal (a new account under the same AppID);
// - removed by a teammate (Redis's `gone:` mark is at or after the account's creation here): removed
//   here, whatever was written here meanwhile (the compare-and-set refuses it anyway);
// - otherwise the two views are merged (merge.ts) and Redis gets the result if it differs.
import type { FileBackend, PendingMark } from './file-backend';
import { mergeEntries } from './merge';
import type { AccountEntry } from './records';
import type { RedisEntries } from './redis-entries';

export interface ReconcileDeps {
  local: FileBackend;
  team: RedisEntries;
  /** What Redis holds, if this machine takes it (checked like input; never a move of a secret held here), else its own copy. */
  admit: (appId: string, cur: AccountEntry | undefined, from: string | undefined) => AccountEntry | undefined;
  /** Writes an entry into the mirror as Redis holds it. */
  mirror: (appId: string, e: AccountEntry | undefined) => Promise<void>;
  /** One account from Redis into the mirror. */
  pull: (appId: string) => Promise<void>;
  /** An error that skips one account (reported by the caller) rather than fail the sync. */
  skip: (e: unknown) => boolean;
}

/**
 * Every account in Redis or in the mirror (tombstones included) reconciled, `then` run (history),
 * then every write made meanwhile (here or by another process on this data dir) pushed too, each mark once. Resolves with
 * the AppIDs looked at; rejects when Redis fails (the caller goes offline and tries again later).
 * The caller goes online right after it resolves: nothing is awaited between the last look at the
 * marks and then, so nothing lands in the mirror alone.
 */
export async function reconcileAll(deps: ReconcileDeps, then: (ids: Set<string>) => Promise<void>): Promise<Set<string>> {
  const { local, team } = deps;
  const remote = await team.ids();
  const ids = new Set([...remote, ...local.entries().keys(), ...local.pending().keys()]);
  const seen = (appId: string, m: PendingMark | undefined) => `${appId} ${m?.at} ${m?.removed}`;
  const done = new Set<string>();
  const pass = async (appId: string, inRedis: boolean) => {
    done.add(seen(appId, local.pending().get(appId)));
    try {
      await reconcile(deps, appId, inRedis);
    } catch (e) {
      if (!deps.skip(e)) throw e;
    }
  };
  for (const appId of ids) await pass(appId, remote.has(appId));
  await then(ids);
  for (;;) {
    const next = [...local.pending()].find(([id, m]) => !done.has(seen(id, m)));
    if (!next) return ids;
    ids.add(next[0]);
    await pass(next[0], true);
  }
}

export async function reconcile(deps: ReconcileDeps, appId: string, inRedis: boolean): Promise<void> {
  const { local, team, admit } = deps;
  const mark: PendingMark | undefined = local.pending().get(appId);
  const mine = local.freshEntry(appId);
  const read = inRedis ? await team.read(appId) : undefined;
  const theirs = read && admit(appId, read.entry, read.from);
  if (!mine && mark?.removed) {
    await team.update(appId, (raw, from) => {
      const cur = admit(appId, raw, from);
      return cur && cur.account.createdAt > mark.at ? cur : undefined;
    });
  } else if (!theirs) {
    if (mine) {
      const gone = await team.removedAt(appId);
      if (gone && gone >= mine.account.createdAt) await deps.mirror(appId, undefined);
      // New here (joining the team, or added while Redis was down, or Redis restarted empty): shared now.
      else await team.update(appId, (raw, from) => mergedWith(admit(appId, raw, from), mine));
    }
  } else if (mine && JSON.stringify(mergeEntries(theirs, mine)) !== JSON.stringify(theirs)) {
    // This machine holds something newer (a token fetched while Redis was down): it wins.
    await team.update(appId, (raw, from) => mergedWith(admit(appId, raw, from), mine));
  }
  // Written here again meanwhile (this process or another on this data dir): the next pass merges
  // that write; pulling now would overwrite it in the mirror.
  const now = local.pending().get(appId);
  if (now && (now.at !== mark?.at || !!now.removed !== !!mark?.removed)) return;
  await deps.pull(appId);
  if (mark) await local.clearPending(appId, mark);
}

/** This machine's view merged into what Redis holds (admitted), or this machine's alone. */
const mergedWith = (cur: AccountEntry | undefined, mine: AccountEntry): AccountEntry => (cur ? mergeEntries(cur, mine) : mine);
