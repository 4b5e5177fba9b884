// A test's whole pipeline under a prefix of its own on the test backends, and the clean-up that
// removes what it left. One place, so the end-to-end and API suites start and clear it alike.
import { Redis } from 'ioredis';
import { TEST_ELASTICSEARCH_URL, TEST_REDIS_URL } from './backends.ts';
import { spawnPipeline } from './pipeline-processes.ts';
import type { PipelineService, RunningPipeline } from './pipeline-processes.ts';
import { clearPrefix } from './redis-prefix.ts';

/** The two index calls the clean-up makes (the search package's client fits), so testkit needs no ES client. */
export interface PrefixIndices {
  indices: {
    delete(request: { index: string }): Promise<unknown>;
    deleteIndexTemplate(request: { name: string }): Promise<unknown>;
  };
}

/**
 * Stages and the API as processes on the test Redis and Elasticsearch, queues and indices under
 * `prefix`, loopback allowed for the test's own servers; `env` adds to or overrides that.
 */
export function spawnTestPipeline(
  prefix: string,
  env: Record<string, string> = {},
  services?: readonly PipelineService[],
): Promise<RunningPipeline> {
  return spawnPipeline({
    env: {
      ...{ REDIS_URL: TEST_REDIS_URL, ELASTICSEARCH_URL: TEST_ELASTICSEARCH_URL },
      ...{ NEWSFLOW_QUEUE_PREFIX: prefix, NEWSFLOW_INDEX_PREFIX: prefix },
      ...{ FETCH_ALLOW_PRIVATE: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    },
    services,
    output: (service, line) => process.stderr.write(`[${service}] ${line}\n`),
  });
}

/** Removes what a test pipeline left under its prefix: its indices and template, and its keys in the test Redis. */
export async function removeTestData(es: PrefixIndices, prefix: string, templateName: string): Promise<void> {
  await es.indices.delete({ index: `${prefix}-v*` }).catch(() => undefined);
  await es.indices.deleteIndexTemplate({ name: templateName }).catch(() => undefined);
  const redis = new Redis(TEST_REDIS_URL);
  try {
    await clearPrefix(redis, prefix);
  } finally {
    redis.disconnect();
  }
}
