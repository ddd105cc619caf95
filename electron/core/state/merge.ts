// Two views of one account as one, for team mode's reconciliation: what this machine's mirror holds
// and what Redis holds, after an outage or when a machine joins. Pure.
import type { AccountEntry, AccountRecord, SecretCheck } from './records';

const newer = <T>(a: T | undefined, b: T | undefined, time: (x: T) => number): T | undefined => (!a ? b : !b ? a : time(b) > time(a) ? b : a);

/**
 * The newer record by updatedAt. A tie is not settled by who holds it: edits that do not bump
 * updatedAt (the callback URL last probed, a secret check filled in) would be dropped. On a tie the
 * two are merged field by field: a field one side lacks is taken from the other, and where both set
 * it differently the larger value in JSON order is kept, so both machines pick the same one.
 */
function newerRecord(a: AccountRecord, b: AccountRecord): AccountRecord {
  if (a.updatedAt !== b.updatedAt) return b.updatedAt > a.updatedAt ? b : a;
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const mine = out[k];
    if (mine === undefined || (v !== undefined && JSON.stringify(v) > JSON.stringify(mine))) out[k] = v;
  }
  return out as AccountRecord;
}

/** Whether two views' secrets can be the same one: a check on each side that differs means two secrets (a teammate rotated it). */
const sameSecret = (x: SecretCheck | undefined, y: SecretCheck | undefined) => !x || !y || (x.salt === y.salt && x.sha256 === y.sha256);

/**
 * Two views of one account as one: the newest record, token, tickets and error win; force times are
 * merged. A token counts only if it was fetched for the account as it is now: the same mode and API
 * base, and the secret the winning record's check describes (a token fetched with a secret a
 * teammate has since replaced never overwrites the team's, however new).
 */
export function mergeEntries(a: AccountEntry, b: AccountEntry): AccountEntry {
  const account = newerRecord(a.account, b.account);
  const out: AccountEntry = { account };
  const fits = (e: AccountEntry) => {
    const t = e.token;
    return t && t.mode === account.mode && t.apiBase === account.apiBase && sameSecret(e.account.secretCheck, account.secretCheck) ? t : undefined;
  };
  const token = newer(fits(a), fits(b), (x) => x.obtainedAt);
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
