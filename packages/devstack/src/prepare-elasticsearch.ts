// Used by scripts/bootstrap.sh: fetch and unzip the Elasticsearch distribution ahead of time so no
// test run pays for the download. Silent when everything is already in place.
import { ensureDistribution } from './elasticsearch-distribution.ts';
import { findJavaHome } from './java-home.ts';

const log = (line: string) => console.log(`[devstack] ${line}`);
await ensureDistribution(log);
findJavaHome(); // throws with a clear message when no JDK >= 21 is available
