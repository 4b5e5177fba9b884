// Back-pressure: how much work waits in Redis, and whether more may come in. Intake (the API's
// POST routes) and discovery (feeds, sitemaps, sites expanding into article jobs) ask the gate
// before they add jobs; past a bound they refuse (503 + Retry-After) or pause, so Redis memory
// stays within what the operator configured instead of growing until Redis refuses writes.
// Memory is read per master (INFO memory on each node of a Cluster): one full slot range is
// enough to fail writes, so the fullest master is what counts.
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUE_NAMES } from '@newsflow/contracts';
import { redisMasters } from './connection.ts';
import type { RedisClient } from './connection.ts';
import type { StageQueues } from './queues.ts';
import { isRedisUnavailable } from './redis-errors.ts';
import { createAdmissionLedger } from './admissions.ts';
import type { Admission } from './admissions.ts';

export interface BacklogBounds {
  /** Jobs not done across the stage queues (waiting, delayed, prioritized, active); 0: no bound. */
  maxJobs: number;
  /** used_memory of the fullest Redis master, in MB, with what the waiting jobs will add; 0: no bound. */
  maxRedisMemoryMb: number;
  /**
   * What one waiting job will leave in Redis once the pipeline has processed it, in KB (its
   * completed-job records, kept a day, and the dedupe and story entries of its document). Used
   * memory alone lags the work already admitted: a backlog taken in under the bound pushes Redis
   * past it while it drains. 0: used memory alone.
   */
  redisKbPerJob: number;
  /** A reading that takes longer than this counts as Redis unreachable. */
  timeoutMs: number;
  retryAfterSeconds: number;
}

export interface BacklogReading {
  /** Jobs not done per queue and in all. */
  queues: Record<string, number>;
  jobs: number;
  /** used_memory of the fullest master, MB (one decimal). */
  redisMemoryMb: number;
  /** What that master's key tables take at once when they next double, MB (keyTableReserveMb). */
  redisReserveMb: number;
}

export type BacklogVerdict =
  | { open: true; reading: BacklogReading }
  | { open: false; cause: 'redis-unreachable' | 'backlog'; reason: string; retryAfterSeconds: number };

/** An open verdict carries the admission its caller settles once the jobs are in Redis. */
export type AdmitVerdict =
  Exclude<BacklogVerdict, { open: true }> | { open: true; reading: BacklogReading; admission: Admission };

export interface BacklogGate {
  /** A fresh or recent (within `cacheMs`) verdict; never waits longer than the bound's timeout. */
  check(): Promise<BacklogVerdict>;
  /**
   * The verdict on adding `jobs`, counting what was admitted since the reading began; when open,
   * the jobs are counted as admitted in the same turn, so concurrent callers never share a figure.
   */
  admit(jobs: number): Promise<AdmitVerdict>;
  /** A fresh reading, for figures (throws when Redis is unreachable). */
  read(): Promise<BacklogReading>;
}

export class RedisUnreachableError extends Error {
  override name = 'RedisUnreachableError';
}

// Active jobs count too: each will leave what a waiting one leaves, and with a few dozen in the
// stages' hands at once, leaving them out let a drained backlog end past the memory bound.
const UNFINISHED_STATES = ['waiting', 'delayed', 'prioritized', 'active'] as const;

/** Pure: whether a reading is within the bounds, and if not, a sentence saying which and by how much. */
export function judgeBacklog(reading: BacklogReading, bounds: BacklogBounds): BacklogVerdict {
  const retryAfterSeconds = bounds.retryAfterSeconds;
  if (bounds.maxJobs > 0 && reading.jobs > bounds.maxJobs)
    return {
      open: false,
      cause: 'backlog',
      reason: `the pipeline is behind: ${reading.jobs} jobs waiting or running, over INTAKE_MAX_BACKLOG (${bounds.maxJobs})`,
      retryAfterSeconds,
    };
  const projectedMb = projectedRedisMemoryMb(reading, bounds);
  if (bounds.maxRedisMemoryMb > 0 && projectedMb > bounds.maxRedisMemoryMb)
    return {
      open: false,
      cause: 'backlog',
      reason: `${memorySentence(reading, projectedMb)}, over INTAKE_MAX_REDIS_MEMORY_MB (${bounds.maxRedisMemoryMb})`,
      retryAfterSeconds,
    };
  return { open: true, reading };
}

/**
 * Pure: the fullest master's used memory once the waiting jobs are processed, in MB. On a Cluster
 * the jobs' share is counted on that one master: more than it will get, so the bound holds there.
 */
export function projectedRedisMemoryMb(reading: BacklogReading, bounds: Pick<BacklogBounds, 'redisKbPerJob'>): number {
  const jobsMb = (reading.jobs * bounds.redisKbPerJob) / 1024;
  return Math.round((reading.redisMemoryMb + reading.redisReserveMb + jobsMb) * 10) / 10;
}

/**
 * Pure: what Redis allocates in one step when its key tables (the keyspace, and the keys with an
 * expiry) next grow, in MB. A table of 2^n slots doubles once it holds 2^n keys: 8 bytes a slot,
 * the new table beside the old until rehashed, so 16 bytes per slot of the current size. No
 * per-job average foresees that step (4 MB past a quarter of a million keys, 8 past half a
 * million): a drained backlog ended 0.7% past the bound on one. Held in reserve, always.
 */
export function keyTableReserveMb(keys: number, expires: number): number {
  const slots = (count: number) => (count === 0 ? 0 : 2 ** Math.ceil(Math.log2(count)));
  return Math.round(((slots(keys) + slots(expires)) * 16) / 104_857.6) / 10;
}

/** Pure: the keys and keys with an expiry over every database of an INFO keyspace reply. */
export function keyspaceCounts(info: string): { keys: number; expires: number } {
  let [keys, expires] = [0, 0];
  for (const match of info.matchAll(/^db\d+:keys=(\d+),expires=(\d+)/gm)) {
    keys += Number(match[1]);
    expires += Number(match[2]);
  }
  return { keys, expires };
}

function memorySentence(reading: BacklogReading, projectedMb: number): string {
  const reserve =
    reading.redisReserveMb > 0 ? ` (${reading.redisReserveMb} MB more once its key tables next double)` : '';
  const held = `Redis holds ${reading.redisMemoryMb} MB${reserve}`;
  if (reading.jobs === 0 || projectedMb === projectedRedisMemoryMb(reading, { redisKbPerJob: 0 })) return held;
  const jobs = reading.jobs === 1 ? 'the 1 job' : `the ${reading.jobs} jobs`;
  return `${held} and ${jobs} waiting or running will leave it about ${projectedMb} MB once processed (INTAKE_REDIS_KB_PER_JOB each)`;
}

/** Pure: used_memory from an INFO memory reply, in MB. */
export function usedMemoryMb(info: string): number {
  const bytes = Number(/^used_memory:(\d+)/m.exec(info)?.[1] ?? NaN);
  if (!Number.isFinite(bytes)) throw new Error('INFO memory has no used_memory line');
  return Math.round(bytes / 104_857.6) / 10;
}

/** Rejects with RedisUnreachableError unless `work` settles within `ms` (the work itself is not cancelled). */
export async function withinRedisDeadline<T>(work: Promise<T>, ms: number, what = 'Redis'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisUnreachableError(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Throws RedisUnreachableError at once when the client is not connected (its commands would wait). */
export function assertRedisConnected(redis: RedisClient): void {
  if (redis.status !== 'ready') throw new RedisUnreachableError(`Redis is unreachable (connection ${redis.status})`);
}

export async function readBacklog(redis: RedisClient, queues: StageQueues): Promise<BacklogReading> {
  const [counts, infos] = await Promise.all([
    Promise.all(QUEUE_NAMES.map((name) => (queues[name] as Queue).getJobCounts(...UNFINISHED_STATES))),
    Promise.all(redisMasters(redis).map(readMaster)),
  ]);
  const perQueue = Object.fromEntries(
    QUEUE_NAMES.map((name, i) => [name, Object.values(counts[i] ?? {}).reduce((sum, n) => sum + n, 0)]),
  );
  return {
    queues: perQueue,
    jobs: Object.values(perQueue).reduce((sum, n) => sum + n, 0),
    ...fullest(infos),
  };
}

async function readMaster(master: Redis): Promise<{ redisMemoryMb: number; redisReserveMb: number }> {
  const [memory, keyspace] = await Promise.all([master.info('memory'), master.info('keyspace')]);
  const { keys, expires } = keyspaceCounts(keyspace);
  return { redisMemoryMb: usedMemoryMb(memory), redisReserveMb: keyTableReserveMb(keys, expires) };
}

/** The master nearest to the bound: the most used memory with its reserve. */
function fullest(masters: { redisMemoryMb: number; redisReserveMb: number }[]) {
  const total = (m: { redisMemoryMb: number; redisReserveMb: number }) => m.redisMemoryMb + m.redisReserveMb;
  return masters.reduce((a, b) => (total(b) > total(a) ? b : a), { redisMemoryMb: 0, redisReserveMb: 0 });
}

/**
 * The gate over one connection and the stage queues. Readings are shared for `cacheMs` (one
 * round of counts per second, however many requests arrive), and a disconnected client is
 * answered at once: nothing is sent that would sit in ioredis's offline queue. Jobs admitted
 * since a reading began are added to it (see admissions.ts).
 */
export function createBacklogGate(
  redis: RedisClient,
  queues: StageQueues,
  bounds: BacklogBounds,
  cacheMs = 1_000,
): BacklogGate {
  let recent: { at: number; reading: Promise<BacklogReading> } | undefined;
  const admitted = createAdmissionLedger(Math.max(60_000, cacheMs * 10));
  const read = async (): Promise<BacklogReading> => {
    assertRedisConnected(redis);
    return withinRedisDeadline(readBacklog(redis, queues), bounds.timeoutMs, 'Redis (backlog reading)');
  };
  const currentReading = () => {
    if (!recent || Date.now() - recent.at >= cacheMs) {
      const reading = read();
      recent = { at: Date.now(), reading };
      reading.catch(() => (recent = undefined));
    }
    return recent;
  };
  // Nothing is awaited between the judgement and the admission: that is what keeps two callers apart.
  async function judge(admitting: number): Promise<AdmitVerdict>;
  async function judge(): Promise<BacklogVerdict>;
  async function judge(admitting?: number): Promise<AdmitVerdict | BacklogVerdict> {
    const current = currentReading();
    try {
      const reading = await current.reading;
      const verdict = judgeBacklog({ ...reading, jobs: reading.jobs + admitted.unseenBy(current.at) }, bounds);
      if (!verdict.open || admitting === undefined) return verdict;
      return { ...verdict, admission: admitted.admit(admitting) };
    } catch (error) {
      if (!(error instanceof RedisUnreachableError) && !isRedisUnavailable(error)) throw error;
      return { open: false, cause: 'redis-unreachable', reason: (error as Error).message, retryAfterSeconds: 5 };
    }
  }
  return { check: () => judge(), admit: (jobs) => judge(jobs), read };
}

/** The bounds as configured (INTAKE_*). */
export function backlogBoundsOf(config: {
  INTAKE_MAX_BACKLOG: number;
  INTAKE_MAX_REDIS_MEMORY_MB: number;
  INTAKE_REDIS_KB_PER_JOB: number;
  INTAKE_REDIS_TIMEOUT_MS: number;
  INTAKE_RETRY_AFTER_SECONDS: number;
}): BacklogBounds {
  return {
    maxJobs: config.INTAKE_MAX_BACKLOG,
    maxRedisMemoryMb: config.INTAKE_MAX_REDIS_MEMORY_MB,
    redisKbPerJob: config.INTAKE_REDIS_KB_PER_JOB,
    timeoutMs: config.INTAKE_REDIS_TIMEOUT_MS,
    retryAfterSeconds: config.INTAKE_RETRY_AFTER_SECONDS,
  };
}
