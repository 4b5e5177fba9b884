// The main command: services up (Redis, Elasticsearch), every worker and the API with its dashboard
// running as separate processes, the seed site ingested, the clusters printed; runs until Ctrl-C.
import { startServices } from '@newsflow/devstack';
import { createEsClient, indexNames } from '@newsflow/search';
import type { Client } from '@newsflow/search';
import { startSeedSite } from '@newsflow/seeds';
import { spawnPipeline, waitFor } from '@newsflow/testkit';

const API_PORT = process.env.API_PORT ?? '8080';
const SEED_SITE_PORT = Number(process.env.SEED_SITE_PORT ?? 8090);

interface ArticleHit { _id: string; _source: { title: string; siteName?: string; url: string; clusterId: string; wordCount: number } }

console.log('Starting Redis and Elasticsearch (the first run downloads and unpacks Elasticsearch)…');
const services = await startServices({ purpose: 'main', log: (line) => console.log(`  ${line}`) });
const site = await startSeedSite(SEED_SITE_PORT);
const pipeline = await spawnPipeline({
  env: {
    ...services.env,
    API_PORT,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    // The seed site runs on this machine: let the fetcher's SSRF guard through to loopback for it alone.
    FETCH_ALLOW_PRIVATE: process.env.FETCH_ALLOW_PRIVATE ?? '127.0.0.1',
  },
  output: (service, line) => console.log(`[${service}] ${line}`),
});

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping workers, API, seed site and services…');
  await pipeline.stop();
  await site.close();
  await services.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());

const urls = site.articles.map((article) => article.url);
console.log(`Submitting ${urls.length} seed URLs to ${pipeline.apiUrl}/api/urls`);
const response = await fetch(`${pipeline.apiUrl}/api/urls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(urls) });
console.log(`  → HTTP ${response.status}: ${await response.text()}`);

const es = createEsClient(services.elasticsearchUrl);
const names = indexNames(process.env.NEWSFLOW_INDEX_PREFIX ?? 'articles');
const hits = await waitFor('the seed articles to be searchable', () => seedHits(es, urls.length), 180_000, 500);
printClusters(hits);
console.log(`
Dashboard (bull-board):  ${pipeline.apiUrl}/dashboard
API:                     ${pipeline.apiUrl}/api/urls
Elasticsearch:           ${services.elasticsearchUrl}/${names.readAlias}/_search?q=Kremlin
Redis:                   ${services.redisUrl}
Running until Ctrl-C.`);

async function seedHits(client: Client, expected: number): Promise<ArticleHit[] | undefined> {
  await client.indices.refresh({ index: names.readAlias });
  const result = await client.search({ index: names.readAlias, size: 100, query: { match_all: {} } });
  const found = result.hits.hits as unknown as ArticleHit[];
  return found.length >= expected ? found : undefined;
}

function printClusters(found: ArticleHit[]): void {
  const clusters = Map.groupBy(found, (hit) => hit._source.clusterId);
  console.log(`\n${found.length} articles in ${clusters.size} cluster(s):`);
  for (const [clusterId, members] of clusters) {
    console.log(`  cluster ${clusterId}`);
    for (const { _source: doc } of members) console.log(`    - ${doc.title} — ${doc.siteName ?? '?'} (${doc.wordCount} words)\n      ${doc.url}`);
  }
}
