// Exercises the providers directly with explicit options: the test runner exports REDIS_URL and
// ELASTICSEARCH_URL for the shared services, and these tests must neither use nor disturb them.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { dockerEngineAvailable } from '../src/docker-engine.ts';
import { startNativeElasticsearch } from '../src/elasticsearch-native.ts';
import { startServices } from '../src/index.ts';
import { groupAlive } from '../src/process-supervisor.ts';
import { redisPing, startNativeRedis } from '../src/redis-native.ts';
import type { NativeService } from '../src/service.ts';

const quiet = () => {};

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function es(url: string, path: string, init?: RequestInit): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json' },
  });
  assert.ok(response.ok, `${init?.method ?? 'GET'} ${path}: HTTP ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

void test('URLs from the environment are used as is and nothing is started', async () => {
  const env = { REDIS_URL: 'redis://redis.example:6390', ELASTICSEARCH_URL: 'http://es.example:9201' };
  const services = await startServices({ purpose: 'test', env, log: quiet });
  assert.equal(services.redisUrl, env.REDIS_URL);
  assert.equal(services.elasticsearchUrl, env.ELASTICSEARCH_URL);
  assert.deepEqual(services.env, env);
  assert.deepEqual(services.provenance, { redis: 'env', elasticsearch: 'env' });
  await services.stop();
});

void test('Docker engine detection answers in well under a second', async () => {
  const startedAt = Date.now();
  const available = await dockerEngineAvailable();
  assert.equal(typeof available, 'boolean');
  assert.ok(Date.now() - startedAt < 1_000, `took ${Date.now() - startedAt} ms`);
});

void test('native Redis and Elasticsearch start, serve, and stop without leftovers', { timeout: 240_000 }, async () => {
  const options = { purpose: 'test' as const, log: quiet };
  const [redis, elasticsearch] = await Promise.all([startNativeRedis(options), startNativeElasticsearch(options)]);
  const started: NativeService[] = [redis, elasticsearch];
  try {
    assert.equal(redis.provenance, 'native');
    assert.match(redis.url, /^redis:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(await redisPing(redis.port), true);

    assert.match(elasticsearch.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await es(elasticsearch.url, '/_cluster/health');
    assert.ok(['green', 'yellow'].includes(String(health.status)), `status ${String(health.status)}`);

    const doc = { title: 'Devstack smoke test', body: 'hello from newsflow' };
    const body = JSON.stringify(doc);
    await es(elasticsearch.url, '/devstack-smoke/_doc/1?refresh=true', { method: 'PUT', body });
    const fetched = await es(elasticsearch.url, '/devstack-smoke/_doc/1');
    assert.deepEqual(fetched._source, doc);
  } finally {
    await Promise.all(started.map((service) => service.stop()));
  }
  for (const service of started) {
    assert.ok(service.pid !== undefined);
    assert.equal(groupAlive(service.pid), false, `${service.url}: processes still alive`);
    assert.equal(await portFree(service.port), true, `${service.url}: port still bound`);
  }
});
