import type { BackoffOptions } from './batch/backoff.ts';
import { backoffMs } from './batch/backoff.ts';
import type { BulkReport } from './batch/batcher.ts';

/** What the indexer pauses: its stage's workers, once they exist. */
export interface Pausable {
  pause(): void;
  resume(): void;
  readonly isPaused: boolean;
}

/**
 * The indexer's "take no new jobs" switch. Elasticsearch trouble is noticed by the batcher, which
 * the stage's handler needs, so the switch exists first and the stage is attached to it once built.
 */
export interface IntakeGate extends Pausable {
  attach(stage: Pausable): void;
}

export function createIntakeGate(): IntakeGate {
  let stage: Pausable | undefined;
  return {
    attach: (target) => {
      stage = target;
    },
    // Local pause without waiting for active jobs: they are the ones waiting for Elasticsearch.
    pause: () => {
      if (stage && !stage.isPaused) stage.pause();
    },
    resume: () => stage?.resume(),
    get isPaused() {
      return stage?.isPaused ?? false;
    },
  };
}

/**
 * Elasticsearch answering most items with 429 is overloaded: take no new jobs for a while (the
 * refused items are resent with their own backoff), longer each time it happens again; never
 * resume while Elasticsearch is down (the guard resumes then).
 */
export function createRejectionThrottle(gate: IntakeGate, backoff: BackoffOptions, isDown: () => boolean) {
  let rejectingStreak = 0;
  return (report: BulkReport): void => {
    const total = report.documents + report.rejected + report.retried;
    if (total === 0 || report.retried * 2 < total) {
      rejectingStreak = 0;
      return;
    }
    rejectingStreak += 1;
    if (gate.isPaused) return;
    gate.pause();
    setTimeout(
      () => {
        if (!isDown()) gate.resume();
      },
      backoffMs(rejectingStreak, backoff),
    ).unref();
  };
}
