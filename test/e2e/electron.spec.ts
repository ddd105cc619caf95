// Smoke test of the real desktop shell through Playwright's Electron driver. It runs wherever an
// Electron binary exists (a normal `npm install` elsewhere, or ELECTRON_OVERRIDE_DIST_PATH) and is
// skipped, saying why, on machines where the binary cannot be downloaded.
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DASHBOARD_METHODS } from '../../electron/contract';
import { FakeWeChat } from '../fixtures/fake-wechat';

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
const APPID = 'wx00aa11bb22cc33ee';
const SECRET = '00aa11bb22cc33dd44ee55ff66778899';

test.describe('desktop shell', () => {
  test.skip(!binary, 'No Electron binary on this machine (it cannot be downloaded here); set ELECTRON_OVERRIDE_DIST_PATH to run the desktop smoke test.');

  let dataDir: string;
  let app: ElectronApplication | undefined;
  let fake: FakeWeChat;
  test.beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'wxdesk-electron-'));
    fake = await FakeWeChat.start();
  });
  test.afterEach(async () => {
    await app?.close();
    app = undefined;
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const launch = async () => {
    app = await electron.launch({ executablePath: binary!, args: [root], env: { ...process.env, WXDESK_DATA_DIR: dataDir } });
    return app;
  };

  test('opens one sandboxed window on wxdesk:// whose bridge has named methods only', async () => {
    const page = await (await launch()).firstWindow();
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
    expect(app!.windows()).toHaveLength(1);
  });

  test("a lab Copy button fills the clipboard, the menu's Refresh refreshes, the tray exists", async () => {
    fake.addAccount(APPID, SECRET);
    const add = spawnSync(process.execPath, [join(root, 'bin', 'wxdesk.js'), '--data-dir', dataDir, 'accounts', 'add', '--app-id', APPID, '--secret', SECRET, '--server-token', 'weixin', '--api-base', fake.url], { encoding: 'utf8' });
    expect(add.status, add.stderr).toBe(0);
    const electronApp = await launch();
    const page = await electronApp.firstWindow();
    await expect(page.getByRole('timer')).toBeVisible();

    // The clipboard permission is granted to our page: the lab's Copy works.
    await page.getByRole('tab', { name: 'Signature', exact: true }).click();
    const server = page.getByRole('tabpanel', { name: 'Server', exact: true });
    await server.getByLabel('Timestamp', { exact: true }).fill('1357982061');
    await server.getByLabel('Nonce', { exact: true }).fill('1358161344');
    await server.getByRole('button', { name: 'Copy sha1 digest' }).click();
    await expect.poll(() => electronApp.evaluate(({ clipboard }) => clipboard.readText())).toMatch(/^[0-9a-f]{40}$/);

    // Refresh from the application menu (Ctrl/Cmd+R): one more upstream call, no page reload.
    await page.getByRole('tab', { name: 'Token', exact: true }).click();
    const before = fake.count('/cgi-bin/stable_token');
    await electronApp.evaluate(({ Menu }) => Menu.getApplicationMenu()!.getMenuItemById('refresh')!.click());
    await expect.poll(() => fake.count('/cgi-bin/stable_token')).toBe(before + 1);
    expect(page.url()).toBe('wxdesk://app/index.html');

    expect(await electronApp.evaluate(() => Boolean((globalThis as unknown as { __wxdeskTray?: unknown }).__wxdeskTray))).toBe(true);
  });
});
