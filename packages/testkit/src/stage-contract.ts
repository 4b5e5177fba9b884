import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { JOBS, OUTPUTS, STAGES } from '@newsflow/contracts';
import type { JobName, QueueName } from '@newsflow/contracts';
import { createLogger } from '@newsflow/config';
import { closeQueues, createQueues, createRedisClient, runStage } from '@newsflow/runtime';
import type { RedisClient, StageDefinition, StageOptions, StageQueues } from '@newsflow/runtime';
import { clearPrefix } from './redis-prefix.ts';
import { TEST_REDIS_URL } from './backends.ts';

export interface ContractSubject {
  /** Starts the real stage (runStage with its real handlers) on this queue prefix. */
  start(prefix: string): Promise<{ close(): Promise<void> }>;
  /**
   * Puts a valid job's prerequisites in place (a raw page, a payload) and returns the job, the
   * same each time: the replay comes with them again, as from a replayed upstream stage.
   */
  validJob(prefix: string, redis: Redis): Promise<{ name: JobName; data: unknown }>;
  /**
   * What the stage did beside its outputs (documents in Elasticsearch), for the last stage; it must
   * not be empty after the valid job and must not change on a replay.
   */
  effect?(): Promise<unknown>;
}

/** A stage as a contract subject builds it on its Redis connection, and what else it opened. */
export interface BuiltStage<Q extends QueueName> {
  definition: StageDefinition<Q>;
  close?(): Promise<unknown>;
}

/**
 * A subject's start(): one Redis connection for `config`, the stage `build` makes on it, run by the
 * real runStage with `concurrency`; close() ends the stage, what `build` opened, then the connection.
 */
export function runContractStage<Q extends QueueName>(
  config: StageOptions<Q>['config'],
  concurrency: number,
  build: (redis: RedisClient) => BuiltStage<Q>,
): { close(): Promise<void> } {
  const redis = createRedisClient(config, 'stage-contract');
  const built = build(redis);
  const stage = runStage(built.definition, { config, concurrency, log: createLogger('test', 'silent') });
  return {
    close: async () => {
      await stage.close();
      await built.close?.();
      redis.disconnect();
    },
  };
}

type Snapshot = Array<{ queue: string; id: string; name: string; data: unknown }>;

/**
 * The contract every stage passes, on real Redis: it consumes a valid job and emits outputs that
 * pass their schemas, a replay of the same job changes nothing, and a bad payload fails once as
 * invalid-payload.
 */
export function stageContract(queue: QueueName, subject: ContractSubject): void {
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const prefix = `contract-${queue}-${randomBytes(4).toString('hex')}`;
  let queues: StageQueues;
  let stage: { close(): Promise<void> };
  let firstOutputs: Snapshot = [];
  let firstEffect: unknown;

  describe(`stage contract: ${queue}`, () => {
    before(async () => {
      queues = createQueues(redis, prefix);
      stage = await subject.start(prefix);
    });
    after(async () => {
      await stage.close();
      await closeQueues(queues);
      await clearPrefix(redis, prefix);
      redis.disconnect();
    });

    test('consumes a valid job and emits outputs that pass their schemas', async () => {
      await runToEnd(queues, queue, await subject.validJob(prefix, redis), 'contract-valid');
      firstOutputs = await outputsOf(queues, queue);
      for (const output of firstOutputs) {
        const parsed = JOBS[output.name as JobName].schema.safeParse(output.data);
        assert.ok(parsed.success, `${output.queue} job ${output.id} passes the ${output.name} schema`);
        // The runtime hands on the handler's own object, so it must carry nothing its schema drops.
        assert.deepEqual(parsed.data, output.data, `${output.queue} job ${output.id} has no key outside its schema`);
      }
      if (subject.effect) {
        firstEffect = await subject.effect();
        assert.ok(firstEffect !== undefined && firstEffect !== null, 'the stage had its effect');
      } else assert.ok(firstOutputs.length > 0, 'the stage handed something on');
    });

    test('a replay of the same job changes nothing', async () => {
      await runToEnd(queues, queue, await subject.validJob(prefix, redis), 'contract-replay');
      assert.deepEqual(await outputsOf(queues, queue), firstOutputs);
      if (subject.effect) assert.deepEqual(await subject.effect(), firstEffect);
    });

    test('a bad payload fails once as invalid-payload', async () => {
      const name = STAGES[queue].consumes[0];
      const job = await (queues[queue] as Queue).add(name, { bogus: true }, { jobId: 'contract-bad', attempts: 3 });
      const state = await settled(queues[queue] as Queue, String(job.id));
      const failed = await (queues[queue] as Queue).getJob(String(job.id));
      assert.equal(state, 'failed');
      assert.match(failed?.failedReason ?? '', /^invalid-payload: /);
      assert.equal(failed?.attemptsMade, 1);
    });
  });
}

async function runToEnd(
  queues: StageQueues,
  queue: QueueName,
  job: { name: JobName; data: unknown },
  jobId: string,
): Promise<void> {
  await (queues[queue] as Queue).add(job.name, job.data, { jobId });
  assert.equal(await settled(queues[queue] as Queue, jobId), 'completed');
}

/** State first, then anything else: read the other way round, an active job may look failed. */
async function settled(queue: Queue, jobId: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await queue.getJobState(jobId);
    if (state === 'completed' || state === 'failed' || Date.now() > deadline) return state;
    await sleep(50);
  }
}

/** Every job on the queues this stage may emit to, but the contract's own input jobs. */
async function outputsOf(queues: StageQueues, queue: QueueName): Promise<Snapshot> {
  const targets = [...new Set(STAGES[queue].emits.map((name) => OUTPUTS[name].queue))];
  const snapshot: Snapshot = [];
  for (const target of targets) {
    const jobs = await (queues[target] as Queue).getJobs(['waiting', 'delayed', 'prioritized']);
    for (const job of jobs)
      if (!String(job.id).startsWith('contract-'))
        snapshot.push({ queue: target, id: String(job.id), name: job.name, data: job.data });
  }
  return snapshot.sort((a, b) => a.id.localeCompare(b.id));
}
