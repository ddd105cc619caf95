// The README's first screen is what a newcomer types: it must stay true of a fresh clone. Two
// commands to start, the browser fallback `npm start` itself names, `npm link` putting a working
// `wxdesk` on the PATH, and the quick start's own CLI lines accepted as written.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ensureBuilt, removeTempDirs, tempDir, wxdesk } from './fixtures/core';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; bin: Record<string, string> };
const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('\n## ', readme.indexOf('## Quick start') + 1));
const blocks = [...quickStart.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!.split('\n').filter(Boolean).map((l) => l.replace(/\s+#.*$/, '').trim()));

beforeAll(ensureBuilt, 120_000);
afterAll(removeTempDirs);

describe("the README's quick start", () => {
  it('comes first, and starts with exactly two commands: npm install, npm start', () => {
    expect(readme.match(/^## .*$/m)?.[0]).toBe('## Quick start');
    expect(blocks[0]).toEqual(['npm install', 'npm start']);
  });

  it("names the browser fallback that `npm start` itself names where Electron cannot start", () => {
    expect(pkg.scripts.serve).toBeDefined();
    const start = readFileSync(join(ROOT, 'scripts/start.mjs'), 'utf8');
    expect(start).toContain('npm run serve');
    expect(quickStart).toContain('npm run serve');
    expect(quickStart).toContain('npm test');
    expect(pkg.scripts.test).toBeDefined();
  });

  it('says where to get a 测试号 and that the npm registry name is not this project', () => {
    expect(quickStart).toContain('https://mp.weixin.qq.com/debug/cgi-bin/sandbox?t=sandbox/login');
    expect(quickStart).toMatch(/not published on the npm\s+registry/);
  });

  it('`npm link` (a global install of the checkout) gives a wxdesk that runs from any directory', () => {
    expect(quickStart).toContain('npm link');
    const prefix = tempDir('wxdesk-prefix-');
    const install = spawnSync('npm', ['install', '-g', '.', '--prefix', prefix, '--ignore-scripts', '--offline', '--no-audit', '--no-fund'], { cwd: ROOT, encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);
    const run = spawnSync(join(prefix, 'bin', Object.keys(pkg.bin)[0]!), ['--help'], { cwd: tempDir(), encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: '' } });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^wxdesk: /);
  }, 60_000);

  it("the quick start's `accounts add` line is accepted as written", async () => {
    const add = blocks.flat().find((l) => l.startsWith('npx wxdesk accounts add'))!;
    expect(add).toBeDefined();
    const args = add.replace(/^npx wxdesk /, '').match(/"[^"]*"|\S+/g)!.map((a) => a.replace(/^"|"$/g, ''));
    const r = await wxdesk(tempDir(), args);
    expect(r.code, r.stderr).toBe(0);
  });
});
