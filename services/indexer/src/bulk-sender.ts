import type { Client } from '@newsflow/search';
import type { BulkResponseLike } from './batch/batcher.ts';

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
