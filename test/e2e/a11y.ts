// axe-core in the page: the engine's source (node_modules/axe-core, a devDependency; nothing is
// downloaded) is injected into the page and run there, against WCAG 2.0 / 2.1 A and AA. Only the
// serious and critical findings fail a test; each is printed with the elements it names.
import type { Page } from '@playwright/test';
import { createRequire } from 'node:module';
import { expect } from './fixtures';

const axeSource = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** Structure rules outside the WCAG tags (axe's best practices) that count whatever their impact. */
const STRUCTURE = ['page-has-heading-one'];

export interface Finding {
  rule: string;
  impact: string;
  help: string;
  /** Each element: its selector, then axe's summary ("Element has insufficient color contrast of 3.2 …"). */
  targets: string[];
}

interface AxeResultsLike {
  violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[];
}

/** The serious and critical violations in the page as it is now (the whole document, open dialogs included), and a missing h1. */
export async function seriousViolations(page: Page): Promise<Finding[]> {
  const injected = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe !== 'undefined');
  if (!injected) await page.evaluate(axeSource);
  const results = await page.evaluate(
    ({ tags, structure }) => {
      const g = globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<unknown> }; document: unknown };
      const rules = Object.fromEntries(structure.map((id) => [id, { enabled: true }]));
      return g.axe.run(g.document, { runOnly: { type: 'tag', values: tags }, rules, resultTypes: ['violations'] });
    },
    { tags: TAGS, structure: STRUCTURE },
  );
  return (results as AxeResultsLike).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical' || STRUCTURE.includes(v.id))
    .map((v) => ({
      rule: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.map((n) => `${n.target.map(String).join(' ')}: ${(n.failureSummary ?? '').replace(/^Fix (any|all) of the following:/, '').replace(/\s+/g, ' ').trim()}`),
    }));
}

const describe = (findings: Finding[]) =>
  findings.map((f) => `  [${f.impact}] ${f.rule}: ${f.help}\n    ${f.targets.slice(0, 8).join('\n    ')}${f.targets.length > 8 ? `\n    … ${f.targets.length - 8} more` : ''}`).join('\n');

/** Fails the test (softly, so every screen of a tour is reported) when axe finds a serious or critical violation. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const findings = await seriousViolations(page);
  expect.soft(findings, `axe-core on ${where}:\n${describe(findings)}`).toEqual([]);
}
