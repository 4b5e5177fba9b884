// Optional: the integration-test distribution plus the language analyzers the official image gets
// from its analysis-common module. Elastic publishes that module to no Maven repository, so
// devstack builds a stable plugin (es-language-plugin/LanguageAnalyzers.java: Lucene's German,
// English, … analyzers under their Elasticsearch names) with the JDK and the distribution's own
// plugin-API and Lucene jars, and installs it into a hard-linked copy of the distribution. The
// plain distribution stays as it is: tests keep running on core modules only.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './elasticsearch-distribution.ts';
import { ES_VERSION, elasticsearchBaseDir } from './paths.ts';

const PLUGIN = 'newsflow-languages';
const SOURCE = join(import.meta.dirname, '..', 'es-language-plugin', 'LanguageAnalyzers.java');
const FACTORY = 'org.elasticsearch.plugin.analysis.AnalyzerFactory';
/** The Elasticsearch analyzer names the plugin registers, by the nested class providing each. */
const ANALYZERS = {
  german: 'German',
  english: 'English',
  french: 'French',
  spanish: 'Spanish',
  italian: 'Italian',
  dutch: 'Dutch',
  portuguese: 'Portuguese',
};

/** True when devstack was asked for the language analyzers (NEWSFLOW_ES_LANGUAGE_ANALYZERS=1). */
export function languageAnalyzersWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NEWSFLOW_ES_LANGUAGE_ANALYZERS === '1';
}

/** The distribution with the plugin installed, built from `home` once and reused after. */
export async function withLanguagePlugin(home: string, javaHome: string, log: (line: string) => void): Promise<string> {
  const target = join(elasticsearchBaseDir(), `elasticsearch-${ES_VERSION}-languages`);
  if (existsSync(join(target, 'plugins', PLUGIN))) return target;
  log(`building the ${PLUGIN} analysis plugin into ${target} (once)`);
  mkdirSync(elasticsearchBaseDir(), { recursive: true });
  const temp = mkdtempSync(join(elasticsearchBaseDir(), '.languages-'));
  try {
    const zip = await buildPluginZip(home, javaHome, temp);
    const copy = join(temp, 'home');
    await run('cp', ['-al', home, copy]); // hard links: no second 140 MB on disk; nothing writes there
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', ES_JAVA_HOME: javaHome, LANG: 'C.UTF-8' };
    await run(
      join(copy, 'bin', 'elasticsearch-plugin'),
      ['install', '--batch', '--silent', `file://${zip}`],
      copy,
      env,
    );
    try {
      renameSync(copy, target);
    } catch (error) {
      if (!existsSync(join(target, 'plugins', PLUGIN))) throw error; // else another process won the race
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  return target;
}

/** Compiles the plugin against the distribution's jars and packs the stable-plugin zip. */
async function buildPluginZip(home: string, javaHome: string, work: string): Promise<string> {
  const lib = join(home, 'lib');
  const jars = readdirSync(lib).filter((name) =>
    /^(elasticsearch-plugin-(analysis-)?api|lucene-core|lucene-analysis-common)-[\d.]+\.jar$/.test(name),
  );
  const classes = join(work, 'classes');
  const bundle = join(work, 'bundle');
  mkdirSync(bundle, { recursive: true });
  const classpath = jars.map((jar) => join(lib, jar)).join(':');
  await run(join(javaHome, 'bin', 'javac'), ['--release', '21', '-cp', classpath, '-d', classes, SOURCE]);
  await run(join(javaHome, 'bin', 'jar'), ['--create', '--file', join(bundle, `${PLUGIN}.jar`), '-C', classes, '.']);
  writeFileSync(join(bundle, 'stable-plugin-descriptor.properties'), descriptor());
  const components = Object.fromEntries(
    Object.entries(ANALYZERS).map(([name, nested]) => [name, `dev.newsflow.analysis.LanguageAnalyzers$${nested}`]),
  );
  writeFileSync(join(bundle, 'named_components.json'), JSON.stringify({ [FACTORY]: components }));
  const zip = join(work, `${PLUGIN}.zip`);
  await run(join(javaHome, 'bin', 'jar'), ['--create', '--no-manifest', '--file', zip, '-C', bundle, '.']);
  return zip;
}

function descriptor(): string {
  const fields = {
    name: PLUGIN,
    description: 'Lucene language analyzers under their Elasticsearch names, for tests on the integ-test zip',
    version: '1.0.0',
    'elasticsearch.version': ES_VERSION,
    'java.version': '21',
  };
  return Object.entries(fields)
    .map(([key, value]) => `${key}=${value}\n`)
    .join('');
}
