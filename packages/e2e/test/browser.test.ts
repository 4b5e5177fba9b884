// Real headless Chromium (Debian's) against the API: search a seed story, see the copies folded,
// open the story page and the dashboard; article text with <script> stays text. Screenshots are artefacts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { QUEUE_NAMES, jobIds } from '@newsflow/contracts';
import { articleDocument, endJob, searchFromHome, useStackInBrowser, seedStoryDocuments } from '@newsflow/api/testing';
import { createMetricsRecorder } from '@newsflow/runtime';
import type { TestStack } from '@newsflow/api/testing';

const ARTIFACTS = process.env.NEWSFLOW_ARTIFACTS ?? 'artifacts';
const HOSTILE_TITLE = 'Zebra crossing <script>window.pwned = true</script> & more';
const ui = useStackInBrowser(async (stack) => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const hostile = articleDocument('https://evil.example/zebra', {
    title: HOSTILE_TITLE,
    siteName: 'Evil <b>Outlet</b>',
    body: 'zebra stripes',
    clusterId: 'story-hostile',
    publishedAt: '2021-12-08T10:00:00Z',
  });
  await stack.indexDocuments([...seedStoryDocuments('story-seed'), hostile]);
  await recordSomeThroughput(stack);
});

/** A few finished jobs over the last minutes, so the throughput chart has something to draw. */
async function recordSomeThroughput(target: TestStack): Promise<void> {
  const recorder = createMetricsRecorder(target.redis, target.config.NEWSFLOW_QUEUE_PREFIX);
  const now = Date.now();
  for (let minute = 0; minute < 12; minute++) {
    for (const [index, stage] of QUEUE_NAMES.entries()) {
      const jobs = Math.round(6 + 5 * Math.sin((minute + index) / 2));
      for (let job = 0; job < jobs; job++)
        await recorder.recordJob({ stage, ok: true, durationMs: 20, at: now - (12 - minute) * 60_000 });
    }
  }
}

const shot = (name: string) => ui.page.screenshot({ path: join(ARTIFACTS, `browser-${name}.png`), fullPage: true });

test('searching for the seed story shows one story with the other copy folded under it', async () => {
  await searchFromHome(ui, 'Kremlin Putin');
  assert.equal(await ui.page.locator('li.story').count(), 1);
  const story = ui.page.locator('li.story').first();
  assert.match(await story.locator('h2').innerText(), /Kremlin Says Biden and Putin/);
  assert.equal(await story.locator('mark').first().innerText(), 'Kremlin');
  const copies = story.locator('details.copies');
  assert.equal(await copies.locator('summary').innerText(), '1 more copy of this story');
  assert.equal(await copies.locator('li').isVisible(), false, 'copies start folded');
  await copies.locator('summary').click();
  assert.equal(await copies.locator('li').isVisible(), true);
  assert.match(
    await story.locator('.outlets').innerText(),
    /Voice of America · Cambodian Times|Cambodian Times · Voice of America/,
  );
  await shot('search');
});

test('the live panel fills the queue table and draws the throughput chart from /api/stats', async () => {
  await ui.page.waitForFunction(
    () =>
      document.querySelectorAll('#queue-rows tr').length === 5 &&
      document.querySelectorAll('#throughput polyline').length === 5,
  );
  assert.deepEqual(await ui.page.locator('#queue-rows tr td:first-child').allInnerTexts(), [...QUEUE_NAMES]);
  // Every stage of the stage table gets a line of its own colour, render included, each drawn from its minutes.
  const lines = await ui.page
    .locator('#throughput polyline')
    .evaluateAll((all) =>
      all.map((line) => [line.getAttribute('data-stage'), line.getAttribute('stroke'), line.getAttribute('points')]),
    );
  assert.deepEqual(
    lines.map(([stage]) => stage),
    [...QUEUE_NAMES],
  );
  assert.equal(new Set(lines.map(([, stroke]) => stroke)).size, QUEUE_NAMES.length, 'one colour per stage');
  const renderHeights = new Set((lines[1]?.[2] ?? '').split(' ').map((point) => point.split(',')[1]));
  assert.ok(renderHeights.size > 1, 'the render line follows its recorded minutes');
  assert.deepEqual(await ui.page.locator('#throughput text:not(.peak)').allTextContents(), [...QUEUE_NAMES]);
  assert.match(await ui.page.locator('#health-note').innerText(), /3 documents searchable/);
});

test('the story page lists both articles on a timeline', async () => {
  await ui.page.locator('li.story h2 a').click();
  await ui.page.waitForURL(/\/stories\/story-seed$/);
  assert.equal(await ui.page.locator('ol.timeline li.entry').count(), 2);
  assert.match(await ui.page.locator('h1').innerText(), /Kremlin Says Biden and Putin/);
  const outlets = await ui.page.locator('ol.timeline .outlet').allInnerTexts();
  assert.deepEqual([...outlets].sort(), ['Cambodian Times', 'Voice of America']);
  await shot('story');
});

test('an article page shows its path through the pipeline', async () => {
  await ui.page.locator('ol.timeline a.path').first().click();
  await ui.page.waitForURL(/\/articles\/[0-9a-f]{32}$/);
  const steps = await ui.page.locator('ol.timeline strong').allInnerTexts();
  assert.deepEqual(steps, ['submitted', 'fetched', 'indexed']);
  await shot('article');
});

test("a rendered article's page shows the shell's clean, the render and the rendered page's clean", async () => {
  const document = seedStoryDocuments('story-seed')[1]!;
  const { docId, url, finalUrl, fetchedAt, submittedAt } = document;
  const at = { docId, url, finalUrl, fetchedAt, submittedAt };
  const clean = { ...at, status: 200, redirects: [], rawKey: `raw:${docId}` };
  await endJob(ui.stack, 'clean', jobIds.clean({ docId }), clean);
  await endJob(ui.stack, 'render', jobIds.render({ docId }), at);
  await endJob(ui.stack, 'clean', jobIds.clean({ docId, rendered: true }), { ...clean, rendered: true });
  await ui.page.goto(`${ui.baseUrl}/articles/${docId}`);
  const steps = await ui.page.locator('ol.timeline strong').allInnerTexts();
  assert.deepEqual(steps, [
    'submitted',
    'fetched',
    'JavaScript shell found',
    'rendered',
    'cleaned (rendered page)',
    'indexed',
  ]);
  await shot('article-rendered');
});

test('an article title containing <script> is shown as text and never runs', async () => {
  await ui.page.goto(`${ui.baseUrl}/?q=zebra`);
  await ui.page.waitForSelector('li.story');
  assert.equal(await ui.page.getByText(HOSTILE_TITLE).first().isVisible(), true);
  assert.equal(await ui.page.evaluate(() => (window as unknown as { pwned?: boolean }).pwned), undefined);
  assert.equal(await ui.page.locator('li.story script, li.story b').count(), 0);
  await ui.page.goto(`${ui.baseUrl}/stories/story-hostile`);
  assert.equal(await ui.page.locator('h1').innerText(), HOSTILE_TITLE);
  assert.equal(await ui.page.evaluate(() => (window as unknown as { pwned?: boolean }).pwned), undefined);
  await shot('hostile-title');
  assert.deepEqual(ui.pageErrors, [], 'no script errors or CSP violations on our pages');
});

test('the dashboard shows every queue of the stage table', async () => {
  await ui.page.goto(`${ui.baseUrl}/dashboard`);
  for (const name of QUEUE_NAMES) await ui.page.getByText(name, { exact: true }).first().waitFor();
  await ui.page.waitForLoadState('networkidle');
  await ui.page
    .getByText('Loading...')
    .waitFor({ state: 'detached', timeout: 5_000 })
    .catch(() => undefined);
  await shot('dashboard');
});
