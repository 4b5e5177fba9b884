// Search across languages through the API and the search page, on the shared Elasticsearch (the
// integration-test zip: language fields with standard fallbacks, see packages/search/README.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { articleDocument, testStackWith } from '@newsflow/api/testing';
import { json } from './helpers.ts';

const german = articleDocument('https://www.zeitung.example/stadt/wohnungen', {
  language: 'de',
  title: 'Stadtrat beschließt neue Wohnungen',
  body: 'Die Bürgerinnen und Bürger hatten lange auf günstige Wohnungen gewartet.',
  clusterId: 'story-wohnungen',
});
const french = articleDocument('https://www.journal.example/ete/fontaines', {
  language: 'fr',
  title: 'Été brûlant : la ville ouvre ses fontaines',
  body: 'Les habitants cherchent la fraîcheur pendant la canicule.',
  clusterId: 'story-fontaines',
});
const english = articleDocument('https://www.news.example/harbour/ferries', {
  language: 'en',
  title: 'Ferry timetable changes next month',
  body: 'Commuters will see fewer early sailings.',
  clusterId: 'story-ferries',
});

const { get } = testStackWith([german, french, english]);
const clusters = async (query: string) => {
  const body = json((await get(`/api/search?${query}`)).body) as { groups: Array<{ clusterId: string }> };
  return body.groups.map((group) => group.clusterId);
};

test('the API finds each article by words of its own language, accents and capitals as typed', async () => {
  assert.deepEqual(await clusters(`q=${encodeURIComponent('Wohnungen Bürger')}`), ['story-wohnungen']);
  assert.deepEqual(await clusters(`q=${encodeURIComponent('ÉTÉ fontaines')}`), ['story-fontaines']);
  assert.deepEqual(await clusters('q=ferry%20sailings'), ['story-ferries']);
  assert.deepEqual(await clusters('language=fr'), ['story-fontaines']);
});

test('the search page shows a German hit marked, in German, and filters by language', async () => {
  const page = await get(`/?q=${encodeURIComponent('Wohnungen')}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<li class="story" data-cluster="story-wohnungen" lang="de">/);
  assert.match(page.body, /<mark>Wohnungen<\/mark>/);
  const french = await get('/?language=FR');
  assert.equal(french.body.match(/<li class="story"/g)?.length, 1);
  assert.match(french.body, /lang="fr"/);
  assert.match(french.body, /name="language" value="FR"/);
});
