// Where the desktop keeps its files, decided before Electron is told: the data folder (the same one
// the CLI and `wxdesk serve` use) and Chromium's profile beside it. Electron's setPath throws for a
// folder that does not exist (electron.d.ts, App.setPath), so both are created first (0700); a
// failure is returned, to be shown once the app can show a dialog, never thrown while main.ts loads.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { privateDir } from '../core/state/private-dir';
import { sessionDataDir } from './policy';

export interface ShellDirs {
  /** The data folder: accounts, secrets, tokens (and Chromium's single-instance lock files). */
  dataDir: string;
  /** Chromium's own profile (caches, GPU cache, local storage), beside the data folder. */
  sessionDir: string;
}

/**
 * The folders for a data dir as given (WXDESK_DATA_DIR may be relative: it is taken from the working
 * directory, as the CLI takes it; Electron's setPath refuses a relative path).
 */
export function shellDirs(dataDir: string, cwd: string): ShellDirs {
  const absolute = resolve(cwd, dataDir);
  return { dataDir: absolute, sessionDir: sessionDataDir(absolute) };
}

/**
 * Creates both folders (0700), then points Electron at them: `userData` at the data folder,
 * `sessionData` at Chromium's. Returns what went wrong, or undefined; never throws.
 */
export function prepareShellDirs(dirs: ShellDirs, setPath: (name: 'userData' | 'sessionData', path: string) => void): unknown {
  try {
    privateDir(dirs.dataDir);
    mkdirSync(dirs.sessionDir, { recursive: true, mode: 0o700 });
    setPath('userData', dirs.dataDir);
    setPath('sessionData', dirs.sessionDir);
    return undefined;
  } catch (e) {
    return e;
  }
}
