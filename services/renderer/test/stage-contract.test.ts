// The render stage passes the stage contract on real Redis and real Chromium (a shell page in, a rendered clean job out).
import { after, before } from 'node:test';
import { docIdFor } from '@newsflow/contracts';
import { runContractStage, stageContract, TEST_REDIS_URL } from '@newsflow/testkit';
import { createRenderer } from '../src/create-renderer.ts';
import { createRenderStage } from '../src/handle-render.ts';
import { rendererConfig } from './support/renderer-config.ts';
import { shellArticle, startShellSite } from '@newsflow/seeds';
import type { ShellSite } from '@newsflow/seeds';

let site: ShellSite;

before(async () => {
  site = await startShellSite(shellArticle('Breakwater finished before the storms'));
});
after(() => site.close());

stageContract('render', {
  start: async (prefix) =>
    runContractStage({ REDIS_URL: TEST_REDIS_URL, NEWSFLOW_QUEUE_PREFIX: prefix }, 1, (redis) => {
      // Host delay 0: the contract renders the one local host back to back (pacing has its own test).
      const allowed = {
        FETCH_ALLOW_PRIVATE: [`127.0.0.1:${site.port}`],
        RENDER_CONCURRENCY: 1,
        NEWSFLOW_QUEUE_PREFIX: prefix,
        FETCH_HOST_DELAY_MS: 0,
      };
      const renderer = createRenderer(rendererConfig(allowed), redis);
      return { definition: createRenderStage(redis, renderer, prefix), close: () => renderer.close() };
    }),
  validJob: async () => {
    const url = `${site.origin}/news/breakwater`;
    const at = '2026-12-02T11:00:00.000Z';
    return { name: 'render', data: { docId: docIdFor(url), url, finalUrl: url, fetchedAt: at, submittedAt: at } };
  },
});
