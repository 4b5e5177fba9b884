// No Docker engine here, so the compose files are checked the way Compose would read them: YAML
// with merge keys, the cluster override merged over the base (maps merged, `!override` replaces),
// every dependency a real service, every worker environment accepted by the config schema.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { resolveConfig } from '@newsflow/config';

const root = join(import.meta.dirname, '..', '..', '..');
const WORKERS = ['fetcher', 'cleaner', 'dedupe', 'indexer', 'api'];
type Service = Record<string, unknown> & { environment?: Record<string, string>; depends_on?: Record<string, unknown> };
type Services = Record<string, Service>;

function load(file: string): { services: Services; replaced: Set<string> } {
  const doc = parseDocument(readFileSync(join(root, file), 'utf8'), { merge: true });
  assert.deepEqual(doc.errors, [], `${file}: ${doc.errors.map((error) => error.message).join('; ')}`);
  const services = (doc.toJS({ maxAliasCount: -1 }) as { services: Services }).services;
  const replaced = new Set(
    Object.keys(services).filter((name) => {
      const node = doc.getIn(['services', name, 'environment'], true) as { tag?: string } | undefined;
      return node?.tag === '!override';
    }),
  );
  return { services, replaced };
}

/** docker compose -f base -f override: services merged key by key, maps merged unless !override */
function merge(base: Services, override: Services, replaced: Set<string>): Services {
  const merged: Services = { ...base };
  for (const [name, service] of Object.entries(override)) {
    const before = base[name] ?? {};
    const environment = replaced.has(name) ? service.environment : { ...before.environment, ...service.environment };
    const depends_on = { ...before.depends_on, ...service.depends_on };
    merged[name] = { ...before, ...service, environment, depends_on };
  }
  return merged;
}

/** ${NAME:-default} takes its default, ${NAME:?message} a valid stand-in, as a real .env would */
function interpolate(environment: Record<string, string>): Record<string, string> {
  const stand_ins: Record<string, string> = { API_BASIC_AUTH: 'admin:correct-horse' };
  const resolve = (value: string) =>
    value.replace(
      /\$\{(\w+)(?::-([^}]*)|:\?[^}]*)?\}/g,
      (_, name: string, fallback?: string) => stand_ins[name] ?? fallback ?? '',
    );
  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, resolve(String(value))]));
}

function assertDependenciesExist(services: Services): void {
  for (const [name, service] of Object.entries(services)) {
    for (const dependency of Object.keys(service.depends_on ?? {}))
      assert.ok(services[dependency], `${name} depends on ${dependency}, which is no service`);
  }
}

void test('docker-compose.yml: the workers run on the standalone Redis and single Elasticsearch', () => {
  const { services } = load('docker-compose.yml');
  assertDependenciesExist(services);
  for (const worker of WORKERS) {
    const config = resolveConfig(interpolate(services[worker]!.environment ?? {}));
    assert.equal(config.REDIS_CLUSTER_NODES.length, 0, worker);
    assert.equal(new URL(config.REDIS_URL).hostname, 'redis');
  }
});

void test('docker-compose.cluster.yml: 6 Redis Cluster nodes and 3 Elasticsearch nodes the workers all reach', () => {
  const base = load('docker-compose.yml');
  const override = load('docker-compose.cluster.yml');
  const services = merge(base.services, override.services, override.replaced);
  assertDependenciesExist(services);
  const redisNodes = Object.keys(services).filter((name) => /^redis-\d$/.test(name));
  assert.equal(redisNodes.length, 6);
  for (const name of redisNodes) assert.match(String(services[name]!.command), /--cluster-enabled yes/);
  const init = String(services['redis-cluster-init']!.command);
  assert.match(init, /--cluster-replicas 1/);
  assert.deepEqual(
    /for n in ([\d ]+);/
      .exec(init)?.[1]
      ?.split(' ')
      .map((n) => `redis-${n}`),
    redisNodes,
  );

  const esNodes = Object.keys(services).filter((name) => /^elasticsearch(-\d)?$/.test(name));
  assert.equal(esNodes.length, 3);
  for (const name of esNodes) {
    const environment = services[name]!.environment ?? {};
    assert.equal(environment['discovery.type'], undefined, `${name} must not be a single-node cluster`);
    assert.equal(environment['node.name'], name);
    assert.deepEqual(environment['cluster.initial_master_nodes']?.split(','), esNodes);
    assert.deepEqual(environment['discovery.seed_hosts']?.split(','), esNodes);
  }

  for (const worker of WORKERS) {
    const config = resolveConfig(interpolate(services[worker]!.environment ?? {}));
    assert.deepEqual(
      config.REDIS_CLUSTER_NODES.map((node) => node.host),
      redisNodes,
      worker,
    );
    const esHosts = config.ELASTICSEARCH_URL.split(',').map((url) => new URL(url).hostname);
    assert.deepEqual(esHosts, esNodes, worker);
    assert.ok(services[worker]!.depends_on?.['redis-cluster-init'], `${worker} waits for the cluster to form`);
  }
});

void test('the renderer: only under the render profile, on an image with Debian chromium and no downloaded browser', () => {
  const { services } = load('docker-compose.yml');
  const renderer = services.renderer!;
  assert.deepEqual(renderer.profiles, ['render']);
  const dockerfile = String((renderer.build as { dockerfile?: string }).dockerfile);
  // The instructions, not the comments (which may well mention what is never done).
  const text = readFileSync(join(root, dockerfile), 'utf8')
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n');
  assert.match(text, /apt-get install [^\n]*\bchromium\b/, 'Debian chromium from apt');
  assert.match(text, /PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1/);
  assert.match(text, /RENDER_CHROMIUM_PATH=\/usr\/bin\/chromium/);
  assert.match(text, /npm ci [^\n]*--ignore-scripts/, 'no install script runs');
  assert.doesNotMatch(text, /playwright[^\n]* install|ms-playwright/, 'no browser download step');
  // The full `playwright` package downloads browsers when installed; playwright-core never does.
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, unknown>;
  };
  const playwrights = Object.keys(lock.packages).filter((path) =>
    /node_modules\/(@playwright\/[^/]+|playwright)$/.test(path),
  );
  assert.deepEqual(playwrights, []);
  const fetcher = resolveConfig(
    interpolate({ ...services.fetcher!.environment, RENDER_ENABLED: 'true', RENDER_HOSTS: 'example.com' }),
  );
  assert.deepEqual(fetcher.RENDER_HOSTS, ['example.com'], 'RENDER_HOSTS reaches the fetcher');
});
