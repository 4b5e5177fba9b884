import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');
const list = z.string().transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean));

/** Every environment variable Newsflow reads, with its default. `.env.example` mirrors this list. */
export const EnvSchema = z.object({
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  ELASTICSEARCH_URL: z.string().url().default('http://127.0.0.1:9200'),
  NEWSFLOW_QUEUE_PREFIX: z.string().regex(/^[\w.-]+$/).default('newsflow'),
  NEWSFLOW_INDEX_PREFIX: z.string().regex(/^[a-z0-9_.-]+$/).default('articles'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),

  FETCH_USER_AGENT: z.string().min(3).default('NewsflowBot/0.1 (+https://github.com/newsflow/newsflow)'),
  FETCH_TIMEOUT_MS: positiveInt.default(15_000),
  FETCH_MAX_BYTES: positiveInt.default(5 * 1024 * 1024),
  FETCH_MAX_REDIRECTS: z.coerce.number().int().min(0).max(20).default(5),
  /** Hosts or CIDR ranges the SSRF guard lets through, e.g. "127.0.0.1/32" for local demos. Empty by default. */
  FETCH_ALLOW_PRIVATE: list.default([]),
  FETCH_CONCURRENCY: positiveInt.default(8),
  CLEAN_CONCURRENCY: positiveInt.default(2),
  DEDUPE_CONCURRENCY: positiveInt.default(4),
  INDEX_BATCH_SIZE: positiveInt.default(500),
  INDEX_FLUSH_MS: positiveInt.default(1000),

  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: port.default(8080),
  /** Bearer token for the API, dashboard and metrics; required when API_HOST is not loopback. */
  API_TOKEN: z.string().min(16).optional(),
  API_BASIC_AUTH: z.string().regex(/^[^:]+:.{8,}$/, 'expected user:password (password of 8+ characters)').optional(),
  API_ENABLE_DASHBOARD: bool.default(true),
});

export type Env = z.infer<typeof EnvSchema>;
