// Gets the Elasticsearch distribution onto disk once: the integ-test zip from Maven Central (via
// mvn, which caches it in ~/.m2) unzipped into a cache directory that later runs reuse. The cache
// is treated as read-only at run time (each run gets its own config copy), so concurrent runs can
// share it safely.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { findExecutable } from './executables.ts';
import { findJavaHome } from './java-home.ts';
import { ES_VERSION, elasticsearchBaseDir } from './paths.ts';

const GROUP_PATH = 'org/elasticsearch/distribution/integ-test-zip/elasticsearch';
const ARTIFACT = `org.elasticsearch.distribution.integ-test-zip:elasticsearch:${ES_VERSION}:zip`;

export function distributionDir(): string {
  return join(elasticsearchBaseDir(), `elasticsearch-${ES_VERSION}`);
}

/** MAVEN_REPO_LOCAL moves the Maven cache (e.g. to measure a cold download) */
const mavenRepo = () => process.env.MAVEN_REPO_LOCAL ?? join(homedir(), '.m2', 'repository');

export function mavenZipPath(): string {
  return join(mavenRepo(), GROUP_PATH, ES_VERSION, `elasticsearch-${ES_VERSION}.zip`);
}

/** Returns the ES home directory, downloading and unzipping only what is missing. */
export async function ensureDistribution(log: (line: string) => void): Promise<string> {
  const home = distributionDir();
  if (existsSync(join(home, 'bin', 'elasticsearch'))) return home;
  const zip = mavenZipPath();
  if (!existsSync(zip)) {
    log(`downloading Elasticsearch ${ES_VERSION} with mvn (~130 MB, once)`);
    const args = ['-q', '-B', 'dependency:get', `-Dartifact=${ARTIFACT}`, '-Dtransitive=false'];
    await run('mvn', [...args, `-Dmaven.repo.local=${mavenRepo()}`]);
    if (!existsSync(zip)) throw new Error(`mvn finished but ${zip} is missing`);
  }
  log(`unzipping Elasticsearch ${ES_VERSION} into ${home} (once)`);
  await unzipAtomically(zip, home);
  return home;
}

// Unzip into a private temp dir, then rename: a half-extracted tree is never visible, and when two
// processes race, the loser simply discards its copy.
async function unzipAtomically(zip: string, home: string): Promise<void> {
  const base = elasticsearchBaseDir();
  mkdirSync(base, { recursive: true, mode: 0o755 });
  const temp = mkdtempSync(join(base, '.unzip-'));
  try {
    await extract(zip, temp);
    const top = readdirSync(temp).find((name) => name.startsWith('elasticsearch-'));
    if (!top) throw new Error(`unexpected layout in ${zip}`);
    chmodSync(temp, 0o755);
    try {
      renameSync(join(temp, top), home);
    } catch (error) {
      if (!existsSync(join(home, 'bin', 'elasticsearch'))) throw error;
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/** `unzip` keeps the executable bits; the JDK's `jar` is the fallback on machines without it. */
async function extract(zip: string, into: string): Promise<void> {
  if (findExecutable('unzip')) {
    await run('unzip', ['-q', zip, '-d', into]);
    return;
  }
  await run(join(findJavaHome(), 'bin', 'jar'), ['xf', zip], into);
  for (const top of readdirSync(into)) {
    const bin = join(into, top, 'bin');
    for (const file of readdirSync(bin)) chmodSync(join(bin, file), 0o755);
  }
}

export function run(command: string, args: string[], cwd?: string, env?: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', (error) => reject(new Error(`${command} failed to start: ${error.message}`)));
    child.once('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}`));
    });
  });
}
