// The indexer's batching path alone: an op per document, the batcher, the _bulk body and each
// item's outcome, against an Elasticsearch stand-in that answers every item 201 at once. Prints
// the node CPU per document, so a change to that path can be measured without Elasticsearch's noise.
//   node services/indexer/bench/batch-path-bench.ts [docs]   (default 200000)
import { createBatcher } from '../src/batch/batcher.ts';
import { upsertOp } from '../src/batch/bulk-lines.ts';
import type { BulkOp } from '../src/batch/bulk-lines.ts';
import { createEsGuard } from '../src/es-guard.ts';

const docs = Number(process.argv[2] ?? 200_000);
/** Documents per job (the dedupe outbox's batch) and jobs held at once, as the index stage runs. */
const JOB_DOCS = 200;
const JOBS_HELD = 40;
const line = Buffer.from(JSON.stringify({ title: 'x'.repeat(80), body: 'word '.repeat(1200), docId: 'd'.repeat(64) }));
const backoff = { baseMs: 10, maxMs: 100 };
const guard = createEsGuard(backoff, { onDown: () => undefined, onUp: () => undefined });
const requestSizes: number[] = [];
const batcher = createBatcher({
  limits: { maxDocs: 500, maxBytes: 5 * 1024 * 1024, flushMs: 1000, maxInFlight: 4, itemRetries: 3 },
  backoff,
  guard,
  // The indexer always has a prepare hook (merges to write in); this one only counts the ops.
  prepare: async (ops: BulkOp[]) => {
    requestSizes.push(ops.length);
    return ops;
  },
  send: async () => ({ items: Array.from({ length: requestSizes.shift() ?? 0 }, () => ({ index: { status: 201 } })) }),
});

let submitted = 0;
async function runJobs(): Promise<void> {
  while (submitted < docs) {
    const ops = Array.from({ length: JOB_DOCS }, (_, i) => upsertOp('articles', `doc-${submitted + i}`, i + 1, line));
    submitted += JOB_DOCS;
    await Promise.allSettled(ops.map((op) => batcher.submit(op)));
  }
}

const started = process.cpuUsage();
await Promise.all(Array.from({ length: JOBS_HELD }, runJobs));
const spent = process.cpuUsage(started);
guard.close();
console.log(`${submitted} documents: ${((spent.user + spent.system) / submitted).toFixed(2)} µs node CPU per document`);
