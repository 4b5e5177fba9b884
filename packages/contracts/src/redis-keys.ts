/**
 * Every Redis key the pipeline writes beside BullMQ's own, under the queue prefix (BullMQ keeps
 * `<prefix>:<queue>:…`), in one place: what a key holds and who writes it is findable here, and
 * two stages cannot pick the same name for different things. Keys that one script or pipeline
 * touches together share a Redis Cluster hash tag (`{...}`, one slot): a host's pacing keys, the
 * metrics hashes, the relabel hash and its time index, the dedupe store. Keys used alone (raw pages,
 * payloads, aliases) carry none, so they spread over every master.
 */
export function redisKeys(prefix: string) {
  return {
    /** Gzip-compressed raw page, fetcher → cleaner; TTL 24 h, deleted once cleaned. */
    raw: (docId: string) => `${prefix}:raw:${docId}`,
    /** docId of the document another URL's identity (redirect source, canonical) stands for. */
    alias: (docId: string) => `${prefix}:alias:${docId}`,
    /** The NDJSON documents of one upsert job, beside the job; deleted once it completes. */
    upsertPayload: (jobId: string) => `${prefix}:index-payload:${jobId}`,
    /** Base of the shared metrics hashes (counters, durations, latency, bulk, per minute). */
    metrics: `${prefix}:{metrics}`,
    /** The indexer's health hash, for /api/stats and /metrics. */
    indexerHealth: `${prefix}:health:indexer`,
    /** Cluster merges recorded for the indexer (and a reindex) to apply: docId -> "mergeSeq|clusterId". */
    relabels: `${prefix}:index:{relabels}`,
    /** When each relabel entry was last written (zset), for retention; same slot as `relabels`. */
    relabelsAt: `${prefix}:index:{relabels}:at`,
    /** Where the two relabel keys lived before they shared a slot (moved at indexer start). */
    legacyRelabels: { hash: `${prefix}:index:relabels`, at: `${prefix}:index:relabels:at` },
    /** Base of the dedupe cluster store's own keys (one slot: its script reads keys it finds). */
    cluster: `${prefix}:{cluster}`,
    /** Cached robots.txt rules of one origin. */
    robots: (origin: string) => `${prefix}:robots:${origin}`,
    /** One of a host's pacing keys (next start, in flight, slots, slow-down, reservations, penalty). */
    host: (host: string, name: string) => `${prefix}:host:{${host}}:${name}`,
    /** Conditional-GET validators (ETag, Last-Modified) of a feed or sitemap. */
    validators: (docId: string) => `${prefix}:validators:${docId}`,
  };
}
