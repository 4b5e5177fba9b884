import type { Client } from '@elastic/elasticsearch';
import type { Relabel, RelabelLevel, RelabelStore } from './relabel-store.ts';

/** The fields a merge changes; `storyKey` follows the cluster for documents without a story. */
export function relabelFields(relabel: Relabel, storyId: string | undefined): Record<string, unknown> {
  return {
    clusterId: relabel.clusterId,
    mergeSeq: relabel.mergeSeq,
    ...(storyId === undefined ? { storyKey: relabel.clusterId } : {}),
  };
}

/** The source field holding the last change of a level applied to a document. */
export const RELABEL_SEQ_FIELD = { cluster: 'mergeSeq', story: 'storyMergeSeq' } as const;

/** The fields a change of either level writes (a story change: storyId, and storyKey with it). */
export function levelFields(
  level: RelabelLevel,
  relabel: Relabel,
  storyId: string | undefined,
): Record<string, unknown> {
  if (level === 'cluster') return relabelFields(relabel, storyId);
  return { storyId: relabel.clusterId, storyKey: relabel.clusterId, storyMergeSeq: relabel.mergeSeq };
}

type SeqSource = { mergeSeq?: number; storyMergeSeq?: number; storyId?: string };

interface Found {
  _id: string;
  _seq_no?: number;
  _primary_term?: number;
  _source?: SeqSource;
  found?: boolean;
}

/**
 * Re-applies every recorded merge to one index (after a reindex copy): documents whose mergeSeq is
 * older than the recorded one get a partial update conditional on their _seq_no; a lost race is
 * re-read on the next round. Returns the number of documents updated.
 */
export async function reconcileRelabels(
  client: Client,
  index: string,
  store: RelabelStore,
  level: RelabelLevel = 'cluster',
): Promise<number> {
  const seqField = RELABEL_SEQ_FIELD[level];
  let updated = 0;
  for await (const page of store.scan()) {
    let pending = new Map(page);
    for (let round = 0; pending.size > 0 && round < 5; round += 1) {
      const { docs } = await client.mget<SeqSource>({
        index,
        ids: [...pending.keys()],
        _source_includes: [seqField, 'storyId'],
      });
      const stale = (docs as Found[]).filter(
        (doc) => doc.found && (doc._source?.[seqField] ?? -1) < (pending.get(doc._id)?.mergeSeq ?? -1),
      );
      if (stale.length === 0) break;
      const operations = stale.flatMap((doc) => [
        { update: { _index: index, _id: doc._id, if_seq_no: doc._seq_no, if_primary_term: doc._primary_term } },
        { doc: levelFields(level, pending.get(doc._id)!, doc._source?.storyId) },
      ]);
      const response = await client.bulk({ operations, filter_path: 'items.*.status,items.*.error' });
      const conflicts = new Map<string, Relabel>();
      response.items.forEach((item, i) => {
        const status = Object.values(item)[0]?.status ?? 500;
        const id = stale[i]!._id;
        if (status < 300) updated += 1;
        else if (status === 409 || status === 429 || status >= 500) conflicts.set(id, pending.get(id)!);
      });
      pending = conflicts;
    }
  }
  return updated;
}
