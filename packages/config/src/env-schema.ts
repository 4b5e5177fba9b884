import { z } from 'zod';
import { isRecrawlSchedule } from './recrawl-schedule.ts';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const list = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

export interface HostPort {
  host: string;
  port: number;
}

/** `host:port` or `[v6]:port`, comma-separated, as ioredis takes Cluster seeds and sentinels. */
const hostPortList = list.pipe(
  z.array(
    z
      .string()
      .regex(/^(\[[0-9a-fA-F:.]+\]|[^\s:/[\]]+):\d{1,5}$/, 'expected host:port')
      .transform((entry): HostPort => {
        const at = entry.lastIndexOf(':');
        return { host: entry.slice(0, at).replace(/^\[(.*)\]$/, '$1'), port: Number(entry.slice(at + 1)) };
      }),
  ),
);
/** Host names, comma-separated, normalised as a URL spells them (lower case, punycode, no trailing dot). */
const hostNameList = list.pipe(
  z.array(
    z
      .string()
      .regex(/^[^\s:/?#@[\]]+$/, 'expected a host name (no scheme, port or path)')
      .transform((name) => new URL(`http://${name}`).hostname.replace(/\.$/, '')),
  ),
);
/** One URL or several, comma-separated (several nodes of one cluster). */
const urlList = z
  .string()
  .refine((value) => value.split(',').every((url) => z.url().safeParse(url.trim()).success), 'expected URL[,URL...]');

/** Every environment variable Newsflow reads, with its default. `.env.example` mirrors this list. */
export const EnvSchema = z.object({
  /** Standalone Redis. With REDIS_CLUSTER_NODES or REDIS_SENTINELS set, only its user, password, database and rediss:// (TLS) apply, to every node. */
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** Redis Cluster seed nodes (host:port, comma-separated); setting it runs every connection on the cluster. */
  REDIS_CLUSTER_NODES: hostPortList.default([]),
  /** Redis Sentinels (host:port, comma-separated) that name the current master; setting it runs every connection through them. */
  REDIS_SENTINELS: hostPortList.default([]),
  /** The master name the sentinels monitor (`sentinel monitor <name> ...`). */
  REDIS_SENTINEL_NAME: z
    .string()
    .regex(/^[\w.-]+$/)
    .default('mymaster'),
  /** One node or several of one cluster, comma-separated; the client spreads requests over them and skips dead ones. */
  ELASTICSEARCH_URL: urlList.default('http://127.0.0.1:9200'),
  /** Ask the cluster for its other nodes at start and on connection errors (only where the nodes' published addresses are reachable from here). */
  ELASTICSEARCH_SNIFF: bool.default(false),
  /** Namespace of every Newsflow key. No braces: each queue adds a hash tag of its own (`<prefix>:{<queue>}`), so a Redis Cluster spreads the queues over its slots. */
  NEWSFLOW_QUEUE_PREFIX: z
    .string()
    .regex(/^[\w.-]+$/)
    .default('newsflow'),
  NEWSFLOW_INDEX_PREFIX: z
    .string()
    .regex(/^[a-z0-9_.-]+$/)
    .default('articles'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),

  /** Sent on every request and matched against robots.txt by its product token ("NewsflowBot"); name a contact URL. */
  FETCH_USER_AGENT: z.string().min(3).default('NewsflowBot/0.1 (+https://github.com/newsflow/newsflow)'),
  /** Whole-request deadline per hop, body included. */
  FETCH_TIMEOUT_MS: positiveInt.default(15_000),
  /** Cap on a page body, on the wire and after decompression (checked while streaming). */
  FETCH_MAX_BYTES: positiveInt.default(5 * 1024 * 1024),
  FETCH_MAX_REDIRECTS: z.coerce.number().int().min(0).max(20).default(5),
  /** Hosts, addresses or CIDR ranges the SSRF guard lets through, each optionally with a port ("127.0.0.1:8090" opens that one port). Empty by default. */
  FETCH_ALLOW_PRIVATE: list.default([]),
  FETCH_CONCURRENCY: positiveInt.default(8),
  /** TCP/TLS connect timeout per hop. */
  FETCH_CONNECT_TIMEOUT_MS: positiveInt.default(5_000),
  /** Time allowed for the response headers once connected. */
  FETCH_HEADERS_TIMEOUT_MS: positiveInt.default(10_000),
  /** Longest silence between two body chunks (FETCH_TIMEOUT_MS bounds the whole request, slow drips included). */
  FETCH_BODY_TIMEOUT_MS: positiveInt.default(10_000),
  /** Cap on a feed or sitemap after decompression (the sitemap protocol allows 50 MB). */
  FETCH_MAX_FEED_BYTES: positiveInt.default(50 * 1024 * 1024),
  /** Minimum gap between two requests to one host, across all fetcher processes; robots.txt Crawl-delay can raise it. */
  FETCH_HOST_DELAY_MS: z.coerce.number().int().min(0).default(1_000),
  /** Requests in flight to one host at once, across all fetcher processes. */
  FETCH_HOST_CONCURRENCY: positiveInt.default(1),
  /** Upper bound on a robots.txt Crawl-delay, so one host cannot park jobs for days (Retry-After is capped at one hour). */
  FETCH_MAX_HOST_DELAY_MS: positiveInt.default(60_000),
  /** How long a fetched robots.txt is trusted; RFC 9309 asks for at most 24 hours. */
  FETCH_ROBOTS_CACHE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(86_400),
  /** Timeout for fetching robots.txt; a timeout counts as unreachable (disallowed, retried later). */
  FETCH_ROBOTS_TIMEOUT_MS: positiveInt.default(5_000),
  /** Sitemap entries whose lastmod is older than this many days are skipped; 0 keeps all. */
  FETCH_SITEMAP_MAX_AGE_DAYS: z.coerce.number().int().min(0).default(0),
  /** Most article URLs one feed or sitemap poll enqueues; the rest are counted as overflow and logged (the sitemap protocol allows 50,000 per file). */
  FETCH_DISCOVERY_MAX_URLS: positiveInt.default(10_000),
  /** Most child sitemaps one sitemap index enqueues (indexes nest at most 3 deep); the rest are counted as overflow and logged. */
  FETCH_SITEMAP_MAX_CHILDREN: positiveInt.default(200),
  /** Shortest interval between two polls of one feed, sitemap or section page (adaptive polling). */
  POLL_MIN_INTERVAL_SECONDS: positiveInt.default(300),
  /** Longest interval between two polls of one source: a source that never changes settles here. */
  POLL_MAX_INTERVAL_SECONDS: positiveInt.default(86_400),
  /** A polled source that has failed for this many days without a success is retired and listed (fractions allowed). */
  POLL_RETIRE_AFTER_DAYS: z.coerce.number().positive().default(3),
  /** How often the fetcher looks for polls that are due. */
  POLL_TICK_MS: positiveInt.default(1_000),
  /** When each indexed article is fetched again, after its first fetch (s, m, h, d; ascending), then never; `off` disables re-crawling. Each re-fetch is a conditional GET (ETag, Last-Modified); a material change makes a new version. */
  RECRAWL_SCHEDULE: z
    .string()
    .refine(isRecrawlSchedule, 'expected off, or ascending offsets like 1h,6h,24h,72h')
    .default('1h,6h,24h,72h'),
  /** How often the fetcher looks for re-crawls that are due. */
  RECRAWL_TICK_MS: positiveInt.default(5_000),
  /** A re-fetched body is a new version when at least this many words changed (after normalising whitespace, case and the digits of short date/time lines); a changed title always is. */
  RECRAWL_MIN_CHANGED_WORDS: positiveInt.default(2),
  /** How long a worker holds a job's lock between renewals; a crashed worker's jobs return to the queue after about this long. */
  WORKER_LOCK_DURATION_MS: positiveInt.default(30_000),
  /** How often workers look for jobs whose worker died (stalled jobs) and put them back in the queue. */
  WORKER_STALLED_INTERVAL_MS: positiveInt.default(30_000),
  /** A job whose worker died (or froze past its lock) more than this many times fails as worker-lost instead of being tried again. */
  WORKER_MAX_STALLS: positiveInt.default(1),
  CLEAN_CONCURRENCY: positiveInt.default(2),
  /** The cleaner sends JavaScript shells to the render stage (headless Chromium); off, they fail as js-shell. Run the renderer when on. */
  RENDER_ENABLED: bool.default(false),
  /** Host names whose article pages always go to the render stage (comma-separated; a name covers its subdomains): the fetcher hands them to the renderer instead of fetching them itself. Needs RENDER_ENABLED. */
  RENDER_HOSTS: hostNameList.default([]),
  /** Pages the renderer renders at once, each in its own browser context (memory: about 90 MB PSS per open page over an idle browser of about 270 MB, by render-bench). */
  RENDER_CONCURRENCY: positiveInt.default(2),
  /** Chromium binary (Debian's `chromium` package); never a downloaded browser. */
  RENDER_CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
  /** Deadline of one render, navigation and settling included; past it the job fails as timeout and is retried. */
  RENDER_TIMEOUT_MS: positiveInt.default(15_000),
  /** Requests one page may make (document, scripts, XHR, frames); the rest are aborted. */
  RENDER_MAX_REQUESTS: positiveInt.default(200),
  /** Bytes the browser may download for one page, through the guarding proxy; past it the page fails as too-large. */
  RENDER_MAX_BYTES: positiveInt.default(10 * 1024 * 1024),
  /** V8 heap of a renderer process, in MB; a page over it crashes its tab and fails as render-crashed. */
  RENDER_MAX_HEAP_MB: positiveInt.default(256),
  /** How long a document stays a candidate for copies arriving later; older ones are forgotten so the index stays bounded. */
  DEDUPE_RETENTION_DAYS: positiveInt.default(30),
  /** Dedupe jobs held at once: they mostly wait on Redis and on the index outbox's next flush. */
  DEDUPE_CONCURRENCY: positiveInt.default(64),
  /** Articles published further apart than this never share a story. Also the story state's retention: frequencies, candidate index and stored vectors are kept in epochs of this length, the current one and the one before. */
  STORY_WINDOW_DAYS: positiveInt.default(3),
  /** The story repair pass runs after every this many story assignments (0: never). */
  STORY_REPAIR_EVERY: z.coerce.number().int().min(0).default(200),
  /** Decoded story vectors each dedupe worker keeps (least recently used out; ~17 KB of heap each): candidates are the window's recent articles, and decoding them was most of the story step's client CPU. At 10k articles (two epochs, 12k candidates' span): 2,000 -> 5.2 ms of client CPU an article, 6,000 -> 3.5 ms (+100 MB), 12,000 -> 2.8 ms (+240 MB). */
  STORY_VECTOR_CACHE: positiveInt.default(6_000),
  /** The dedupe outbox sends one index job per this many documents decided by concurrent dedupe jobs (at most 500)... */
  INDEX_OUTBOX_MAX_DOCS: z.coerce.number().int().min(1).max(500).default(200),
  /** ...or once its oldest document waited this long, whichever comes first. */
  INDEX_OUTBOX_FLUSH_MS: positiveInt.default(50),
  INDEX_BATCH_SIZE: positiveInt.default(500),
  INDEX_FLUSH_MS: positiveInt.default(1000),
  /** While no bulk request is in flight, the oldest document waits this long for others (0: sent at once). */
  INDEX_LINGER_MS: z.coerce.number().int().min(0).default(200),
  /** A bulk request is also sent once its body reaches this many bytes. */
  INDEX_FLUSH_BYTES: positiveInt.default(5 * 1024 * 1024),
  /** Bulk requests the indexer keeps in flight at once (the next batch gathers meanwhile); 2, 4 and 8 were within the benchmark's noise of each other. */
  INDEX_MAX_IN_FLIGHT: positiveInt.default(4),
  /** Resends of a document answered 429/5xx inside the indexer before its job is retried by BullMQ. */
  INDEX_ITEM_RETRIES: z.coerce.number().int().min(0).default(5),
  /** Backoff (with jitter) for resends and for waiting out an Elasticsearch outage: first step and cap. */
  INDEX_BACKOFF_MS: positiveInt.default(500),
  INDEX_BACKOFF_MAX_MS: positiveInt.default(30_000),
  /** While Elasticsearch gives no answer, a cluster-health probe every this many ms ends the backoff as soon as it answers. */
  INDEX_OUTAGE_PROBE_MS: positiveInt.default(1000),
  /** Deadline of one bulk request; a timed-out request counts as an outage and is resent (versions make that safe). */
  INDEX_REQUEST_TIMEOUT_MS: positiveInt.default(30_000),
  /** Primary shards of a new articles index (a reindex is needed to change it on an existing one). */
  INDEX_SHARDS: positiveInt.default(1),
  /** Replicas per shard: a number, or a range such as 0-1 (auto_expand_replicas: as many as the other nodes allow, so one node stays green and two or more keep a copy). */
  INDEX_REPLICAS: z
    .string()
    .regex(/^\d+$|^\d+-(\d+|all)$/, 'expected a number or a range such as 0-1 or 0-all')
    .default('0-1'),
  /** BullMQ worker instances the indexer splits its concurrency over (job fetching is round-trip bound per worker). */
  INDEX_WORKERS: positiveInt.default(1),

  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: port.default(8080),
  /** Bearer token for the API, dashboard and metrics; required when API_HOST is not loopback. */
  API_TOKEN: z.string().min(16).optional(),
  API_BASIC_AUTH: z
    .string()
    .regex(/^[^:]+:.{8,}$/, 'expected user:password (password of 8+ characters)')
    .optional(),
  API_ENABLE_DASHBOARD: bool.default(true),
  /** Most URLs one POST /api/urls (or one `newsflow add` batch) may carry. */
  API_MAX_URLS: positiveInt.default(1_000),
  /** Back-pressure: intake (URLs, feeds, sitemaps, sites, sources, WARC) answers 503 with Retry-After while more than this many jobs are not done across the stage queues (waiting, delayed, prioritized, active), and feed/sitemap/site discovery pauses; 0 disables. */
  INTAKE_MAX_BACKLOG: z.coerce.number().int().min(0).default(200_000),
  /** Back-pressure: the same once the fullest Redis server (each master of a Cluster) would use more than this many MB (INFO used_memory, plus what its key tables take at once when they next double, 16 bytes a slot, plus INTAKE_REDIS_KB_PER_JOB per job not done); keep it below Redis maxmemory; 0 disables. */
  INTAKE_MAX_REDIS_MEMORY_MB: z.coerce.number().int().min(0).default(2_048),
  /** What one job not done (waiting or active) will leave in Redis once processed, in KB (completed-job records kept a day, dedupe and story entries): INTAKE_MAX_REDIS_MEMORY_MB is held against used memory plus this per job not done, so a backlog admitted under the bound stays under it while it drains; 0 counts used memory alone. `npm run load` prints the figure by key family (24.7 KB per document at 23.5k documents, 10 of them the story vectors; up to 34 KB in a young store, whose term tables still grow: 24 let Redis pass a 256 MB bound by 4 %). */
  INTAKE_REDIS_KB_PER_JOB: z.coerce.number().min(0).default(40),
  /** Intake answers 503 instead of waiting once Redis has not answered for this long (or at once while it is disconnected). */
  INTAKE_REDIS_TIMEOUT_MS: positiveInt.default(2_000),
  /** Retry-After (seconds) sent with a back-pressure 503, and how long paused discovery waits before it looks again. */
  INTAKE_RETRY_AFTER_SECONDS: positiveInt.default(30),
  /** Largest request body the API reads, in bytes; larger ones are answered 413. */
  API_BODY_LIMIT_BYTES: positiveInt.default(1024 * 1024),
  /** Run the saved-search matcher and the webhook sender in the API process (any number of API processes may). */
  ALERTS_ENABLED: bool.default(true),
  /** How often saved searches are run against the articles indexed since their last run. */
  SAVED_SEARCH_INTERVAL_MS: positiveInt.default(30_000),
  /** A run covers articles indexed until this long ago: indexedAt is stamped when a bulk request is sent, so keep this above INDEX_REQUEST_TIMEOUT_MS plus the index refresh. */
  SAVED_SEARCH_SETTLE_MS: z.coerce.number().int().min(0).default(35_000),
  /** Tries per webhook call (a refused target is not retried), with exponential backoff from WEBHOOK_BACKOFF_MS. */
  WEBHOOK_ATTEMPTS: positiveInt.default(6),
  WEBHOOK_BACKOFF_MS: positiveInt.default(5_000),
  /** Deadline of one webhook call, response included. Targets pass the fetcher's SSRF guard (FETCH_ALLOW_PRIVATE). */
  WEBHOOK_TIMEOUT_MS: positiveInt.default(10_000),
  /** Largest WARC upload `POST /api/warc` (and `newsflow warc FILE`) reads, in bytes; streamed, never held whole. */
  WARC_MAX_UPLOAD_BYTES: positiveInt.default(20 * 1024 * 1024 * 1024),
  /** Longest a WARC download from a URL may take (CC-NEWS files are about 1 GB). */
  WARC_DOWNLOAD_TIMEOUT_MS: positiveInt.default(3_600_000),
  /** Clean jobs allowed to wait before a WARC ingest pauses reading (each holds its raw page in Redis). */
  WARC_MAX_PENDING: positiveInt.default(5_000),
});

export type Env = z.infer<typeof EnvSchema>;
