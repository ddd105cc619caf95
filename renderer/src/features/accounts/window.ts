// Which rows of the account list to put in the page: the ones in view, a few on either side, and
// the one that holds the focus with its neighbours (so Tab and Shift+Tab go to the next row, as in
// a full list, even after the view was scrolled away). The rest is left out, with room kept for it
// (gaps) so that the list scrolls as if it were there.

/** Rows [first, last) by where the list is scrolled, and the height of a row plus the space below it. */
export interface Window {
  first: number;
  last: number;
  pitch: number;
}

/** A row's height plus its margin, until one is measured in the page. */
export const ESTIMATED_PITCH = 62;
/** Rows rendered beyond the edges of the view. */
const OVERSCAN = 4;

export function windowOf(scrollTop: number, height: number, pitch = ESTIMATED_PITCH): Window {
  return {
    first: Math.max(0, Math.floor(scrollTop / pitch) - OVERSCAN),
    last: Math.ceil((scrollTop + height) / pitch) + OVERSCAN,
    pitch,
  };
}

export type Part = { kind: 'row'; index: number } | { kind: 'gap'; before: number; rows: number };

/** The rows to render, in order, with a gap for each run of rows left out. */
export function rowsToRender(win: Window, count: number, keep: number | null): Part[] {
  const rows: number[] = [];
  for (let i = win.first; i < Math.min(win.last, count); i++) rows.push(i);
  if (keep !== null) for (const i of [keep - 1, keep, keep + 1]) if (i >= 0 && i < count && !rows.includes(i)) rows.push(i);
  rows.sort((a, b) => a - b);
  const parts: Part[] = [];
  let next = 0;
  for (const index of [...rows, count]) {
    if (index > next) parts.push({ kind: 'gap', before: next, rows: index - next });
    if (index < count) parts.push({ kind: 'row', index });
    next = index + 1;
  }
  return parts;
}
