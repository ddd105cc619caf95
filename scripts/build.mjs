// Bundles the Node side: the CLI and the Electron main process as ESM, the preload as one
// CommonJS file (sandboxed preloads cannot load ESM or split modules). Dependencies stay
// external: they are installed next to the bundle and keep their own files (conf's schemas, undici).
import { build } from 'esbuild';
import { existsSync, rmSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  packages: 'external',
};

// The CLI is split: each command's code is a chunk loaded when that command runs, so printing a
// cached token or a signature does not load the keeper, the HTTP host or the WeChat client.
rmSync('dist/chunks', { recursive: true, force: true });
const jobs = [
  build({ ...common, entryPoints: { cli: 'electron/cli/index.ts' }, outdir: 'dist', format: 'esm', splitting: true, chunkNames: 'chunks/[name]-[hash]' }),
];
if (existsSync('electron/main.ts')) {
  jobs.push(build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/main.js', format: 'esm', external: ['electron'] }));
}
if (existsSync('electron/preload.ts')) {
  jobs.push(build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/preload.cjs', format: 'cjs', packages: undefined, external: ['electron'] }));
}
await Promise.all(jobs);
