import type { Config, Logger } from '@newsflow/config';
import { parseRecrawlSchedule } from '@newsflow/config';
import {
  createCoalescedMetrics,
  createRecrawlSchedule,
  createRedisClient,
  defineStage,
  runStage,
} from '@newsflow/runtime';
import type { MetricsRecorder, RedisClient, RunningStage } from '@newsflow/runtime';
import { createRelabelStore } from '@newsflow/search';
import type { Client, IndexNames } from '@newsflow/search';
import { createBatcher } from './batch/batcher.ts';
import type { BulkReport } from './batch/batcher.ts';
import { bulkSender, healthProbe } from './bulk-sender.ts';
import { createEsGuard, messageOf } from './es-guard.ts';
import { createIndexHandler } from './handle-index.ts';
import type { RecrawlDeps } from './handle-index.ts';
import { createHealthReporter } from './health-reporter.ts';
import type { HealthReporter } from './health-reporter.ts';
import { createIntakeGate, createRejectionThrottle } from './intake-gate.ts';
import type { IntakeGate } from './intake-gate.ts';
import { payloadLifecycle, upsertPayloads } from './payload-lifecycle.ts';
import { createUpsertHooks } from './upsert-hooks.ts';

export type IndexerConfig = Pick<
  Config,
  | 'REDIS_URL'
  | 'NEWSFLOW_QUEUE_PREFIX'
  | 'INDEX_BATCH_SIZE'
  | 'INDEX_FLUSH_MS'
  | 'INDEX_LINGER_MS'
  | 'INDEX_FLUSH_BYTES'
  | 'INDEX_MAX_IN_FLIGHT'
  | 'INDEX_ITEM_RETRIES'
  | 'INDEX_BACKOFF_MS'
  | 'INDEX_BACKOFF_MAX_MS'
  | 'INDEX_OUTAGE_PROBE_MS'
  | 'INDEX_WORKERS'
  | 'INDEX_OUTBOX_MAX_DOCS'
  | 'RECRAWL_SCHEDULE'
  | 'RECRAWL_MIN_CHANGED_WORDS'
> &
  Partial<Pick<Config, 'WORKER_LOCK_DURATION_MS' | 'WORKER_STALLED_INTERVAL_MS' | 'WORKER_MAX_STALLS'>>;

export interface Indexer {
  stage: RunningStage;
  close(): Promise<void>;
}

export interface IndexerOptions {
  config: IndexerConfig;
  log: Logger;
  client: Client;
  names: IndexNames;
  autorun?: boolean;
}

/**
 * The index stage on runStage, batching across jobs: it holds enough upsert jobs (each carrying up
 * to the dedupe outbox's batch of documents) to fill the bulk requests in flight plus the one
 * gathering, and each job's handler awaits the shared batcher's promises settled from its
 * documents' bulk items. BullMQ keeps doing what it does well (locks renewed while a job waits for
 * its bulk, stalled-job recovery, retries, pause/resume, the shared metrics), and a job completes
 * only once its documents are acknowledged.
 */
export function startIndexer(options: IndexerOptions): Indexer {
  const { config, log, client, names } = options;
  const redis = createRedisClient(config, 'indexer-state');
  const store = relabelStores(redis, config.NEWSFLOW_QUEUE_PREFIX);
  const health = createHealthReporter(redis, config.NEWSFLOW_QUEUE_PREFIX);
  const gate = createIntakeGate();
  const backoff = { baseMs: config.INDEX_BACKOFF_MS, maxMs: config.INDEX_BACKOFF_MAX_MS };
  const guard = createEsGuard(
    backoff,
    guardHooks(gate, health, log),
    healthProbe(client, config.INDEX_OUTAGE_PROBE_MS),
  );
  const hooks = createUpsertHooks(store, { client, names, guard });
  const throttle = createRejectionThrottle(gate, backoff, () => guard.isDown);
  // One coalesced recorder for the stage's job counters and the bulk counters below.
  const metrics = createCoalescedMetrics(redis, config.NEWSFLOW_QUEUE_PREFIX);
  const batcher = createBatcher({
    limits: batchLimits(config),
    backoff,
    guard,
    send: bulkSender(client),
    ...hooks,
    onReport: bulkReporter(health, throttle, metrics.recorder),
  });
  const payloadStore = upsertPayloads(redis, config.NEWSFLOW_QUEUE_PREFIX);
  const recrawl = { ...recrawlDepsOf(config, redis, { client, names, guard }), metrics: metrics.recorder };
  const handler = createIndexHandler({ client, names, guard, batcher }, store, payloadStore, recrawl);
  const payloads = payloadLifecycle(redis, log);
  const stage = runStage(defineStage('index', { index: handler }), {
    config,
    concurrency: indexConcurrency(config),
    log,
    batching: { workers: config.INDEX_WORKERS, slowStart: true },
    metrics: metrics.recorder,
    autorun: options.autorun ?? true,
    onCompleted: payloads.onCompleted,
    onFailed: payloads.onFailed,
  });
  gate.attach(stage);
  const close = async (): Promise<void> => {
    guard.close();
    await stage.close();
    // The payload deletes of the last jobs completed, before the connection goes.
    await payloads.settled();
    await metrics.close();
    await health.close();
    redis.disconnect();
  };
  return { stage, close };
}

/** Each bulk's report goes to the health record, the rejection throttle and the bulk counters. */
function bulkReporter(
  health: HealthReporter,
  throttle: (report: BulkReport) => void,
  recorder: MetricsRecorder,
): (report: BulkReport) => void {
  return (report) => {
    health.bulk(report);
    throttle(report);
    void recorder.recordEsBulk({ documents: report.documents, failedItems: report.rejected, tookMs: report.tookMs });
  };
}

/** Where the indexer keeps the cluster and story relabels it still owes Elasticsearch. */
function relabelStores(redis: RedisClient, prefix: string) {
  return { cluster: createRelabelStore(redis, prefix), story: createRelabelStore(redis, prefix, { level: 'story' }) };
}

/** Elasticsearch down: pause taking jobs (the held ones keep their locks) until it answers again. */
function guardHooks(gate: IntakeGate, health: HealthReporter, log: Logger) {
  return {
    onDown: (error: unknown, attempt: number) => {
      health.down(error);
      if (attempt === 1) log.warn({ err: messageOf(error) }, 'elasticsearch unavailable: pausing the indexer');
      gate.pause();
    },
    onUp: () => {
      health.up();
      log.info('elasticsearch is back: resuming the indexer');
      gate.resume();
    },
  };
}

/** How re-crawls are versioned (RECRAWL_MIN_CHANGED_WORDS) and where first fetches are scheduled. */
function recrawlDepsOf(
  config: IndexerConfig,
  redis: ReturnType<typeof createRedisClient>,
  es: Omit<RecrawlDeps['versions'], 'minChangedWords'>,
): Omit<RecrawlDeps, 'metrics'> {
  const offsets = parseRecrawlSchedule(config.RECRAWL_SCHEDULE);
  return {
    versions: { ...es, minChangedWords: config.RECRAWL_MIN_CHANGED_WORDS },
    schedule: createRecrawlSchedule(redis, config.NEWSFLOW_QUEUE_PREFIX, offsets),
  };
}

function batchLimits(config: IndexerConfig) {
  return {
    maxDocs: config.INDEX_BATCH_SIZE,
    maxBytes: config.INDEX_FLUSH_BYTES,
    flushMs: config.INDEX_FLUSH_MS,
    lingerMs: config.INDEX_LINGER_MS,
    maxInFlight: config.INDEX_MAX_IN_FLIGHT,
    itemRetries: config.INDEX_ITEM_RETRIES,
  };
}

/**
 * Jobs held at once: enough full outbox batches for the bulk requests in flight plus the one
 * gathering, and two more for jobs carrying fewer documents (relabels, a quiet outbox); few enough
 * that a backlog does not pull tens of thousands of documents into memory.
 */
export function indexConcurrency(
  config: Pick<IndexerConfig, 'INDEX_BATCH_SIZE' | 'INDEX_MAX_IN_FLIGHT' | 'INDEX_OUTBOX_MAX_DOCS'>,
): number {
  const fullBatches = Math.ceil(
    (config.INDEX_BATCH_SIZE * (config.INDEX_MAX_IN_FLIGHT + 1)) / config.INDEX_OUTBOX_MAX_DOCS,
  );
  return Math.max(8, fullBatches + 2);
}
