import { createEsClient, indexNames } from '@newsflow/search';
import type { Client, IndexNames } from '@newsflow/search';
import { removeTestData, spawnTestPipeline, uniquePrefix, TEST_ELASTICSEARCH_URL } from '@newsflow/testkit';
import type { PipelineService, RunningPipeline } from '@newsflow/testkit';

export interface PipelineStack {
  pipeline: RunningPipeline;
  es: Client;
  names: IndexNames;
  stop(): Promise<void>;
}

/**
 * Stages and the API as processes on real Redis and Elasticsearch under a prefix of their own
 * (loopback allowed for the test's servers); stop() ends them and removes the prefix's keys and indices.
 */
export async function startPipelineStack(
  name: string,
  services: readonly PipelineService[],
  env: Record<string, string> = {},
): Promise<PipelineStack> {
  const prefix = uniquePrefix(name);
  const names = indexNames(prefix);
  const es = createEsClient(TEST_ELASTICSEARCH_URL);
  const pipeline = await spawnTestPipeline(prefix, env, services);
  const stop = async (): Promise<void> => {
    await pipeline.stop();
    await removeTestData(es, prefix, names.templateName);
    await es.close();
  };
  return { pipeline, es, names, stop };
}
