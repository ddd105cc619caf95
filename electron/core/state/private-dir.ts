// The data dir holds live credentials: its folders are the owner's only. A folder WxDesk creates is
// made 0700; one that already existed with wider rights (made by another tool, or by hand) is
// narrowed to 0700 when WxDesk first writes in it.
import { chmodSync, mkdirSync, statSync } from 'node:fs';

const checked = new Set<string>();

export function privateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  if (checked.has(path) || process.getuid === undefined) return;
  checked.add(path);
  const st = statSync(path);
  if ((st.mode & 0o077) !== 0 && st.uid === process.getuid()) chmodSync(path, 0o700);
}
