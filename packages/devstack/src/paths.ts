// Where devstack keeps things. Everything lives under <repo>/.cache (git-ignored) so a fresh clone
// starts clean and `rm -rf .cache` is a full reset.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..', '..');
export const cacheDir = join(repoRoot, '.cache');
/** persistent state of the main command (purpose 'main') */
export const mainDataDir = join(cacheDir, 'newsflow-data');

export const ES_VERSION = '9.5.0';

/**
 * Elasticsearch runs as an unprivileged user when we are root, so its files must sit below
 * directories that "other" can traverse. A checkout under /root (mode 700) is not, so there we
 * fall back to a per-checkout directory under /var/tmp (persistent across reboots, unlike /tmp).
 */
export function elasticsearchBaseDir(): string {
  if (process.getuid?.() !== 0 || traversableByOthers(repoRoot)) return cacheDir;
  const id = createHash('sha256').update(repoRoot).digest('hex').slice(0, 8);
  return join('/var/tmp', `newsflow-${id}`);
}

function traversableByOthers(dir: string): boolean {
  for (let current = dir; ; current = dirname(current)) {
    try {
      if ((statSync(current).mode & 0o001) === 0) return false;
    } catch {
      return false;
    }
    if (current === dirname(current)) return true;
  }
}
