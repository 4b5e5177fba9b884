// The one test command: type-check, lint, then every unit, integration and end-to-end test against
// real Redis and Elasticsearch (provided by @newsflow/devstack), ending with "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { globSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServices } from '@newsflow/devstack';

const root = join(import.meta.dirname, '..');
const artifacts = join(root, 'artifacts');
mkdirSync(artifacts, { recursive: true });

function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  const ok = result.status === 0;
  console.log(`=== ${label}: ${ok ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`}`);
  return ok;
}

const checks = [run('typecheck and lint', 'npx', ['turbo', 'run', 'typecheck', 'lint', '--output-logs=errors-only'])];

const pattern = process.argv[2] ?? '{packages,services,seeds}/*/test/**/*.test.ts';
const files = globSync(pattern, { cwd: root })
  .filter((file) => !file.includes('node_modules'))
  .sort();
const services = await startServices({ purpose: 'test' });
const summaryFile = join(artifacts, 'test-summary.json');
let testsOk = false;
try {
  testsOk = run(
    'tests',
    process.execPath,
    [
      '--test',
      '--test-concurrency=2',
      '--test-timeout=300000',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      `--test-reporter=${join(root, 'scripts/summary-reporter.ts')}`,
      `--test-reporter-destination=${summaryFile}`,
      ...files,
    ],
    { ...process.env, ...services.env, NEWSFLOW_ARTIFACTS: artifacts },
  );
} finally {
  await services.stop();
}

const counts = JSON.parse(readFileSync(summaryFile, 'utf8')) as { passed: number; failed: number; skipped: number };
// A runner that failed without a failing test to show for it (a crash, a timeout) still fails the run.
if (!testsOk && counts.failed === 0) counts.failed = 1;
const checksFailed = checks.filter((ok) => !ok).length;
const passed = counts.passed + checks.length - checksFailed;
const failed = counts.failed + checksFailed;
console.log(`\n${passed} passed, ${failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
