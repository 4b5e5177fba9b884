import type { Logger } from '@newsflow/config';
import { ensureArticlesIndexWithStatus } from '@newsflow/search';
import type { Client, IndexLayout, IndexNames } from '@newsflow/search';
import type { BackoffOptions } from './batch/backoff.ts';
import { healthProbe } from './bulk-sender.ts';
import { createEsGuard } from './es-guard.ts';

type Ensured = Awaited<ReturnType<typeof ensureArticlesIndexWithStatus>>;

/**
 * The index (template, aliases, analysis probe) made as soon as Elasticsearch answers. An indexer
 * started, or restarted by its supervisor, while Elasticsearch is down or answering 429/503 waits
 * the outage out with the same backoff as a running one, instead of exiting on the first refused
 * connection and crash-looping until the outage ends (found by the fault suite). Errors of the
 * request's content (a mapping conflict) still end the process: waiting would not cure them.
 */
export async function ensureIndexOnceReachable(
  client: Client,
  names: IndexNames,
  layout: IndexLayout,
  backoff: BackoffOptions,
  log: Logger,
  probeMs: number,
): Promise<Ensured> {
  const guard = createEsGuard(
    backoff,
    {
      onDown: (error, attempt) => {
        if (attempt === 1 || attempt % 10 === 0)
          log.warn({ err: (error as Error).message, attempt }, 'elasticsearch unavailable at start: waiting for it');
      },
      onUp: () => log.info('elasticsearch answers: index ensured'),
    },
    healthProbe(client, probeMs),
  );
  return guard.run(() => ensureArticlesIndexWithStatus(client, names, layout));
}
