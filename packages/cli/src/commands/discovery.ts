import type { Command } from 'commander';
import { apiFor, printJson } from '../context.ts';
import { paint } from '../output.ts';

interface Receipt {
  kind: string;
  url: string;
  scheduled: boolean;
  everyMinutes?: number;
}

/** `newsflow feed URL` and `newsflow sitemap URL`, once or `--every N` minutes. */
export function registerDiscovery(program: Command): void {
  for (const kind of ['feed', 'sitemap'] as const) {
    program
      .command(kind)
      .description(
        `read an ${kind === 'feed' ? 'RSS/Atom feed' : 'XML sitemap'} and fetch the articles it lists, once or on a schedule`,
      )
      .argument('<url>', `http(s) URL of the ${kind}`)
      .option('--every <minutes>', 're-read it every N minutes (at least 5)', (value) => Number.parseInt(value, 10))
      .option('--json', 'print the API answer as JSON')
      .action(async (url: string, options: { every?: number; json?: boolean }, command: Command) => {
        const body = options.every === undefined ? { url } : { url, everyMinutes: options.every };
        const receipt = await apiFor(command)<Receipt>('POST', `/api/${kind}s`, body);
        if (options.json) return printJson(receipt);
        const when = receipt.scheduled ? `every ${receipt.everyMinutes} minutes` : 'once';
        process.stdout.write(`${paint('green', 'queued')} ${kind} ${receipt.url} (${when})\n`);
      });
  }
}
