import { Command } from 'commander';
import { registerAdd } from './commands/add.ts';
import { registerDiscovery } from './commands/discovery.ts';
import { registerFailed } from './commands/failed.ts';
import { registerReindex } from './commands/reindex.ts';
import { registerSaved } from './commands/saved.ts';
import { registerSearch } from './commands/search.ts';
import { registerStatus } from './commands/status.ts';
import { registerSites } from './commands/sites.ts';
import { registerStory } from './commands/story.ts';
import { registerVerify } from './commands/verify.ts';
import { registerVersions } from './commands/versions.ts';
import { registerWarc } from './commands/warc.ts';
import { DEFAULT_API_URL } from './context.ts';
import { EXIT_CODES_HELP } from './exit-codes.ts';

const EXAMPLES_HELP = `
Examples:
  newsflow add https://example.com/news/1          submit one article
  newsflow add --file urls.txt                     submit a list (one URL per line)
  newsflow feed https://example.com/rss --every 15 poll a feed every 15 minutes
  newsflow site https://example.com                discover a site's feeds or article links, poll them
  newsflow warc cc-news.warc.gz --host example.com ingest an archive, with progress
  newsflow search kremlin putin                    one result per story, its articles listed
  newsflow story <id>                              a story's articles in time order
  newsflow versions <doc id>                       an article's versions, with what changed
  newsflow stories --since 2026-12-01T00:00:00Z    stories that grew since then
  newsflow saved add ukraine --webhook https://hooks.example.com/n   alert on new matches
  newsflow status --watch                          queue depths, refreshed
  newsflow failed --queue fetch                    failures by reason
  newsflow retry --queue fetch --reason timeout    replay them
  newsflow verify --ledger run.json                every accepted URL accounted for: lost and duplicated must be 0`;

const ENVIRONMENT_HELP = `
Environment:
  NEWSFLOW_API_URL          API base URL (default ${DEFAULT_API_URL}); --api overrides it
  NEWSFLOW_API_TOKEN        bearer token, when the API has API_TOKEN set
  NEWSFLOW_API_BASIC_AUTH   user:password, when the API has API_BASIC_AUTH set
  NEWSFLOW_WEBHOOK_SECRET   secret for "saved add --webhook" (generated when unset)
  NO_COLOR / FORCE_COLOR    colours are used only on a terminal unless forced`;

/** The whole command tree; exitOverride lets main() turn every outcome into a documented exit code. */
export function buildProgram(): Command {
  const program = new Command('newsflow')
    .description('Drop URLs into the Newsflow pipeline, search what it indexed, and watch its queues.')
    .version('0.1.0')
    .option('--api <url>', 'API base URL (default: $NEWSFLOW_API_URL or http://127.0.0.1:8080)')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', `${EXAMPLES_HELP}\n${ENVIRONMENT_HELP}\n${EXIT_CODES_HELP}`);
  registerAdd(program);
  registerDiscovery(program);
  registerSearch(program);
  registerStory(program);
  registerVersions(program);
  registerSaved(program);
  registerStatus(program);
  registerFailed(program);
  registerReindex(program);
  registerWarc(program);
  registerSites(program);
  registerVerify(program);
  return program;
}
