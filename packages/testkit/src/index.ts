export { waitFor } from './wait-for.ts';
export { uniquePrefix } from './unique.ts';
export { freePort } from './free-port.ts';
export { spawnPipeline, spawnService, stopProcesses, PIPELINE_SERVICES } from './pipeline-processes.ts';
export type { RunningPipeline, PipelineOptions, PipelineService } from './pipeline-processes.ts';
export { startFaultProxy } from './fault-proxy.ts';
export type { FaultProxy, FaultMode } from './fault-proxy.ts';
export { makeArticleDocument } from './article-document.ts';
