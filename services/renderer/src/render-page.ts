import type { Browser, BrowserContext, Page, Request, Route } from 'playwright-core';
import { StageError } from '@newsflow/contracts';
import type { FetchedDocument } from '@newsflow/fetcher';
import { startGuardProxy } from './guard-proxy.ts';
import type { GuardProxy, GuardProxyOptions } from './guard-proxy.ts';

export interface RenderLimits {
  timeoutMs: number;
  maxRequests: number;
  maxBytes: number;
}

/** A page as the fetcher's polite GET got it: robots.txt allowed it, its host's pacer let it start. */
export type PageDocument = Extract<FetchedDocument, { kind: 'fetched' }>;

/**
 * Gets a main-frame document politely (robots.txt, per-host pacing, SSRF guard); the page's
 * first document is fetched before the render, later navigations (a script or meta refresh that
 * moves the page) through this.
 */
export type FetchDocument = (url: string) => Promise<PageDocument>;

export interface RenderedPage {
  html: string;
  finalUrl: string;
  status: number;
  /** Redirects the page's own document went through (the fetcher followed them, hop by hop). */
  redirects: string[];
  requests: number;
  bytesIn: number;
  refused: number;
}

/** Nothing a text extractor needs; blocking them saves most of a page's bytes. */
const BLOCKED_TYPES = new Set(['image', 'font', 'media']);
/** After `load`, a page gets this long (within its deadline) to finish its XHRs and fill itself in. */
const SETTLE_MS = 2_000;

export interface RenderRequest {
  /** The page's document, already fetched politely. */
  document: PageDocument;
  fetchDocument: FetchDocument;
  userAgent: string;
}

/**
 * Renders one page in a fresh context of its own guard proxy (so the byte budget is this page's):
 * service workers blocked, downloads refused, popups closed, images/fonts/media aborted, at most
 * `maxRequests` requests. The main frame's documents are the fetcher's (robots.txt and host pacing
 * apply to them as to any fetch); everything else the page asks for goes through the guard proxy.
 * Every failure ends as a StageError with its reason.
 */
export async function renderPage(
  browser: Browser,
  request: RenderRequest,
  limits: RenderLimits,
  guard: Omit<GuardProxyOptions, 'maxBytes'>,
): Promise<RenderedPage> {
  const proxy = await startGuardProxy({ ...guard, maxBytes: limits.maxBytes });
  let context: BrowserContext | null = null;
  try {
    context = await newGuardedContext(browser, proxy, request.userAgent);
    return await loadWithin(context, proxy, request, limits);
  } catch (error) {
    throw asStageError(error, browser, limits, proxy);
  } finally {
    await context?.close().catch(() => undefined);
    await proxy.close();
  }
}

function newGuardedContext(browser: Browser, proxy: GuardProxy, userAgent: string): Promise<BrowserContext> {
  return browser.newContext({
    proxy: { server: proxy.url, bypass: '<-loopback>' },
    // The agent robots.txt was read for, on the page and on everything it loads.
    userAgent,
    serviceWorkers: 'block',
    acceptDownloads: false,
    ignoreHTTPSErrors: false,
  });
}

async function loadWithin(context: BrowserContext, proxy: GuardProxy, request: RenderRequest, limits: RenderLimits) {
  const deadline = Date.now() + limits.timeoutMs;
  const page = await context.newPage();
  context.on('page', (popup) => void popup.close().catch(() => undefined));
  const counter = await routeRequests(page, request, limits.maxRequests);
  const url = request.document.finalUrl;
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
    status: response?.status() ?? request.document.status,
    redirects: request.document.redirects,
    requests: counter.count,
    bytesIn: proxy.bytesIn(),
    refused: proxy.refused(),
  };
}

/**
 * Every request the page makes passes here first: main-frame documents are served from the
 * fetcher's polite GET (the first one already fetched), images/fonts/media and anything past
 * `maxRequests` are aborted, the rest goes on to the guard proxy.
 */
async function routeRequests(page: Page, request: RenderRequest, maxRequests: number): Promise<{ count: number }> {
  const counter = { count: 0 };
  let first: PageDocument | null = request.document;
  await page.route('**/*', async (route: Route) => {
    counter.count += 1;
    const asked = route.request();
    if (counter.count > maxRequests || BLOCKED_TYPES.has(asked.resourceType())) return route.abort('blockedbyclient');
    if (!isMainDocument(page, asked)) return route.continue();
    const document = first ?? (await request.fetchDocument(asked.url()).catch(() => null));
    first = null;
    // A later navigation robots.txt refuses, or its host is busy: the page stays where it was.
    if (!document) return route.abort('blockedbyclient');
    // A redirect the fetcher followed is served under the asked URL: links resolve against it, which is close enough.
    const contentType = document.contentType ?? 'text/html';
    return route.fulfill({ status: document.status, contentType, body: document.body });
  });
  return counter;
}

function isMainDocument(page: Page, request: Request): boolean {
  try {
    return request.isNavigationRequest() && request.frame() === page.mainFrame();
  } catch {
    return false; // a service worker's request has no frame (and service workers are blocked)
  }
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
