// "Did you mean": the closest known name to a mistyped option or command, when it is close.

/** Case, dashes and underscores do not count: --appid, --app_id and --App-Id all mean --app-id. */
const norm = (s: string) => s.toLowerCase().replace(/^-+/, '').replace(/[-_]/g, '');

/** Optimal string alignment distance: edits, with a swap of neighbours counted as one. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidate the input most likely meant, or undefined when none is close: equal once case and
 * dashes are set aside, or within 1 edit (names up to 4 letters), 2 (up to 8) or 3 (longer).
 * A tie between two candidates suggests nothing.
 */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  const a = norm(input);
  if (a === '') return undefined;
  let best: string | undefined;
  let bestD = Infinity;
  let tie = false;
  for (const c of candidates) {
    const b = norm(c);
    const dist = distance(a, b);
    const limit = b.length <= 4 ? 1 : b.length <= 8 ? 2 : 3;
    if (dist > limit) continue;
    if (dist < bestD) [best, bestD, tie] = [c, dist, false];
    else if (dist === bestD && c !== best) tie = true;
  }
  return tie ? undefined : best;
}
