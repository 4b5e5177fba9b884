// The processes and clients of one fault or load run on its own Redis: the API once, the worker
// fleet, and the admin connection, stage queues and Elasticsearch client the run reads its state
// with; stopped in that order.
import { resolveConfig } from '@newsflow/config';
import { closeQueues, createQueues, createRedisClient } from '@newsflow/runtime';
import type { RedisClient, StageQueues } from '@newsflow/runtime';
import { createEsClient } from '@newsflow/search';
import type { Client } from '@newsflow/search';
import { spawnPipeline } from '@newsflow/testkit';
import type { RunningPipeline } from '@newsflow/testkit';
import { startFleet } from './worker-fleet.ts';
import type { WorkerFleet } from './worker-fleet.ts';

export interface RunStack {
  admin: RedisClient;
  es: Client;
  queues: StageQueues;
  api: RunningPipeline;
  fleet: WorkerFleet;
  stop(): Promise<void>;
}

export interface RunStackOptions {
  /** every process's environment (runEnv and the run's own settings) */
  env: Record<string, string>;
  prefix: string;
  /** the Elasticsearch the run reads its account from (the real one, not a fault proxy) */
  elasticsearchUrl: string;
  perStage: number;
  name: string;
}

export async function startRunStack(options: RunStackOptions): Promise<RunStack> {
  const admin = createRedisClient(resolveConfig(options.env), `${options.name}-admin`);
  admin.on('error', () => {}); // a Redis kill makes it complain; it reconnects by itself
  const es = createEsClient(options.elasticsearchUrl);
  const queues = createQueues(admin, options.prefix);
  const api = await spawnPipeline({ env: options.env, services: ['api'] });
  const fleet = startFleet({ ...process.env, ...options.env }, options.perStage);
  const stop = async () => {
    await fleet.stop();
    await api.stop();
    await closeQueues(queues);
    admin.disconnect();
    await es.close();
  };
  return { admin, es, queues, api, fleet, stop };
}
