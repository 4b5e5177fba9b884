import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { StageError } from '@newsflow/contracts';
import { startGuardProxy } from './guard-proxy.ts';
import type { GuardProxy, GuardProxyOptions } from './guard-proxy.ts';

export interface RenderLimits {
  timeoutMs: number;
  maxRequests: number;
  maxBytes: number;
}

export interface RenderedPage {
  html: string;
  finalUrl: string;
  status: number;
  requests: number;
  bytesIn: number;
  refused: number;
}

/** Nothing a text extractor needs; blocking them saves most of a page's bytes. */
const BLOCKED_TYPES = new Set(['image', 'font', 'media']);
/** After `load`, a page gets this long (within its deadline) to finish its XHRs and fill itself in. */
const SETTLE_MS = 2_000;

/**
 * Renders one URL in a fresh context of its own guard proxy (so the byte budget is this page's):
 * service workers blocked, downloads refused, popups closed, images/fonts/media aborted, at most
 * `maxRequests` requests. Every failure ends as a StageError with its reason.
 */
export async function renderPage(
  browser: Browser,
  url: string,
  limits: RenderLimits,
  guard: Omit<GuardProxyOptions, 'maxBytes'>,
): Promise<RenderedPage> {
  // file:, chrome: and the like never reach the browser: only http(s) is proxied, and so guarded.
  if (!/^https?:$/.test(new URL(url).protocol))
    throw new StageError('invalid-url', 'only http and https pages are rendered');
  const proxy = await startGuardProxy({ ...guard, maxBytes: limits.maxBytes });
  let context: BrowserContext | null = null;
  try {
    context = await newGuardedContext(browser, proxy);
    return await loadWithin(context, proxy, url, limits);
  } catch (error) {
    throw asStageError(error, browser, limits, proxy);
  } finally {
    await context?.close().catch(() => undefined);
    await proxy.close();
  }
}

function newGuardedContext(browser: Browser, proxy: GuardProxy): Promise<BrowserContext> {
  return browser.newContext({
    proxy: { server: proxy.url, bypass: '<-loopback>' },
    serviceWorkers: 'block',
    acceptDownloads: false,
    ignoreHTTPSErrors: false,
  });
}

async function loadWithin(context: BrowserContext, proxy: GuardProxy, url: string, limits: RenderLimits) {
  const deadline = Date.now() + limits.timeoutMs;
  const page = await context.newPage();
  context.on('page', (popup) => void popup.close().catch(() => undefined));
  const counter = await limitRequests(page, limits.maxRequests);
  const crashed = new Promise<never>((_, reject) =>
    page.once('crash', () => reject(new StageError('render-crashed', 'the page crashed its browser tab'))),
  );
  crashed.catch(() => undefined);
  const response = await Promise.race([page.goto(url, { waitUntil: 'load', timeout: limits.timeoutMs }), crashed]);
  const settle = Math.max(0, Math.min(SETTLE_MS, deadline - Date.now()));
  await Promise.race([page.waitForLoadState('networkidle', { timeout: settle }).catch(() => undefined), crashed]);
  if (proxy.overBudget()) throw new StageError('too-large', `the page downloaded over ${limits.maxBytes} bytes`);
  const html = await Promise.race([page.content(), crashed]);
  return {
    html,
    finalUrl: page.url(),
    status: response?.status() ?? 200,
    requests: counter.count,
    bytesIn: proxy.bytesIn(),
    refused: proxy.refused(),
  };
}

async function limitRequests(page: Page, maxRequests: number): Promise<{ count: number }> {
  const counter = { count: 0 };
  await page.route('**/*', (route: Route) => {
    counter.count += 1;
    const type = route.request().resourceType();
    if (BLOCKED_TYPES.has(type) || counter.count > maxRequests) return route.abort('blockedbyclient');
    return route.continue();
  });
  return counter;
}

function asStageError(error: unknown, browser: Browser, limits: RenderLimits, proxy: GuardProxy): StageError {
  if (error instanceof StageError) return error;
  // The navigation failed and the guard refused something: the page itself (or its redirect) was the forbidden target.
  if (proxy.refused() > 0)
    return new StageError('ssrf-blocked', 'the page address is not an allowed target (see FETCH_ALLOW_PRIVATE)');
  const message = error instanceof Error ? error.message : String(error);
  if (!browser.isConnected())
    return new StageError('browser-unavailable', 'the browser exited mid-page', { cause: error });
  if (/Timeout \d+ms exceeded/.test(message))
    return new StageError('timeout', `the page did not load within ${limits.timeoutMs} ms`, { cause: error });
  if (/crash/i.test(message))
    return new StageError('render-crashed', 'the page crashed its browser tab', { cause: error });
  return new StageError('network', firstLine(message), { cause: error });
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}
