import { redisKeys } from '@newsflow/contracts';

/**
 * The indexer's health, kept in a Redis hash so the API and /metrics can show it without talking
 * to the indexer process. The indexer writes it (see services/indexer health-reporter); anyone
 * with a Redis connection reads it with readIndexerHealth.
 */
export type IndexerStatus = 'ok' | 'degraded' | 'down' | 'unknown';

export interface IndexerHealth {
  /** 'unknown' when no indexer has reported, or its last report is older than STALE_AFTER_MS. */
  status: IndexerStatus;
  /** The status the indexer last wrote, even when stale. */
  reportedStatus: IndexerStatus;
  /** True while the indexer holds back new jobs because Elasticsearch is down or refusing. */
  paused: boolean;
  lastError: string | null;
  lastErrorAt: string | null;
  lastSuccessAt: string | null;
  updatedAt: string | null;
  bulk: {
    requests: number;
    documents: number;
    rejected: number;
    retried: number;
    lastTookMs: number | null;
    lastDocuments: number | null;
  };
}

/** The reporter rewrites the hash at least this often while running. */
export const HEALTH_HEARTBEAT_MS = 10_000;
const STALE_AFTER_MS = 3 * HEALTH_HEARTBEAT_MS;

/** Redis key of the indexer's health hash. */
export function indexerHealthKey(queuePrefix: string): string {
  return redisKeys(queuePrefix).indexerHealth;
}

/** The one Redis command needed here, so this package doesn't depend on a Redis client. */
export interface HashReader {
  hgetall(key: string): Promise<Record<string, string>>;
}

/** Reads the indexer's health (for GET /api/health, /metrics, the CLI). */
export async function readIndexerHealth(
  redis: HashReader,
  queuePrefix: string,
  now = Date.now(),
): Promise<IndexerHealth> {
  return parseIndexerHealth(await redis.hgetall(indexerHealthKey(queuePrefix)), now);
}

/** Pure: the hash fields as an IndexerHealth. */
export function parseIndexerHealth(fields: Record<string, string>, now = Date.now()): IndexerHealth {
  const reported = asStatus(fields.status);
  const updatedAt = fields.updatedAt ?? null;
  const stale = updatedAt === null || now - Date.parse(updatedAt) > STALE_AFTER_MS;
  return {
    status: stale ? 'unknown' : reported,
    reportedStatus: reported,
    paused: fields.paused === '1',
    lastError: fields.lastError ?? null,
    lastErrorAt: fields.lastErrorAt ?? null,
    lastSuccessAt: fields.lastSuccessAt ?? null,
    updatedAt,
    bulk: {
      requests: int(fields.bulkRequests) ?? 0,
      documents: int(fields.bulkDocuments) ?? 0,
      rejected: int(fields.bulkRejected) ?? 0,
      retried: int(fields.bulkRetried) ?? 0,
      lastTookMs: int(fields.lastBulkMs),
      lastDocuments: int(fields.lastBulkDocuments),
    },
  };
}

function asStatus(value: string | undefined): IndexerStatus {
  return value === 'ok' || value === 'degraded' || value === 'down' ? value : 'unknown';
}

function int(value: string | undefined): number | null {
  if (value === undefined) return null;
  const parsed = Number.parseInt(value, 10);
  return Number.isFinite(parsed) ? parsed : null;
}
