/**
 * What the API needs from feed and sitemap discovery: submit one now, or schedule it. The real
 * implementation comes from @newsflow/runtime (submitFeed/submitSitemap); tests may pass their own.
 */
export interface DiscoveryRequest {
  kind: 'feed' | 'sitemap';
  url: string;
  /** Re-read every N minutes; absent for a one-off read. */
  everyMinutes?: number;
}

export interface DiscoveryReceipt {
  kind: 'feed' | 'sitemap';
  url: string;
  scheduled: boolean;
  everyMinutes?: number;
  jobId?: string;
}

export type SubmitDiscovery = (request: DiscoveryRequest) => Promise<DiscoveryReceipt>;

export class DiscoveryUnavailableError extends Error {
  override name = 'DiscoveryUnavailableError';
}
