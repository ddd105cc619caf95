// Where the checkout's files are, whether this code runs from source (tests) or from dist/ (bundles).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, resolve, sep } from 'node:path';
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

/**
 * The file under `root` that a URL path names ('/' is index.html), or null when the path is
 * malformed or climbs out of root. Used by `wxdesk serve` and the desktop's wxdesk:// protocol.
 */
export function resolveUnder(root: string, urlPath: string): string | null {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (rel === '/' || rel === '') rel = '/index.html';
  if (rel.includes('\0')) return null;
  const base = resolve(root);
  const file = normalize(join(base, rel));
  return file.startsWith(base + sep) ? file : null;
}
