// `npm run faults` (the full run), `npm run faults -- --ci` (the CI-sized one) and
// `--topology cluster` (a Redis Cluster and a 3-node Elasticsearch of the run's own): the fault
// suite on loopback, its figures printed, the run ledger written and read back by `newsflow verify`.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startServices } from '@newsflow/devstack';
import { FULL_RUN, CI_RUN } from './plans.ts';
import { runFaultSuite } from './run-faults.ts';
import { startClusterTopology, startSingleTopology } from './topology.ts';
import type { FaultTopology } from './topology.ts';

const root = join(import.meta.dirname, '../../../..');
const { values } = parseArgs({
  options: {
    ci: { type: 'boolean', default: false },
    urls: { type: 'string' },
    seed: { type: 'string' },
    topology: { type: 'string', default: 'single' },
  },
});
if (values.topology !== 'single' && values.topology !== 'cluster')
  throw new Error(`--topology is single or cluster, not ${values.topology}`);
const plan = values.ci ? CI_RUN : FULL_RUN;
const suite = values.topology === 'cluster' ? `${plan.suite}-cluster` : plan.suite;
const artifacts = join(root, 'artifacts');
mkdirSync(artifacts, { recursive: true });
const ledgerFile = join(artifacts, `${suite}-ledger.json`);
const started = Date.now();
const log = (line: string) => console.log(`[faults +${((Date.now() - started) / 1000).toFixed(1)} s] ${line}`);

/** The cluster's ports, from NEWSFLOW_FAULTS_PORTS (redis:7100-7199,es-http:9310-9319,es-transport:9390-9399 by default). */
function clusterPorts() {
  const spec = process.env.NEWSFLOW_FAULTS_PORTS ?? 'redis:7100-7199,es-http:9310-9319,es-transport:9390-9399';
  const ranges = new Map(
    spec.split(',').map((part) => {
      const [, name, from, to] = /^([a-z-]+):(\d+)-(\d+)$/.exec(part.trim()) ?? [];
      return [name, { from: Number(from), to: Number(to) }] as const;
    }),
  );
  const range = (name: string) => {
    const found = ranges.get(name);
    if (!found) throw new Error(`NEWSFLOW_FAULTS_PORTS names no ${name} range: ${spec}`);
    return found;
  };
  return { redis: range('redis'), elasticsearch: { http: range('es-http'), transport: range('es-transport') } };
}

async function startTopology(): Promise<{ topology: FaultTopology; stop(): Promise<void> }> {
  if (values.topology === 'cluster') {
    const topology = await startClusterTopology({ log, ports: clusterPorts() });
    return { topology, stop: topology.stop };
  }
  const services = await startServices({ purpose: 'test' });
  const topology = await startSingleTopology(services.elasticsearchUrl);
  return { topology, stop: () => topology.stop().finally(() => services.stop()) };
}

const { topology, stop } = await startTopology();
try {
  const result = await runFaultSuite({
    ...plan,
    suite,
    urls: values.urls ? Number(values.urls) : plan.urls,
    seed: values.seed ? Number(values.seed) : Date.now() % 100_000,
    topology,
    ledgerFile,
    log,
  });
  const { ledger, verify, ...verdict } = result;
  console.log(JSON.stringify(verdict, null, 2));
  console.log(verify.output);
  console.log(
    `ledger: ${ledgerFile} (${topology.name}, ${ledger.faults.length} faults, ${((Date.now() - started) / 1000).toFixed(0)} s)`,
  );
  process.exitCode = verdict.problems.length === 0 && verify.exitCode === 0 ? 0 : 1;
} finally {
  await stop();
}
