// The JavaScript budgets of the built page (dist/renderer, from `npm run build`), by reading the
// files: sizes are deterministic, so a test can hold them. The first page is what index.html loads
// before any tab is opened: its scripts and modulepreload links, and the chunks those import
// statically. It stays within 85 kB gzip; each chunk loaded later (a tab, the form, a dialog)
// within 40 kB, and so does each tab with the chunks it brings that the first page does not have.
import { expect as baseExpect, test as baseTest } from '@playwright/test';
import { expect as pageExpect, test as pageTest } from './fixtures';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './fixtures';

const test = baseTest;
const expect = baseExpect;

const DIST = join(ROOT, 'dist', 'renderer');
const KB = 1000;
const FIRST_PAGE_BUDGET = 85 * KB;
const CHUNK_BUDGET = 40 * KB;

const gzipped = (file: string) => gzipSync(readFileSync(file)).length;

/** The files a chunk imports statically (`import{…}from"./x.js"`, `import"./x.js"`; not `import(…)`). */
function staticImports(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  return [...code.matchAll(/\bimport\s*(?:[\w$*{},\s]+?\s*from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g)].map((m) => join(dirname(file), m[1]!));
}

/** `files` and all they import statically, transitively. */
function withImports(files: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...files];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...staticImports(file));
  }
  return seen;
}

/** What index.html loads by itself: its module scripts and modulepreload links. */
function entryFiles(): string[] {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const refs = [
    ...[...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!),
    ...[...html.matchAll(/<link\b[^>]*>/g)].map((m) => m[0]).filter((tag) => /\brel="modulepreload"/.test(tag)).map((tag) => /\bhref="([^"]+)"/.exec(tag)![1]!),
  ];
  return refs.map((ref) => join(DIST, ref));
}

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} kB`;

test.describe('JavaScript budgets of the built page', () => {
  test.skip(!existsSync(join(DIST, 'index.html')), 'dist/renderer is missing: run `npm run build` first');

  const assets = () => readdirSync(join(DIST, 'assets')).filter((f) => f.endsWith('.js')).map((f) => join(DIST, 'assets', f));
  const firstPage = () => withImports(entryFiles());

  test('the first page (index.html, its modulepreloads and their imports) is at most 85 kB gzip', () => {
    const files = [...firstPage()];
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(existsSync(f), relative(DIST, f)).toBe(true);
    const total = files.reduce((sum, f) => sum + gzipped(f), 0);
    const detail = files.map((f) => `${relative(DIST, f)} ${kb(gzipped(f))}`).join(', ');
    expect(total, `first page ${kb(total)}: ${detail}`).toBeLessThanOrEqual(FIRST_PAGE_BUDGET);
  });

  test('the tool tabs are not in the first page, and every later chunk is at most 40 kB gzip', () => {
    const first = firstPage();
    const later = assets().filter((f) => !first.has(f));
    for (const tab of ['SignatureTab', 'ProbeTab', 'ConsoleTab', 'SimulatorTab', 'MenuTab', 'ChoresTab', 'FollowersPanel', 'TemplatesPanel', 'QrPanel', 'MediaPanel']) {
      const chunk = later.find((f) => new RegExp(`/${tab}-[\\w-]+\\.js$`).test(f));
      expect(chunk, `${tab} is a chunk of its own, not in the first page`).toBeDefined();
      // The tab with what it brings along that the first page has not loaded yet.
      const brought = [...withImports([chunk!])].filter((f) => !first.has(f));
      const total = brought.reduce((sum, f) => sum + gzipped(f), 0);
      expect(total, `${tab} with ${brought.map((f) => relative(DIST, f)).join(', ')}: ${kb(total)}`).toBeLessThanOrEqual(CHUNK_BUDGET);
    }
    for (const f of later) expect(gzipped(f), `${relative(DIST, f)}: ${kb(gzipped(f))}`).toBeLessThanOrEqual(CHUNK_BUDGET);
  });
});

// What the bench counts: every script the browser fetches before any tab is opened, whether the
// page imports it statically or asks for it at once (a chunk loaded on first render counts too).
pageTest('the JavaScript a browser loads before any tab is opened (an account and its token shown) is at most 85 kB gzip', async ({ dashboard, page }) => {
  const scripts: Promise<number>[] = [];
  page.on('response', (r) => {
    if ((r.headers()['content-type'] ?? '').includes('javascript')) scripts.push(r.body().then((b) => gzipSync(b).length));
  });
  await dashboard.seed();
  await dashboard.open();
  await pageExpect(page.getByRole('tabpanel', { name: 'Token' }).getByRole('timer')).toBeVisible();
  // The sidebar's foot (where the data lives) is the last part drawn; everything asked for on first render has been by then.
  await pageExpect(page.locator('.sidebar__foot')).toBeVisible();
  const sizes = await Promise.all(scripts);
  const total = sizes.reduce((a, b) => a + b, 0);
  pageExpect(total, `${sizes.length} scripts, ${kb(total)}`).toBeLessThanOrEqual(FIRST_PAGE_BUDGET);
});
