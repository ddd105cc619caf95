#!/usr/bin/env node
// Launcher for the `wxdesk` command. The CLI is bundled to dist/cli.js by `npm run build`,
// which `npm install` runs through the `prepare` script.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('wxdesk: dist/cli.js is missing. Run `npm run build` (or `npm install`) in the WxDesk checkout first.\n');
  process.exit(2);
}
const { main } = await import(new URL('../dist/cli.js', import.meta.url).href);
await main();
