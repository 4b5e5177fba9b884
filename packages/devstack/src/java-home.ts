// Finds a JDK >= 21 for Elasticsearch 9 (the integ-test zip bundles no JDK). Reads the JDK's
// `release` file instead of running `java -version`: no process spawn, no JVM start-up cost.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const MIN_JAVA_MAJOR = 21;
const JVM_DIR = '/usr/lib/jvm';

export function javaMajorVersion(home: string): number | undefined {
  try {
    const release = readFileSync(join(home, 'release'), 'utf8');
    const version = /^JAVA_VERSION="([^"]+)"/m.exec(release)?.[1];
    if (!version || !existsSync(join(home, 'bin', 'java'))) return undefined;
    const parts = version.split('.');
    // "1.8.0_x" style for Java 8 and older, "25.0.3" from 9 on
    const major = Number(parts[0] === '1' ? parts[1] : parts[0]);
    return Number.isFinite(major) ? major : undefined;
  } catch {
    return undefined;
  }
}

function listJvms(prefix: string): string[] {
  try {
    return readdirSync(JVM_DIR)
      .filter((name) => name.startsWith(prefix))
      .sort()
      .reverse() // newest version first
      .map((name) => join(JVM_DIR, name));
  } catch {
    return [];
  }
}

/** explicit env first, then Temurin (preinstalled on our machines), then any distro JDK */
export function findJavaHome(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [env.ES_JAVA_HOME, env.JAVA_HOME, ...listJvms('temurin-'), ...listJvms('')];
  for (const home of candidates) {
    if (home && (javaMajorVersion(home) ?? 0) >= MIN_JAVA_MAJOR) return home;
  }
  throw new Error(
    `no JDK >= ${MIN_JAVA_MAJOR} found (checked ES_JAVA_HOME, JAVA_HOME, ${JVM_DIR}/*); ` +
      'run scripts/bootstrap.sh or set ES_JAVA_HOME',
  );
}
