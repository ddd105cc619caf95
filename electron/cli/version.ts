// `wxdesk --version`: the version of the package the command runs from, read from its package.json
// (the nearest one named wxdesk above this file: electron/cli/ in a checkout, dist/ or dist/chunks/
// when built), so printing it loads no core and needs no build step to stay in sync.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WxError } from '../core/errors';

export function packageVersion(from: string = fileURLToPath(import.meta.url)): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const version = versionIn(join(dir, 'package.json'));
    if (version) return version;
    if (dirname(dir) === dir) throw new WxError('INTERNAL', { detail: `no package.json of wxdesk above ${from}` });
  }
}

function versionIn(file: string): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
    return pkg.name === 'wxdesk' && typeof pkg.version === 'string' ? pkg.version : undefined;
  } catch {
    return undefined; // none here (or not readable): look further up
  }
}
