// One hop of the queue floor: a BullMQ worker that takes an empty job from its queue and adds an
// empty job to the next (as a stage does with its output), with the stages' concurrency.
//   node queue-floor-worker.ts QUEUE NEXT_QUEUE|- PREFIX CONCURRENCY   (REDIS_URL from the environment)
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';

const [queueName = '', next = '-', prefix = '', concurrency = '8'] = process.argv.slice(2);
const connection = new Redis(process.env.REDIS_URL ?? '', { maxRetriesPerRequest: null });
const nextQueue = next === '-' ? undefined : new Queue(next, { connection, prefix });
const worker = new Worker(
  queueName,
  async (job) => {
    await nextQueue?.add(next, {}, { jobId: `${next}-${job.id ?? ''}`, removeOnComplete: { count: 200_000 } });
  },
  { connection, prefix, concurrency: Number(concurrency) },
);
process.on(
  'SIGTERM',
  () =>
    void worker.close().then(async () => {
      await nextQueue?.close();
      connection.disconnect();
      process.exit(0);
    }),
);
