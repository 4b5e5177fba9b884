// `node packages/devstack/src/cli.ts`: starts Redis and Elasticsearch for purpose 'main' (data kept
// in .cache/newsflow-data), prints the URLs and keeps them up until Ctrl-C. While it runs, the main
// command reuses these instances instead of starting its own.
import { startServices } from './index.ts';

const services = await startServices({ purpose: 'main' });
console.log(`REDIS_URL=${services.redisUrl}   (${services.provenance.redis})`);
console.log(`ELASTICSEARCH_URL=${services.elasticsearchUrl}   (${services.provenance.elasticsearch})`);
console.log('services are up; press Ctrl-C to stop them');

const keepAlive = setInterval(() => {}, 1 << 30); // child processes are unref'ed: hold the loop open
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping services...`);
    clearInterval(keepAlive);
    void services.stop().then(() => process.exit(0));
  });
}
