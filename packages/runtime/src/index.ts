export {
  createRedisClient,
  redisMasters,
  redisTopology,
  type RedisClient,
  type RedisConfig,
  type RedisTopology,
} from './connection.ts';
export { queueKey, queuePrefix } from './queue-prefix.ts';
export {
  createQueue,
  createQueues,
  closeQueues,
  enqueue,
  DEFAULT_JOB_OPTIONS,
  FETCH_JOB_OPTIONS,
  type StageQueue,
  type StageQueues,
} from './queues.ts';
export { runStage, type StageOptions, type RunningStage } from './stage-worker.ts';
export {
  defineStage,
  checkStages,
  type HandlerContext,
  type JobHandler,
  type NextJobs,
  type OutputWriters,
  type StageDefinition,
  type StageHandlers,
  type StageResult,
} from './stage-definition.ts';
export { createOutputWriter } from './stage-outputs.ts';
export { closeOnSignals } from './shutdown.ts';
export { asRedisFailure, isRedisUnavailable, retryWhileRedisUnavailable } from './redis-errors.ts';
export { layoutMoves, moveKeys, type KeyMove, type MoveReport } from './key-migration.ts';
export { createRecrawlSchedule, type RecrawlSchedule, type RecrawlEntry, type FirstFetch } from './recrawl-schedule.ts';
export { putRaw, getRaw, deleteRaw, rawKeyFor, RAW_TTL_SECONDS } from './raw-store.ts';
export {
  articleKeyFor,
  storeArticle,
  readArticle,
  deleteArticle,
  keepArticle,
  ARTICLE_PAYLOAD_TTL_SECONDS,
} from './article-payloads.ts';
export {
  createCoalescedMetrics,
  createMetricsRecorder,
  type MetricsRecorder,
  type JobOutcome,
  type EsBulkOutcome,
} from './metrics-recorder.ts';
export { instrumentProcessor, failureReasonOf } from './metrics-hook.ts';
export { createCoalescedRedis } from './coalesced-metrics.ts';
export {
  readMetrics,
  readThroughput,
  type MetricsSnapshot,
  type HistogramData,
  type MinuteThroughput,
} from './metrics-snapshot.ts';
export { renderPipelineMetrics } from './metrics-render.ts';
export { metricsKeys, DURATION_BUCKETS, LATENCY_BUCKETS } from './metrics-keys.ts';
export { listFailed, retryFailed, type FailedJob, type FailedQuery, type FailedListing } from './failures.ts';
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
  type BacklogBounds,
  type BacklogGate,
  type BacklogReading,
  type BacklogVerdict,
  type AdmitVerdict,
} from './backlog.ts';
export type { Admission } from './admissions.ts';
