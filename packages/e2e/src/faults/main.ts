// `npm run faults` (the full run) and `npm run faults -- --ci` (the CI-sized one): the fault suite
// on loopback, its figures printed, the run ledger written and read back by `newsflow verify`.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startServices } from '@newsflow/devstack';
import { FULL_RUN, CI_RUN } from './plans.ts';
import { runFaultSuite } from './run-faults.ts';

const root = join(import.meta.dirname, '../../../..');
const { values } = parseArgs({
  options: {
    ci: { type: 'boolean', default: false },
    urls: { type: 'string' },
    seed: { type: 'string' },
  },
});
const plan = values.ci ? CI_RUN : FULL_RUN;
const artifacts = join(root, 'artifacts');
mkdirSync(artifacts, { recursive: true });
const ledgerFile = join(artifacts, `${plan.suite}-ledger.json`);
const services = await startServices({ purpose: 'test' });
try {
  const started = Date.now();
  const result = await runFaultSuite({
    ...plan,
    urls: values.urls ? Number(values.urls) : plan.urls,
    seed: values.seed ? Number(values.seed) : Date.now() % 100_000,
    elasticsearchUrl: services.elasticsearchUrl,
    ledgerFile,
    log: (line) => console.log(`[faults +${((Date.now() - started) / 1000).toFixed(1)} s] ${line}`),
  });
  const { ledger, verify, ...verdict } = result;
  console.log(JSON.stringify(verdict, null, 2));
  console.log(verify.output);
  console.log(
    `ledger: ${ledgerFile} (${ledger.faults.length} faults, ${((Date.now() - started) / 1000).toFixed(0)} s)`,
  );
  process.exitCode = verdict.problems.length === 0 && verify.exitCode === 0 ? 0 : 1;
} finally {
  await services.stop();
}
