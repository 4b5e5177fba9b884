// A job whose worker dies while holding it, on a real Redis with real worker processes killed -9:
// once, it is put back and done by the next worker; more than WORKER_MAX_STALLS times, it fails with
// the worker-lost reason code (BullMQ's own stall limit would fail it with a message and no code).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { createLogger } from '@newsflow/config';
import { docIdFor, reasonOf } from '@newsflow/contracts';
import type { FetchJob } from '@newsflow/contracts';
import { createQueue, runStage } from '@newsflow/runtime';
import { clearPrefix, stageRunning, uniquePrefix, waitFor, TEST_REDIS_URL } from '@newsflow/testkit';

const LOCK_MS = 1_000;
const HOLDER = join(import.meta.dirname, 'support/hanging-fetch-stage.ts');
const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
const prefixes: string[] = [];

after(async () => {
  for (const prefix of prefixes) await clearPrefix(redis, prefix);
  redis.disconnect();
});

/** Starts a fetch worker process that takes the job and hangs, and kills it -9 once it holds it. */
async function killWhileHolding(prefix: string, docId: string): Promise<void> {
  const holder = spawn(process.execPath, [HOLDER, TEST_REDIS_URL, prefix, String(LOCK_MS)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  holder.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await waitFor('the holder to take the job', async () => output.includes(`took ${docId}`) || undefined, 30_000, 50);
  } finally {
    const exited = once(holder, 'exit');
    holder.kill('SIGKILL');
    await exited;
  }
}

/** Kills a worker holding one job `kills` times, then lets a working fetch stage at it. */
async function afterKills(kills: number) {
  const prefix = uniquePrefix('stall');
  prefixes.push(prefix);
  const url = `https://example.com/stalled-${kills}`;
  const job: FetchJob = { url, docId: docIdFor(url), submittedAt: new Date().toISOString(), source: { kind: 'api' } };
  const queue = createQueue('fetch', redis, prefix);
  const added = await queue.add('fetch', job);
  for (let i = 0; i < kills; i++) await killWhileHolding(prefix, job.docId);
  let handled = 0;
  const stage = runStage(
    stageRunning('fetch', async () => void handled++),
    {
      config: {
        REDIS_URL: TEST_REDIS_URL,
        NEWSFLOW_QUEUE_PREFIX: prefix,
        WORKER_LOCK_DURATION_MS: LOCK_MS,
        WORKER_STALLED_INTERVAL_MS: LOCK_MS / 2,
      },
      concurrency: 1,
      log: createLogger('test', 'silent'),
    },
  );
  try {
    const ended = await waitFor('the job to end', async () => {
      const state = await queue.getJobState(added.id!);
      return state === 'completed' || state === 'failed' ? state : undefined;
    });
    return { ended, job: (await queue.getJob(added.id!))!, handled };
  } finally {
    await stage.close();
    await queue.close();
  }
}

test('a job whose worker was killed once is put back and done by the next worker', async () => {
  const { ended, job, handled } = await afterKills(1);
  assert.equal(ended, 'completed');
  assert.equal(job.stalledCounter, 1);
  assert.equal(handled, 1);
});

test('a job whose worker was killed twice fails once with the worker-lost reason, not an uncoded message', async () => {
  const { ended, job, handled } = await afterKills(2);
  assert.equal(ended, 'failed');
  assert.equal(reasonOf(job.failedReason), 'worker-lost');
  assert.match(job.failedReason, /died or froze past its lock 2 times \(WORKER_MAX_STALLS 1\)/);
  assert.equal(handled, 0);
});
