// The fetch stage passes the stage contract on real Redis (an article URL on a local server in, a
// clean job out).
import { after, before } from 'node:test';
import { identityOf } from '@newsflow/contracts';
import type { FetchJob } from '@newsflow/contracts';
import { runContractStage, stageContract } from '@newsflow/testkit';
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
    return runContractStage(config, 2, (redis) => {
      const deps = createFetcherDeps(config, redis, { resolver: testResolver });
      return { definition: createFetchStage(deps), close: () => deps.close() };
    });
  },
  validJob: async () => {
    const { url, docId } = identityOf(server.url('site.test', '/page/contract'));
    const data: FetchJob = { url, docId, submittedAt: '2026-11-20T11:00:00.000Z', source: { kind: 'api' } };
    return { name: 'fetch', data };
  },
});
