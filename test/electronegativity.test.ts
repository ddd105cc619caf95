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

const SEVERITY = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'] as const;

interface Finding {
  ruleId: string;
  severity: (typeof SEVERITY)[number];
  file: string;
}

/** RFC 4180 rows: quoted fields may hold commas, doubled quotes and line breaks. */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

/**
 * The findings with the severity the tool itself reports (its CSV report's severity column). The
 * SARIF report is no use for a threshold: its level says only whether a finding needs a manual
 * review ('note') or not, so a MEDIUM finding that needs review came out as a note and passed.
 */
function scan(input: string): Finding[] {
  const csv = join(out, `${Math.random().toString(36).slice(2)}.csv`);
  execFileSync(process.execPath, [cli, '-i', input, '-e', '45.5.0', '-r', '-o', csv], { stdio: 'ignore', timeout: 120_000 });
  const [header, ...rows] = csvRows(readFileSync(csv, 'utf8'));
  expect(header!.map((h) => h.trim()).slice(0, 4)).toEqual(['issue', 'severity', 'confidence', 'filename']);
  return rows.map(([ruleId, severity, , file]) => {
    expect(SEVERITY, `${ruleId} ${severity}`).toContain(severity);
    return { ruleId: ruleId!, severity: severity as Finding['severity'], file: file ?? '' };
  });
}

/** The tool's own threshold (`-s medium`: "only return findings with the specified level of severity or above"). */
const atLeastMedium = (f: Finding) => SEVERITY.indexOf(f.severity) >= SEVERITY.indexOf('MEDIUM');

describe('Electronegativity', () => {
  it('finds the problems in a deliberately insecure shell', () => {
    const rules = scan(join(root, 'test', 'fixtures', 'insecure-shell')).filter(atLeastMedium).map((f) => f.ruleId);
    expect(rules).toEqual(expect.arrayContaining(['SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK']));
  });

  it('reports nothing of medium severity or above in electron/', () => {
    const serious = scan(join(root, 'electron')).filter(atLeastMedium);
    expect(serious).toEqual([]);
  });
});
