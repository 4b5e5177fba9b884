import type { Queue } from 'bullmq';
import { buildQuery } from '@newsflow/search';
import type { Client, IndexNames } from '@newsflow/search';
import type { EsArticle } from '@newsflow/contracts';
import type { SavedSearch } from './saved-search.ts';
import type { SavedStore } from './saved-store.ts';
import { webhookJob } from './webhook-jobs.ts';
import type { WebhookJob } from './webhook-jobs.ts';

export interface MatchDeps {
  elasticsearch: Client;
  names: IndexNames;
  store: SavedStore;
  webhooks: Queue<WebhookJob>;
}

const PAGE = 200;
type SearchQuery = NonNullable<NonNullable<Parameters<Client['search']>[0]>['query']>;
const FIELDS = [
  'docId',
  'url',
  'title',
  'siteName',
  'domain',
  'publishedAt',
  'indexedAt',
  'clusterId',
  'storyId',
  'storyKey',
];

/**
 * Runs every saved search that has a webhook over the articles indexed after its cursor and up to
 * `until`, queues a delivery per new matching article and per story it matches for the first time,
 * then moves the cursor to `until`. Delivery ids are functions of what matched (webhookJob), so a
 * run repeated after a crash, or by a second process, queues nothing twice.
 */
export async function matchSavedSearches(deps: MatchDeps, until: Date): Promise<number> {
  let queued = 0;
  for (const saved of await deps.store.list()) {
    const from = await deps.store.cursor(saved.id);
    if (!from || Date.parse(from) >= until.getTime()) continue;
    if (saved.webhookUrl) queued += await matchOne(deps, saved, from, until.toISOString());
    // Deleted meanwhile: do not bring its cursor back.
    if (await deps.store.get(saved.id)) await deps.store.advance(saved.id, until.toISOString());
  }
  return queued;
}

async function matchOne(deps: MatchDeps, saved: SavedSearch, from: string, until: string): Promise<number> {
  let queued = 0;
  for await (const article of newMatches(deps, saved, from, until)) {
    const jobs = [webhookJob(saved, 'article.matched', article)];
    const storyKey = jobs[0]!.payload.story.id;
    const newStory = storyKey !== '' && !(await deps.store.knowsStory(saved.id, storyKey));
    if (newStory) jobs.push(webhookJob(saved, 'story.matched', article));
    for (const job of jobs) await deps.webhooks.add(job.event, job, { jobId: job.deliveryId });
    if (newStory) await deps.store.markStory(saved.id, storyKey);
    queued += jobs.length;
  }
  return queued;
}

/** The saved query (fixed slots, see buildQuery) over indexedAt in (from, until], oldest first, paged by search_after. */
async function* newMatches(
  deps: MatchDeps,
  saved: SavedSearch,
  from: string,
  until: string,
): AsyncGenerator<Partial<EsArticle>> {
  const query = {
    bool: { must: [buildQuery(saved.filters)], filter: [{ range: { indexedAt: { gt: from, lte: until } } }] },
  };
  let after: Array<string | number> | undefined;
  for (;;) {
    const response = await deps.elasticsearch.search<Partial<EsArticle>>({
      index: deps.names.readAlias,
      query: query as SearchQuery,
      size: PAGE,
      _source: { includes: FIELDS },
      sort: [{ indexedAt: 'asc' }, { docId: 'asc' }],
      ...(after ? { search_after: after } : {}),
    });
    const hits = response.hits.hits;
    for (const hit of hits) if (hit._source) yield hit._source;
    if (hits.length < PAGE) return;
    after = hits.at(-1)!.sort as Array<string | number>;
  }
}
