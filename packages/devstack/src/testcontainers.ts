// Redis and Elasticsearch in containers, when a Docker engine answers. The testcontainers modules
// are imported dynamically so machines without Docker never pay for loading them.
// For purpose 'main' the data directories are bind-mounted from .cache/newsflow-data/docker so a
// later run sees the same data even though the containers themselves are removed on stop.
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ES_VERSION, mainDataDir } from './paths.ts';
import type { ProviderOptions, RunningService } from './service.ts';

const REDIS_IMAGE = 'redis:7.2-alpine';
const ES_IMAGE = `docker.elastic.co/elasticsearch/elasticsearch:${ES_VERSION}`;

function mainVolume(name: string): string {
  const dir = join(mainDataDir, 'docker', name);
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o777); // container users (redis 999, elasticsearch 1000) must write here
  return dir;
}

export async function startRedisContainer(options: ProviderOptions): Promise<RunningService> {
  const { RedisContainer } = await import('@testcontainers/redis');
  const main = options.purpose === 'main';
  const persistence = main ? ['--appendonly', 'yes', '--appendfsync', 'everysec'] : ['--appendonly', 'no'];
  let container = new RedisContainer(REDIS_IMAGE).withCommand([
    'redis-server',
    '--save',
    '',
    ...persistence,
    '--maxmemory-policy',
    'noeviction',
  ]);
  if (main) container = container.withBindMounts([{ source: mainVolume('redis'), target: '/data', mode: 'rw' }]);
  const started = await container.start();
  const url = `redis://${started.getHost()}:${started.getPort()}`;
  options.log(`redis ${url} (testcontainers ${REDIS_IMAGE})`);
  return { url, provenance: 'testcontainers', stop: async () => void (await started.stop()) };
}

export async function startElasticsearchContainer(options: ProviderOptions): Promise<RunningService> {
  const { ElasticsearchContainer } = await import('@testcontainers/elasticsearch');
  const { Wait } = await import('testcontainers');
  let container = new ElasticsearchContainer(ES_IMAGE)
    .withEnvironment({
      'xpack.security.enabled': 'false', // plain http without credentials, same as the native node
      'cluster.routing.allocation.disk.threshold_enabled': 'false',
      'action.destructive_requires_name': 'false',
      ES_JAVA_OPTS: '-Xms512m -Xmx512m', // wins over the module's -Xmx2G default
    })
    .withWaitStrategy(Wait.forHttp('/_cluster/health?wait_for_status=yellow&timeout=1s', 9200));
  if (options.purpose === 'main') {
    const data = mainVolume('elasticsearch');
    container = container.withBindMounts([{ source: data, target: '/usr/share/elasticsearch/data', mode: 'rw' }]);
  }
  const started = await container.start();
  const url = started.getHttpUrl();
  options.log(`elasticsearch ${url} (testcontainers ${ES_IMAGE})`);
  return { url, provenance: 'testcontainers', stop: async () => void (await started.stop()) };
}
