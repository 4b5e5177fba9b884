import { randomUUID } from 'node:crypto';
import { resolveConfig } from '@newsflow/config';
import type { FetcherOverrides } from '@newsflow/fetcher';
import { createRedisClient } from '@newsflow/runtime';
import type { RedisClient } from '@newsflow/runtime';
import { TEST_REDIS_URL, clearPrefix, uniquePrefix } from '@newsflow/testkit';
import { createRenderer } from '../../src/create-renderer.ts';
import type { Renderer, RendererConfig } from '../../src/create-renderer.ts';
import type { RenderedPage } from '../../src/render-page.ts';

/** The renderer's settings as the environment schema gives them, with the test's overrides. */
export function rendererConfig(overrides: Partial<RendererConfig> = {}): RendererConfig {
  return { ...resolveConfig({}), ...overrides };
}

export interface TestRenderer {
  renderer: Renderer;
  redis: RedisClient;
  /** The Redis prefix its robots cache and host pacer live under (a fetcher built on it shares them). */
  prefix: string;
  /** Renders under a fresh queue key, as a new job would. */
  render: (url: string) => Promise<RenderedPage>;
  close: () => Promise<void>;
}

/**
 * A renderer on real Redis under a prefix of its own. Tests that are not about politeness render
 * many pages of one local host back to back, so the host delay defaults to 0 here; the pacing
 * tests set it.
 */
export function startTestRenderer(
  overrides: Partial<RendererConfig> = {},
  fetcherOverrides: FetcherOverrides = {},
): TestRenderer {
  const prefix = uniquePrefix('render');
  const redis = createRedisClient({ REDIS_URL: TEST_REDIS_URL }, 'render-test');
  const config = rendererConfig({ NEWSFLOW_QUEUE_PREFIX: prefix, FETCH_HOST_DELAY_MS: 0, ...overrides });
  const renderer = createRenderer(config, redis, fetcherOverrides);
  return {
    renderer,
    redis,
    prefix,
    render: (url) => renderer.render(url, randomUUID()),
    close: async () => {
      await renderer.close();
      await clearPrefix(redis, prefix);
      redis.disconnect();
    },
  };
}
