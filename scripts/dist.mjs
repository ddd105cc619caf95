// `npm run dist`: the desktop app packaged with electron-builder (AppImage and deb, dmg, NSIS; the
// Electron fuses set in electron-builder.json). electron-builder is not a dependency: it would add
// about 280 packages (93 MB) to every `npm install`, so it is fetched from the npm registry when
// packaging, at a pinned version. Where the app is not built or the Electron binary cannot be had,
// one line says why. Extra arguments go to electron-builder (e.g. `npm run dist -- --linux deb`).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { missingAppFiles, missingLine } from './app-files.mjs';
import { electronBinary } from './electron-binary.mjs';

export const ELECTRON_BUILDER = 'electron-builder@26.18.1';
const root = fileURLToPath(new URL('..', import.meta.url));

const missing = missingAppFiles(root);
if (missing.length) {
  console.error(missingLine(missing));
  process.exit(1);
}
if (!electronBinary()) {
  console.error('WxDesk: cannot package on this machine: the Electron binary could not be downloaded, and electron-builder needs it. Run `npm run dist` where Electron can be installed.');
  process.exit(1);
}
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const child = spawn(npx, ['--yes', ELECTRON_BUILDER, '--config', 'electron-builder.json', '--publish', 'never', ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
