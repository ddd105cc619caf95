// The Electron executable, or null where it cannot be had. Resolving the `electron` package
// downloads its binary when missing; that runs in a child so its progress and stack traces do not
// bury the one line that matters.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function electronBinary() {
  const probe = spawnSync(process.execPath, ['-e', "import('electron').then(m => process.stdout.write(String(m.default)))"], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  const binary = probe.status === 0 ? probe.stdout.trim() : '';
  return binary && existsSync(binary) ? binary : null;
}
