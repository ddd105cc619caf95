// The account list's search box: a case-insensitive match on the label or the AppID.

export function matchesAccount(account: { label: string; appId: string }, query: string): boolean {
  const q = query.trim().toLowerCase();
  return q === '' || account.label.toLowerCase().includes(q) || account.appId.toLowerCase().includes(q);
}

export function filterAccounts<A extends { label: string; appId: string }>(accounts: readonly A[], query: string): A[] {
  return accounts.filter((a) => matchesAccount(a, query));
}
