// Columns a person reads in a terminal: a cell's width is what it takes on screen, not its length
// in UTF-16 units. CJK and full-width characters take two columns, combining marks and zero-width
// characters none, so Chinese titles and headings line up with ASCII ones.

/** East Asian Wide and Fullwidth ranges (Unicode 15, UAX #11): two columns each. */
const WIDE: [number, number][] = [
  [0x1100, 0x115f], // Hangul Jamo initials
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x23e9, 0x23ec],
  [0x2e80, 0x303e], // CJK radicals … CJK symbols and punctuation (、。「」, the ideographic space)
  [0x3041, 0x33ff], // kana, bopomofo, CJK compatibility
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility forms, small forms
  [0xff00, 0xff60], // full-width forms (，：（）)
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f], // pictographs, emoticons
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd], // CJK extensions B and beyond
];

const ZERO = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}]$/u;

function isWide(cp: number): boolean {
  for (const [lo, hi] of WIDE) {
    if (cp < lo) return false;
    if (cp <= hi) return true;
  }
  return false;
}

/** The columns a text takes in a terminal. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x7f) w += cp >= 0x20 ? 1 : 0;
    else if (ZERO.test(ch)) continue;
    else w += isWide(cp) ? 2 : 1;
  }
  return w;
}

/** The text followed by spaces up to the width (never cut). */
export function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

/** Spaces, then the text, up to the width (never cut). */
export function padStart(s: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(s))) + s;
}

/** Rows as aligned columns two spaces apart, no trailing spaces; a line per row. */
export function formatTable(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell))));
  return rows.map((r) => r.map((cell, i) => padEnd(cell, widths[i]!)).join('  ').trimEnd()).join('\n') + '\n';
}
