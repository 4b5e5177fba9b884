// Indexer throughput beside the machine's limit: raw `client.helpers.bulk` and the indexer
// (BullMQ upsert jobs of the dedupe outbox's size → batcher → _bulk → jobs completed) on the same
// documents in the same run.
//   node services/indexer/src/bench/index-bench.ts [--docs 20000] [--words 700] [--rounds 7]
// 700 words is about the length of an online news article; bodies are generated deterministically.
// Reads REDIS_URL and ELASTICSEARCH_URL; INDEX_* variables tune the indexer as in production.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createLogger, resolveConfig } from '@newsflow/config';
import { createEsClient, ensureArticlesIndex, indexNames, toEsDocument, versionOf } from '@newsflow/search';
import type { Client, IndexNames } from '@newsflow/search';
import type { ArticleDocument } from '@newsflow/contracts';
import { createRedis } from '@newsflow/runtime';
import { startIndexer } from '../indexer.ts';
import { benchDocuments } from './bench-documents.ts';
import { timeQueueRun } from './queue-run.ts';
import { createCpuMeter, formatCpuPerDoc } from './cpu-meter.ts';
import type { CpuSpent } from './cpu-meter.ts';

const { values } = parseArgs({ options: { docs: { type: 'string', default: '20000' }, words: { type: 'string', default: '700' }, rounds: { type: 'string', default: '7' } } });
const config = resolveConfig({ ...process.env, NEWSFLOW_QUEUE_PREFIX: `bench-${randomBytes(3).toString('hex')}` });
const client = createEsClient(config.ELASTICSEARCH_URL, { requestTimeout: 120_000 });
const docs = benchDocuments(Number(values.docs), Number(values.words));
const meterRedis = createRedis(config, 'bench-cpu');
const meter = createCpuMeter(client, meterRedis);

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

async function rawBulk(es: Client, names: IndexNames, input: ArticleDocument[]): Promise<Run> {
  const cpuSpent = await meter.start();
  const started = performance.now();
  const stats = await es.helpers.bulk({
    datasource: input.map((doc) => toEsDocument(doc)),
    onDocument: (doc) => ({ index: { _index: names.writeAlias, _id: doc.docId, version: versionOf(doc), version_type: 'external_gte' } }),
  });
  const rate = input.length / ((performance.now() - started) / 1000);
  if (stats.failed > 0) throw new Error(`raw bulk: ${stats.failed} failed`);
  return { rate, cpu: await cpuSpent() };
}

function viaIndexer(names: IndexNames, input: ArticleDocument[]): Promise<Run> {
  return timeQueueRun(config, input, config.INDEX_OUTBOX_MAX_DOCS, () => {
    const indexer = startIndexer({ config, log: createLogger('bench', 'warn'), client, names, autorun: false });
    return { waitUntilReady: () => indexer.stage.waitUntilReady(), run: () => indexer.stage.run(), close: () => indexer.close() };
  }, meter);
}

interface Run {
  rate: number;
  cpu: CpuSpent;
  /** Indexer runs: what enqueueing the jobs cost (the dedupe worker's side, outside the timing). */
  enqueued?: CpuSpent;
}

/** One round: raw, indexer, raw again; the indexer is compared with the mean of the raw runs around it (the machine is shared). */
async function round(): Promise<{ raw: Run; indexer: Run }> {
  const runs: Run[] = [];
  for (const phase of ['raw', 'indexer', 'raw'] as const) {
    const names = await freshIndex(phase);
    try {
      runs.push(phase === 'raw' ? await rawBulk(client, names, docs) : await viaIndexer(names, docs));
    } finally {
      await dropIndex(names);
    }
  }
  const [before, indexer, after] = runs as [Run, Run, Run];
  const mean = (pick: (cpu: CpuSpent) => number): number => (pick(before.cpu) + pick(after.cpu)) / 2;
  const raw = { rate: (before.rate + after.rate) / 2, cpu: { node: mean((cpu) => cpu.node), redis: mean((cpu) => cpu.redis), elasticsearch: mean((cpu) => cpu.elasticsearch) } };
  return { raw, indexer };
}

const bodyBytes = docs.reduce((sum, doc) => sum + Buffer.byteLength(JSON.stringify(toEsDocument(doc))), 0);
console.log(`${docs.length} documents, ${(bodyBytes / docs.length / 1024).toFixed(1)} KiB each, ${config.INDEX_OUTBOX_MAX_DOCS} per job (the dedupe outbox's batch); batch ${config.INDEX_BATCH_SIZE}, flush ${config.INDEX_FLUSH_MS} ms / ${config.INDEX_FLUSH_BYTES} B, in flight ${config.INDEX_MAX_IN_FLIGHT}`);
// Elasticsearch compiles its hot paths during the first bulk loads: one round unscored first.
await round();
const ratios: number[] = [];
const seconds = { raw: 0, indexer: 0 };
for (let i = 1; i <= Number(values.rounds); i += 1) {
  const { raw, indexer } = await round();
  ratios.push(indexer.rate / raw.rate);
  seconds.raw += docs.length / raw.rate;
  seconds.indexer += docs.length / indexer.rate;
  console.log(`round ${i}: raw helpers.bulk ${raw.rate.toFixed(0)} docs/s, indexer ${indexer.rate.toFixed(0)} docs/s, ratio ${((indexer.rate / raw.rate) * 100).toFixed(1)}%`);
  console.log(`  raw      ${formatCpuPerDoc(raw.cpu, docs.length)}`);
  console.log(`  indexer  ${formatCpuPerDoc(indexer.cpu, docs.length)}`);
  if (indexer.enqueued) console.log(`  enqueue  ${formatCpuPerDoc(indexer.enqueued, docs.length)} (dedupe's side: serialising the documents once)`);
}
const sorted = [...ratios].sort((a, b) => a - b);
const median = (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2;
// Elasticsearch's own pace varies from round to round on a shared machine (merges, GC): the
// median of the rounds' ratios and the ratio of all documents over all time both smooth it.
console.log(`median ratio ${(median * 100).toFixed(1)}% over ${ratios.length} rounds (target >= 90%); over all rounds ${((seconds.raw / seconds.indexer) * 100).toFixed(1)}% (raw ${((docs.length * ratios.length) / seconds.raw).toFixed(0)} docs/s, indexer ${((docs.length * ratios.length) / seconds.indexer).toFixed(0)} docs/s)`);
// Late metric or health writes of the last run: leave nothing behind in the shared Redis.
const redis = createRedis(config, 'bench-cleanup');
const leftovers = await redis.keys(`${config.NEWSFLOW_QUEUE_PREFIX}:*`);
if (leftovers.length > 0) await redis.del(...leftovers);
redis.disconnect();
meterRedis.disconnect();
await client.close();
