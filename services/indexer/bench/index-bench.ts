// Indexer throughput beside the machine's limit: raw `client.helpers.bulk` and the indexer
// (BullMQ upsert jobs of the dedupe outbox's size → batcher → _bulk → jobs completed) on the same
// documents in the same run.
//   node services/indexer/bench/index-bench.ts [--docs 20000] [--words 700] [--rounds 7]
// 700 words is about the length of an online news article; bodies are generated deterministically.
// Reads REDIS_URL and ELASTICSEARCH_URL; INDEX_* variables tune the indexer as in production.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createLogger, resolveConfig } from '@newsflow/config';
import { createEsClient, ensureArticlesIndex, indexNames, toEsDocument, versionOf } from '@newsflow/search';
import type { Client, IndexNames } from '@newsflow/search';
import type { ArticleDocument } from '@newsflow/contracts';
import { createRedisClient } from '@newsflow/runtime';
import { startIndexer } from '../src/indexer.ts';
import { benchDocuments } from './bench-documents.ts';
import { timeQueueRun } from './queue-run.ts';
import { createCpuMeter, formatCpuPerDoc, timeRun } from './cpu-meter.ts';
import type { CpuSpent } from './cpu-meter.ts';
import { clearPrefix } from '@newsflow/testkit';

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '20000' },
    words: { type: 'string', default: '700' },
    rounds: { type: 'string', default: '7' },
  },
});
const config = resolveConfig({ ...process.env, NEWSFLOW_QUEUE_PREFIX: `bench-${randomBytes(3).toString('hex')}` });
const client = createEsClient(config.ELASTICSEARCH_URL, { requestTimeout: 120_000 });
const docs = benchDocuments(Number(values.docs), Number(values.words));
const meterRedis = createRedisClient(config, 'bench-cpu');
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

function rawBulk(es: Client, names: IndexNames, input: ArticleDocument[]): Promise<Run> {
  return timeRun(meter, input.length, async () => {
    const stats = await es.helpers.bulk({
      datasource: input.map((doc) => toEsDocument(doc)),
      onDocument: (doc) => ({
        index: { _index: names.writeAlias, _id: doc.docId, version: versionOf(doc), version_type: 'external_gte' },
      }),
    });
    if (stats.failed > 0) throw new Error(`raw bulk: ${stats.failed} failed`);
  });
}

/**
 * helpers.bulk given each document already serialised before the clock starts, as the indexer's
 * documents are (the dedupe worker serialises them): the same work inside the timing on both sides.
 */
function rawBulkSerialised(es: Client, names: IndexNames, input: ArticleDocument[]): Promise<Run> {
  const sources = input.map((doc) => ({
    id: doc.docId,
    version: versionOf(doc),
    source: JSON.stringify(toEsDocument(doc)),
  }));
  return timeRun(meter, input.length, async () => {
    const stats = await es.helpers.bulk({
      datasource: sources,
      onDocument: (doc) => [
        { index: { _index: names.writeAlias, _id: doc.id, version: doc.version, version_type: 'external_gte' } },
        doc.source as unknown as object,
      ],
    });
    if (stats.failed > 0) throw new Error(`raw bulk (serialised): ${stats.failed} failed`);
  });
}

function viaIndexer(_es: Client, names: IndexNames, input: ArticleDocument[]): Promise<Run> {
  return timeQueueRun(
    config,
    input,
    config.INDEX_OUTBOX_MAX_DOCS,
    () => {
      const indexer = startIndexer({ config, log: createLogger('bench', 'warn'), client, names, autorun: false });
      return {
        waitUntilReady: () => indexer.stage.waitUntilReady(),
        run: () => indexer.stage.run(),
        close: () => indexer.close(),
      };
    },
    meter,
  );
}

interface Run {
  rate: number;
  cpu: CpuSpent;
  /** Indexer runs: what enqueueing the jobs cost (the dedupe worker's side, outside the timing). */
  enqueued?: CpuSpent;
}

/**
 * One round: raw, raw on serialised documents, indexer, then the two raw runs again; the indexer
 * is compared with the mean of each raw kind around it (the machine is shared).
 */
async function round(): Promise<{ raw: Run; serialised: Run; indexer: Run }> {
  const phases = { raw: rawBulk, serialised: rawBulkSerialised, indexer: viaIndexer } as const;
  const runs: Record<keyof typeof phases, Run[]> = { raw: [], serialised: [], indexer: [] };
  for (const phase of ['raw', 'serialised', 'indexer', 'serialised', 'raw'] as const) {
    const names = await freshIndex(phase);
    try {
      runs[phase].push(await phases[phase](client, names, docs));
    } finally {
      await dropIndex(names);
    }
  }
  return { raw: meanRun(runs.raw), serialised: meanRun(runs.serialised), indexer: runs.indexer[0]! };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2;
}

function meanRun(runs: Run[]): Run {
  const mean = (pick: (run: Run) => number): number => runs.reduce((sum, run) => sum + pick(run), 0) / runs.length;
  return {
    rate: mean((run) => run.rate),
    cpu: {
      node: mean((run) => run.cpu.node),
      redis: mean((run) => run.cpu.redis),
      elasticsearch: mean((run) => run.cpu.elasticsearch),
    },
  };
}

const bodyBytes = docs.reduce((sum, doc) => sum + Buffer.byteLength(JSON.stringify(toEsDocument(doc))), 0);
console.log(
  `${docs.length} documents, ${(bodyBytes / docs.length / 1024).toFixed(1)} KiB each, ${config.INDEX_OUTBOX_MAX_DOCS} per job (the dedupe outbox's batch); batch ${config.INDEX_BATCH_SIZE}, flush ${config.INDEX_FLUSH_MS} ms / ${config.INDEX_FLUSH_BYTES} B, in flight ${config.INDEX_MAX_IN_FLIGHT}`,
);
// Elasticsearch compiles its hot paths during the first bulk loads: one round unscored first.
await round();
const baselines = { raw: 'raw helpers.bulk', serialised: 'helpers.bulk on serialised documents' } as const;
const totals = {
  raw: { ratios: [] as number[], seconds: 0 },
  serialised: { ratios: [] as number[], seconds: 0 },
  indexerSeconds: 0,
};
for (let i = 1; i <= Number(values.rounds); i += 1) {
  const result = await round();
  totals.indexerSeconds += docs.length / result.indexer.rate;
  const parts = (['raw', 'serialised'] as const).map((kind) => {
    totals[kind].ratios.push(result.indexer.rate / result[kind].rate);
    totals[kind].seconds += docs.length / result[kind].rate;
    return `${baselines[kind]} ${result[kind].rate.toFixed(0)} docs/s (ratio ${((result.indexer.rate / result[kind].rate) * 100).toFixed(1)}%)`;
  });
  console.log(`round ${i}: indexer ${result.indexer.rate.toFixed(0)} docs/s | ${parts.join(' | ')}`);
  console.log(`  raw        ${formatCpuPerDoc(result.raw.cpu, docs.length)}`);
  console.log(`  serialised ${formatCpuPerDoc(result.serialised.cpu, docs.length)}`);
  console.log(`  indexer    ${formatCpuPerDoc(result.indexer.cpu, docs.length)}`);
  if (result.indexer.enqueued)
    console.log(
      `  enqueue    ${formatCpuPerDoc(result.indexer.enqueued, docs.length)} (dedupe's side: serialising the documents once)`,
    );
}
// Elasticsearch's own pace varies from round to round on a shared machine (merges, GC): the
// median of the rounds' ratios and the ratio of all documents over all time both smooth it.
const rate = (seconds: number): string => ((docs.length * Number(values.rounds)) / seconds).toFixed(0);
for (const kind of ['raw', 'serialised'] as const) {
  const { ratios, seconds } = totals[kind];
  console.log(
    `vs ${baselines[kind]}: median ratio ${(median(ratios) * 100).toFixed(1)}% over ${ratios.length} rounds (target >= 90%); over all rounds ` +
      `${((seconds / totals.indexerSeconds) * 100).toFixed(1)}% (${rate(seconds)} vs indexer ${rate(totals.indexerSeconds)} docs/s)`,
  );
}
// Late metric or health writes of the last run: leave nothing behind in the shared Redis.
const redis = createRedisClient(config, 'bench-cleanup');
await clearPrefix(redis, config.NEWSFLOW_QUEUE_PREFIX);
redis.disconnect();
meterRedis.disconnect();
await client.close();
