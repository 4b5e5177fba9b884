import type { Queue } from 'bullmq';
import { jobIds } from '@newsflow/contracts';
import type { DiscoveryJob } from '@newsflow/contracts';
import type { StageQueue } from '@newsflow/runtime';
import type { PollSchedule, PollSource } from './poll-schedule.ts';

export interface PollLoop {
  stop(): Promise<void>;
}

/**
 * Every tick, the sources that are due become feed, sitemap or section jobs. A poll's job id comes
 * from its due time, so two pollers (or a restart mid-tick) never queue the same poll twice.
 */
export function startPollLoop(
  schedule: PollSchedule,
  queue: StageQueue<'fetch'>,
  tickMs: number,
  onError: (error: unknown) => void,
): PollLoop {
  let running: Promise<void> = Promise.resolve();
  const tick = async (): Promise<void> => {
    for (const source of await schedule.claimDue(Date.now())) await enqueuePoll(queue, source);
  };
  const timer = setInterval(() => {
    running = running.then(tick).catch(onError);
  }, tickMs);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

export async function enqueuePoll(queue: StageQueue<'fetch'>, source: PollSource): Promise<void> {
  const data: DiscoveryJob = {
    url: source.url,
    docId: source.docId,
    submittedAt: source.nextPollAt ?? new Date().toISOString(),
    source: { kind: source.kind === 'section' ? 'section' : source.kind, ref: 'adaptive poll' },
    depth: 0,
  };
  await (queue as Queue).add(source.kind, data, { jobId: jobIds[source.kind](data) });
}
