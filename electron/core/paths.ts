// Where the checkout's files are, whether this code runs from source (tests) or from dist/ (bundles).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The directory holding WxDesk's package.json, found upward from this module. */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'wxdesk') return dir;
      } catch {
        // Not ours; keep looking upward.
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('Cannot find the WxDesk package root.');
    dir = up;
  }
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** The built renderer that `wxdesk serve` and the desktop window load. */
export function rendererDir(): string {
  return join(packageRoot(), 'dist', 'renderer');
}
