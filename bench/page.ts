// Section 8: the dashboard of `wxdesk serve` in Chromium (Debian's /usr/bin/chromium, headless, driven
// by Playwright), beside a bare React 19 page (bare-page.ts: one line, minified, served by
// bare-server.mjs --static). Two serves started cold from the fleet's templates (fleet.ts): one
// account, and the agency's many. Every page is opened in a fresh browser context (no cache), each
// round rotating which of the three goes first.
// - The JS each page loads before any tab is opened, gzipped: from an untimed first load of each.
// - Times from navigation start (the page's own performance.now()) until a text first appears in
//   the DOM, seen by a MutationObserver the page gets before its own scripts: the token (its first 6
//   and last 4 characters, which the card shows masked; known from the token endpoint), the bare
//   page's line, and the account list (a list item holding an AppID).
// - Idle CPU: the renderer main thread's busy time (CDP Performance.getMetrics TaskDuration) over
//   a quiet while, a settle after the page is shown, as % of one core.
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { ChildProcess } from 'node:child_process';
import { tokenUrl } from './endpoint';
import { coldStart, type ColdStart, type Fleet } from './fleet';
import { alone, figure, firstLine, getJson, log, median, ratio, sleep, start, stop } from './lib';
import type { Context, PageResults } from './types';

const CHROMIUM = process.env.WXDESK_BENCH_CHROMIUM ?? '/usr/bin/chromium';
/** After a page shows what it is timed for, before its idle CPU is measured. */
const SETTLE_MS = 2_000;
const SHOWN_TIMEOUT_MS = 60_000;
const LINE = 'A bare React 19 page: one line of text.';

interface Mark {
  name: string;
  /** Elements to look in; the first whose text holds every one of `texts` (and matches `pattern`) marks the time. */
  selector: string;
  texts: string[];
  pattern?: string;
}

/** The account list: a list item with an AppID in it. */
const LIST: Mark = { name: 'list', selector: 'li, [role=listitem]', texts: [], pattern: 'wx[0-9a-f]{16}' };

interface Marked {
  __marks: Record<string, number>;
}

/** Runs in the page before its own scripts (so it is written for the browser, self-contained). */
function observe(marks: Mark[]): void {
  type El = { textContent: string | null };
  const g = globalThis as unknown as Marked & {
    document: { querySelectorAll(s: string): ArrayLike<El> };
    MutationObserver: new (cb: () => void) => { observe(target: unknown, opts: object): void; disconnect(): void };
  };
  g.__marks = {};
  const check = () => {
    for (const m of marks) {
      if (m.name in g.__marks) continue;
      const re = m.pattern ? new RegExp(m.pattern) : null;
      const els = g.document.querySelectorAll(m.selector);
      for (let i = 0; i < els.length; i++) {
        const t = els[i]!.textContent ?? '';
        if (m.texts.every((s) => t.includes(s)) && (!re || re.test(t))) {
          g.__marks[m.name] = performance.now();
          break;
        }
      }
    }
    if (marks.every((m) => m.name in g.__marks)) observer.disconnect();
  };
  const observer = new g.MutationObserver(check);
  observer.observe(g.document, { childList: true, subtree: true, characterData: true });
}

interface Target {
  url: string;
  marks: Mark[];
}

interface Opened {
  at: Record<string, number>;
  idlePct: number;
  /** What the idle busy time was spent on, for the log. */
  idleParts: string;
  js: { files: number; gzipBytes: number };
}

interface Idle {
  pct: number;
  parts: string;
}

/** The renderer main thread's busy time over `sec` quiet seconds (after a settle), as % of one core. */
async function idleCpu(context: BrowserContext, page: Page, sec: number): Promise<Idle> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () => new Map((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  await sleep(SETTLE_MS);
  const [m0, t0] = [await metrics(), performance.now()];
  await sleep(sec * 1000);
  const [m1, t1] = [await metrics(), performance.now()];
  const share = (name: string) => (((m1.get(name) ?? Number.NaN) - (m0.get(name) ?? Number.NaN)) / ((t1 - t0) / 1000)) * 100;
  const parts = ['ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration'].map((n) => `${n.replace('Duration', '')} ${pct(share(n))}`).join(', ');
  return { pct: share('TaskDuration'), parts };
}

/** Opens `target` in a fresh context; with `idleSec`, measures its idle CPU; with `countJs`, gzips the JS it loaded. */
async function open(browser: Browser, target: Target, opts: { idleSec?: number; countJs?: boolean }): Promise<Opened> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const js: Promise<number>[] = [];
    if (opts.countJs) {
      page.on('response', (r) => {
        if ((r.headers()['content-type'] ?? '').includes('javascript')) js.push(r.body().then((b) => gzipSync(b).length));
      });
    }
    await page.addInitScript(observe, target.marks);
    await page.goto(target.url);
    const names = target.marks.map((m) => m.name);
    const handle = await page.waitForFunction((n) => {
      const marks = (globalThis as unknown as Marked).__marks;
      return n.every((name) => name in marks) && marks;
    }, names, { timeout: SHOWN_TIMEOUT_MS, polling: 100 });
    const at = (await handle.jsonValue()) as Record<string, number>;
    if (errors.length) log(`page ${target.url.split('#')[0]}: ${errors.length} page errors, e.g. ${errors[0]}`);
    let idle: Idle = { pct: Number.NaN, parts: '' };
    if (opts.idleSec) idle = await idleCpu(context, page, opts.idleSec);
    else if (opts.countJs) await sleep(SETTLE_MS); // anything the page fetches just after it is shown, before a tab is opened
    const sizes = await Promise.all(js);
    return { at, idlePct: idle.pct, idleParts: idle.parts, js: { files: sizes.length, gzipBytes: sizes.reduce((a, b) => a + b, 0) } };
  } finally {
    await context.close();
  }
}

type Which = 'bare' | 'one' | 'many';

export async function runPage(ctx: Context, fleet: Fleet): Promise<PageResults> {
  if (!existsSync(CHROMIUM)) throw new Error(`the page section needs Chromium at ${CHROMIUM} (apt-get install -y chromium, or set WXDESK_BENCH_CHROMIUM)`);
  const serves: ColdStart[] = [];
  let bare: ChildProcess | undefined;
  let browser: Browser | undefined;
  try {
    bare = start(process.execPath, [ctx.bareJs, '--static', ctx.barePageDir]);
    const bareUrl = `http://127.0.0.1:${(JSON.parse(await firstLine(bare)) as { port: number }).port}`;
    const [one, many] = [await coldStart(ctx, fleet, 'one'), await coldStart(ctx, fleet, 'many')];
    serves.push(one, many);
    const first = fleet.accounts[0]!;
    const token = (await getJson(tokenUrl(one.serve.url, first.id, first.secret))).access_token as string;
    const dashboard = (s: ColdStart) => `${s.serve.url}/#key=${s.serve.key}`;
    const targets: Record<Which, Target> = {
      bare: { url: `${bareUrl}/#${encodeURIComponent(LINE)}`, marks: [{ name: 'shown', selector: 'body', texts: [LINE] }] },
      one: { url: dashboard(one), marks: [{ name: 'shown', selector: 'body', texts: [token.slice(0, 6), token.slice(-4)] }, LIST] },
      many: { url: dashboard(many), marks: [LIST] },
    };
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    const version = browser.version();
    // Untimed first loads: the JS each page loads, and a warm-up of the browser and both servers.
    const dashJs = (await open(browser, targets.one, { countJs: true })).js;
    const bareJs = (await open(browser, targets.bare, { countJs: true })).js;
    await open(browser, targets.many, {});
    log(`page: Chromium ${version}; initial JS ${dashJs.files} file(s), ${kb(dashJs.gzipBytes)} gzip (bare page ${kb(bareJs.gzipBytes)})`);

    const { memoryRounds, idleSec } = ctx.settings;
    const rounds: Record<Which, Opened>[] = [];
    const all: Which[] = ['bare', 'one', 'many'];
    for (let i = 0; i < memoryRounds; i++) {
      const round: Partial<Record<Which, Opened>> = {};
      for (const w of [...all.slice(i % 3), ...all.slice(0, i % 3)]) round[w] = await open(browser, targets[w], { idleSec });
      const r = round as Record<Which, Opened>;
      rounds.push(r);
      log(`page round ${i + 1}/${memoryRounds}: token ${ms(r.one.at.shown)} (bare line ${ms(r.bare.at.shown)}); list ${ms(r.one.at.list)}, ${fleet.accounts.length} accounts ${ms(r.many.at.list)}; idle CPU ${pct(r.one.idlePct)}, ${pct(r.many.idlePct)} (${r.many.idleParts}), bare ${pct(r.bare.idlePct)}`);
    }
    const of = (w: Which, f: (o: Opened) => number) => rounds.map((r) => f(r[w]));
    const pairs = (a: number[], b: number[]) => a.map((v, i): [number, number] => [v, b[i]!]);
    const idle = (o: Opened) => o.idlePct;
    return {
      chromium: version,
      js: { ...figure([[dashJs.gzipBytes / 1000, bareJs.gzipBytes / 1000]], alone, 85), files: dashJs.files },
      firstToken: figure(pairs(of('one', (o) => o.at.shown!), of('bare', (o) => o.at.shown!)), ratio, 3),
      list: figure(pairs(of('many', (o) => o.at.list!), of('one', (o) => o.at.list!)), ratio, 2),
      idleCpu: { ...figure(pairs(of('many', idle), of('bare', idle)), alone, 0.5), one: median(of('one', idle)) },
      accounts: fleet.accounts.length,
    };
  } finally {
    await browser?.close();
    for (const s of serves) await s.serve.stop();
    if (bare) await stop(bare);
  }
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const ms = (n: number | undefined) => `${(n ?? Number.NaN).toFixed(0)} ms`;
const pct = (n: number) => `${n.toFixed(2)}%`;
