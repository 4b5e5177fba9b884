// Indexer throughput beside the machine's limit: raw `client.helpers.bulk` and the indexer
// (BullMQ upsert jobs of the dedupe outbox's size → batcher → _bulk → jobs completed) on the same
// documents in the same run.
//   node services/indexer/src/bench/index-bench.ts [--docs 5000] [--words 700] [--rounds 3]
// 700 words is about the length of an online news article; bodies are generated deterministically.
// Reads REDIS_URL and ELASTICSEARCH_URL; INDEX_* variables tune the indexer as in production.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createLogger, resolveConfig } from '@newsflow/config';
import { createEsClient, ensureArticlesIndex, indexNames, toEsDocument, versionOf } from '@newsflow/search';
import type { Client, IndexNames } from '@newsflow/search';
import type { ArticleDocument } from '@newsflow/contracts';
import { createRedis } from '@newsflow/runtime';
import { indexConcurrency, startIndexer } from '../indexer.ts';
import { benchDocuments } from './bench-documents.ts';
import { noopConsumer, timeQueueRun } from './queue-run.ts';

const { values } = parseArgs({ options: { docs: { type: 'string', default: '5000' }, words: { type: 'string', default: '700' }, rounds: { type: 'string', default: '3' } } });
const config = resolveConfig({ ...process.env, NEWSFLOW_QUEUE_PREFIX: `bench-${randomBytes(3).toString('hex')}` });
const client = createEsClient(config.ELASTICSEARCH_URL, { requestTimeout: 120_000 });
const docs = benchDocuments(Number(values.docs), Number(values.words));

async function freshIndex(label: string): Promise<IndexNames> {
  const names = indexNames(`bench-${label}-${randomBytes(3).toString('hex')}`);
  await ensureArticlesIndex(client, names);
  return names;
}

async function dropIndex(names: IndexNames): Promise<void> {
  const existing = Object.keys(await client.indices.get({ index: names.pattern, allow_no_indices: true }));
  if (existing.length > 0) await client.indices.delete({ index: existing });
  await client.indices.deleteIndexTemplate({ name: names.templateName }, { ignore: [404] });
}

async function rawBulk(es: Client, names: IndexNames, input: ArticleDocument[]): Promise<number> {
  const started = performance.now();
  const stats = await es.helpers.bulk({
    datasource: input.map((doc) => toEsDocument(doc)),
    onDocument: (doc) => ({ index: { _index: names.writeAlias, _id: doc.docId, version: versionOf(doc), version_type: 'external_gte' } }),
  });
  if (stats.failed > 0) throw new Error(`raw bulk: ${stats.failed} failed`);
  return input.length / ((performance.now() - started) / 1000);
}

function viaIndexer(names: IndexNames, input: ArticleDocument[]): Promise<number> {
  return timeQueueRun(config, input, config.INDEX_OUTBOX_MAX_DOCS, () => {
    const indexer = startIndexer({ config, log: createLogger('bench', 'warn'), client, names, autorun: false });
    return { waitUntilReady: () => indexer.stage.waitUntilReady(), run: () => indexer.stage.run(), close: () => indexer.close() };
  });
}

/** One round: raw, indexer, raw again; the indexer is compared with the mean of the raw runs around it (the machine is shared). */
async function round(): Promise<{ raw: number; indexed: number }> {
  const rates: number[] = [];
  for (const phase of ['raw', 'indexer', 'raw'] as const) {
    const names = await freshIndex(phase);
    try {
      rates.push(phase === 'raw' ? await rawBulk(client, names, docs) : await viaIndexer(names, docs));
    } finally {
      await dropIndex(names);
    }
  }
  return { raw: (rates[0]! + rates[2]!) / 2, indexed: rates[1]! };
}

const bodyBytes = docs.reduce((sum, doc) => sum + Buffer.byteLength(JSON.stringify(toEsDocument(doc))), 0);
console.log(`${docs.length} documents, ${(bodyBytes / docs.length / 1024).toFixed(1)} KiB each, ${config.INDEX_OUTBOX_MAX_DOCS} per job (the dedupe outbox's batch); batch ${config.INDEX_BATCH_SIZE}, flush ${config.INDEX_FLUSH_MS} ms / ${config.INDEX_FLUSH_BYTES} B, in flight ${config.INDEX_MAX_IN_FLIGHT}`);
const ratios: number[] = [];
const concurrency = indexConcurrency(config);
for (let i = 1; i <= Number(values.rounds); i += 1) {
  const { raw, indexed } = await round();
  ratios.push(indexed / raw);
  // For reference: the same jobs through a worker that does nothing (BullMQ's own job rate here).
  const queueOnly = await timeQueueRun(config, docs, config.INDEX_OUTBOX_MAX_DOCS, () => noopConsumer(config, concurrency));
  // When the cores are saturated (this machine is shared), Elasticsearch's cost per document and
  // the queue's cost per document add up: the indexer then gets about 1 / (1/raw + 1/queue-only).
  const bound = 1 / (1 / raw + 1 / queueOnly);
  console.log(
    `round ${i}: raw helpers.bulk ${raw.toFixed(0)} docs/s, indexer ${indexed.toFixed(0)} docs/s, ratio ${((indexed / raw) * 100).toFixed(1)}%` +
      ` | no-op BullMQ worker on the same jobs ${queueOnly.toFixed(0)} docs/s, saturated-CPU estimate ${bound.toFixed(0)} docs/s, indexer at ${((indexed / bound) * 100).toFixed(0)}% of it`,
  );
}
const sorted = [...ratios].sort((a, b) => a - b);
const median = (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2;
console.log(`median ratio ${(median * 100).toFixed(1)}% (target >= 90%)`);
// Late metric or health writes of the last run: leave nothing behind in the shared Redis.
const redis = createRedis(config, 'bench-cleanup');
const leftovers = await redis.keys(`${config.NEWSFLOW_QUEUE_PREFIX}:*`);
if (leftovers.length > 0) await redis.del(...leftovers);
redis.disconnect();
await client.close();
