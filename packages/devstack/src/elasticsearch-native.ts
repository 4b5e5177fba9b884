// Native Elasticsearch from the integ-test distribution: small heap, single node, loopback only.
// Each run gets its own directory (config copy, data, logs, tmp) so the shared distribution cache
// stays pristine; purpose 'main' keeps that directory across runs to keep the indexed data.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import getPort from 'get-port';
import { ensureDistribution } from './elasticsearch-distribution.ts';
import { withLanguagePlugin } from './elasticsearch-language-plugin.ts';
import { findJavaHome } from './java-home.ts';
import { cacheDir, elasticsearchBaseDir, mainDataDir } from './paths.ts';
import { clearRunState, runMarkerEnv, settlePreviousRun, writeRunState } from './previous-run.ts';
import { startSupervised } from './process-supervisor.ts';
import type { SupervisedProcess } from './process-supervisor.ts';
import { chownTree, elasticsearchRunAs } from './service-user.ts';
import type { RunAs } from './service-user.ts';
import { isAddressInUse } from './service.ts';
import type { NativeService, ProviderOptions } from './service.ts';
import { waitUntilReady } from './wait.ts';

const HEAP = '-Xms512m -Xmx512m';
const START_TIMEOUT_MS = Number(process.env.NEWSFLOW_ES_START_TIMEOUT_MS ?? 180_000);

export interface Launch {
  home: string;
  javaHome: string;
  runAs: RunAs | undefined;
  options: ProviderOptions;
}

/** The distribution, the JVM and the user every node of a run shares. */
export async function prepareLaunch(options: ProviderOptions): Promise<Launch> {
  const javaHome = findJavaHome();
  const plain = await ensureDistribution(options.log);
  return {
    home: options.languageAnalyzers ? await withLanguagePlugin(plain, javaHome, options.log) : plain,
    javaHome,
    runAs: elasticsearchRunAs(),
    options,
  };
}

export async function startNativeElasticsearch(options: ProviderOptions): Promise<NativeService> {
  const launch = await prepareLaunch(options);
  if (options.purpose === 'main') {
    const reused = await settlePreviousRun(mainStateFile(), (s) => clusterHealthy(s.url), options.log);
    if (reused)
      return { url: reused.url, provenance: 'native', pid: undefined, port: reused.port, stop: async () => {} };
  }
  // the picked ports may be taken before ES binds them: retry once on a bind failure
  for (let attempt = 1; ; attempt++) {
    try {
      return await start(launch);
    } catch (error) {
      if (attempt >= 2 || !isAddressInUse(error)) throw error;
    }
  }
}

/** main data lives with the other main state unless ES had to move out of the repo (see paths.ts) */
function mainRunDir(): string {
  const base = elasticsearchBaseDir();
  return base === cacheDir ? join(mainDataDir, 'elasticsearch') : join(base, 'newsflow-data', 'elasticsearch');
}

function mainStateFile(): string {
  return join(mainRunDir(), '..', 'elasticsearch.json');
}

async function start(launch: Launch): Promise<NativeService> {
  const main = launch.options.purpose === 'main';
  const dir = prepareRunDir(launch);
  const httpPort = await getPort(main ? { port: 9200 } : {});
  const transportPort = await getPort({ ...(main ? { port: 9300 } : {}), exclude: [httpPort] });
  const url = `http://127.0.0.1:${httpPort}`;
  const logFile = join(dir, 'logs', 'console.log');
  const startedAt = Date.now();
  const proc = startSupervised({
    name: 'elasticsearch',
    command: join(launch.home, 'bin', 'elasticsearch'),
    args: settingsArgs(launch, dir, httpPort, transportPort),
    cwd: dir, // writable by the service user; ES then moves itself to ES_HOME and logs/
    env: processEnv(launch, dir),
    logFile,
    ...(launch.runAs ? { runAs: launch.runAs } : {}),
    ...(main ? {} : { removeOnExit: dir }),
  });
  try {
    await waitUntilReady(proc, () => clusterHealthy(url), { timeoutMs: START_TIMEOUT_MS, intervalMs: 500, logFile });
  } catch (error) {
    await proc.stop(5_000);
    if (!main) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  if (main) writeRunState(mainStateFile(), { pid: proc.pid, ownerPid: process.pid, url, port: httpPort, runDir: dir });
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  launch.options.log(`elasticsearch ${url} (native, pid ${proc.pid}, healthy after ${seconds}s)`);
  return { url, provenance: 'native', pid: proc.pid, port: httpPort, stop: () => stopRun(proc, dir, main) };
}

async function stopRun(proc: SupervisedProcess, dir: string, main: boolean): Promise<void> {
  await proc.stop(20_000);
  if (main) clearRunState(mainStateFile());
  else rmSync(dir, { recursive: true, force: true });
}

/** A node's directory: the given one, else main's kept one or a throw-away one. */
export function prepareRunDir(launch: Launch, given?: string): string {
  const main = launch.options.purpose === 'main';
  const dir = given ?? (main ? mainRunDir() : mkdtempSync(join(tmpdir(), 'newsflow-es-')));
  mkdirSync(dir, { recursive: true });
  // a fresh config copy each run: ES writes its keystore there, the cache must stay untouched
  rmSync(join(dir, 'config'), { recursive: true, force: true });
  cpSync(join(launch.home, 'config'), join(dir, 'config'), { recursive: true });
  for (const sub of ['data', 'logs', 'tmp']) mkdirSync(join(dir, sub), { recursive: true });
  if (launch.runAs) chownTree(dir, launch.runAs);
  return dir;
}

export function processEnv(launch: Launch, dir: string): NodeJS.ProcessEnv {
  // a minimal env: a developer's own ES_JAVA_OPTS or JAVA_TOOL_OPTIONS must not leak into the node
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    LANG: 'C.UTF-8',
    ES_JAVA_HOME: launch.javaHome,
    ES_PATH_CONF: join(dir, 'config'),
    ES_TMPDIR: join(dir, 'tmp'),
    ES_JAVA_OPTS: HEAP,
    ...runMarkerEnv(dir),
  };
}

const SINGLE_NODE = { 'node.name': 'newsflow', 'discovery.type': 'single-node' };

/** `-E` settings of one node; `topology` names the node and its cluster (single-node by default). */
export function settingsArgs(
  launch: Launch,
  dir: string,
  httpPort: number,
  transportPort: number,
  topology: Record<string, string> = { 'cluster.name': `newsflow-${launch.options.purpose}`, ...SINGLE_NODE },
): string[] {
  const settings: Record<string, string> = {
    ...topology,
    'network.host': '127.0.0.1',
    'http.port': String(httpPort),
    'transport.port': String(transportPort),
    'path.data': join(dir, 'data'),
    'path.logs': join(dir, 'logs'),
    // a nearly full dev disk must not flip indices to read-only in the middle of a test run
    'cluster.routing.allocation.disk.threshold_enabled': 'false',
    // tests clean up with wildcard index deletes
    'action.destructive_requires_name': 'false',
  };
  // The 9.5.0 integ-test zip does ship the x-pack-security module: left unset, the first start
  // auto-configures TLS and a keystore this stripped distribution cannot read, and dies. Guarded
  // by the module's presence because on a distribution without it the setting would be unknown.
  if (existsSync(join(launch.home, 'modules', 'x-pack-security'))) settings['xpack.security.enabled'] = 'false';
  return Object.entries(settings).flatMap(([key, value]) => ['-E', `${key}=${value}`]);
}

/** yellow is as good as it gets on one node (replicas stay unassigned) */
export async function clusterHealthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/_cluster/health?wait_for_status=yellow&timeout=1s`, {
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) return false;
    const body = (await response.json()) as { status?: string };
    return body.status === 'green' || body.status === 'yellow';
  } catch {
    return false;
  }
}
