export { createRedisClient, redisMasters, redisTopology } from './connection.ts';
export type { RedisClient, RedisConfig, RedisTopology } from './connection.ts';
export { queueKey, queuePrefix } from './queue-prefix.ts';
export { createQueue, createQueues, closeQueues, enqueue, DEFAULT_JOB_OPTIONS, FETCH_JOB_OPTIONS } from './queues.ts';
export type { StageQueue, StageQueues } from './queues.ts';
export { runStage } from './stage-worker.ts';
export type { StageOptions, RunningStage } from './stage-worker.ts';
export { defineStage, checkStages } from './stage-definition.ts';
export { createOutputWriter } from './stage-outputs.ts';
export type {
  HandlerContext,
  JobHandler,
  NextJobs,
  OutputWriters,
  StageDefinition,
  StageHandlers,
  StageResult,
} from './stage-definition.ts';
export { closeOnSignals } from './shutdown.ts';
export { asRedisFailure, isRedisUnavailable, retryWhileRedisUnavailable } from './redis-errors.ts';
export { layoutMoves, moveKeys } from './key-migration.ts';
export type { KeyMove, MoveReport } from './key-migration.ts';
export { putRaw, getRaw, deleteRaw, rawKeyFor, RAW_TTL_SECONDS } from './raw-store.ts';
export { createCoalescedMetrics, createMetricsRecorder } from './metrics-recorder.ts';
export type { MetricsRecorder, JobOutcome, EsBulkOutcome } from './metrics-recorder.ts';
export { instrumentProcessor, failureReasonOf } from './metrics-hook.ts';
export { createCoalescedRedis } from './coalesced-metrics.ts';
export { readMetrics, readThroughput } from './metrics-snapshot.ts';
export type { MetricsSnapshot, HistogramData, MinuteThroughput } from './metrics-snapshot.ts';
export { renderPipelineMetrics } from './metrics-render.ts';
export { metricsKeys, DURATION_BUCKETS, LATENCY_BUCKETS } from './metrics-keys.ts';
export { listFailed, retryFailed } from './failures.ts';
export type { FailedJob, FailedQuery, FailedListing } from './failures.ts';
export {
  submitFeed,
  submitSitemap,
  unsubmitDiscovery,
  type DiscoverySubmission,
  type DiscoveryOptions,
} from './discovery.ts';
export {
  enqueueUpsert,
  enqueueUpsertLines,
  storeUpsertPayload,
  readUpsertPayload,
  deleteUpsertPayload,
  keepUpsertPayload,
  upsertPayloadKey,
  UPSERT_PAYLOAD_TTL_SECONDS,
} from './upsert-payloads.ts';
export {
  assertRedisConnected,
  backlogBoundsOf,
  createBacklogGate,
  judgeBacklog,
  readBacklog,
  RedisUnreachableError,
  usedMemoryMb,
  withinRedisDeadline,
} from './backlog.ts';
export type { BacklogBounds, BacklogGate, BacklogReading, BacklogVerdict } from './backlog.ts';
