import type { Config } from '@newsflow/config';
import type { ArticleDocument } from '@newsflow/contracts';
import { createQueue, createRedisClient, enqueueUpsert } from '@newsflow/runtime';
import { timeRun } from './cpu-meter.ts';
import type { CpuMeter, CpuSpent } from './cpu-meter.ts';
import { clearPrefix } from '@newsflow/testkit';

/** Something that consumes the index queue once started (the indexer). */
export interface Consumer {
  waitUntilReady(): Promise<void>;
  run(): void;
  close(): Promise<void>;
}

/**
 * Puts the documents in a private queue as upsert jobs of `perJob` documents (what the dedupe
 * outbox produces), then times a consumer from the moment it starts fetching until every job is
 * completed, in documents per second: the producer and start-up are left out (the raw bulk run
 * gets a connected client too), job pickup is included.
 */
export async function timeQueueRun(
  config: Pick<Config, 'REDIS_URL' | 'NEWSFLOW_QUEUE_PREFIX'>,
  input: ArticleDocument[],
  perJob: number,
  start: () => Consumer,
  meter: CpuMeter,
): Promise<{ rate: number; cpu: CpuSpent; enqueued: CpuSpent }> {
  const redis = createRedisClient(config, 'bench');
  const queue = createQueue('index', redis, config.NEWSFLOW_QUEUE_PREFIX);
  try {
    // Enqueued as the dedupe outbox does; its serialisation of the documents is not timed here (the
    // serialised baseline serialises before its clock too; this cost is printed apart).
    const enqueueCpu = await meter.start();
    const jobs = [];
    for (let i = 0; i < input.length; i += perJob)
      jobs.push(await enqueueUpsert(queue, redis, input.slice(i, i + perJob)));
    const enqueued = await enqueueCpu();
    const consumer = start();
    await consumer.waitUntilReady();
    const { rate, cpu } = await timeRun(meter, input.length, async () => {
      consumer.run();
      for (;;) {
        const counts = await queue.getJobCounts('completed', 'failed');
        if ((counts.completed ?? 0) + (counts.failed ?? 0) >= jobs.length) {
          if (counts.failed) throw new Error(`${counts.failed} jobs failed`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });
    await consumer.close();
    return { rate, cpu, enqueued };
  } finally {
    await queue.obliterate({ force: true });
    await queue.close();
    await clearPrefix(redis, config.NEWSFLOW_QUEUE_PREFIX);
    redis.disconnect();
  }
}
