import type { Client } from '@elastic/elasticsearch';
import { withLanguageFields } from '@newsflow/contracts';

export interface CopyStats {
  copied: number;
  skippedNewer: number;
}

interface CopyOptions {
  batchSize: number;
  onProgress?: ((stats: CopyStats) => void) | undefined;
}

type Query = Record<string, unknown>;

/**
 * Copies matching documents from one index to another through a point in time (a stable snapshot
 * while writes go on) with search_after pages, each written by one bulk request with the source
 * document's version as an external version: a 409 means the target already has a newer write.
 * Each copy gets its language fields recomputed from its text and language, so documents written
 * under an older template (v3 and before had none) are searchable in their language afterwards.
 */
export async function copyDocuments(
  client: Client,
  source: string,
  target: string,
  query: Query,
  options: CopyOptions,
): Promise<CopyStats> {
  const stats: CopyStats = { copied: 0, skippedNewer: 0 };
  let pit = (await client.openPointInTime({ index: source, keep_alive: '2m' })).id;
  let after: unknown[] | undefined;
  try {
    for (;;) {
      const page = await client.search({
        pit: { id: pit, keep_alive: '2m' },
        query,
        size: options.batchSize,
        sort: [{ _shard_doc: 'asc' }],
        version: true,
        track_total_hits: false,
        ...(after ? { search_after: after as never } : {}),
      });
      pit = page.pit_id ?? pit;
      const hits = page.hits.hits;
      if (hits.length === 0) break;
      await writePage(client, target, hits, stats);
      options.onProgress?.(stats);
      after = hits.at(-1)?.sort;
    }
  } finally {
    await client.closePointInTime({ id: pit }).catch(() => undefined);
  }
  return stats;
}

interface Hit {
  _id?: string | null;
  _version?: number;
  _source?: unknown;
}

async function writePage(client: Client, target: string, hits: Hit[], stats: CopyStats): Promise<void> {
  let pending = hits;
  for (let attempt = 1; pending.length > 0; attempt += 1) {
    const operations = pending.flatMap((hit) => [
      {
        index: { _index: target, _id: hit._id ?? undefined, version: hit._version, version_type: 'external' as const },
      },
      withLanguageFields(hit._source as Record<string, string | undefined>),
    ]);
    const response = await client.bulk({ operations, filter_path: 'items.*.status,items.*.error' });
    const retry: Hit[] = [];
    const failures: string[] = [];
    (response.items ?? []).forEach((item, i) => {
      const result = Object.values(item)[0];
      if (!result || result.status < 300) stats.copied += 1;
      else if (result.status === 409) stats.skippedNewer += 1;
      else if (result.status === 429 || result.status >= 500) retry.push(pending[i]!);
      else failures.push(`${result.status} ${result.error?.reason ?? ''}`);
    });
    if (failures.length > 0)
      throw new Error(`reindex copy refused ${failures.length} documents: ${failures.slice(0, 3).join('; ')}`);
    if (retry.length > 0 && attempt >= 6)
      throw new Error(`reindex copy: ${retry.length} documents still refused after ${attempt} tries`);
    if (retry.length > 0) await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
    pending = retry;
  }
}
