/**
 * How much one feed or sitemap may enqueue. Without a cap, one 2.6 MB sitemap made 60,000 jobs
 * (and a 50 MB index could make millions): Redis and the fetcher grew with whatever a site chose
 * to list. What is cut is never silent: the count comes back as overflow, logged and shown on the job.
 */
export interface DiscoveryLimits {
  /** Article URLs per feed or sitemap poll. */
  maxUrls: number;
  /** Child sitemaps per sitemap index. */
  maxChildren: number;
}

export interface Capped<T> {
  kept: T[];
  overflow: number;
}

/** The first `limit` items in document order (sites list their newest first), and how many were cut. */
export function capDiscovered<T>(items: T[], limit: number): Capped<T> {
  if (items.length <= limit) return { kept: items, overflow: 0 };
  return { kept: items.slice(0, limit), overflow: items.length - limit };
}
