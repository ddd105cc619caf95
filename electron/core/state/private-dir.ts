// The data dir holds live credentials: its folders are the owner's only. A folder WxDesk creates is
// made 0700; one that already existed readable by others (made by another tool, or by hand) is
// narrowed to 0700. One that another user owns, or that group or others can write to, is refused:
// whoever could write there may already have swapped in an account pointed at their own host.
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { WxError } from '../errors';

const checked = new Set<string>();

/** Refuses a folder another user owns or could write to; narrows one that others can only read. */
export function checkPrivateDir(path: string): void {
  if (checked.has(path) || process.getuid === undefined) return;
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return;
  if (st.uid !== process.getuid()) throw new WxError('DATA_DIR_UNSAFE', { detail: path, reason: 'it is not owned by you' });
  if ((st.mode & 0o022) !== 0) throw new WxError('DATA_DIR_UNSAFE', { detail: path, reason: 'group or others can write to it' });
  if ((st.mode & 0o077) !== 0) chmodSync(path, 0o700);
  checked.add(path);
}

export function privateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  checkPrivateDir(path);
}
