import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, resolveConfig } from '@newsflow/config';

test('defaults fill an empty environment and the result is frozen', () => {
  const config = resolveConfig({});
  assert.equal(config.REDIS_URL, 'redis://127.0.0.1:6379');
  assert.equal(config.API_HOST, '127.0.0.1');
  assert.deepEqual(config.FETCH_ALLOW_PRIVATE, []);
  assert.ok(Object.isFrozen(config));
});

test('values are coerced from strings and empty strings count as unset', () => {
  const config = resolveConfig({
    API_PORT: '9090',
    FETCH_ALLOW_PRIVATE: '127.0.0.1, ::1',
    API_TOKEN: '',
    API_ENABLE_DASHBOARD: 'false',
  });
  assert.equal(config.API_PORT, 9090);
  assert.deepEqual(config.FETCH_ALLOW_PRIVATE, ['127.0.0.1', '::1']);
  assert.equal(config.API_TOKEN, undefined);
  assert.equal(config.API_ENABLE_DASHBOARD, false);
});

test('every bad variable is named in one error', () => {
  assert.throws(
    () => resolveConfig({ API_PORT: 'eighty', REDIS_URL: 'not a url', API_BASIC_AUTH: 'nopassword' }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      for (const name of ['API_PORT', 'REDIS_URL', 'API_BASIC_AUTH']) assert.match(error.message, new RegExp(name));
      return true;
    },
  );
});

test('Redis topology lists parse to host and port, and Cluster excludes Sentinel', () => {
  const config = resolveConfig({ REDIS_CLUSTER_NODES: '127.0.0.1:7000, redis-2:7001,[::1]:7002' });
  assert.deepEqual(config.REDIS_CLUSTER_NODES, [
    { host: '127.0.0.1', port: 7000 },
    { host: 'redis-2', port: 7001 },
    { host: '::1', port: 7002 },
  ]);
  assert.deepEqual(config.REDIS_SENTINELS, []);
  assert.equal(config.REDIS_SENTINEL_NAME, 'mymaster');
  assert.throws(() => resolveConfig({ REDIS_SENTINELS: 'sentinel-1' }), /REDIS_SENTINELS.*host:port/s);
  assert.throws(
    () => resolveConfig({ REDIS_CLUSTER_NODES: 'a:1', REDIS_SENTINELS: 'b:2' }),
    /REDIS_CLUSTER_NODES and REDIS_SENTINELS/,
  );
});

test('ELASTICSEARCH_URL takes several nodes; replicas take a count or an auto-expand range', () => {
  const config = resolveConfig({ ELASTICSEARCH_URL: 'http://es-1:9200,http://es-2:9200', INDEX_REPLICAS: '0-all' });
  assert.equal(config.ELASTICSEARCH_URL, 'http://es-1:9200,http://es-2:9200');
  assert.equal(config.INDEX_REPLICAS, '0-all');
  assert.equal(resolveConfig({}).INDEX_REPLICAS, '0-1');
  assert.throws(() => resolveConfig({ ELASTICSEARCH_URL: 'http://es-1:9200,es-2' }), /ELASTICSEARCH_URL/);
  assert.throws(() => resolveConfig({ INDEX_REPLICAS: 'two' }), /INDEX_REPLICAS/);
});
