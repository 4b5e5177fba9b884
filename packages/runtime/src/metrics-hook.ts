import { DelayedError } from 'bullmq';
import type { Job } from 'bullmq';
import { StageError, nextQueue, reasonOf } from '@newsflow/contracts';
import type { QueueName } from '@newsflow/contracts';
import type { MetricsRecorder } from './metrics-recorder.ts';

/** A processor may say why it completed without output (see StageOutcome). */
type Processor = (job: Job) => Promise<{ skipped?: string } | void>;

/** Wraps a stage's processor so every attempt is counted, timed and, at the last stage, its end-to-end latency measured. */
export function instrumentProcessor(stage: QueueName, processor: Processor, recorder: MetricsRecorder): Processor {
  const isLast = nextQueue(stage) === null;
  return async (job) => {
    const started = performance.now();
    let outcome: { skipped?: string } | void;
    try {
      outcome = await processor(job);
    } catch (error) {
      // A job parked for later (per-host pacing) has not failed: it is counted when it really runs.
      if (error instanceof DelayedError) throw error;
      await recorder.recordJob({
        stage,
        ok: false,
        reason: failureReasonOf(error),
        durationMs: performance.now() - started,
      });
      throw error;
    }
    const submittedAt = isLast ? submittedAtOf(job.data) : undefined;
    const skipped = outcome?.skipped;
    await recorder.recordJob({ stage, ok: true, skipped, durationMs: performance.now() - started, submittedAt });
  };
}

export function failureReasonOf(error: unknown): string {
  if (error instanceof StageError) return error.reason;
  return reasonOf(error instanceof Error ? error.message : String(error));
}

/** Index upserts name their documents with the submittedAt of each, when its URL entered the pipeline. */
function submittedAtOf(data: unknown): string[] | undefined {
  const documents = (data as { documents?: unknown } | undefined)?.documents;
  if (!Array.isArray(documents)) return undefined;
  return documents.flatMap((document: { submittedAt?: unknown } | null) =>
    typeof document?.submittedAt === 'string' ? [document.submittedAt] : [],
  );
}
