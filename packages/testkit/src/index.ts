export { waitFor } from './wait-for.ts';
export { uniquePrefix } from './unique.ts';
export { freePort } from './free-port.ts';
export { startLocalRedis } from './local-redis.ts';
export type { LocalRedis } from './local-redis.ts';
export {
  spawnPipeline,
  spawnService,
  stopProcesses,
  PIPELINE_SERVICES,
  pipelineServicesFor,
} from './pipeline-processes.ts';
export type { RunningPipeline, PipelineOptions, PipelineService } from './pipeline-processes.ts';
export { spawnTestPipeline, removeTestData } from './test-pipeline.ts';
export type { PrefixIndices } from './test-pipeline.ts';
export { useTestQueues } from './test-queues.ts';
export type { TestQueues } from './test-queues.ts';
export { startFaultProxy } from './fault-proxy.ts';
export type { FaultProxy, FaultMode } from './fault-proxy.ts';
export { makeArticleDocument } from './article-document.ts';
export { clearPrefix, listKeys, scanServer } from './redis-prefix.ts';
export type { PrefixRedis, PrefixCluster } from './redis-prefix.ts';
export { stageRunning, handOnce } from './stage-helpers.ts';
export { runContractStage, stageContract } from './stage-contract.ts';
export type { BuiltStage, ContractSubject } from './stage-contract.ts';
export * from './hostile-catalogue.ts';
export { hostileLedger } from './hostile-ledger.ts';
export type { HostileLedger } from './hostile-ledger.ts';
export { startHttpFaultProxy } from './http-fault-proxy.ts';
export type { HttpFaultProxy, HttpFaultMode } from './http-fault-proxy.ts';
export { TEST_ELASTICSEARCH_URL, TEST_REDIS_URL } from './backends.ts';
