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
