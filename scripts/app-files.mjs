// The built files the desktop app loads, and which of them are missing: `npm start` and
// `npm run dist` check all of them, not just dist/main.js, and name the command that rebuilds them.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const APP_FILES = [
  { path: 'dist/main.js', what: 'the main process', rebuild: 'npm run build' },
  { path: 'dist/preload.cjs', what: 'the preload bridge', rebuild: 'npm run build' },
  { path: 'dist/renderer/index.html', what: 'the dashboard page', rebuild: 'npm run build' },
];

/** The app's built files that are not there under root. */
export function missingAppFiles(root) {
  return APP_FILES.filter((f) => !existsSync(join(root, f.path)));
}

/** One line for a person: what is missing and the command that builds it. */
export function missingLine(missing) {
  const names = missing.map((f) => `${f.path} (${f.what})`).join(', ');
  const commands = [...new Set(missing.map((f) => f.rebuild))].join(' or ');
  return `WxDesk: the app is not built: ${names} ${missing.length === 1 ? 'is' : 'are'} missing. Run \`${commands}\` first.`;
}
