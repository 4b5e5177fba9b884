import { reindex } from '@newsflow/search';
import type { Client, IndexLayout, IndexNames, ReindexResult } from '@newsflow/search';
import type { RedisClient } from '@newsflow/runtime';

export interface ReindexState {
  status: 'idle' | 'running' | 'done' | 'failed';
  startedAt?: string;
  finishedAt?: string;
  copied?: number;
  result?: ReindexResult;
  error?: string;
}

export interface ReindexRunner {
  state(): ReindexState;
  /** Starts a zero-downtime reindex in the background; false when one is already running. */
  start(): boolean;
}

/**
 * One zero-downtime reindex at a time per API process (@newsflow/search reindex: new versioned
 * index, copy, atomic alias swap). It can take minutes, so it runs in the background and is polled.
 */
export function createReindexRunner(
  client: Client,
  names: IndexNames,
  layout: IndexLayout,
  relabels: { redis: RedisClient; queuePrefix: string },
): ReindexRunner {
  let current: ReindexState = { status: 'idle' };
  const run = async (): Promise<void> => {
    try {
      const result = await reindex(client, names, {
        layout,
        relabels,
        onProgress: (stats) => (current = { ...current, copied: stats.copied }),
      });
      current = { ...current, status: 'done', finishedAt: new Date().toISOString(), copied: result.copied, result };
    } catch (error) {
      current = {
        ...current,
        status: 'failed',
        finishedAt: new Date().toISOString(),
        error: error instanceof Error ? error.message : String(error),
      };
    }
  };
  return {
    state: () => current,
    start() {
      if (current.status === 'running') return false;
      current = { status: 'running', startedAt: new Date().toISOString(), copied: 0 };
      void run();
      return true;
    },
  };
}
