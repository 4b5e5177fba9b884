import type { BulkFloorResult } from '../floors/bulk-floor.ts';
import type { ParseFloorResult } from '../floors/parse-floor.ts';
import type { QueueFloorResult } from '../floors/queue-floor.ts';
import type { GrowthResult } from '../growth.ts';
import type { PipelineBenchOptions } from '../options.ts';
import type { CrawleeResult } from '../peers/crawlee-peer.ts';
import type { ExtractorsResult } from '../peers/readability-peer.ts';
import type { PhaseUsage } from '../measure/phase.ts';
import type { LatencyRunResult } from '../stages/latency-run.ts';
import type { PipelineRunResult } from '../stages/pipeline-run.ts';
import type { Stage } from '../stages/run-context.ts';
import type { SoakResult } from '../stages/soak.ts';
import type { StagesAloneResult } from '../stages/stage-alone.ts';
import type { ProfileSummary } from './cpu-profile.ts';

export interface StageProfile extends ProfileSummary {
  stage: Stage;
  pages: number;
  /** the process's CPU (from /proc) per page over the profiled run */
  cpuMsPerPage: number;
}

export interface Machine {
  cpus: number;
  loadBefore: number[];
  loadAfter: number[];
  node: string;
}

/** Everything one `npm run bench -- pipeline` measured; written as JSON beside the markdown. */
export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  options: PipelineBenchOptions;
  machine: Machine;
  corpus: {
    urls: number;
    hosts: number;
    realPages: number;
    syndicatedGroups: number;
    copies: number;
    /** URLs per phase (see PipelineBenchOptions.slice); absent in reports from before slices */
    slices?: { a: number; b: number; rest: number };
  };
  alone: StagesAloneResult;
  pipelines: PipelineRunResult[];
  redisCommandsPerPage: { total: number; top: Array<{ command: string; perItem: number }> };
  latency: LatencyRunResult;
  /** the profiled pipeline run (1 process per stage, all submitted at once); absent in reports from before it */
  profiled?: PipelineRunResult;
  profiles: StageProfile[];
  floors: { queue: QueueFloorResult; parse: ParseFloorResult; bulk: BulkFloorResult };
  peers: { crawlee: PhaseUsage & { result: CrawleeResult }; extractors: PhaseUsage & { result: ExtractorsResult } };
  growth?: GrowthResult;
}

export interface SoakReport {
  startedAt: string;
  options: PipelineBenchOptions;
  machine: Machine;
  soak: SoakResult;
}
