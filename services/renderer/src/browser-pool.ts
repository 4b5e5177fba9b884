import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { StageError } from '@newsflow/contracts';
import { startGuardProxy } from './guard-proxy.ts';
import type { GuardProxy, GuardProxyOptions } from './guard-proxy.ts';

export interface BrowserPoolOptions {
  chromiumPath: string;
  /** Pages open at once; a render waits for a free slot. */
  slots: number;
  maxHeapMb: number;
  guard: Omit<GuardProxyOptions, 'maxBytes'>;
}

/**
 * One Chromium process and a bounded number of pages in it. The browser is launched on first use
 * and again after it exits (crash, OOM kill); a render caught by the exit fails as
 * browser-unavailable and is retried. Its browser-wide proxy is a guard proxy too, with no byte
 * budget: a request no page context claims (there should be none) is still checked.
 */
export class BrowserPool {
  private browser: Promise<Browser> | null = null;
  private fallbackProxy: GuardProxy | null = null;
  private free: number;
  private readonly waiting: Array<() => void> = [];
  private closed = false;
  private readonly options: BrowserPoolOptions;

  constructor(options: BrowserPoolOptions) {
    this.options = options;
    this.free = options.slots;
  }

  /** Runs `use` with the browser while holding one of the pool's slots. */
  async withSlot<T>(use: (browser: Browser) => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await use(await this.current());
    } finally {
      this.release();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const browser = await this.browser?.catch(() => null);
    this.browser = null;
    await browser?.close().catch(() => undefined);
    await this.fallbackProxy?.close();
  }

  private current(): Promise<Browser> {
    if (this.closed) return Promise.reject(new StageError('browser-unavailable', 'the renderer is closing'));
    this.browser ??= this.launch().catch((error: unknown) => {
      this.browser = null;
      throw new StageError('browser-unavailable', `Chromium did not start: ${String(error)}`, { cause: error });
    });
    return this.browser;
  }

  private async launch(): Promise<Browser> {
    this.fallbackProxy ??= await startGuardProxy({ ...this.options.guard, maxBytes: Number.MAX_SAFE_INTEGER });
    const browser = await chromium.launch({
      executablePath: this.options.chromiumPath,
      headless: true,
      args: chromiumArgs(this.fallbackProxy.url, this.options.maxHeapMb),
    });
    browser.on('disconnected', () => {
      if (this.browser && !this.closed) this.browser = null;
    });
    return browser;
  }

  private async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free += 1;
  }
}

/**
 * `<-loopback>` removes Chromium's built-in proxy bypass for localhost, so loopback goes through
 * the guard like everything else; WebRTC may not send UDP around the proxy.
 */
export function chromiumArgs(proxyUrl: string, maxHeapMb: number): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    `--proxy-server=${proxyUrl}`,
    '--proxy-bypass-list=<-loopback>',
    '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
    '--webrtc-ip-handling-policy=disable_non_proxied_udp',
    '--disable-dev-shm-usage',
    `--js-flags=--max-old-space-size=${maxHeapMb}`,
  ];
}
