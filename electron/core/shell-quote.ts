// One word for a POSIX shell: single-quoted, with embedded single quotes closed, escaped and
// reopened. The probe's and the console's "Copy curl" lines both use it.

export function shellQuote(v: string): string {
  return `'${v.replace(/'/g, `'\\''`)}'`;
}
