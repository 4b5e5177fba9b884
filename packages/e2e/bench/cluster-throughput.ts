// `node packages/e2e/bench/cluster-throughput.ts [--urls 600]` (or `npm run bench -- clusters`):
// the same corpus through the whole pipeline (2 processes per stage) on one Redis + one
// Elasticsearch (REDIS_URL / ELASTICSEARCH_URL) and on a local Redis Cluster + 3-node
// Elasticsearch, in the same run, one after the other; prints URLs/s of each and the ratio, and
// whether both runs made the same clusters, and where the cluster run's Redis state sat (memory
// per document by key family, keys per master).
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { startCorpusSite } from '@newsflow/bench';
import { resolveConfig } from '@newsflow/config';
import { startClusterServices } from '@newsflow/devstack';
import { closeQueues, createQueues, createRedisClient } from '@newsflow/runtime';
import { createEsClient, indexNames } from '@newsflow/search';
import { clearPrefix, uniquePrefix } from '@newsflow/testkit';
import { accountFor, runEnv, startStages, submitUrls, unended } from '../src/multi-process-run.ts';
import { memoryByMaster, perDocument, slotSpread } from '../test/support/redis-footprint.ts';

const { values } = parseArgs({ options: { urls: { type: 'string', default: '600' } } });
const URLS = Number(values.urls);

interface RunResult {
  seconds: number;
  ended: number;
  indexed: number;
  bytesPerDoc: number;
  spread: string[];
  keys: string;
  /** each cluster as its sorted member docIds, joined: comparable across runs */
  groups: Set<string>;
}

function groupsOf(clusters: Map<string, string>): Set<string> {
  const members = Map.groupBy(clusters.keys(), (docId) => clusters.get(docId)!);
  return new Set([...members.values()].map((ids) => ids.sort().join(' ')));
}

async function run(backends: Record<string, string>, urls: string[], label: string): Promise<RunResult> {
  const prefix = uniquePrefix(`bench-${label}`);
  const redis = createRedisClient(resolveConfig(backends), `bench-${label}`);
  const es = createEsClient(backends.ELASTICSEARCH_URL!);
  const queues = createQueues(redis, prefix);
  const before = await memoryByMaster(redis);
  const stages = await startStages(runEnv(backends, prefix), 2);
  try {
    const startedAt = performance.now();
    const docIds = await submitUrls(stages.apiUrl, urls);
    let account = await accountFor(redis, queues, es, prefix, docIds).catch(() => undefined);
    while (!account || unended(account) > 0) {
      if (performance.now() - startedAt > 900_000) throw new Error(`${label}: not drained after 15 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      account = await accountFor(redis, queues, es, prefix, docIds).catch(() => undefined);
    }
    const seconds = (performance.now() - startedAt) / 1000;
    const after = await memoryByMaster(redis);
    const grown = [...after].reduce((sum, [port, bytes]) => sum + bytes - (before.get(port) ?? 0), 0);
    const spread = await slotSpread(redis, prefix);
    const keys = perDocument(spread.bytesByFamily, account.indexed);
    return {
      seconds,
      ended: docIds.length,
      indexed: account.indexed,
      bytesPerDoc: grown / account.indexed,
      spread: spread.lines,
      keys,
      groups: groupsOf(account.clusters),
    };
  } finally {
    await stages.stop();
    await closeQueues(queues);
    await clearPrefix(redis, prefix);
    await es.indices.delete({ index: `${prefix}-*`, ignore_unavailable: true }).catch(() => undefined);
    await es.indices.deleteIndexTemplate({ name: indexNames(prefix).templateName }).catch(() => undefined);
    redis.disconnect();
    await es.close();
  }
}

const single = { REDIS_URL: process.env.REDIS_URL ?? '', ELASTICSEARCH_URL: process.env.ELASTICSEARCH_URL ?? '' };
if (!single.REDIS_URL || !single.ELASTICSEARCH_URL)
  throw new Error('set REDIS_URL and ELASTICSEARCH_URL (npm run bench does)');
console.log('starting the local Redis Cluster and 3-node Elasticsearch…');
const [clusters, corpus] = await Promise.all([
  startClusterServices({ log: (line) => console.log(`  ${line}`) }),
  startCorpusSite({ urls: URLS, hosts: 24 }),
]);
try {
  // the same URLs in both runs (each under its own prefix), so their clusters can be compared
  const one = await run(single, corpus.urls, 'single');
  const many = await run(clusters.env, corpus.urls, 'clusters');
  const same = [...one.groups].filter((group) => many.groups.has(group)).length;
  const row = (name: string, r: RunResult) =>
    `| ${name} | ${r.ended} | ${r.indexed} | ${r.seconds.toFixed(1)} | ${(r.ended / r.seconds).toFixed(1)} | ${Math.round(r.bytesPerDoc)} |`;
  console.log(
    '\n| topology (2 processes per stage) | URLs | indexed | seconds | URLs/s | Redis used_memory growth/doc |',
  );
  console.log('|---|---|---|---|---|---|');
  console.log(row('1 Redis + 1 Elasticsearch', one));
  console.log(row('Redis Cluster 3+3 + 3 Elasticsearch nodes', many));
  console.log(
    `\nclusters / single: ×${(one.seconds / many.seconds).toFixed(2)} throughput (load average ${loadavg()[0]!.toFixed(1)})`,
  );
  console.log(`clusters alike: ${same} of ${one.groups.size} (single) / ${many.groups.size} (clusters) identical`);
  console.log(`single: ${one.keys}\nclusters: ${many.keys}`);
  console.log('slot spread of the cluster run:');
  for (const line of many.spread) console.log(`  ${line}`);
} finally {
  await Promise.all([clusters.stop(), corpus.stop()]);
}
