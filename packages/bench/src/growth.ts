import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const CLUSTER_BENCH = join(import.meta.dirname, '../../cluster/bench/cluster-bench.ts');

export interface GrowthRow {
  docs: number;
  wallMsPerDoc: number;
  clientCpuUsPerDoc: number;
  redisScriptUsPerDoc: number;
  redisBytesPerDoc: number;
}

export interface GrowthResult {
  /** set when the cluster bench could not run; the figures are then absent */
  error?: string;
  results: GrowthRow[];
  /** CPU per document (client + Redis script) at the largest size over the smallest */
  cpuRatio: number;
  wallRatio: number;
}

/**
 * The dedupe growth figures come from the cluster bench (packages/cluster), run as it is in
 * `npm run bench -- cluster`; its JSON is carried into this report unchanged.
 */
export function runGrowth(redisUrl: string, sizes: readonly number[], jsonFile: string): GrowthResult {
  if (!existsSync(CLUSTER_BENCH)) return failed(`cluster bench missing at ${CLUSTER_BENCH}`);
  const run = spawnSync(process.execPath, [CLUSTER_BENCH, '--sizes', sizes.join(','), '--json', jsonFile], {
    env: { ...process.env, REDIS_URL: redisUrl },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  // a failure here is reported loudly in the report, not allowed to throw away the other figures
  if (run.status !== 0) return failed(`cluster bench exited with ${run.status ?? run.signal} (its output is above)`);
  return JSON.parse(readFileSync(jsonFile, 'utf8')) as GrowthResult;
}

function failed(error: string): GrowthResult {
  console.error(`growth: ${error}`);
  return { error, results: [], cpuRatio: Number.NaN, wallRatio: Number.NaN };
}
