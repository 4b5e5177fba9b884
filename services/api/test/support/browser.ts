import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { startTestStack } from './test-stack.ts';
import type { TestStack } from './test-stack.ts';

/** Debian's Chromium, headless, through playwright-core (never a downloaded browser); page errors are collected. */
export async function openBrowserPage(): Promise<{ browser: Browser; page: Page; pageErrors: string[] }> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  return { browser, page, pageErrors };
}

export interface StackInBrowser {
  stack: TestStack;
  baseUrl: string;
  page: Page;
  pageErrors: string[];
  /** closes the browser, then the stack */
  close(): Promise<void>;
}

/** A test stack listening on loopback with what `fill` put in it, and a Chromium page to drive it. */
async function openStackInBrowser(fill: (stack: TestStack) => Promise<void>): Promise<StackInBrowser> {
  const stack = await startTestStack();
  try {
    const baseUrl = await stack.listen();
    await fill(stack);
    const { browser, page, pageErrors } = await openBrowserPage();
    const close = async () => {
      await browser.close();
      await stack.close();
    };
    return { stack, baseUrl, page, pageErrors, close };
  } catch (error) {
    await stack.close();
    throw error;
  }
}

/**
 * Registers the file's before() to open a stack in a browser (see openStackInBrowser) and its
 * after() to close it; the result's fields are there from inside a test on.
 */
export function useStackInBrowser(fill: (stack: TestStack) => Promise<void>): StackInBrowser {
  let opened: StackInBrowser | undefined;
  before(async () => {
    opened = await openStackInBrowser(fill);
  });
  after(async () => opened?.close());
  const now = (): StackInBrowser => {
    if (!opened) throw new Error('the stack and browser open in before(): use them inside a test');
    return opened;
  };
  return {
    get stack() {
      return now().stack;
    },
    get baseUrl() {
      return now().baseUrl;
    },
    get page() {
      return now().page;
    },
    get pageErrors() {
      return now().pageErrors;
    },
    close: () => now().close(),
  };
}

/** Types `q` into the search page's box as a reader would, and waits for the story cards. */
export async function searchFromHome(ui: StackInBrowser, q: string): Promise<void> {
  await ui.page.goto(`${ui.baseUrl}/`);
  await ui.page.getByRole('searchbox', { name: 'Search' }).fill(q);
  await ui.page.getByRole('button', { name: 'Search', exact: true }).click();
  await ui.page.waitForSelector('li.story');
}
