import { Redis } from 'ioredis';
import { createEsClient, indexNames } from '@newsflow/search';
import type { Client, IndexNames } from '@newsflow/search';
import { spawnPipeline, uniquePrefix, TEST_ELASTICSEARCH_URL, TEST_REDIS_URL } from '@newsflow/testkit';
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
  const pipeline = await spawnPipeline({
    env: {
      ...{
        REDIS_URL: TEST_REDIS_URL,
        ELASTICSEARCH_URL: TEST_ELASTICSEARCH_URL,
        NEWSFLOW_QUEUE_PREFIX: prefix,
        NEWSFLOW_INDEX_PREFIX: prefix,
      },
      ...{ FETCH_ALLOW_PRIVATE: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    },
    services,
    output: (service, line) => process.stderr.write(`[${service}] ${line}\n`),
  });
  const stop = async (): Promise<void> => {
    await pipeline.stop();
    await es.indices.delete({ index: `${prefix}-v*` }).catch(() => undefined);
    await es.indices.deleteIndexTemplate({ name: names.templateName }).catch(() => undefined);
    const redis = new Redis(TEST_REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await es.close();
  };
  return { pipeline, es, names, stop };
}
