import { defineConfig } from '@playwright/test';

// End-to-end tests drive Debian's Chromium (browsers cannot be downloaded here) against
// `wxdesk serve` and a fake WeChat API; each test starts its own (test/e2e/fixtures.ts).
// The renderer and the CLI must be built first: `npm run build` (npm test does it).
export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: true,
  workers: 2,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  forbidOnly: !!process.env.CI,
  use: {
    browserName: 'chromium',
    locale: 'en-US',
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    },
  },
});
