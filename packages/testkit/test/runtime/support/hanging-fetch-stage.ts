// A fetch stage process whose handler never returns: it takes a job, says so on stdout, and holds it
// until the test kills it with SIGKILL, as a worker that crashes on a page would.
import { createLogger } from '@newsflow/config';
import { runStage } from '@newsflow/runtime';
import { stageRunning } from '@newsflow/testkit';

const [redisUrl, prefix, lockMs] = process.argv.slice(2) as [string, string, string];
runStage(
  stageRunning('fetch', async (job) => {
    console.log(`took ${job.docId}`);
    await new Promise(() => {});
  }),
  {
    config: {
      REDIS_URL: redisUrl,
      NEWSFLOW_QUEUE_PREFIX: prefix,
      WORKER_LOCK_DURATION_MS: Number(lockMs),
      WORKER_STALLED_INTERVAL_MS: Number(lockMs) / 2,
    },
    concurrency: 1,
    log: createLogger('hanging-fetch', 'silent'),
  },
);
