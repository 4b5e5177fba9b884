// The CI size of the fault suite (issue 11; the full one is `npm run faults`): 400 corpus URLs,
// 2 processes per stage, 8 kill -9 (restarted), a worker SIGSTOPped past its lock, Redis killed
// and restarted from its AOF, Elasticsearch down and then answering 429 and 503 through the fault
// proxy. Every URL must end indexed exactly once or failed with a reason, nothing lost, pending,
// duplicated or left active, no process dead unasked, and `newsflow verify --ledger` must agree.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CI_RUN } from '../src/faults/plans.ts';
import { runFaultSuite } from '../src/faults/run-faults.ts';
import { startSingleTopology } from '../src/faults/topology.ts';

const ES_URL = process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200';
const artifacts = process.env.NEWSFLOW_ARTIFACTS ?? join(import.meta.dirname, '../../../artifacts');

void test(
  'the fault suite (CI size): nothing lost, nothing duplicated, nothing stuck',
  { timeout: 420_000 },
  async (t) => {
    mkdirSync(artifacts, { recursive: true });
    const topology = await startSingleTopology(ES_URL);
    const result = await runFaultSuite({
      ...CI_RUN,
      seed: 11,
      topology,
      ledgerFile: join(artifacts, 'faults-ci-ledger.json'),
      log: (line) => t.diagnostic(line),
    }).finally(() => topology.stop());
    const { ledger, verify, ...verdict } = result;
    t.diagnostic(JSON.stringify(verdict));
    t.diagnostic(verify.output);
    assert.deepEqual(verdict.problems, []);
    assert.equal(verdict.lost, 0);
    assert.equal(verdict.duplicated, 0);
    assert.equal(verdict.urls, CI_RUN.urls);
    assert.ok(verdict.indexed >= CI_RUN.urls * 0.9, `most URLs indexed (${verdict.indexed})`);
    const kinds = new Set(ledger.faults.map((fault) => fault.kind));
    for (const kind of ['kill-worker', 'sigstop-worker', 'redis-restart', 'es-down', 'es-http-429', 'es-http-503'])
      assert.ok(kinds.has(kind), `a ${kind} fault was injected`);
    assert.equal(ledger.faults.filter((fault) => fault.kind === 'kill-worker').length, CI_RUN.killRounds * 4);
    const redisRestart = ledger.faults.find((fault) => fault.kind === 'redis-restart')!;
    assert.notEqual(redisRestart.recoveryMs, null, 'the workers reconnected to the restarted Redis by themselves');
    assert.equal(verify.exitCode, 0, verify.output);
    assert.match(verify.output, /lost\s+0/);
  },
);
