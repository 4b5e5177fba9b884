// The render stage passes the stage contract on real Redis and real Chromium (a shell page in, a rendered clean job out).
import { after, before } from 'node:test';
import { createLogger } from '@newsflow/config';
import { docIdFor } from '@newsflow/contracts';
import { createRedisClient, runStage } from '@newsflow/runtime';
import { stageContract } from '@newsflow/testkit';
import { createRenderer } from '../src/create-renderer.ts';
import { createRenderStage } from '../src/handle-render.ts';
import { rendererConfig } from './support/renderer-config.ts';
import { shellArticle, startShellSite } from '@newsflow/seeds';
import type { ShellSite } from '@newsflow/seeds';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
let site: ShellSite;

before(async () => {
  site = await startShellSite(shellArticle('Breakwater finished before the storms'));
});
after(() => site.close());

stageContract('render', {
  start: async (prefix) => {
    const config = { REDIS_URL, NEWSFLOW_QUEUE_PREFIX: prefix };
    const redis = createRedisClient(config, 'render-contract');
    const renderer = createRenderer(
      rendererConfig({ FETCH_ALLOW_PRIVATE: [`127.0.0.1:${site.port}`], RENDER_CONCURRENCY: 1 }),
    );
    const stage = runStage(createRenderStage(redis, renderer, prefix), {
      config,
      concurrency: 1,
      log: createLogger('test', 'silent'),
    });
    return {
      close: async () => {
        await stage.close();
        await renderer.close();
        redis.disconnect();
      },
    };
  },
  validJob: async () => {
    const url = `${site.origin}/news/breakwater`;
    const at = '2026-12-02T11:00:00.000Z';
    return { name: 'render', data: { docId: docIdFor(url), url, finalUrl: url, fetchedAt: at, submittedAt: at } };
  },
});
