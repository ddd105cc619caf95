// The store on disk: several processes writing at once must not lose each other's writes.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WxStore, defaultDataDir, openConf } from '../electron/core/store';

let dir: string;
let writer: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wxdesk-store-'));
  // Inside the checkout, so the bundle's bare imports (conf) resolve from node_modules.
  const cache = join(__dirname, '..', 'node_modules', '.cache', 'wxdesk-test');
  mkdirSync(cache, { recursive: true });
  writer = join(cache, 'store-writer.mjs');
  await build({ entryPoints: [join(__dirname, 'fixtures', 'store-writer.ts')], outfile: writer, bundle: true, platform: 'node', format: 'esm', packages: 'external', absWorkingDir: join(__dirname, '..'), logLevel: 'silent' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(dataDir: string, prefix: string, count: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, dataDir, prefix, String(count)], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? -1));
  });
}

describe('WxStore', () => {
  it('three processes writing different entries at once lose none of them', async () => {
    const dataDir = join(dir, 'race');
    const codes = await Promise.all([run(dataDir, 'a', 150), run(dataDir, 'b', 150), run(dataDir, 'c', 150)]);
    expect(codes).toEqual([0, 0, 0]);
    const forced = new WxStore(openConf(dataDir)).read('forced');
    expect(Object.keys(forced)).toHaveLength(450);
  });

  it('a damaged store is reported with what to do, and never overwritten', () => {
    const dataDir = join(dir, 'damaged');
    new WxStore(openConf(dataDir)).updateSettings({ locale: 'en' });
    const file = join(dataDir, 'config.json');
    writeFileSync(file, '{"accounts": {"wx…": ');
    expect(() => openConf(dataDir).get('accounts')).toThrow();
    expect(readFileSync(file, 'utf8')).toBe('{"accounts": {"wx…": ');
  });
});

describe('defaultDataDir', () => {
  it("is the desktop app's userData folder on each platform, unless WXDESK_DATA_DIR says otherwise", () => {
    expect(defaultDataDir({ HOME: '/home/u', XDG_CONFIG_HOME: '/home/u/.cfg' }, 'linux')).toBe('/home/u/.cfg/WxDesk');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32')).toMatch(/Roaming.WxDesk$/);
    expect(defaultDataDir({}, 'darwin')).toMatch(/Library.Application Support.WxDesk$/);
    expect(defaultDataDir({ WXDESK_DATA_DIR: '/tmp/x' }, 'linux')).toBe('/tmp/x');
  });
});
