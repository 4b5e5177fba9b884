export { createRedis } from './connection.ts';
export { createQueue, createQueues, closeQueues, enqueue, DEFAULT_JOB_OPTIONS } from './queues.ts';
export type { StageQueue, StageQueues } from './queues.ts';
export { runStage } from './stage-worker.ts';
export type { StageContext, StageHandler, StageOptions, RunningStage } from './stage-worker.ts';
export { closeOnSignals } from './shutdown.ts';
export { putRaw, getRaw, deleteRaw, rawKeyFor, RAW_TTL_SECONDS } from './raw-store.ts';
