// Issue 16, bad input: a page that never settles, a page that crashes its tab and a browser that
// exits mid-page each end as a StageError with its reason (retried when transient), and the pool
// renders the next page afterwards.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { StageError, isPermanent } from '@newsflow/contracts';
import { shellArticle, startShellSite } from '@newsflow/seeds';
import type { ShellSite } from '@newsflow/seeds';
import { startTestRenderer } from './support/renderer-config.ts';
import type { TestRenderer } from './support/renderer-config.ts';

let site: ShellSite;
let renderer: TestRenderer;
const TITLE = 'Pool recovers after a bad page';

/** A script that allocates until the tab's V8 heap (RENDER_MAX_HEAP_MB) runs out. */
const CRASHER = `<html><body><script>const hog = []; for (;;) hog.push(new Array(1e6).fill(Math.random()));</script></body></html>`;
/** A stylesheet the server never finishes: `load` never fires. */
const NEVER_SETTLES = `<html><head><link rel="stylesheet" href="/hang.css"></head><body>wait</body></html>`;

before(async () => {
  site = await startShellSite(shellArticle(TITLE));
  site.pages.set('/crash', CRASHER);
  site.pages.set('/never', NEVER_SETTLES);
  site.hang('/hang.css');
  renderer = startTestRenderer({
    FETCH_ALLOW_PRIVATE: [`127.0.0.1:${site.port}`],
    RENDER_TIMEOUT_MS: 3_000,
    RENDER_MAX_HEAP_MB: 32,
    RENDER_CONCURRENCY: 1,
  });
});

after(async () => {
  await renderer.close();
  await site.close();
});

const failsWith = (reason: string) => (error: unknown) => error instanceof StageError && error.reason === reason;

async function assertRecovers(): Promise<void> {
  const page = await renderer.render(`${site.origin}/news/after`);
  assert.match(page.html, new RegExp(TITLE));
}

test('a page that never loads fails as timeout (transient: retried) within its deadline', async () => {
  const started = Date.now();
  await assert.rejects(renderer.render(`${site.origin}/never`), failsWith('timeout'));
  assert.ok(Date.now() - started < 6_000, 'within the deadline and a little');
  assert.equal(isPermanent('timeout'), false);
  await assertRecovers();
});

test('a page that crashes its tab fails as render-crashed (permanent), and the next page renders', async () => {
  await assert.rejects(renderer.render(`${site.origin}/crash`), failsWith('render-crashed'));
  assert.equal(isPermanent('render-crashed'), true);
  await assertRecovers();
});

test('a browser that exits mid-page fails as browser-unavailable (transient), and a new one starts', async () => {
  const rendering = renderer.render(`${site.origin}/never`);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const browsers = chromiumChildren();
  assert.ok(browsers.length > 0, 'the pool runs a Chromium child');
  for (const pid of browsers) process.kill(pid, 'SIGKILL');
  await assert.rejects(rendering, failsWith('browser-unavailable'));
  assert.equal(isPermanent('browser-unavailable'), false);
  await assertRecovers();
});

/** The Chromium processes this test process started (its direct children). */
function chromiumChildren(): number[] {
  const out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, comm]) => comm?.startsWith('chrom'))
    .map(([pid]) => Number(pid));
}
