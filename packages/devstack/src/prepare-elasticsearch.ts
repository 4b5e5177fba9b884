// Used by scripts/bootstrap.sh: fetch and unzip the Elasticsearch distribution ahead of time so no
// test run pays for the download. Silent when everything is already in place.
import { ensureDistribution } from './elasticsearch-distribution.ts';
import { findJavaHome } from './java-home.ts';

const startedAt = Date.now();
let worked = false;
await ensureDistribution((line) => {
  worked = true;
  console.error(`bootstrap: ${line}`);
});
findJavaHome(); // throws with a clear message when no JDK >= 21 is available
if (worked)
  console.error(`bootstrap: Elasticsearch distribution ready in ${((Date.now() - startedAt) / 1000).toFixed(1)}s`);
