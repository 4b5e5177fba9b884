// A producer on the command line, with Redis behind the API frozen or killed: `newsflow add` exits
// 3 (unavailable) quickly, saying Redis is unreachable and when to retry, rather than hanging.
// Real Redis (one of the test's own, to freeze and kill), real API, the real CLI as a subprocess.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestStack } from '@newsflow/api/testing';
import type { TestStack } from '@newsflow/api/testing';
import { startLocalRedis, waitFor } from '@newsflow/testkit';
import type { LocalRedis } from '@newsflow/testkit';
import { runCli } from './run-cli.ts';

let redis: LocalRedis;
let stack: TestStack;
let env: Record<string, string>;

before(async () => {
  redis = await startLocalRedis(['--appendonly', 'no']);
  stack = await startTestStack({
    REDIS_URL: redis.url,
    INTAKE_REDIS_TIMEOUT_MS: '500',
    INTAKE_RETRY_AFTER_SECONDS: '9',
  });
  env = { NEWSFLOW_API_URL: await stack.listen() };
});
after(async () => {
  await stack.close();
  await redis.stop();
});

/** `newsflow add URL`, timed: the CLI process from start to exit. */
async function timedAdd(path: string) {
  const started = Date.now();
  const run = await runCli(['add', `https://example.com/${path}`], env);
  return { ...run, tookMs: Date.now() - started };
}

/** Exit 3, the reason in words, the Retry-After, and well under the CLI's own request timeout. */
function assertClearRefusal(run: Awaited<ReturnType<typeof timedAdd>>, reason: RegExp): void {
  assert.equal(run.code, 3, run.stderr);
  assert.match(run.stderr, /the API is not taking work now \(503\)/);
  assert.match(run.stderr, reason);
  assert.match(run.stderr, /; retry in \d+ s$/m);
  assert.ok(run.tookMs < 8_000, `answered in ${run.tookMs} ms`);
}

test('newsflow add with Redis frozen, then killed: exit 3 quickly, the reason and the Retry-After; back up, it is accepted', async () => {
  assert.equal((await timedAdd('before')).code, 0);
  redis.freeze();
  try {
    assertClearRefusal(await timedAdd('frozen'), /did not answer within 500 ms/);
  } finally {
    redis.thaw();
  }
  await redis.kill();
  await waitFor('the API client to notice', async () => (stack.redis.status !== 'ready' ? true : undefined), 5_000);
  assertClearRefusal(await timedAdd('down'), /Redis is unreachable/);
  await redis.start();
  await waitFor(
    'intake to take work again',
    async () => ((await timedAdd('back')).code === 0 ? true : undefined),
    20_000,
  );
});
