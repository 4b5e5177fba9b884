/**
 * Every Redis key the pipeline writes beside BullMQ's own, under the queue prefix (BullMQ keeps
 * `<prefix>:<queue>:…`), in one place: what a key holds and who writes it is findable here, and
 * two stages cannot pick the same name for different things. Keys of one host are hash-tagged
 * (`{host}`) so a host's pacing script touches one Redis Cluster slot.
 */
export function redisKeys(prefix: string) {
  return {
    /** Gzip-compressed raw page, fetcher → cleaner; TTL 24 h, deleted once cleaned. */
    raw: (docId: string) => `${prefix}:raw:${docId}`,
    /** The NDJSON documents of one upsert job, beside the job; deleted once it completes. */
    upsertPayload: (jobId: string) => `${prefix}:index-payload:${jobId}`,
    /** Base of the shared metrics hashes (counters, durations, latency, bulk, per minute). */
    metrics: `${prefix}:metrics`,
    /** The indexer's health hash, for /api/stats and /metrics. */
    indexerHealth: `${prefix}:health:indexer`,
    /** Cluster merges recorded for the indexer (and a reindex) to apply. */
    relabels: `${prefix}:index:relabels`,
    /** Base of the dedupe cluster store's own keys. */
    cluster: `${prefix}:cluster`,
    /** Base of the dedupe story store's keys (hash-tagged by the store: one Redis Cluster slot). */
    stories: `${prefix}:stories`,
    /** Story changes recorded for the indexer, as `relabels` for cluster merges. */
    storyRelabels: `${prefix}:index:story-relabels`,
    /** Cached robots.txt rules of one origin. */
    robots: (origin: string) => `${prefix}:robots:${origin}`,
    /** One of a host's pacing keys (next start, in flight, slots, slow-down, reservations, penalty). */
    host: (host: string, name: string) => `${prefix}:host:{${host}}:${name}`,
    /** Conditional-GET validators (ETag, Last-Modified) of a feed or sitemap. */
    validators: (docId: string) => `${prefix}:validators:${docId}`,
    /** Progress and outcome of one WARC ingest run (`POST /api/warc`, `newsflow warc`). */
    warcIngest: (id: string) => `${prefix}:warc:${id}`,
    /** Adaptive polling: due times of active sources (sorted set), and every source's id (set). */
    pollDue: `${prefix}:poll:due`,
    pollSources: `${prefix}:poll:sources`,
    /** One polled source (feed, sitemap, section page): its interval, outcomes and state. */
    pollSource: (id: string) => `${prefix}:poll:source:${id}`,
    /** docIds a source has listed, to tell a poll that brought new articles from one that did not. */
    pollSeen: (id: string) => `${prefix}:poll:seen:${id}`,
    /** What one site-discovery job has found so far, so a job parked for a busy host resumes where it was. */
    siteSteps: (jobId: string) => `${prefix}:site:${jobId}`,
  };
}
