import type { DiscoveryJob } from '@newsflow/contracts';
import type { HandlerContext } from '@newsflow/runtime';
import type { FetcherDeps } from '../create-fetcher.ts';
import type { DocumentRequest, FetchedDocument } from '../fetch-document.ts';
import { politeGet } from '../polite-get.ts';
import { pauseWhileBacklogged } from './backlog-pause.ts';
import { createValidatorStore } from './expand.ts';

export interface PolledDocument {
  document: Extract<FetchedDocument, { kind: 'fetched' }>;
  /** Keeps this poll's ETag and Last-Modified for the next one; call it once what the poll found is handed on. */
  saveValidators: () => Promise<void>;
}

type PollRequest = Pick<DocumentRequest, 'accept' | 'acceptType' | 'maxBytes'>;

/**
 * One poll of a discovery source (feed, sitemap, section page): it waits while the article backlog is
 * long, then a conditional GET with the validators of the last poll. Undefined when nothing changed.
 */
export function createConditionalPoll(deps: FetcherDeps) {
  const validators = createValidatorStore(deps.redis, deps.config.NEWSFLOW_QUEUE_PREFIX);
  return async (
    job: DiscoveryJob,
    context: HandlerContext,
    request: PollRequest,
  ): Promise<PolledDocument | undefined> => {
    await pauseWhileBacklogged(deps.backlog);
    const document = await politeGet(deps, job.fetchUrl ?? job.url, context.jobId, {
      ...request,
      validators: await validators.load(job.docId),
    });
    if (document.kind === 'not-modified') return undefined;
    return { document, saveValidators: () => validators.save(job.docId, document.validators) };
  };
}
