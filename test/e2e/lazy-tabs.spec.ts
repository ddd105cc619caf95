// The tool tabs load on demand: their code (and their words) arrive the first time each is opened.
// Until then the panel says it is loading; if the code does not arrive, it says so and offers a
// Retry that loads it again. Chunks are found by their file names (Vite names a chunk after the
// module it starts from: SignatureTab-<hash>.js).
import type { Page, Route } from '@playwright/test';
import { expect, test, type Dashboard } from './fixtures';
import { standInPreloadBridge } from './preload-bridge';

const chunk = (name: string) => new RegExp(`/assets/${name}-[\\w-]+\\.js$`);
const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });
const panel = (page: Page, name: string) => page.getByRole('tabpanel', { name, exact: true });

/** Holds the chunk's response until `release()`; resolves `requested` when the page asks for it. */
async function holdChunk(page: Page, name: string) {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let requested!: () => void;
  const asked = new Promise<void>((r) => (requested = r));
  await page.route(chunk(name), async (route: Route) => {
    requested();
    await released;
    await route.continue();
  });
  return { asked, release };
}

/**
 * Takes out of the fixture's list of page and console errors the ones a chunk refused on purpose
 * leaves (the browser's failed fetch, React's report of the caught LoadError); any other stays and
 * fails the test.
 */
function expectOnlyRefusedChunk(dashboard: Dashboard, ...chunkNames: string[]) {
  const refused = (p: string) =>
    p === 'console.error: Failed to load resource: net::ERR_FAILED' ||
    (p.startsWith('console.error: LoadError: Failed to fetch dynamically imported module:') && chunkNames.some((name) => p.includes(`/assets/${name}-`)));
  expect(dashboard.problems.some(refused)).toBe(true);
  dashboard.problems.splice(0, dashboard.problems.length, ...dashboard.problems.filter((p) => !refused(p)));
}

test.describe('tabs load on demand', () => {
  test('each tab opened for the first time shows a skeleton, then its content', async ({ dashboard, page }) => {
    await dashboard.seed({ serverToken: 'lazyToken1' });
    const loaded: string[] = [];
    page.on('response', (r) => {
      const name = /\/assets\/(\w+)-[\w-]+\.js$/.exec(r.url())?.[1];
      if (name) loaded.push(name);
    });
    await dashboard.open();
    await expect(panel(page, 'Token').getByRole('timer')).toBeVisible();
    // Nothing of the tools came with the page.
    for (const name of ['SignatureTab', 'ProbeTab', 'ConsoleTab', 'SimulatorTab', 'MenuTab', 'ChoresTab', 'FollowersPanel', 'TemplatesPanel', 'QrPanel', 'MediaPanel']) expect(loaded).not.toContain(name);

    // Signature, held back for a moment: a skeleton stands in the panel, then the lab.
    const held = await holdChunk(page, 'SignatureTab');
    await tab(page, 'Signature').click();
    await held.asked;
    const signature = panel(page, 'Signature');
    await expect(signature.getByRole('status')).toHaveText('Loading the Signature tab…');
    held.release();
    await expect(signature.getByRole('tab', { name: 'Server', exact: true })).toHaveAttribute('aria-selected', 'true');
    await expect(signature.getByLabel('Token', { exact: true })).toHaveValue('lazyToken1');
    await expect(signature.getByRole('status').filter({ hasText: 'Loading the Signature tab' })).toHaveCount(0);

    await tab(page, 'Probe').click();
    await expect(panel(page, 'Probe').getByRole('button', { name: 'Run probe' })).toBeVisible();
    await expect(panel(page, 'Probe').getByLabel('Token', { exact: true })).toHaveValue('lazyToken1');

    await tab(page, 'Console').click();
    await expect(panel(page, 'Console').getByLabel('Path', { exact: true })).toHaveValue('/cgi-bin/menu/get');
    await expect(panel(page, 'Console').getByRole('button', { name: 'Send', exact: true })).toBeVisible();
    for (const name of ['SignatureTab', 'ProbeTab', 'ConsoleTab']) expect(loaded.filter((n) => n === name)).toHaveLength(1);

    // Back on a tab already loaded: its content at once, and nothing fetched again.
    await tab(page, 'Signature').click();
    await expect(panel(page, 'Signature').getByLabel('Token', { exact: true })).toHaveValue('lazyToken1');
    expect(loaded.filter((n) => n === 'SignatureTab')).toHaveLength(1);
  });

  test('the skeleton speaks Chinese in the Chinese page', async ({ dashboard, page }) => {
    await dashboard.seed();
    await dashboard.open();
    await page.getByLabel('Language').selectOption('zh-CN');
    const held = await holdChunk(page, 'ProbeTab');
    await tab(page, '探测').click();
    await held.asked;
    await expect(panel(page, '探测').getByRole('status')).toHaveText('正在加载「探测」标签页…');
    held.release();
    await expect(panel(page, '探测').getByRole('button', { name: '开始探测' })).toBeVisible();
    await page.getByLabel('语言').selectOption('en');
  });

  test('a tab whose code does not arrive says so; Retry loads it again and the tab works', async ({ dashboard, page }) => {
    await dashboard.seed({ serverToken: 'retryToken' });
    await dashboard.open();
    await page.route(chunk('SignatureTab'), (route) => route.abort());
    await tab(page, 'Signature').click();
    const failed = panel(page, 'Signature').getByRole('alert', { name: 'The Signature tab could not be loaded' });
    await expect(failed).toBeVisible();
    await expect(failed).toContainText('the connection to WxDesk may have dropped');

    // Still out of reach: Retry fails again, and says so again.
    await failed.getByRole('button', { name: 'Retry' }).click();
    await expect(panel(page, 'Signature').getByRole('alert', { name: 'The Signature tab could not be loaded' })).toBeVisible();

    // The chunk is back: Retry brings the tab.
    await page.unroute(chunk('SignatureTab'));
    await panel(page, 'Signature').getByRole('button', { name: 'Retry' }).click();
    const signature = panel(page, 'Signature');
    await expect(signature.getByLabel('Token', { exact: true })).toHaveValue('retryToken');
    await expect(signature.getByRole('alert')).toHaveCount(0);
    // And it works: the official example gives the official digest.
    await signature.getByLabel('Token', { exact: true }).fill('weixin');
    await signature.getByLabel('Timestamp', { exact: true }).fill('1357982061');
    await signature.getByLabel('Nonce', { exact: true }).fill('1358161344');
    await expect(signature.getByRole('status', { name: 'Signature', exact: true })).toHaveText('335b26997f05c82243aad6b10a2d1853637e71a8');
    // The other tabs were never affected.
    await tab(page, 'Token').click();
    await expect(panel(page, 'Token').getByRole('timer')).toBeVisible();
    expectOnlyRefusedChunk(dashboard, 'SignatureTab');
  });

  test('the failure and the Retry are in Chinese in the Chinese page', async ({ dashboard, page }) => {
    await dashboard.seed();
    await dashboard.open();
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.route(chunk('ConsoleTab'), (route) => route.abort());
    await tab(page, '接口调试').click();
    const failed = panel(page, '接口调试').getByRole('alert', { name: '「接口调试」标签页未能加载' });
    await expect(failed).toContainText('与 WxDesk 的连接可能中断了');
    await page.unroute(chunk('ConsoleTab'));
    await failed.getByRole('button', { name: '重试' }).click();
    await expect(panel(page, '接口调试').getByRole('button', { name: '发送' })).toBeVisible();
    await page.getByLabel('语言').selectOption('en');
    expectOnlyRefusedChunk(dashboard, 'ConsoleTab');
  });

  test('in the desktop window too: the desktop settings and a tab recover with Retry', async ({ dashboard, page, wxdesk }) => {
    await standInPreloadBridge(page, wxdesk);
    await dashboard.seed({ label: 'Desk account' });
    await page.route(chunk('DesktopFooter'), (route) => route.abort());
    await page.route(chunk('ProbeTab'), (route) => route.abort());
    await page.goto(`${wxdesk.url}/`);
    await expect(page.getByRole('heading', { name: 'Desk account', level: 2 })).toBeVisible();

    const settings = page.getByRole('alert', { name: 'The desktop settings could not be loaded' });
    await expect(settings).toBeVisible();
    await page.unroute(chunk('DesktopFooter'));
    await settings.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByRole('group', { name: 'Local token endpoint' })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Desktop app' })).toBeVisible();

    await tab(page, 'Probe').click();
    const failed = panel(page, 'Probe').getByRole('alert', { name: 'The Probe tab could not be loaded' });
    await expect(failed).toBeVisible();
    await page.unroute(chunk('ProbeTab'));
    await failed.getByRole('button', { name: 'Retry' }).click();
    await expect(panel(page, 'Probe').getByRole('button', { name: 'Run probe' })).toBeVisible();
    expectOnlyRefusedChunk(dashboard, 'DesktopFooter', 'ProbeTab');
  });
});
