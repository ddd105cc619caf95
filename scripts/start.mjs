// `npm start`: the desktop app. The Electron binary is fetched on first start; where that cannot
// happen (no network to Electron's downloads), say so in one line and name the browser dashboard.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const fallback = 'Run `npm run serve` for the same dashboard in your browser.';

if (!existsSync(new URL('../dist/main.js', import.meta.url))) {
  console.error('WxDesk: the app is not built yet. Run `npm run build` first.');
  process.exit(1);
}

// Resolving the `electron` package downloads its binary when missing; do it in a child so its
// progress and stack traces do not bury the one line that matters.
const probe = spawnSync(process.execPath, ['-e', "import('electron').then(m => process.stdout.write(String(m.default)))"], {
  encoding: 'utf8',
  timeout: 300_000,
});
const binary = probe.status === 0 ? probe.stdout.trim() : '';
if (!binary || !existsSync(binary)) {
  console.error(`WxDesk: the Electron binary is not available on this machine (it could not be downloaded). ${fallback}`);
  process.exit(1);
}

const child = spawn(binary, ['.'], { stdio: 'inherit', cwd: new URL('..', import.meta.url) });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
