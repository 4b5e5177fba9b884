// Where the tests find Redis and Elasticsearch: REDIS_URL and ELASTICSEARCH_URL (scripts/test.sh sets
// both), else a local default. One place, so every suite falls back to the same servers.
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEST_ELASTICSEARCH_URL = process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200';
