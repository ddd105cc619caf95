// Smoke test of the real desktop shell through Playwright's Electron driver. It runs wherever an
// Electron binary exists (a normal `npm install` elsewhere, or ELECTRON_OVERRIDE_DIST_PATH) and is
// skipped, saying why, on machines where the binary cannot be downloaded.
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DASHBOARD_METHODS } from '../../electron/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The Electron executable, found without triggering the package's lazy download. */
function electronBinary(): string | null {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const rel = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? join(override, rel) : join(pkg, 'dist', rel);
  return existsSync(candidate) ? candidate : null;
}

const binary = electronBinary();

test.describe('desktop shell', () => {
  test.skip(!binary, 'No Electron binary on this machine (it cannot be downloaded here); set ELECTRON_OVERRIDE_DIST_PATH to run the desktop smoke test.');

  test('opens one sandboxed window whose bridge has named methods only', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'wxdesk-electron-'));
    const app = await electron.launch({ executablePath: binary!, args: [root], env: { ...process.env, WXDESK_DATA_DIR: dataDir } });
    try {
      const page = await app.firstWindow();
      await expect(page).toHaveTitle(/WxDesk/);
      expect(page.url()).toBe('wxdesk://app/index.html');
      const shape = await page.evaluate(() => ({
        keys: Object.keys((globalThis as unknown as { wxdesk: object }).wxdesk).sort(),
        node: typeof (globalThis as unknown as { require?: unknown }).require,
        process: typeof (globalThis as unknown as { process?: unknown }).process,
      }));
      expect(shape.keys).toEqual([...DASHBOARD_METHODS, 'onChange'].sort());
      expect(shape).toMatchObject({ node: 'undefined', process: 'undefined' });
      const info = await page.evaluate(() => (globalThis as unknown as { wxdesk: { info(): Promise<{ ok: boolean; value: { host: string } }> } }).wxdesk.info());
      expect(info).toMatchObject({ ok: true, value: { host: 'electron' } });
      // window.open is denied.
      const opened = await page.evaluate(() => (globalThis as unknown as { open(u: string): unknown }).open('https://example.com') === null);
      expect(opened).toBe(true);
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
