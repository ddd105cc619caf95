// Playwright fixtures: per test, a temp data directory, a fake WeChat API and a real
// `node bin/wxdesk.js serve` child process; `dashboard` opens its page and fails the test on any
// page error or console error.
import { test as base, expect, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { AccountInput, AccountView, DashboardMethod } from '../../electron/contract';
import { emptyConfig } from '../../electron/core/state/file-backend';
import { FakeWeChat } from '../fixtures/fake-wechat';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Served {
  url: string;
  port: number;
  key: string;
  dataDir: string;
  /** A dashboard API call as the page makes it (key header, no Origin). Rejects with the ErrorView. */
  call<T = unknown>(method: DashboardMethod, ...args: unknown[]): Promise<T>;
  /** What the child wrote to stderr so far. */
  stderr(): string;
}

export interface Seeded {
  appId: string;
  secret: string;
  label: string;
}

export interface Dashboard {
  page: Page;
  /** Opens the URL `wxdesk serve` printed and waits for the shell. */
  open(): Promise<void>;
  /** Registers an account with the fake and saves it through the dashboard API (as a second window would). */
  seed(opts?: Partial<AccountInput>): Promise<Seeded>;
  /** The full token shown for the selected account (reveals it, then masks it again). */
  shownToken(): Promise<string>;
  problems: string[];
}

export const newAppId = () => `wx${randomBytes(8).toString('hex')}`;

/** The AppID of the i-th account of a stocked data directory (see `stocked`). */
export const stockedAppId = (i: number) => `wx${i.toString(16).padStart(16, '0')}`;
/** Its label: "Account 0007". */
export const stockedLabel = (i: number) => `Account ${String(i).padStart(4, '0')}`;

/**
 * A config.json holding `n` accounts, each with a token valid for about an hour and a half (minus
 * a second per place in the list), no AppSecret and auto-refresh off: nothing is ever fetched.
 */
function stockedConfig(n: number) {
  const doc = emptyConfig();
  const now = Date.now();
  const apiBase = 'http://127.0.0.1:9';
  for (let i = 0; i < n; i++) {
    const appId = stockedAppId(i);
    doc.accounts[appId] = { appId, label: stockedLabel(i), serverToken: '', aesKey: '', mode: 'stable', apiBase, autoRefresh: false, createdAt: now, updatedAt: now };
    doc.tokens[appId] = { token: `stocked-token-${i}`, mode: 'stable', obtainedAt: now, expiresAt: now + 5_400_000 - i * 1000, apiBase };
  }
  return doc;
}
export const newSecret = () => randomBytes(16).toString('hex');

async function startServe(dataDir: string, extraEnv: Record<string, string> = {}): Promise<Served & { stop(): Promise<void> }> {
  for (const built of ['dist/cli.js', 'dist/renderer/index.html']) {
    if (!existsSync(join(ROOT, built))) throw new Error(`${built} is missing: run \`npm run build\` before the e2e tests.`);
  }
  const child = spawn(process.execPath, ['bin/wxdesk.js', '--data-dir', dataDir, 'serve', '--port', '0', '--json'], {
    cwd: ROOT,
    env: { ...process.env, WXDESK_DATA_DIR: '', LANG: 'en_US.UTF-8', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error(`wxdesk serve printed nothing in 15 s. stderr: ${stderr}`)), 15_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`wxdesk serve exited (${code}) before printing its address. stderr: ${stderr}`));
    });
  });
  const { url, port, key } = JSON.parse(first) as { url: string; port: number; key: string };
  child.stdout.resume();

  return {
    url,
    port,
    key,
    dataDir,
    stderr: () => stderr,
    async call<T>(method: DashboardMethod, ...args: unknown[]): Promise<T> {
      const res = await fetch(`${url}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-wxdesk-key': key },
        body: JSON.stringify({ args }),
      });
      const body = (await res.json()) as { value?: T; error?: unknown };
      if (body.error) throw Object.assign(new Error(`${method} failed: ${JSON.stringify(body.error)}`), { view: body.error });
      return body.value as T;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

export const test = base.extend<{ fakeTtlSec: number; stocked: number; serveEnv: Record<string, string>; fake: FakeWeChat; dataDir: string; wxdesk: Served; dashboard: Dashboard }>({
  /** Lifetime of the tokens the fake issues. */
  fakeTtlSec: [7200, { option: true }],
  /** Accounts written to the data directory before `wxdesk serve` starts (stockedAppId, stockedLabel). */
  stocked: [0, { option: true }],
  /** More environment for `wxdesk serve` (e.g. WXDESK_TEST_RETRY_GAP_MS, the simulator's retry gap for tests). */
  serveEnv: [{}, { option: true }],
  fake: async ({ fakeTtlSec }, use) => {
    const fake = await FakeWeChat.start({ ttlSec: fakeTtlSec });
    await use(fake);
    await fake.close();
  },
  dataDir: async ({ stocked }, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'wxdesk-e2e-'));
    if (stocked > 0) await writeFile(join(dir, 'config.json'), JSON.stringify(stockedConfig(stocked)), { mode: 0o600 });
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
  wxdesk: async ({ dataDir, serveEnv }, use) => {
    const served = await startServe(dataDir, serveEnv);
    try {
      await use(served);
    } finally {
      await served.stop();
    }
  },
  dashboard: async ({ page, wxdesk, fake }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
    });
    const dashboard: Dashboard = {
      page,
      problems,
      async open() {
        await page.goto(`${wxdesk.url}/#key=${wxdesk.key}`);
        await expect(page.getByRole('heading', { name: /^(Accounts|账号)/ })).toBeVisible();
      },
      async seed(opts = {}) {
        const appId = opts.appId ?? newAppId();
        const secret = opts.secret ?? newSecret();
        fake.addAccount(appId, secret);
        const view = await wxdesk.call<AccountView>('saveAccount', { apiBase: fake.url, ...opts, appId, secret });
        return { appId, secret, label: view.label };
      },
      async shownToken() {
        await page.getByRole('button', { name: 'Show token' }).click();
        const text = (await page.getByTestId('token-value').textContent()) ?? '';
        await page.getByRole('button', { name: 'Hide token' }).click();
        return text.trim();
      },
    };
    await use(dashboard);
    expect(problems, 'the page logged errors').toEqual([]);
    // Close the page's event stream before `wxdesk serve` stops, so its reconnects log nothing.
    await page.goto('about:blank');
  },
});

export { expect };
