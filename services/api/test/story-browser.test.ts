// Real headless Chromium (Debian's) on the story surfaces: the search page collapses a story of
// three articles from three outlets into one card, the Group select turns that off, and the story
// page shows its outlets, first seen and last updated. A hostile outlet name stays text.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { articleDocument, openStackInBrowser, seedStoryDocuments } from '@newsflow/api/testing';
import type { StackInBrowser } from '@newsflow/api/testing';

const HOSTILE_OUTLET = 'Wire <img src=x onerror="window.pwned=1">';
let ui: StackInBrowser | undefined;
let page: Page;
let baseUrl: string;
let pageErrors: string[] = [];

before(async () => {
  ui = await openStackInBrowser(async (stack) => {
    const copies = seedStoryDocuments('c-kremlin').map((doc) => ({ ...doc, storyId: 's-kremlin' }));
    const rewrite = articleDocument('https://www.example-wire.com/world/call', {
      title: 'Putin and Biden set for video call',
      siteName: HOSTILE_OUTLET,
      publishedAt: '2021-12-04T09:00:00Z',
      body: 'The Kremlin said Putin would speak with Biden.',
      clusterId: 'c-rewrite',
      storyId: 's-kremlin',
    });
    await stack.indexDocuments([...copies, rewrite], new Date('2021-12-05T10:00:00Z'));
  });
  ({ page, baseUrl, pageErrors } = ui);
});
after(() => ui?.close());

test('a search shows the story once, its other write-ups folded under it', async () => {
  await page.goto(`${baseUrl}/`);
  await page.getByRole('searchbox', { name: 'Search' }).fill('Putin Biden');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.waitForSelector('li.story');
  assert.equal(await page.locator('li.story').count(), 1);
  assert.equal(await page.locator('p.summary').innerText(), '1 story, 3 articles');
  const card = page.locator('li.story').first();
  assert.equal(await card.locator('h2 a').getAttribute('href'), '/stories/s-kremlin');
  assert.equal(
    await card
      .locator('.outlets')
      .innerText()
      .then((text) => text.split(' · ').length),
    3,
  );
  assert.match(await card.locator('.outlets').innerText(), /Wire <img src=x/);
  const folded = card.locator('details.copies');
  assert.equal(await folded.locator('summary').innerText(), '2 more articles in this story');
  assert.equal(await folded.locator('li').first().isVisible(), false);
  await folded.locator('summary').click();
  assert.equal(await folded.locator('li').count(), 2);
});

test('the Group select lists every article instead and shows the choice', async () => {
  await page.locator('select[name="group"]').selectOption('none');
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.waitForURL(/group=none/);
  assert.equal(await page.locator('li.story').count(), 3);
  assert.equal(await page.locator('p.summary').innerText(), '3 articles');
  assert.equal(await page.locator('select[name="group"]').inputValue(), 'none');
});

test('the story page: outlets, first seen, last updated, articles oldest first; hostile text inert', async () => {
  await page.goto(`${baseUrl}/?q=Putin+Biden`);
  await page.locator('li.story h2 a').click();
  await page.waitForURL(/\/stories\/s-kremlin$/);
  assert.equal(await page.locator('ul.outlets li').count(), 3);
  assert.equal(await page.locator('.first-seen time').getAttribute('datetime'), '2021-12-05T10:00:00.000Z');
  assert.equal(await page.locator('.last-updated time').innerText(), '2021-12-05 10:00 UTC');
  const times = await page
    .locator('ol.timeline .when time')
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('datetime') ?? ''));
  assert.equal(times.length, 3);
  assert.deepEqual(times, [...times].sort());
  assert.equal(await page.locator('ol.timeline .title').first().innerText(), 'Putin and Biden set for video call');
  assert.equal(await page.locator('main img').count(), 0);
  assert.equal(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned), undefined);
  assert.deepEqual(pageErrors, []);
});
