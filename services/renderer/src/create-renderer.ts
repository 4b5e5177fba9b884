import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '@newsflow/config';
import { RetryLater } from '@newsflow/contracts';
import { ARTICLE_ACCEPT, createPoliteness, isHtmlType, parseAllowList, politeGet } from '@newsflow/fetcher';
import type { FetcherOverrides, PolitenessConfig } from '@newsflow/fetcher';
import type { RedisClient } from '@newsflow/runtime';
import { BrowserPool } from './browser-pool.ts';
import { renderPage } from './render-page.ts';
import type { PageDocument, RenderLimits, RenderedPage } from './render-page.ts';

export type RendererConfig = PolitenessConfig &
  Pick<
    Config,
    | 'RENDER_CHROMIUM_PATH'
    | 'RENDER_CONCURRENCY'
    | 'RENDER_TIMEOUT_MS'
    | 'RENDER_MAX_REQUESTS'
    | 'RENDER_MAX_BYTES'
    | 'RENDER_MAX_HEAP_MB'
    | 'FETCH_MAX_BYTES'
  >;

export interface Renderer {
  /**
   * Fetches the page politely (may throw RetryLater while its host is busy, robots-disallowed when
   * robots.txt says no), then renders it; `queueKey` (the job id) keeps the job's place in the host's line.
   */
  render: (url: string, queueKey: string) => Promise<RenderedPage>;
  close: () => Promise<void>;
}

/**
 * The browser pool and its limits from the configuration. The page's own document comes from the
 * fetcher's polite GET, so robots.txt and the per-host schedule (in Redis, shared with every
 * fetcher process) apply to it; the allow-list of the guard proxy is the fetcher's too.
 */
export function createRenderer(config: RendererConfig, redis: RedisClient, overrides: FetcherOverrides = {}): Renderer {
  const politeness = createPoliteness(config, redis, overrides);
  const guard = {
    allow: parseAllowList(config.FETCH_ALLOW_PRIVATE),
    connectTimeoutMs: config.FETCH_CONNECT_TIMEOUT_MS,
    ...(overrides.resolver ? { resolver: overrides.resolver } : {}),
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
  const fetchDocument = async (url: string, queueKey: string): Promise<PageDocument> => {
    const document = await politeGet(politeness, url, queueKey, {
      accept: ARTICLE_ACCEPT,
      acceptType: isHtmlType,
      maxBytes: config.FETCH_MAX_BYTES,
    });
    // No validators are sent, so no 304 comes back; narrowed for the type.
    if (document.kind !== 'fetched') throw new Error(`unexpected ${document.kind} for ${url}`);
    return document;
  };
  // A page that moves itself (a script, a meta refresh) is mid-render: its host's turn is waited
  // for in place, within the render's deadline, rather than parking a job that holds a browser page.
  const fetchInPage = async (url: string, queueKey: string): Promise<PageDocument> => {
    const deadline = Date.now() + config.RENDER_TIMEOUT_MS;
    for (;;) {
      try {
        return await fetchDocument(url, queueKey);
      } catch (error) {
        if (!(error instanceof RetryLater) || error.until > deadline) throw error;
        await sleep(Math.max(0, error.until - Date.now()));
      }
    }
  };
  return {
    // The document first, outside the pool: a host that is busy parks the job, not a browser slot.
    render: async (url, queueKey) => {
      const document = await fetchDocument(url, queueKey);
      const request = {
        document,
        fetchDocument: (next: string) => fetchInPage(next, queueKey),
        userAgent: config.FETCH_USER_AGENT,
      };
      return pool.withSlot((browser) => renderPage(browser, request, limits, guard));
    },
    close: async () => {
      await pool.close();
      await politeness.close();
    },
  };
}
