import { RetryLater } from '@newsflow/contracts';
import type { Politeness } from './create-fetcher.ts';
import { HttpStatusError, fetchDocument } from './fetch-document.ts';
import type { DocumentRequest, FetchedDocument } from './fetch-document.ts';
import { toStageError } from './net/errors.ts';
import { checkTarget } from './net/ssrf-guard.ts';
import { admit } from './politeness/admission.ts';
import { HostBusyError, createPermitChain } from './politeness/permit-chain.ts';
import type { PermitChain } from './politeness/permit-chain.ts';

/**
 * robots.txt and per-host pacing first, then the guarded GET. A host that is busy (or a robots.txt
 * being fetched by another worker) parks the job until the host may be asked again, freeing the
 * worker slot; `queueKey` (the job id) holds the job's place in the host's line.
 */
export async function politeGet(
  deps: Politeness,
  requested: string,
  queueKey: string,
  request: Omit<DocumentRequest, 'beforeRedirect' | 'maxRedirects'>,
): Promise<FetchedDocument> {
  const url = checkTarget(requested, deps.client.allow);
  const admission = await admit(deps.policy, url, queueKey);
  if (admission.kind === 'wait') throw retryLater(admission.waitMs, `host ${url.hostname} is busy`);
  const permits = createPermitChain(deps.policy, admission.permit, queueKey);
  const full: DocumentRequest = {
    ...request,
    maxRedirects: deps.config.FETCH_MAX_REDIRECTS,
    beforeRedirect: (next) => permits.enter(next),
  };
  try {
    return await fetchWithPermits(deps, permits, requested, full);
  } catch (error) {
    if (error instanceof HostBusyError) throw retryLater(error.waitMs, error.message);
    throw error;
  }
}

/** The GET itself, with the host slots released afterwards and 429/503 slowing the host down. */
async function fetchWithPermits(
  deps: Politeness,
  permits: PermitChain,
  url: string,
  request: DocumentRequest,
): Promise<FetchedDocument> {
  const { pacer } = deps.policy;
  try {
    return await fetchDocument(deps.client, url, request);
  } catch (error) {
    const failure = toStageError(error);
    if (failure instanceof HttpStatusError && (failure.reason === 'http-429' || failure.retryAfterMs !== undefined)) {
      await pacer.penalize(failure.host, failure.retryAfterMs ?? Math.max(permits.delayMsOf(failure.host) * 4, 5_000));
    }
    throw failure;
  } finally {
    await permits.releaseAll();
  }
}

/** A little jitter, so jobs parked for one host do not all wake in the same millisecond. */
function retryLater(waitMs: number, reason: string): RetryLater {
  return new RetryLater(waitMs + Math.floor(Math.random() * 50), reason);
}
