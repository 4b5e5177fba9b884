import { Queue, Worker } from 'bullmq';
import type { Config } from '@newsflow/config';
import { createRedisClient, queuePrefix } from '@newsflow/runtime';
import type { Client, IndexNames } from '@newsflow/search';
import type { RedisClient, RedisConfig } from '@newsflow/runtime';
import { deliverWebhook } from './deliver-webhook.ts';
import { matchSavedSearches } from './match-saved-searches.ts';
import { createSavedStore } from './saved-store.ts';
import { WEBHOOK_QUEUE } from './webhook-jobs.ts';
import type { WebhookJob } from './webhook-jobs.ts';
import { createWebhookSender } from './webhook-sender.ts';
import type { WebhookConfig } from './webhook-sender.ts';

export const CHECK_QUEUE = 'saved-searches';
/** One scheduler id for every process: BullMQ keeps one schedule, so N API processes still run one check per interval. */
export const CHECK_SCHEDULER_ID = 'saved-search-check';
const DAY_SECONDS = 24 * 3600;

export type AlertsConfig = WebhookConfig &
  RedisConfig &
  Pick<
    Config,
    | 'NEWSFLOW_QUEUE_PREFIX'
    | 'SAVED_SEARCH_INTERVAL_MS'
    | 'SAVED_SEARCH_SETTLE_MS'
    | 'WEBHOOK_ATTEMPTS'
    | 'WEBHOOK_BACKOFF_MS'
  >;

export interface AlertsDeps {
  config: AlertsConfig;
  redis: RedisClient;
  elasticsearch: Client;
  names: IndexNames;
}

export interface RunningAlerts {
  webhooks: Queue<WebhookJob>;
  checks: Queue;
  close(): Promise<void>;
}

/** The saved-search check (a repeatable job) and the webhook sender (a queue with retries), as workers. */
export async function startAlerts(deps: AlertsDeps): Promise<RunningAlerts> {
  const { config, redis, elasticsearch, names } = deps;
  const prefix = config.NEWSFLOW_QUEUE_PREFIX;
  const store = createSavedStore(redis, prefix);
  const sender = createWebhookSender(config);
  // Each queue under its own hash tag, as the stage queues: whole in one slot of a Redis Cluster.
  const webhooks = new Queue<WebhookJob>(WEBHOOK_QUEUE, {
    connection: redis,
    prefix: queuePrefix(prefix, WEBHOOK_QUEUE),
    defaultJobOptions: {
      attempts: config.WEBHOOK_ATTEMPTS,
      backoff: { type: 'exponential', delay: config.WEBHOOK_BACKOFF_MS, jitter: 0.3 },
      // Kept a week: a delivery id seen again within it (a repeated run) adds nothing.
      removeOnComplete: { age: 7 * DAY_SECONDS },
      removeOnFail: { age: 30 * DAY_SECONDS },
    },
  });
  const checks = new Queue(CHECK_QUEUE, { connection: redis, prefix: queuePrefix(prefix, CHECK_QUEUE) });
  await checks.upsertJobScheduler(
    CHECK_SCHEDULER_ID,
    { every: config.SAVED_SEARCH_INTERVAL_MS },
    { name: 'check', opts: { removeOnComplete: true, removeOnFail: 50 } },
  );
  const connections = [createRedisClient(config, 'alerts-check'), createRedisClient(config, 'alerts-webhooks')];
  const checker = new Worker(
    CHECK_QUEUE,
    async () =>
      matchSavedSearches(
        { elasticsearch, names, store, webhooks },
        new Date(Date.now() - config.SAVED_SEARCH_SETTLE_MS),
      ),
    { connection: connections[0]!, prefix: queuePrefix(prefix, CHECK_QUEUE), concurrency: 1 },
  );
  const delivery = new Worker<WebhookJob>(WEBHOOK_QUEUE, (job) => deliverWebhook(job, store, sender), {
    connection: connections[1]!,
    prefix: queuePrefix(prefix, WEBHOOK_QUEUE),
    concurrency: 8,
  });
  for (const worker of [checker, delivery]) worker.on('error', (error) => console.error(`alerts: ${error.message}`));
  checker.on('failed', (_job, error) => console.error(`alerts: a saved-search check failed: ${error.message}`));
  const close = async () => {
    await Promise.all([checker.close(), delivery.close()]);
    await Promise.all([webhooks.close(), checks.close(), sender.close()]);
    for (const connection of connections) connection.disconnect();
  };
  return { webhooks, checks, close };
}
