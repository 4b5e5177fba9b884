// Stories on the document fields: search collapses on storyKey (storyId, else the copy cluster),
// GET /api/stories/:id is one story's timeline, GET /api/stories?since= the stories that grew.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { articleDocument, seedStoryDocuments, testStackWith } from '@newsflow/api/testing';
import { json } from './helpers.ts';

const OLD = new Date('2021-12-05T10:00:00Z');
// Two copies of one write-up (one cluster) and a rewrite in other words (its own cluster), one story.
const copies = seedStoryDocuments('c-kremlin').map((doc) => ({ ...doc, storyId: 's-kremlin' }));
const rewrite = articleDocument('https://www.example-wire.com/world/biden-putin-call', {
  title: 'Putin and Biden set for video call on Ukraine',
  siteName: 'Example Wire',
  publishedAt: '2021-12-04T09:00:00Z',
  body: 'The Kremlin said Putin would speak with Biden about Ukraine.',
  clusterId: 'c-rewrite',
  storyId: 's-kremlin',
});
const markets = articleDocument('https://www.example-news.com/markets/rally', {
  title: 'Markets rally as inflation cools',
  siteName: 'Example News',
  publishedAt: '2021-12-06T09:00:00Z',
  body: 'Stocks rose on Monday; Putin was not mentioned.',
  clusterId: 'c-markets',
});
const lateMarkets = articleDocument('https://www.example-daily.com/markets/rally-continues', {
  title: 'Rally continues',
  publishedAt: '2021-12-07T09:00:00Z',
  clusterId: 'c-markets-2',
  storyId: 'c-markets',
});

const { get: inject } = testStackWith({ documents: [...copies, markets], indexedAt: OLD }, [rewrite, lateMarkets]);

const get = async (url: string) => {
  const response = await inject(url);
  return { status: response.statusCode, body: json(response.body) };
};

interface Group {
  storyKey: string;
  matches: number;
  outlets: string[];
  copies: unknown[];
}

test('search gives one hit per story, listing its matching articles and outlets', async () => {
  const { status, body } = await get('/api/search?q=Putin%20Biden');
  assert.equal(status, 200);
  const groups = body.groups as Group[];
  assert.deepEqual(
    groups.map((group) => group.storyKey),
    ['s-kremlin'],
  );
  assert.equal(groups[0]?.matches, 3);
  assert.equal(groups[0]?.copies.length, 2);
  assert.deepEqual([...(groups[0]?.outlets ?? [])].sort(), ['Cambodian Times', 'Example Wire', 'Voice of America']);
  assert.equal(body.totalGroups, 1);
});

test('collapse=cluster groups by copy, collapse=none lists every article', async () => {
  const byCluster = (await get('/api/search?q=Putin%20Biden&collapse=cluster')).body;
  assert.equal((byCluster.groups as Group[]).length, 2);
  const flat = (await get('/api/search?q=Putin%20Biden&collapse=none')).body;
  assert.equal((flat.groups as Group[]).length, 3);
  assert.ok((flat.groups as Group[]).every((group) => group.copies.length === 0 && group.matches === 1));
});

test('a story: articles in time order, outlets, first seen and last updated', async () => {
  const { status, body } = await get('/api/stories/s-kremlin');
  assert.equal(status, 200);
  assert.equal(body.total, 3);
  const articles = body.articles as Array<{ docId: string; article: { publishedAt: string } }>;
  const times = articles.map((hit) => hit.article.publishedAt);
  assert.deepEqual(times, [...times].sort());
  assert.equal(articles[0]?.docId, rewrite.docId, 'the rewrite was published first');
  const outlets = body.outlets as Array<{ domain: string; articles: number }>;
  assert.equal(outlets.length, 3);
  assert.equal(body.firstSeen, OLD.toISOString());
  assert.ok(Date.parse(body.lastUpdated as string) > Date.now() - 600_000, 'the rewrite was indexed just now');
  assert.equal((await get('/api/stories/s-none')).status, 404);
  assert.equal((await get('/api/stories/a%22b')).status, 400);
});

test('stories that grew since a time, most recently grown first, paged', async () => {
  const since = new Date(Date.now() - 600_000).toISOString();
  const { status, body } = await get(`/api/stories?since=${since}`);
  assert.equal(status, 200);
  const stories = body.stories as Array<{ storyId: string; added: number; total: number; outlets: number }>;
  assert.deepEqual(stories.map((story) => story.storyId).sort(), ['c-markets', 's-kremlin']);
  assert.equal(body.total, 2);
  const kremlin = stories.find((story) => story.storyId === 's-kremlin');
  assert.deepEqual([kremlin?.added, kremlin?.total, kremlin?.outlets], [1, 3, 3]);
  const second = (await get(`/api/stories?since=${since}&size=1&page=2`)).body;
  assert.equal((second.stories as unknown[]).length, 1);
  assert.equal((second.stories as Array<{ storyId: string }>)[0]?.storyId, stories[1]?.storyId);
  const none = (await get(`/api/stories?since=${new Date(Date.now() + 60_000).toISOString()}`)).body;
  assert.deepEqual(none.stories, []);
  assert.equal((await get('/api/stories?since=yesterday')).status, 400);
  assert.equal((await get('/api/stories?size=100&page=101')).status, 400);
});

test('the search page shows one card per story, or every article with group=none; the story page its times', async () => {
  const page = async (url: string) => (await inject(url)).body;
  const byStory = await page('/?q=Putin%20Biden');
  assert.equal(byStory.match(/<li class="story"/g)?.length, 1);
  assert.match(byStory, /href="\/stories\/s-kremlin"/);
  assert.match(byStory, /2 more articles in this story/);
  assert.match(byStory, /1 story, 3 articles</);
  const flat = await page('/?q=Putin%20Biden&group=none');
  assert.equal(flat.match(/<li class="story"/g)?.length, 3);
  assert.match(flat, /<option value="none" selected>/);
  const story = await page('/stories/s-kremlin');
  assert.equal(story.match(/<li class="entry"/g)?.length, 3);
  assert.match(
    story,
    /3 articles from 3 outlets · first seen <span class="first-seen"><time datetime="2021-12-05T10:00:00.000Z">/,
  );
  assert.match(story, /last updated <span class="last-updated"><time datetime="20\d\d-/);
});
