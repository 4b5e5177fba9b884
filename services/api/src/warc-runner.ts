import { randomUUID } from 'node:crypto';
import type { Config } from '@newsflow/config';
import { createFetcherDeps } from '@newsflow/fetcher';
import type { FetcherDeps } from '@newsflow/fetcher';
import type { StageQueues } from '@newsflow/runtime';
import type { Client, IndexNames } from '@newsflow/search';
import { createStatusStore, runIngest } from '@newsflow/warc';
import type { IngestStatus, WarcFilter, WarcSource } from '@newsflow/warc';
import type { RedisClient } from '@newsflow/runtime';

export interface WarcRunnerDeps {
  config: Config;
  queues: StageQueues;
  redis: RedisClient;
  elasticsearch: Client;
  names: IndexNames;
}

/** Runs WARC ingests in the API process; their status lives in Redis, readable from any API process. */
export function createWarcRunner(deps: WarcRunnerDeps) {
  const { config, redis } = deps;
  const status = createStatusStore(redis, config.NEWSFLOW_QUEUE_PREFIX);
  let fetcher: FetcherDeps | undefined;
  // Built on first use: an archive download may take far longer than a page fetch, silences included.
  const fetcherDeps = (): FetcherDeps =>
    (fetcher ??= createFetcherDeps(
      {
        ...config,
        FETCH_TIMEOUT_MS: config.WARC_DOWNLOAD_TIMEOUT_MS,
        FETCH_BODY_TIMEOUT_MS: config.WARC_DOWNLOAD_TIMEOUT_MS,
      },
      redis,
    ));
  const run = (id: string, source: WarcSource, filter: WarcFilter): Promise<IngestStatus> =>
    runIngest(id, source, filter, {
      redis,
      cleanQueue: deps.queues.clean,
      prefix: config.NEWSFLOW_QUEUE_PREFIX,
      maxBodyBytes: config.FETCH_MAX_BYTES,
      maxPending: config.WARC_MAX_PENDING,
      indexedAmong: (docIds) => indexedAmong(deps.elasticsearch, deps.names, docIds),
      status,
      ...('url' in source ? { fetcher: fetcherDeps() } : {}),
    });
  return {
    run,
    read: (id: string) => status.read(id),
    newId: (): string => randomUUID(),
    close: async (): Promise<void> => fetcher?.close(),
  };
}
export type WarcRunner = ReturnType<typeof createWarcRunner>;

/** The docIds among these that the read alias already holds (an ids query: the alias may span versions). */
async function indexedAmong(client: Client, names: IndexNames, docIds: string[]): Promise<Set<string>> {
  if (docIds.length === 0) return new Set();
  const result = await client.search({
    index: names.readAlias,
    size: docIds.length,
    _source: false,
    query: { ids: { values: docIds } },
    allow_no_indices: true,
    ignore_unavailable: true,
  });
  return new Set(result.hits.hits.map((hit) => hit._id).filter((id): id is string => typeof id === 'string'));
}
