// The Electron shell cannot run here, so it is scanned: Electronegativity over electron/ must report
// nothing of medium severity or above. The insecure fixture proves the scan reports what it should.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(dirname(createRequire(import.meta.url).resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js');
const out = mkdtempSync(join(tmpdir(), 'wxdesk-eneg-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

interface Finding {
  ruleId: string;
  level: 'note' | 'warning' | 'error';
  file: string;
}

/** SARIF levels: note = low or informational, warning = medium, error = high or critical. */
function scan(input: string): Finding[] {
  const sarif = join(out, `${Math.random().toString(36).slice(2)}.sarif`);
  execFileSync(process.execPath, [cli, '-i', input, '-e', '45.5.0', '-r', '-o', sarif], { stdio: 'ignore', timeout: 120_000 });
  const results = (JSON.parse(readFileSync(sarif, 'utf8')) as { runs: { results: { ruleId: string; level: Finding['level']; locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[] }[] }[] }).runs[0]!.results;
  return results.map((r) => ({ ruleId: r.ruleId, level: r.level, file: r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '' }));
}

describe('Electronegativity', () => {
  it('finds the problems in a deliberately insecure shell', () => {
    const rules = scan(join(root, 'test', 'fixtures', 'insecure-shell')).filter((f) => f.level !== 'note').map((f) => f.ruleId);
    expect(rules).toEqual(expect.arrayContaining(['SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK']));
  });

  it('reports nothing of medium severity or above in electron/', () => {
    const serious = scan(join(root, 'electron')).filter((f) => f.level !== 'note');
    expect(serious).toEqual([]);
  });
});
