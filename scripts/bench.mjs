// `npm run bench`: builds the CLI as users run it (npm run build), bundles the TypeScript benchmark
// runner with esbuild (dependencies stay external, resolved from this checkout's node_modules), and
// runs it. Arguments pass through: `npm run bench -- --quick`, `-- --save-before`, `-- --label TEXT`,
// `-- --only team` (some sections: endpoint, processes, upstream, team, memory, page; writes nothing), `-- --report`
// (print and write BENCHMARKS.md again from bench/results/latest.json, measuring nothing). The team
// section starts its own /usr/bin/redis-server (apt-get install -y redis-server).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'node_modules', '.cache', 'wxdesk-bench');
mkdirSync(out, { recursive: true });

// --report only renders saved results again: nothing to build.
if (!process.argv.includes('--report')) {
  const built = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (built.status !== 0) {
    process.stderr.write('bench: npm run build failed\n');
    process.exit(built.status ?? 1);
  }
}

await build({
  entryPoints: { run: 'bench/run.ts', worker: 'bench/worker.ts', 'bare-server': 'bench/bare-server.ts' },
  outdir: out,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  absWorkingDir: root,
  logLevel: 'warning',
});

// The page section's bare side: a minified React 19 page rendering one line, and its index.html.
await build({
  entryPoints: ['bench/bare-page.ts'],
  outfile: join(out, 'bare-page', 'bare.js'),
  bundle: true,
  minify: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  define: { 'process.env.NODE_ENV': '"production"' },
  absWorkingDir: root,
  logLevel: 'warning',
});
writeFileSync(
  join(out, 'bare-page', 'index.html'),
  '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>bare</title><script type="module" src="./bare.js"></script></head><body><div id="root"></div></body></html>\n',
);

const child = spawn(process.execPath, [join(out, 'run.mjs'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, WXDESK_BENCH_ROOT: root },
});
const forward = (sig) => child.kill(sig);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
