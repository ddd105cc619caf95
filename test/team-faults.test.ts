// Team mode under the faults of issue 19 (items 1, 6, 9): the pure rules of merging two views.
import { describe, expect, it } from 'vitest';
import { mergeEntries } from '../electron/core/state/merge';
import type { AccountEntry } from '../electron/core/state/records';
import { APPID } from './fixtures/core';

describe('merging two views of an account', () => {
  const check = (n: string) => ({ salt: n.repeat(32), sha256: n.repeat(64) });
  const acct = (updatedAt: number, extra: object = {}) => ({ appId: APPID, label: 'x', serverToken: '', aesKey: '', mode: 'stable' as const, apiBase: 'https://api.weixin.qq.com', autoRefresh: true, createdAt: 1, updatedAt, ...extra });
  const tok = (t: string, obtainedAt: number) => ({ token: t, mode: 'stable' as const, obtainedAt, expiresAt: obtainedAt + 7_200_000, apiBase: 'https://api.weixin.qq.com' });

  it("a token fetched with a secret a teammate replaced never wins, however new", () => {
    const team: AccountEntry = { account: acct(10, { secretCheck: check('b') }), token: tok('new-secret', 100) };
    const mine: AccountEntry = { account: acct(5, { secretCheck: check('a') }), token: tok('old-secret', 200) };
    expect(mergeEntries(team, mine).token?.token).toBe('new-secret');
    expect(mergeEntries(mine, team).token?.token).toBe('new-secret');
    // Nothing from the new secret yet: no token rather than the old secret's.
    expect(mergeEntries({ account: team.account }, mine).token).toBeUndefined();
    // The same secret (same check): the newest token wins as before.
    expect(mergeEntries({ ...team, account: acct(10, { secretCheck: check('a') }) }, mine).token?.token).toBe('old-secret');
  });

  it('a tie on updatedAt keeps what either side added (a probed callback URL, a secret check), the same whichever side comes first', () => {
    const team: AccountEntry = { account: acct(7, { secretCheck: check('a') }) };
    const mine: AccountEntry = { account: acct(7, { callbackUrl: 'https://cb.example/wx' }) };
    const m = mergeEntries(team, mine);
    expect(m.account).toMatchObject({ callbackUrl: 'https://cb.example/wx', secretCheck: check('a') });
    expect(mergeEntries(mine, team).account).toEqual(m.account);
    // Both set, differently: one deterministic pick, on both machines.
    const x = mergeEntries({ account: acct(7, { label: 'one' }) }, { account: acct(7, { label: 'two' }) });
    const y = mergeEntries({ account: acct(7, { label: 'two' }) }, { account: acct(7, { label: 'one' }) });
    expect(x.account.label).toBe(y.account.label);
  });
});
