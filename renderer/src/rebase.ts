// A tab's fields start from the account's values (its Token, EncodingAESKey, AppID); when the
// account is edited, those still at the old values follow, and what the user typed stays. Used by
// the Signature and Probe tabs (so it loads with them, not with the page).

/**
 * Fields still at their old default follow a new one (the account's Token was edited); the ones the
 * user changed are kept. Flat records of strings only.
 */
export function rebase<F extends object>(fields: F, oldDefaults: F, newDefaults: F, skip: readonly (keyof F)[] = []): F {
  let out = fields;
  for (const key of Object.keys(newDefaults) as (keyof F)[]) {
    if (skip.includes(key)) continue;
    if (oldDefaults[key] !== newDefaults[key] && fields[key] === oldDefaults[key]) {
      if (out === fields) out = { ...fields };
      out[key] = newDefaults[key];
    }
  }
  return out;
}
