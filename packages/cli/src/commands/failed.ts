import { Option } from 'commander';
import { QUEUE_NAMES } from '@newsflow/contracts';
import type { Command } from 'commander';
import { apiFor, printJson } from '../context.ts';
import { EXIT } from '../exit-codes.ts';
import { paint, shortTime, table } from '../output.ts';

interface FailedJob {
  queue: string;
  jobId: string;
  url?: string;
  reason: string;
  failedReason: string;
  failedAt?: string;
}

interface Listing {
  counts: Array<{ queue: string; reason: string; count: number }>;
  jobs: FailedJob[];
  truncated: boolean;
}

const queueOption = () => new Option('--queue <name>', 'only this queue').choices([...QUEUE_NAMES]);

export function registerFailed(program: Command): void {
  program
    .command('failed')
    .description('list failed jobs, counted by queue and reason')
    .addOption(queueOption())
    .option('--reason <code>', 'only this reason code (e.g. http-5xx, timeout, robots-disallowed)')
    .option('--limit <n>', 'jobs to list', '20')
    .option('--json', 'print the API answer as JSON')
    .action(async (options: { queue?: string; reason?: string; limit: string; json?: boolean }, command: Command) => {
      const params = new URLSearchParams({ limit: options.limit });
      if (options.queue) params.set('queue', options.queue);
      if (options.reason) params.set('reason', options.reason);
      const listing = await apiFor(command)<Listing>('GET', `/api/failed?${params.toString()}`);
      if (options.json) return printJson(listing);
      process.stdout.write(`${renderFailed(listing)}\n`);
    });
  program
    .command('retry')
    .description('replay failed jobs by queue and reason (or --all)')
    .addOption(queueOption())
    .option('--reason <code>', 'only this reason code')
    .option('--all', 'replay every failed job of every queue')
    .option('--json', 'print the API answer as JSON')
    .action(async (options: { queue?: string; reason?: string; all?: boolean; json?: boolean }, command: Command) => {
      if (!options.all && !options.queue && !options.reason)
        command.error('say what to retry: --queue, --reason, or --all', { exitCode: EXIT.usage });
      const body = {
        ...(options.queue ? { queue: options.queue } : {}),
        ...(options.reason ? { reason: options.reason } : {}),
      };
      const answer = await apiFor(command)<{ retried: number; jobs: FailedJob[] }>('POST', '/api/failed/retry', body);
      if (options.json) return printJson(answer);
      process.stdout.write(
        `${paint('green', `${answer.retried} job${answer.retried === 1 ? '' : 's'} moved back to waiting`)}\n`,
      );
    });
}

/** Pure: counts per queue and reason, then the most recent failures. */
export function renderFailed(listing: Listing): string {
  if (listing.counts.length === 0) return 'No failed jobs.';
  const counts = table(
    listing.counts.map(({ queue, reason, count }) => [queue, paint('red', reason), String(count)]),
    ['queue', 'reason', 'jobs'],
  );
  const jobs = table(
    listing.jobs.map((job) => [
      shortTime(job.failedAt),
      job.queue,
      job.url ?? job.jobId,
      paint('dim', job.failedReason.slice(0, 80)),
    ]),
    ['failed at (UTC)', 'queue', 'url', 'error'],
  );
  return `${counts}\n\n${jobs}${listing.truncated ? '\n(counts cover the most recent failures only)' : ''}`;
}
