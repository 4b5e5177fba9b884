import type { Command } from 'commander';
import { apiFor, printJson } from '../context.ts';
import { paint } from '../output.ts';

interface Source {
  kind: string;
  url: string;
  state: string;
  intervalMs: number;
  polls: number;
  lastNew: number;
  nextPollAt?: string;
  errors: number;
  lastError?: string;
}

/** `newsflow site URL` (discover and poll a site) and `newsflow sources [--retired]` (what is polled). */
export function registerSites(program: Command): void {
  program
    .command('site')
    .description('discover a site: its feeds and sitemaps, else its article links and section pages, then poll them')
    .argument('<url>', "http(s) URL of the site's home page")
    .option('--json', 'print the API answer as JSON')
    .action(async (url: string, options: { json?: boolean }, command: Command) => {
      const receipt = await apiFor(command)<{ url: string; jobId: string }>('POST', '/api/sites', { url });
      if (options.json) return printJson(receipt);
      process.stdout.write(`${paint('green', 'queued')} site discovery of ${receipt.url} (job ${receipt.jobId})\n`);
    });
  program
    .command('sources')
    .description('list the feeds, sitemaps and section pages polled adaptively, or with --retired the dead ones')
    .option('--retired', 'only sources retired after failing for days')
    .option('--json', 'print the API answer as JSON')
    .action(async (options: { retired?: boolean; json?: boolean }, command: Command) => {
      const path = options.retired ? '/api/sources?state=retired' : '/api/sources';
      const { sources } = await apiFor(command)<{ sources: Source[] }>('GET', path);
      if (options.json) return printJson({ sources });
      if (sources.length === 0)
        return void process.stdout.write(options.retired ? 'No retired sources\n' : 'No polled sources\n');
      process.stdout.write(`${sources.map(sourceLine).join('\n')}\n`);
    });
}

function sourceLine(source: Source): string {
  const every = `${Math.round(source.intervalMs / 1000)} s`;
  const outcome =
    source.state === 'retired'
      ? `retired after ${source.errors} errors: ${source.lastError ?? ''}`
      : `next ${source.nextPollAt ?? '-'}`;
  return `${source.kind.padEnd(8)} every ${every.padEnd(9)} ${String(source.polls).padStart(4)} polls, last +${source.lastNew}  ${source.url}  ${outcome}`;
}
