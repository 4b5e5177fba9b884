// The fetch stage passes the stage contract on real Redis (an article URL on a local server in, a
// clean job out).
import { after, before } from 'node:test';
import { createLogger } from '@newsflow/config';
import { identityOf } from '@newsflow/contracts';
import type { FetchJob } from '@newsflow/contracts';
import { createRedisClient, runStage } from '@newsflow/runtime';
import { stageContract } from '@newsflow/testkit';
import { createFetcherDeps, createFetchStage } from '../src/index.ts';
import { startBadServer } from './support/bad-server.ts';
import type { BadServer } from './support/bad-server.ts';
import { testFetcherConfig, testResolver } from './support/harness.ts';

let server: BadServer;
before(async () => {
  server = await startBadServer();
});
after(() => server.close());

stageContract('fetch', {
  start: async (prefix) => {
    const config = testFetcherConfig(prefix, { FETCH_ALLOW_PRIVATE: 'site.test' });
    const redis = createRedisClient(config, 'fetch-contract');
    const deps = createFetcherDeps(config, redis, { resolver: testResolver });
    const stage = runStage(createFetchStage(deps), { config, concurrency: 2, log: createLogger('test', 'silent') });
    return {
      close: async () => {
        await stage.close();
        await deps.close();
        redis.disconnect();
      },
    };
  },
  validJob: async () => {
    const { url, docId } = identityOf(server.url('site.test', '/page/contract'));
    const data: FetchJob = { url, docId, submittedAt: '2026-11-20T11:00:00.000Z', source: { kind: 'api' } };
    return { name: 'fetch', data };
  },
});
