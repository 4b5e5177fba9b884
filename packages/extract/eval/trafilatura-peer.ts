// trafilatura (Python, from PyPI) as a second peer, timed on the same pages as our extractor.
// `--trafilatura` creates the venv under .cache/trafilatura-venv on first use; tests never do.
// All pages go through one Python process; CPU time per page is measured inside Python around
// the extraction call only (see trafilatura_runner.py), so start-up and imports are excluded.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Pinned: figures must be comparable across runs. lxml_html_clean is a split-off that jusText needs. */
export const TRAFILATURA_VERSION = '2.3.0';
const REQUIREMENTS = [`trafilatura==${TRAFILATURA_VERSION}`, 'lxml_html_clean==0.4.6'];
const RUNNER = join(import.meta.dirname, 'trafilatura_runner.py');

export interface PeerPage {
  id: string;
  url: string;
  /** The page's gzip file. */
  file: string;
  /** true: hand over the bytes as served; false: the file is UTF-8 text. */
  raw: boolean;
}

export interface PeerResult {
  id: string;
  title: string;
  body: string;
  authors: string[];
  published: string | null;
  ms: number;
  wallMs: number;
}

export function venvPython(repoRoot: string): string {
  return join(repoRoot, '.cache/trafilatura-venv/bin/python');
}

/** Creates the venv and installs the pinned packages when they are not there yet. */
export function ensureTrafilatura(repoRoot: string): string {
  const python = venvPython(repoRoot);
  if (!existsSync(python)) {
    console.log(`creating ${join(repoRoot, '.cache/trafilatura-venv')} (python3 -m venv)`);
    execFileSync('python3', ['-m', 'venv', join(repoRoot, '.cache/trafilatura-venv')], { stdio: 'inherit' });
  }
  try {
    execFileSync(python, ['-c', `import trafilatura; assert trafilatura.__version__ == '${TRAFILATURA_VERSION}'`]);
  } catch {
    console.log(`installing ${REQUIREMENTS.join(' ')} from PyPI`);
    execFileSync(python, ['-m', 'pip', 'install', '--quiet', ...REQUIREMENTS], { stdio: 'inherit' });
  }
  return python;
}

export function runTrafilatura(python: string, pages: PeerPage[], warmup: number): Map<string, PeerResult> {
  const input = pages.map((p) => JSON.stringify(p)).join('\n') + '\n';
  const out = execFileSync(python, [RUNNER, String(warmup)], {
    input,
    maxBuffer: 1 << 30,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const results = out
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as PeerResult);
  return new Map(results.map((r) => [r.id, r]));
}
