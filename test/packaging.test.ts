// Packaging as configured: electron-builder.json with the Electron fuses set, the targets and icons
// the README promises, every built file the app loads packed; and `npm run dist` saying in one line
// why it cannot package where the Electron binary cannot be had (as here).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { APP_FILES } from '../scripts/app-files.mjs';
import { APP_ID, appUserModelId } from '../electron/shell/identity';
import { ROOT } from './fixtures/core';

const config = JSON.parse(readFileSync(join(ROOT, 'electron-builder.json'), 'utf8')) as Record<string, unknown> & {
  electronFuses: Record<string, boolean>;
  files: string[];
  linux: { target: string[] };
  mac: { target: string[] };
  win: { target: string[] };
  icon: string;
};

function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('electron-builder.json', () => {
  it('sets the fuses: no RunAsNode, no NODE_OPTIONS or inspect arguments, app only from an integrity-checked asar', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
    expect(config.asar).toBe(true);
  });

  it("SECURITY.md's fuse item (checklist 19) names every fuse as it is set, not as a plan", () => {
    const row = readFileSync(join(ROOT, 'SECURITY.md'), 'utf8').split('\n').find((l) => l.startsWith('| 19 |'))!;
    expect(row).toBeDefined();
    expect(row).not.toMatch(/not yet enforced/i);
    for (const [fuse, on] of Object.entries(config.electronFuses)) expect(row, fuse).toContain(`\`${fuse}\` ${on ? 'on' : 'off'}`);
  });

  it('builds AppImage and deb, dmg and NSIS, with an app id and icons', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.mac.target).toContain('dmg');
    expect(config.win.target).toContain('nsis');
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    const icon = pngSize(join(ROOT, config.icon));
    expect(icon.width).toBeGreaterThanOrEqual(512);
    expect(icon.width).toBe(icon.height);
    for (const tray of ['tray.png', 'trayTemplate.png', 'trayTemplate@2x.png']) expect(existsSync(join(ROOT, 'assets', tray)), tray).toBe(true);
    expect(pngSize(join(ROOT, 'assets', 'trayTemplate.png'))).toEqual({ width: 16, height: 16 });
  });

  it("Windows toasts carry the builder's appId: the app claims it as its AppUserModelID (Windows only)", () => {
    expect(APP_ID).toBe(config.appId);
    expect(appUserModelId('win32')).toBe(config.appId);
    expect(appUserModelId('darwin')).toBeNull();
    expect(appUserModelId('linux')).toBeNull();
    // main.ts wires it (the Electron binary cannot run here to watch it being called).
    expect(readFileSync(join(ROOT, 'electron', 'main.ts'), 'utf8')).toMatch(/app\.setAppUserModelId\(modelId\)/);
  });

  it('packs every built file the app loads, and the icons main.ts opens', () => {
    for (const f of APP_FILES as { path: string }[]) expect(config.files.some((g) => g === f.path || f.path.startsWith(g.replace('/**/*', '/'))), f.path).toBe(true);
    expect(config.files).toContain('assets/*.png');
    const main = readFileSync(join(ROOT, 'electron', 'main.ts'), 'utf8');
    for (const m of main.matchAll(/new URL\('\.\.\/(assets\/[^']+)'/g)) expect(existsSync(join(ROOT, m[1]!)), m[1]).toBe(true);
  });

  it('electron is a devDependency (electron-builder refuses it among dependencies), and electron-builder is not installed with the project', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string>; scripts: Record<string, string> };
    expect(pkg.dependencies.electron).toBeUndefined();
    expect(pkg.devDependencies.electron).toBeDefined();
    expect({ ...pkg.dependencies, ...pkg.devDependencies }['electron-builder']).toBeUndefined();
    expect(pkg.scripts.dist).toBe('npm run build && node scripts/dist.mjs');
  });
});

describe('what each target needs from package.json (electron-builder\'s metadata checks)', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    name?: string;
    version?: string;
    description?: string;
    homepage?: string;
    repository?: string | { url?: string };
    author?: string | { name?: string; email?: string };
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const authorEmail = typeof pkg.author === 'string' ? /<([^>]+@[^>]+)>/.exec(pkg.author)?.[1] : pkg.author?.email;

  it('every target: a name, a version, a description and an author', () => {
    expect(pkg.name).toBeTruthy();
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(pkg.description).toBeTruthy();
    expect(typeof pkg.author === 'string' ? pkg.author : pkg.author?.name).toBeTruthy();
  });

  it('deb: a homepage (the Linux package URL is required; there is no GitHub origin to derive it from) and a maintainer email', () => {
    expect(config.linux.target).toContain('deb');
    expect(pkg.homepage).toMatch(/^https:\/\/\S+$/);
    const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
    expect(repo).toMatch(/^(git\+)?https:\/\/\S+$/);
    expect(authorEmail).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
    const maintainer = (config.linux as { maintainer?: string }).maintainer;
    expect(maintainer ?? authorEmail).toMatch(/@/);
  });

  it('react and react-dom are bundled by Vite, so they are devDependencies and stay out of app.asar', () => {
    for (const name of ['react', 'react-dom']) {
      expect(pkg.dependencies[name], name).toBeUndefined();
      expect(pkg.devDependencies[name], name).toBeDefined();
    }
  });
});

describe('npm run dist', () => {
  const hasElectron = spawnSync(process.execPath, ['-e', "import('electron').then(m => require('node:fs').accessSync(String(m.default)))"], { timeout: 60_000 }).status === 0;

  it.skipIf(hasElectron)('says in one line why it cannot package where no Electron binary can be had', () => {
    let out = '';
    try {
      execFileSync(process.execPath, [join(ROOT, 'scripts', 'dist.mjs')], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    } catch (e) {
      out = String((e as { stderr?: string }).stderr ?? '');
    }
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(out).toMatch(/^WxDesk: cannot package on this machine: the Electron binary could not be downloaded/);
  });
});
