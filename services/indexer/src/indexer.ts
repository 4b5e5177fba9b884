import type { Config, Logger } from '@newsflow/config';
import {
  createMetricsRecorder,
  createQueue,
  createRedis,
  deleteUpsertPayload,
  enqueueUpsertLines,
  keepUpsertPayload,
  readUpsertPayload,
} from '@newsflow/runtime';
import { createRelabelStore } from '@newsflow/search';
import type { Client, IndexNames } from '@newsflow/search';
import { createBatcher } from './batch/batcher.ts';
import type { BulkReport, BulkResponseLike } from './batch/batcher.ts';
import { backoffMs } from './batch/backoff.ts';
import { createEsGuard, messageOf } from './es-guard.ts';
import { createIndexHandler } from './handle-index.ts';
import type { UpsertPayloads } from './handle-index.ts';
import { startIndexWorker } from './index-worker.ts';
import type { IndexWorker } from './index-worker.ts';
import { createHealthReporter } from './health-reporter.ts';
import type { RelabelDeps } from './relabel.ts';
import { createUpsertHooks } from './upsert-hooks.ts';

export type IndexerConfig = Pick<
  Config,
  | 'REDIS_URL'
  | 'NEWSFLOW_QUEUE_PREFIX'
  | 'INDEX_BATCH_SIZE'
  | 'INDEX_FLUSH_MS'
  | 'INDEX_FLUSH_BYTES'
  | 'INDEX_MAX_IN_FLIGHT'
  | 'INDEX_ITEM_RETRIES'
  | 'INDEX_BACKOFF_MS'
  | 'INDEX_BACKOFF_MAX_MS'
  | 'INDEX_WORKERS'
  | 'INDEX_OUTBOX_MAX_DOCS'
> &
  Partial<Pick<Config, 'WORKER_LOCK_DURATION_MS' | 'WORKER_STALLED_INTERVAL_MS'>>;

export interface Indexer {
  stage: IndexWorker;
  close(): Promise<void>;
}

/**
 * Batching design: a BullMQ Worker holding enough upsert jobs (each carrying up to the dedupe
 * outbox's batch of documents) to fill the bulk requests in flight plus the one gathering, and
 * whose processor awaits the shared batcher's promises settled from its documents' bulk items. Compared
 * with fetching jobs by hand (worker.getNextJob), BullMQ keeps doing what it does well: locks and
 * their renewal while a job waits for its bulk, stalled-job recovery, retries with backoff,
 * pause/resume and the shared metrics, and a job completes only once its document is
 * acknowledged.
 */
export function startIndexer(options: {
  config: IndexerConfig;
  log: Logger;
  client: Client;
  names: IndexNames;
  autorun?: boolean;
}): Indexer {
  const { config, log, client, names } = options;
  const redis = createRedis(config, 'indexer-state');
  const store = createRelabelStore(redis, config.NEWSFLOW_QUEUE_PREFIX);
  const health = createHealthReporter(redis, config.NEWSFLOW_QUEUE_PREFIX);
  const metrics = createMetricsRecorder(redis, config.NEWSFLOW_QUEUE_PREFIX);
  const backoff = { baseMs: config.INDEX_BACKOFF_MS, maxMs: config.INDEX_BACKOFF_MAX_MS };
  const guard = createEsGuard(backoff, {
    onDown: (error, attempt) => {
      health.down(error);
      if (attempt === 1) log.warn({ err: messageOf(error) }, 'elasticsearch unavailable: pausing the indexer');
      // Local pause without waiting for active jobs: they are the ones waiting for Elasticsearch.
      if (!stage.isPaused) stage.pause();
    },
    onUp: () => {
      health.up();
      log.info('elasticsearch is back: resuming the indexer');
      stage.resume();
    },
  });
  // Elasticsearch answering most items with 429 is overloaded: take no new jobs for a while
  // (the refused items are resent with their own backoff), longer each time it happens again.
  let rejectingStreak = 0;
  const throttleIfRejecting = (report: BulkReport): void => {
    const total = report.documents + report.rejected + report.retried;
    if (total === 0 || report.retried * 2 < total) {
      rejectingStreak = 0;
      return;
    }
    rejectingStreak += 1;
    if (stage.isPaused) return;
    stage.pause();
    setTimeout(
      () => {
        if (!guard.isDown) stage.resume();
      },
      backoffMs(rejectingStreak, backoff),
    ).unref();
  };
  const deps = (): RelabelDeps => ({ client, names, guard, batcher });
  const hooks = createUpsertHooks(store, deps);
  const batcher = createBatcher({
    limits: {
      maxDocs: config.INDEX_BATCH_SIZE,
      maxBytes: config.INDEX_FLUSH_BYTES,
      flushMs: config.INDEX_FLUSH_MS,
      maxInFlight: config.INDEX_MAX_IN_FLIGHT,
      itemRetries: config.INDEX_ITEM_RETRIES,
    },
    backoff,
    guard,
    // The body is sent as the bytes assembled (the client would otherwise serialise it again);
    // only status and error per item come back: the rest of a bulk response is not needed.
    send: async (body) =>
      (await client.transport.request({
        method: 'POST',
        path: '/_bulk',
        bulkBody: body,
        querystring: { filter_path: 'items.*.status,items.*.error' },
      })) as BulkResponseLike,
    prepare: hooks.prepare,
    afterAck: hooks.afterAck,
    onReport: (report) => {
      health.bulk(report);
      throttleIfRejecting(report);
      void metrics.recordEsBulk({ documents: report.documents, failedItems: report.rejected, tookMs: report.tookMs });
    },
  });

  const queue = createQueue('index', redis, config.NEWSFLOW_QUEUE_PREFIX);
  const payloads: UpsertPayloads = {
    read: (key) => readUpsertPayload(redis, key),
    requeueAlone: async (refs, lines) => {
      for (const [i, ref] of refs.entries()) await enqueueUpsertLines(queue, redis, [ref], [lines[i]!]);
    },
  };

  const payloadWrites = new Set<Promise<void>>();
  const track = (write: Promise<void>): void => {
    const settled = write
      .catch((error: unknown) => log.warn({ err: messageOf(error) }, 'could not update a payload'))
      .finally(() => payloadWrites.delete(settled));
    payloadWrites.add(settled);
  };

  const stage = startIndexWorker(createIndexHandler(deps(), store, payloads), {
    config,
    concurrency: indexConcurrency(config),
    workers: config.INDEX_WORKERS,
    log,
    autorun: options.autorun ?? true,
    // After completion, not before: a crash between the two then leaves a payload to expire
    // rather than a job to retry without its documents.
    onCompleted: (data) => {
      if (data.kind === 'upsert') track(deleteUpsertPayload(redis, data.payload));
    },
    onFailed: (data) => {
      if (data.kind === 'upsert') track(keepUpsertPayload(redis, data.payload));
    },
  });

  const close = async (): Promise<void> => {
    guard.close();
    await stage.close();
    // The payload deletes of the last jobs completed, before the connection goes.
    await Promise.all(payloadWrites);
    await health.close();
    await queue.close();
    redis.disconnect();
  };
  return { stage, close };
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
