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
    /** Compressed raw page (zstd), fetcher → cleaner; TTL 24 h, deleted once cleaned. */
    raw: (docId: string) => `${prefix}:raw:${docId}`,
    /** The article of one dedupe job (its job id), cleaner → dedupe; deleted once that job completes. */
    article: (jobId: string) => `${prefix}:article:${jobId}`,
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
    /** Base of the dedupe story store's keys (hash-tagged by the store: one Redis Cluster slot). */
    stories: `${prefix}:stories`,
    /** Story changes recorded for the indexer, as `relabels` for cluster merges; `:at` in the same slot. */
    storyRelabels: `${prefix}:index:{story-relabels}`,
    storyRelabelsAt: `${prefix}:index:{story-relabels}:at`,
    /** Intake ledger (sorted set): docId of every URL `POST /api/urls` accepted, scored by when (ms); a day kept, for `newsflow verify`. */
    intakeLedger: `${prefix}:{intake}:accepted`,
    /** Cached robots.txt rules of one origin. */
    robots: (origin: string) => `${prefix}:robots:${origin}`,
    /** One of a host's pacing keys (next start, in flight, slots, slow-down, reservations, penalty). */
    host: (host: string, name: string) => `${prefix}:host:{${host}}:${name}`,
    /** Conditional-GET validators (ETag, Last-Modified) of a feed, sitemap or (for its re-crawls) article. */
    validators: (docId: string) => `${prefix}:validators:${docId}`,
    /**
     * Re-crawl schedule: when each indexed article is next due (sorted set, docId by ms) and where it is
     * in the schedule (hash, docId -> "step|firstFetchMs|url[ fetchUrl]"). Both share the `{recrawl}` tag: one
     * script claims, advances and ends entries.
     */
    recrawlDue: `${prefix}:{recrawl}:due`,
    recrawlEntries: `${prefix}:{recrawl}:entries`,
    /** Progress and outcome of one WARC ingest run (`POST /api/warc`, `newsflow warc`). */
    warcIngest: (id: string) => `${prefix}:warc:${id}`,
    /** Adaptive polling: due times of active sources (sorted set), and every source's id (set). Every poll key shares the `{poll}` tag: one transaction updates a source, its due time and the set of sources. */
    pollDue: `${prefix}:{poll}:due`,
    pollSources: `${prefix}:{poll}:sources`,
    /** One polled source (feed, sitemap, section page): its interval, outcomes and state. */
    pollSource: (id: string) => `${prefix}:{poll}:source:${id}`,
    /** docIds a source has listed, to tell a poll that brought new articles from one that did not. */
    pollSeen: (id: string) => `${prefix}:{poll}:seen:${id}`,
    /** What one site-discovery job has found so far, so a job parked for a busy host resumes where it was. */
    siteSteps: (jobId: string) => `${prefix}:site:${jobId}`,
    /** Saved searches: definitions and run cursors (hashes by id), each one's announced stories and recent deliveries. */
    savedSearches: `${prefix}:saved-searches`,
    savedSearchCursors: `${prefix}:saved-search-cursors`,
    savedSearchStories: (id: string) => `${prefix}:saved-search:${id}:stories`,
    savedSearchDeliveries: (id: string) => `${prefix}:saved-search:${id}:deliveries`,
  };
}

/**
 * The dedupe cluster store's own keys under its base (`redisKeys(prefix).cluster` in the pipeline, a
 * hash-tagged prefix of their own in tests and benches): a document's cluster (hash), a cluster's
 * members (sorted set), the commit log and the two sequences. commit.lua and prune.lua build the same
 * names from the base they get as ARGV[1] (and check their KEYS against it), so a change here is a
 * change there; every key carries the base's hash tag, one Redis Cluster slot.
 */
export function clusterStoreKeys(base: string) {
  return {
    doc: (docId: string) => `${base}:d:${docId}`,
    members: (clusterId: string) => `${base}:m:${clusterId}`,
    log: `${base}:log`,
    seq: `${base}:seq`,
    mseq: `${base}:mseq`,
  };
}
