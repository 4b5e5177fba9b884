import { RetryLater } from '@newsflow/contracts';
import type { DiscoveryJob, PollKind } from '@newsflow/contracts';
import type { HandlerContext, StageResult } from '@newsflow/runtime';
import type { PollSchedule } from './poll-schedule.ts';

type PollHandler = (job: DiscoveryJob, context: HandlerContext) => Promise<StageResult<'fetch'>>;

/**
 * Tells the schedule how a poll of a source went: what it listed once its jobs are queued (a 304
 * lists nothing), or its error. A job parked for a busy host is neither. Unknown sources are ignored.
 */
export function withPollOutcome(schedule: PollSchedule, kind: PollKind, handler: PollHandler): PollHandler {
  return async (job, context) => {
    let result: StageResult<'fetch'>;
    try {
      result = await handler(job, context);
    } catch (error) {
      if (!(error instanceof RetryLater))
        await schedule.recordError(kind, job.docId, String((error as Error).message ?? error));
      throw error;
    }
    if (!('next' in result)) {
      await schedule.recordPoll(kind, job.docId, []);
      return result;
    }
    const listed = [...(result.next.fetch ?? []), ...(result.next.sitemap ?? [])].map((next) => next.docId);
    const before = result.onHandedOn;
    return {
      ...result,
      onHandedOn: async () => {
        await before?.();
        await schedule.recordPoll(kind, job.docId, listed);
      },
    };
  };
}
