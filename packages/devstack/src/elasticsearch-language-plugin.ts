// Optional: the integration-test distribution plus the language analyzers the official image gets
// from its analysis-common module. Elastic publishes that module to no Maven repository, so
// devstack builds a stable plugin (LanguageAnalyzers.java, written from the ANALYZERS table below:
// Lucene's German, English, … analyzers under their Elasticsearch names) with the JDK and the distribution's own
// plugin-API and Lucene jars, and installs it into a hard-linked copy of the distribution. The
// plain distribution stays as it is: tests keep running on core modules only.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { run } from './elasticsearch-distribution.ts';
import { ES_VERSION, elasticsearchBaseDir } from './paths.ts';

const PLUGIN = 'newsflow-languages';
const FACTORY = 'org.elasticsearch.plugin.analysis.AnalyzerFactory';
const PACKAGE = 'dev.newsflow.analysis';
const OUTER_CLASS = 'LanguageAnalyzers';
/** The Elasticsearch analyzer names the plugin registers, with the Lucene analyzer each one builds. */
const ANALYZERS: Record<string, string> = {
  german: 'de.GermanAnalyzer',
  english: 'en.EnglishAnalyzer',
  french: 'fr.FrenchAnalyzer',
  spanish: 'es.SpanishAnalyzer',
  italian: 'it.ItalianAnalyzer',
  dutch: 'nl.DutchAnalyzer',
  portuguese: 'pt.PortugueseAnalyzer',
};

/** The nested class that provides an analyzer name: `german` is LanguageAnalyzers$German. */
function factoryClassOf(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * The plugin's Java source, from ANALYZERS. The stable plugin API finds a component by its class, so
 * each name needs a class of its own; writing them from the table keeps names and classes in one place.
 */
export function pluginSource(): string {
  const factories = Object.entries(ANALYZERS).map(
    ([name, lucene]) =>
      `    @NamedComponent("${name}")\n` +
      `    public static final class ${factoryClassOf(name)} implements AnalyzerFactory {\n` +
      `        public Analyzer create() { return new org.apache.lucene.analysis.${lucene}(); }\n    }\n`,
  );
  return [
    `package ${PACKAGE};\n`,
    'import org.apache.lucene.analysis.Analyzer;',
    'import org.elasticsearch.plugin.NamedComponent;',
    'import org.elasticsearch.plugin.analysis.AnalyzerFactory;\n',
    `public final class ${OUTER_CLASS} {`,
    `    private ${OUTER_CLASS}() {}\n`,
    factories.join('\n') + '}\n',
  ].join('\n');
}

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
    // Hard links: no second 140 MB on disk. The real path, because `cp -a` of a symlinked home copies the
    // link, and the plugin would then be installed into the shared distribution itself.
    await run('cp', ['-al', realpathSync(home), copy]);
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
  const source = join(work, `${OUTER_CLASS}.java`);
  writeFileSync(source, pluginSource());
  await run(join(javaHome, 'bin', 'javac'), ['--release', '21', '-cp', classpath, '-d', classes, source]);
  await run(join(javaHome, 'bin', 'jar'), ['--create', '--file', join(bundle, `${PLUGIN}.jar`), '-C', classes, '.']);
  writeFileSync(join(bundle, 'stable-plugin-descriptor.properties'), descriptor());
  const components = Object.fromEntries(
    Object.keys(ANALYZERS).map((name) => [name, `${PACKAGE}.${OUTER_CLASS}$${factoryClassOf(name)}`]),
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
