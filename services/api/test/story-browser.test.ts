// Real headless Chromium (Debian's) on the story surfaces: the search page collapses a story of
// three articles from three outlets into one card, the Group select turns that off, and the story
// page shows its outlets, first seen and last updated. A hostile outlet name stays text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { articleDocument, searchFromHome, useStackInBrowser, seedStoryDocuments } from '@newsflow/api/testing';

const HOSTILE_OUTLET = 'Wire <img src=x onerror="window.pwned=1">';
const ui = useStackInBrowser(async (stack) => {
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

test('a search shows the story once, its other write-ups folded under it', async () => {
  await searchFromHome(ui, 'Putin Biden');
  assert.equal(await ui.page.locator('li.story').count(), 1);
  assert.equal(await ui.page.locator('p.summary').innerText(), '1 story, 3 articles');
  const card = ui.page.locator('li.story').first();
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
  await ui.page.locator('select[name="group"]').selectOption('none');
  await ui.page.getByRole('button', { name: 'Filter' }).click();
  await ui.page.waitForURL(/group=none/);
  assert.equal(await ui.page.locator('li.story').count(), 3);
  assert.equal(await ui.page.locator('p.summary').innerText(), '3 articles');
  assert.equal(await ui.page.locator('select[name="group"]').inputValue(), 'none');
});

test('the story page: outlets, first seen, last updated, articles oldest first; hostile text inert', async () => {
  await ui.page.goto(`${ui.baseUrl}/?q=Putin+Biden`);
  await ui.page.locator('li.story h2 a').click();
  await ui.page.waitForURL(/\/stories\/s-kremlin$/);
  assert.equal(await ui.page.locator('ul.outlets li').count(), 3);
  assert.equal(await ui.page.locator('.first-seen time').getAttribute('datetime'), '2021-12-05T10:00:00.000Z');
  assert.equal(await ui.page.locator('.last-updated time').innerText(), '2021-12-05 10:00 UTC');
  const times = await ui.page
    .locator('ol.timeline .when time')
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('datetime') ?? ''));
  assert.equal(times.length, 3);
  assert.deepEqual(times, [...times].sort());
  assert.equal(await ui.page.locator('ol.timeline .title').first().innerText(), 'Putin and Biden set for video call');
  assert.equal(await ui.page.locator('main img').count(), 0);
  assert.equal(await ui.page.evaluate(() => (window as unknown as { pwned?: number }).pwned), undefined);
  assert.deepEqual(ui.pageErrors, []);
});
