import { createEsClient, ensureArticlesIndex, indexNames } from '@newsflow/search';
import type { Client } from '@newsflow/search';
import { uniquePrefix } from '@newsflow/testkit';
import { measured } from '../measure/phase.ts';
import type { PhaseUsage, ServicePids } from '../measure/phase.ts';

export interface BulkFloorResult extends PhaseUsage {
  documents: number;
  docsPerSecond: number;
}

/** The documents a run indexed, as Elasticsearch holds them, read back for the bulk floor. */
export async function readIndexed(es: Client, index: string): Promise<Array<Record<string, unknown>>> {
  const documents: Array<Record<string, unknown>> = [];
  for await (const hit of es.helpers.scrollSearch<Record<string, unknown>>({
    index,
    size: 1000,
    query: { match_all: {} },
  }))
    for (const doc of hit.documents) documents.push(doc);
  return documents;
}

/**
 * The indexing floor: raw `client.helpers.bulk` of the same documents (in memory, already
 * shaped) into a fresh index made from the same template, with the helper's defaults.
 */
export async function bulkFloor(
  elasticsearchUrl: string,
  documents: ReadonlyArray<Record<string, unknown>>,
  pids: ServicePids,
): Promise<BulkFloorResult> {
  const es = createEsClient(elasticsearchUrl);
  const names = indexNames(uniquePrefix('bench-floor'));
  try {
    await ensureArticlesIndex(es, names);
    const phase = await measured(pids, async () => {
      const stats = await es.helpers.bulk({
        datasource: documents.map((doc) => ({ ...doc })),
        onDocument: (doc) => ({ index: { _index: names.writeAlias, _id: String(doc.docId ?? '') || undefined } }),
      });
      if (stats.failed > 0) throw new Error(`bulk floor: ${stats.failed} documents failed`);
      return stats.successful;
    });
    return {
      documents: phase.result,
      docsPerSecond: phase.result / phase.seconds,
      seconds: phase.seconds,
      usage: phase.usage,
    };
  } finally {
    await es.indices.delete({ index: `${names.readAlias}-*`, ignore_unavailable: true }).catch(() => undefined);
    await es.indices.deleteIndexTemplate({ name: names.templateName }).catch(() => undefined);
    await es.close();
  }
}
