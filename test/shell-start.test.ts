// The desktop's first moments, in Node: the folders Electron is pointed at, and what is said when
// starting fails (the Electron binary cannot run here; these are the pure parts main.ts wires).
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Lang } from '../electron/contract';
import { WxError } from '../electron/core/errors';
import { prepareShellDirs, shellDirs } from '../electron/shell/paths';
import { loadFailureReporter } from '../electron/shell/load';
import { failureLang, startFailure } from '../electron/shell/startup';

let root: string | undefined;
afterEach(() => root && rmSync(root, { recursive: true, force: true }));

/** Electron's app.setPath as electron.d.ts documents it: a folder that does not exist throws. */
function electronSetPath(set: Record<string, string>) {
  return (name: string, path: string) => {
    if (!isAbsolute(path)) throw new Error(`Path must be absolute: ${path}`);
    if (!existsSync(path) || !statSync(path).isDirectory()) throw new Error(`Failed to set path: ${path}`);
    set[name] = path;
  };
}

describe('the folders Electron is pointed at', () => {
  it('first run: the data folder and Chromium\'s profile folder are both created (0700) before setPath', () => {
    root = mkdtempSync(join(tmpdir(), 'wxdesk-dirs-'));
    const dirs = shellDirs(join(root, 'WxDesk'), '/elsewhere');
    const set: Record<string, string> = {};
    expect(prepareShellDirs(dirs, electronSetPath(set))).toBeUndefined();
    expect(set).toEqual({ userData: dirs.dataDir, sessionData: dirs.sessionDir });
    for (const d of [dirs.dataDir, dirs.sessionDir]) expect(statSync(d).mode & 0o777, d).toBe(0o700);
    expect(dirs.sessionDir.startsWith(`${dirs.dataDir}/`)).toBe(false);
  });

  it('a folder that cannot be made is returned as the failure, never thrown while main.ts loads', () => {
    root = mkdtempSync(join(tmpdir(), 'wxdesk-dirs-'));
    writeFileSync(join(root, 'WxDesk Chromium'), 'a file in the way');
    const set: Record<string, string> = {};
    const failure = prepareShellDirs(shellDirs(join(root, 'WxDesk'), '/elsewhere'), electronSetPath(set));
    expect(failure).toBeInstanceOf(Error);
    expect((failure as NodeJS.ErrnoException).code).toBe('EEXIST');
    expect(set).toEqual({});
  });
});

describe('a start that fails tells why, whatever failed', () => {
  it('a relative WXDESK_DATA_DIR is taken from the working directory, so setPath accepts it', () => {
    root = mkdtempSync(join(tmpdir(), 'wxdesk-dirs-'));
    const dirs = shellDirs('data/wx', root);
    expect(dirs).toEqual({ dataDir: join(root, 'data', 'wx'), sessionDir: join(root, 'data', 'wx Chromium') });
    const set: Record<string, string> = {};
    expect(prepareShellDirs(dirs, electronSetPath(set))).toBeUndefined();
    expect(set.userData).toBe(join(root, 'data', 'wx'));
  });

  it('the language: the pinned one, or the system\'s when reading it fails (the backend may be what failed)', () => {
    const broken = (): Lang => {
      throw new WxError('STORE_UNREADABLE', { detail: '/d/config.json', reason: 'EIO' });
    };
    expect(failureLang(() => 'en', () => 'zh-CN')).toBe('en');
    expect(failureLang(broken, () => 'zh-CN')).toBe('zh-CN');
    expect(failureLang(broken, () => 'en-US')).toBe('en');
    expect(failureLang(broken, () => { throw new Error('no locale'); })).toBe('en');
    const f = startFailure(new Error('boom'), '/d', failureLang(broken, () => 'zh-CN'));
    expect(f.content).toMatch(/^WxDesk 无法启动：boom/);
  });
});

describe('the page cannot be loaded', () => {
  /** loadURL's rejection as Electron builds it (lib/browser/api/web-contents.ts): errno and code set. */
  const loadError = (errno: number, code: string) => Object.assign(new Error(`${code} (${errno}) loading 'wxdesk://app/index.html'`), { errno, code, url: 'wxdesk://app/index.html' });

  function reporter() {
    const calls: string[] = [];
    const r = loadFailureReporter({ show: (reason) => calls.push(`show ${reason}`), exit: () => calls.push('exit') });
    return { r, calls };
  }

  it('did-fail-load and the rejection of the same load: one dialog, then the app exits', () => {
    const { r, calls } = reporter();
    r.failed(-6, 'ERR_FILE_NOT_FOUND', 'wxdesk://app/index.html', true);
    r.rejected(loadError(-6, 'ERR_FILE_NOT_FOUND'));
    expect(calls).toEqual(['show ERR_FILE_NOT_FOUND (-6) wxdesk://app/index.html', 'exit']);
    expect(r.reported).toBe(true);
  });

  it('the rejection alone is told too; a sub-frame failure and an aborted load (-3) are none', () => {
    const { r, calls } = reporter();
    r.failed(-3, 'ERR_ABORTED', 'wxdesk://app/index.html', true);
    r.rejected(loadError(-3, 'ERR_ABORTED'));
    r.failed(-105, 'ERR_NAME_NOT_RESOLVED', 'https://x.example/', false);
    expect(calls).toEqual([]);
    r.rejected(new Error('boom'));
    expect(calls).toEqual(['show boom', 'exit']);
  });

  it('the app exits even if the dialog throws', () => {
    const calls: string[] = [];
    const r = loadFailureReporter({ show: () => { throw new Error('no display'); }, exit: () => calls.push('exit') });
    expect(() => r.failed(-6, 'ERR_FILE_NOT_FOUND', 'wxdesk://app/index.html', true)).toThrow('no display');
    expect(calls).toEqual(['exit']);
  });
});
