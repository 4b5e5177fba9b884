import type { RedisClient } from '@newsflow/runtime';
import { redisKeys } from '@newsflow/contracts';
import type { WarcSkipReason } from './record-filter.ts';

/** Counts of one run so far. */
export interface IngestProgress {
  /** WARC records read (every type). */
  read: number;
  /** HTML pages handed to the clean stage. */
  kept: number;
  skipped: Partial<Record<WarcSkipReason, number>>;
  /** Bytes read from the archive as stored (compressed for .warc.gz). */
  bytes: number;
}

export type IngestState = 'running' | 'done' | 'failed';

export interface IngestStatus extends IngestProgress {
  id: string;
  state: IngestState;
  source: string;
  startedAt: string;
  updatedAt: string;
  finishedAt?: string;
  /** Why the run stopped early: a truncated or malformed archive, a failed download. */
  error?: string;
  recordsPerSecond: number;
  megabytesPerSecond: number;
}

/** Runs are listed for a week, then forgotten (the jobs they queued carry their own retention). */
const STATUS_TTL_SECONDS = 7 * 86_400;

export function emptyProgress(): IngestProgress {
  return { read: 0, kept: 0, skipped: {}, bytes: 0 };
}

/** One run's status as a Redis hash, so the API process that runs it and any other can report it. */
export function createStatusStore(redis: RedisClient, prefix: string) {
  const keyOf = redisKeys(prefix).warcIngest;
  const write = async (id: string, fields: Record<string, string>): Promise<void> => {
    await redis.multi().hset(keyOf(id), fields).expire(keyOf(id), STATUS_TTL_SECONDS).exec();
  };
  return {
    start: (id: string, source: string, at = new Date()) =>
      write(id, {
        id,
        source,
        state: 'running',
        startedAt: at.toISOString(),
        updatedAt: at.toISOString(),
        ...fieldsOf(emptyProgress()),
      }),
    progress: (id: string, progress: IngestProgress, at = new Date()) =>
      write(id, { updatedAt: at.toISOString(), ...fieldsOf(progress) }),
    finish: (id: string, progress: IngestProgress, error?: string, at = new Date()) =>
      write(id, {
        state: error === undefined ? 'done' : 'failed',
        updatedAt: at.toISOString(),
        finishedAt: at.toISOString(),
        ...fieldsOf(progress),
        ...(error === undefined ? {} : { error }),
      }),
    async read(id: string): Promise<IngestStatus | undefined> {
      const stored = await redis.hgetall(keyOf(id));
      return stored.id ? statusOf(stored) : undefined;
    },
  };
}
export type StatusStore = ReturnType<typeof createStatusStore>;

function fieldsOf(progress: IngestProgress): Record<string, string> {
  return {
    read: String(progress.read),
    kept: String(progress.kept),
    bytes: String(progress.bytes),
    skipped: JSON.stringify(progress.skipped),
  };
}

function statusOf(stored: Record<string, string>): IngestStatus {
  const read = Number(stored.read ?? 0);
  const bytes = Number(stored.bytes ?? 0);
  const end = Date.parse(stored.finishedAt ?? stored.updatedAt ?? '');
  const seconds = Math.max((end - Date.parse(stored.startedAt ?? '')) / 1000, 0.001);
  return {
    id: stored.id ?? '',
    state: (stored.state ?? 'running') as IngestState,
    source: stored.source ?? '',
    startedAt: stored.startedAt ?? '',
    updatedAt: stored.updatedAt ?? '',
    ...(stored.finishedAt ? { finishedAt: stored.finishedAt } : {}),
    ...(stored.error ? { error: stored.error } : {}),
    read,
    kept: Number(stored.kept ?? 0),
    skipped: JSON.parse(stored.skipped ?? '{}') as IngestProgress['skipped'],
    bytes,
    recordsPerSecond: Math.round(read / seconds),
    megabytesPerSecond: Math.round((bytes / 1e6 / seconds) * 100) / 100,
  };
}
