// The main command: services up (Redis, Elasticsearch), every worker and the API with its dashboard
// running as separate processes, the seed site ingested, the clusters printed; runs until Ctrl-C.
// With --cluster (or NEWSFLOW_CLUSTER=1) the services are a local Redis Cluster (3 masters + 3
// replicas) and a 3-node Elasticsearch instead of one of each.
import { startClusterServices, startServices } from '@newsflow/devstack';
import { createEsClient, indexNames } from '@newsflow/search';
import type { Client } from '@newsflow/search';
import { startSeedSite } from '@newsflow/seeds';
import { spawnPipeline, waitFor } from '@newsflow/testkit';

const API_PORT = process.env.API_PORT ?? '8080';
const SEED_SITE_PORT = Number(process.env.SEED_SITE_PORT ?? 8090);

interface ArticleHit {
  _id: string;
  _source: { title: string; siteName?: string; url: string; clusterId: string; wordCount: number; fetchedAt: string };
}

interface Accepted {
  url: string;
  docId: string;
  /** queued: fetched in this run; known: already indexed (or queued) by an earlier run within the re-crawl window. */
  status: 'queued' | 'known' | 'retried';
}

const onClusters = process.argv.includes('--cluster') || process.env.NEWSFLOW_CLUSTER === '1';
console.log(
  onClusters
    ? 'Starting a Redis Cluster (3 masters + 3 replicas) and a 3-node Elasticsearch (about two minutes)…'
    : 'Starting Redis and Elasticsearch (the first run downloads and unpacks Elasticsearch)…',
);
const services = await startBackends(onClusters);
const site = await startSeedSite(SEED_SITE_PORT);
const pipeline = await spawnPipeline({
  env: {
    ...services.env,
    API_PORT,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    // The seed site runs on this machine: open the fetcher's SSRF guard for its one port, not all of loopback.
    FETCH_ALLOW_PRIVATE: process.env.FETCH_ALLOW_PRIVATE ?? `127.0.0.1:${new URL(site.baseUrl).port}`,
  },
  output: (service, line) => console.log(`[${service}] ${line}`),
});

/** One Redis and one Elasticsearch (kept between runs), or the two local clusters (thrown away). */
async function startBackends(clusters: boolean) {
  const log = (line: string) => console.log(`  ${line}`);
  if (!clusters) return startServices({ purpose: 'main', log });
  const started = await startClusterServices({ log });
  const [elasticsearchUrl = ''] = started.env.ELASTICSEARCH_URL.split(',');
  return { ...started, redisUrl: started.env.REDIS_URL, elasticsearchUrl };
}

let stopping = false;
async function shutdown(code = 0): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log('\nStopping workers, API, seed site and services…');
    await pipeline.stop();
    await site.close();
    await services.stop();
  }
  process.exit(code);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
// Whatever ends this process, the worker processes it started must not outlive it.
process.on('exit', () => {
  for (const child of pipeline.processes.values()) child.kill('SIGKILL');
});

const urls = site.articles.map((article) => article.url);
const es = createEsClient(services.elasticsearchUrl);
const names = indexNames(process.env.NEWSFLOW_INDEX_PREFIX ?? 'articles');
const runStartedAt = new Date().toISOString();
try {
  const accepted = await submitSeeds(urls);
  const hits = await waitFor('the seed articles to be searchable', () => seedHits(es, accepted), 180_000, 500);
  printClusters(hits, accepted);
} catch (error) {
  console.error(`\n${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
}
console.log(`
Dashboard (bull-board):  ${pipeline.apiUrl}/dashboard
Search page:             ${pipeline.apiUrl}/
API:                     ${pipeline.apiUrl}/api/urls
Elasticsearch:           ${withoutCredentials(services.elasticsearchUrl)}/${names.readAlias}/_search?q=Kremlin
Redis:                   ${withoutCredentials(services.redisUrl)}
Running until Ctrl-C.`);

async function submitSeeds(seedUrls: string[]): Promise<Accepted[]> {
  console.log(`Submitting ${seedUrls.length} seed URLs to ${pipeline.apiUrl}/api/urls`);
  const headers: Record<string, string> = { 'content-type': 'application/json', ...authorizationHeader() };
  const response = await fetch(`${pipeline.apiUrl}/api/urls`, {
    method: 'POST',
    headers,
    body: JSON.stringify(seedUrls),
  });
  const text = await response.text();
  console.log(`  → HTTP ${response.status}: ${text}`);
  if (!response.ok) throw new Error(`the API refused the seed URLs (HTTP ${response.status})`);
  return (JSON.parse(text) as { accepted: Accepted[] }).accepted;
}

/** The API may run with credentials (API_TOKEN / API_BASIC_AUTH): the demo then uses them too. */
function authorizationHeader(): Record<string, string> {
  if (process.env.API_TOKEN) return { authorization: `Bearer ${process.env.API_TOKEN}` };
  if (process.env.API_BASIC_AUTH)
    return { authorization: `Basic ${Buffer.from(process.env.API_BASIC_AUTH).toString('base64')}` };
  return {};
}

function withoutCredentials(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.toString().replace(/\/$/, '');
}

/**
 * The documents of exactly the URLs this run submitted, once all are there: a URL queued now
 * counts only when fetched after this run started, so documents left by an earlier run are never
 * printed as this run's result (those the API called known are an earlier run's, and said so).
 */
async function seedHits(client: Client, accepted: Accepted[]): Promise<ArticleHit[] | undefined> {
  await client.indices.refresh({ index: names.readAlias });
  const result = await client.search({
    index: names.readAlias,
    size: accepted.length,
    query: { ids: { values: accepted.map((entry) => entry.docId) } },
  });
  const known = new Set(accepted.filter((entry) => entry.status === 'known').map((entry) => entry.docId));
  const found = (result.hits.hits as unknown as ArticleHit[]).filter(
    (hit) => known.has(hit._id) || hit._source.fetchedAt >= runStartedAt,
  );
  return found.length >= accepted.length ? found : undefined;
}

function printClusters(found: ArticleHit[], accepted: Accepted[]): void {
  const clusters = Map.groupBy(found, (hit) => hit._source.clusterId);
  const earlier = accepted.filter((entry) => entry.status === 'known').length;
  console.log(`\n${found.length} articles in ${clusters.size} cluster(s):`);
  if (earlier) console.log(`  (${earlier} of them were already indexed by an earlier run within the re-crawl window)`);
  for (const [clusterId, members] of clusters) {
    console.log(`  cluster ${clusterId}`);
    for (const { _source: doc } of members)
      console.log(`    - ${doc.title} — ${doc.siteName ?? '?'} (${doc.wordCount} words)\n      ${doc.url}`);
  }
}
