import type { Client } from '@newsflow/search';
import type { BulkResponseLike } from './batch/batcher.ts';
import type { EsProbe } from './es-guard.ts';

/**
 * Sends one `_bulk` body as the bytes assembled (the client would otherwise serialise it again);
 * only status and error per item come back: the rest of a bulk response is not needed.
 */
export function bulkSender(client: Client): (body: Buffer) => Promise<BulkResponseLike> {
  return async (body) =>
    (await client.transport.request({
      method: 'POST',
      path: '/_bulk',
      bulkBody: body,
      querystring: { filter_path: 'items.*.status,items.*.error' },
    })) as BulkResponseLike;
}

/**
 * The outage probe: cluster health (answered by a node with a master, so a cluster still electing
 * one is not taken as back), one try with a deadline of one probe interval, so a silent
 * Elasticsearch costs one interval per probe.
 */
export function healthProbe(client: Client, everyMs: number): EsProbe {
  return {
    everyMs,
    check: () => client.cluster.health({}, { requestTimeout: everyMs, maxRetries: 0 }),
  };
}
