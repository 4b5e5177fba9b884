import { z } from 'zod';

/**
 * A run ledger: what a fault, load or hostile-input suite did to the pipeline, written by the suite
 * as JSON next to its other artifacts and read by `newsflow verify --ledger FILE`. What became of
 * the URLs is never taken from here: verify reads that from the pipeline's own state (the intake
 * ledger in Redis, the index, the failed jobs). The ledger only says what was done to it.
 */
export const runLedgerSchema = z.object({
  version: z.literal(1),
  /** e.g. "faults-full", "faults-ci", "hostile" */
  suite: z.string(),
  /** "single" (one Redis, one ES node) or "cluster" (Redis Cluster, several ES nodes) */
  topology: z.string(),
  startedAt: z.string(),
  endedAt: z.string(),
  /** URLs the suite sent to POST /api/urls, and how many the API answered 202 for */
  urlsSubmitted: z.number().int().nonnegative(),
  urlsAccepted: z.number().int().nonnegative(),
  faults: z.array(
    z.object({
      /** e.g. kill-worker, sigstop-worker, redis-restart, es-down, es-http-429 */
      kind: z.string(),
      target: z.string(),
      at: z.string(),
      /** how long the fault lasted (0 for a kill) */
      durationMs: z.number().nonnegative(),
      /** from the end of the fault until the stage it hit made progress again; null if never seen */
      recoveryMs: z.number().nonnegative().nullable(),
    }),
  ),
  hostile: z
    .object({
      tried: z.number().int().nonnegative(),
      passed: z.number().int().nonnegative(),
      failedCases: z.array(z.string()).default([]),
    })
    .default({ tried: 0, passed: 0, failedCases: [] }),
});

export type RunLedger = z.infer<typeof runLedgerSchema>;
export type RunLedgerFault = RunLedger['faults'][number];

/** Faults counted by kind, in first-seen order. */
export function faultsByKind(faults: readonly RunLedgerFault[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const fault of faults) counts[fault.kind] = (counts[fault.kind] ?? 0) + 1;
  return counts;
}
