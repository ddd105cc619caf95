// Two views of one account as one, for team mode's reconciliation: what this machine's mirror holds
// and what Redis holds, after an outage or when a machine joins. Pure.
import type { AccountEntry } from './records';

const newer = <T>(a: T | undefined, b: T | undefined, time: (x: T) => number): T | undefined => (!a ? b : !b ? a : time(b) > time(a) ? b : a);

/** Two views of one account as one: the newest record, token, tickets and error win; force times are merged. */
export function mergeEntries(a: AccountEntry, b: AccountEntry): AccountEntry {
  const account = newer(a.account, b.account, (x) => x.updatedAt)!;
  const out: AccountEntry = { account };
  // A token counts only for the credentials it was fetched with (mode and API base).
  const fits = (t: AccountEntry['token']) => t && t.mode === account.mode && t.apiBase === account.apiBase;
  const token = newer(fits(a.token) ? a.token : undefined, fits(b.token) ? b.token : undefined, (x) => x.obtainedAt);
  if (token) out.token = token;
  const tickets = { ...a.tickets };
  for (const [type, t] of Object.entries(b.tickets ?? {})) {
    const k = type as keyof typeof tickets;
    const best = newer(tickets[k], t, (x) => x.expiresAt);
    if (best) tickets[k] = best;
  }
  if (Object.keys(tickets).length) out.tickets = tickets;
  const forced = [...new Set([...(a.forced ?? []), ...(b.forced ?? [])])].sort((x, y) => x - y);
  if (forced.length) out.forced = forced;
  const lastError = newer(a.lastError, b.lastError, (x) => x.at);
  // An error older than the token it would explain is over.
  if (lastError && !(token && token.obtainedAt > lastError.at)) out.lastError = lastError;
  return out;
}

