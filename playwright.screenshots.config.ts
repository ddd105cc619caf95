import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// The README's screenshots (docs/*.png), made on purpose by `npm run screenshots`, never by
// `npm test`: a test run leaves the working tree as it found it. Same browser and fixtures as the
// end-to-end tests; install fonts-noto-cjk first so Chinese text renders.
export default defineConfig({
  ...base,
  testDir: 'test/screenshots',
  fullyParallel: false,
  workers: 1,
});
