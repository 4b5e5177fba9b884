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
export async function openStackInBrowser(fill: (stack: TestStack) => Promise<void>): Promise<StackInBrowser> {
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
