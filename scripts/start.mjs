// `npm start`: the desktop app. The Electron binary is fetched on first start; where that cannot
// happen (no network to Electron's downloads), say so in one line and name the browser dashboard.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { missingAppFiles, missingLine } from './app-files.mjs';
import { electronBinary } from './electron-binary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const fallback = 'Run `npm run serve` for the same dashboard in your browser.';

const missing = missingAppFiles(root);
if (missing.length) {
  console.error(missingLine(missing));
  process.exit(1);
}

const binary = electronBinary();
if (!binary) {
  console.error(`WxDesk: the Electron binary is not available on this machine (it could not be downloaded). ${fallback}`);
  process.exit(1);
}

const child = spawn(binary, ['.'], { stdio: 'inherit', cwd: root });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
