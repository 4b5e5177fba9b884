import type { Config } from '@newsflow/config';
import { parseAllowList } from '@newsflow/fetcher';
import type { Resolver } from '@newsflow/fetcher';
import { BrowserPool } from './browser-pool.ts';
import { renderPage } from './render-page.ts';
import type { RenderLimits, RenderedPage } from './render-page.ts';

export type RendererConfig = Pick<
  Config,
  | 'RENDER_CHROMIUM_PATH'
  | 'RENDER_CONCURRENCY'
  | 'RENDER_TIMEOUT_MS'
  | 'RENDER_MAX_REQUESTS'
  | 'RENDER_MAX_BYTES'
  | 'RENDER_MAX_HEAP_MB'
  | 'FETCH_ALLOW_PRIVATE'
  | 'FETCH_CONNECT_TIMEOUT_MS'
>;

export interface Renderer {
  render: (url: string) => Promise<RenderedPage>;
  close: () => Promise<void>;
}

/** The browser pool and its limits from the configuration; the allow-list is the fetcher's. */
export function createRenderer(config: RendererConfig, resolver?: Resolver): Renderer {
  const guard = {
    allow: parseAllowList(config.FETCH_ALLOW_PRIVATE),
    connectTimeoutMs: config.FETCH_CONNECT_TIMEOUT_MS,
    ...(resolver ? { resolver } : {}),
  };
  const pool = new BrowserPool({
    chromiumPath: config.RENDER_CHROMIUM_PATH,
    slots: config.RENDER_CONCURRENCY,
    maxHeapMb: config.RENDER_MAX_HEAP_MB,
    guard,
  });
  const limits: RenderLimits = {
    timeoutMs: config.RENDER_TIMEOUT_MS,
    maxRequests: config.RENDER_MAX_REQUESTS,
    maxBytes: config.RENDER_MAX_BYTES,
  };
  return {
    render: (url) => pool.withSlot((browser) => renderPage(browser, url, limits, guard)),
    close: () => pool.close(),
  };
}
