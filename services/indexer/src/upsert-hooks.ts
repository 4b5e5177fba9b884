import type { Batcher } from './batch/batcher.ts';
import type { BulkOp } from './batch/bulk-lines.ts';
import { upsertOp } from './batch/bulk-lines.ts';
import { relabelFields } from '@newsflow/search';
import type { EsSource, Relabel, RelabelStore } from '@newsflow/search';
import { applyRelabel } from './relabel.ts';
import type { RelabelDeps } from './relabel.ts';

/**
 * Merges recorded before an upsert is sent are written into the document itself (prepare), and
 * merges recorded while it was in flight are applied right after it is acknowledged (afterAck):
 * a relabel either finds the document in Elasticsearch or is seen by one of these two reads.
 */
export function createUpsertHooks(store: RelabelStore, deps: Omit<RelabelDeps, 'batcher'>) {
  const prepare = async (ops: BulkOp[]): Promise<BulkOp[]> => {
    const relabels = await store.lookup(upsertIds(ops));
    if (relabels.size === 0) return ops;
    return ops.map((op) => {
      const relabel = op.kind === 'upsert' ? relabels.get(op.id) : undefined;
      if (!relabel || op.version === undefined || (op.mergeSeq ?? -1) >= relabel.mergeSeq) return op;
      // The only time an upsert's source is parsed: a merge to write into it (rare).
      const source = JSON.parse(op.source.toString()) as EsSource;
      return upsertOp(
        op.index,
        op.id,
        op.version,
        JSON.stringify({ ...source, ...relabelFields(relabel, source.storyId) }),
        relabel.mergeSeq,
      );
    });
  };

  const afterAck = async (ops: BulkOp[], batcher: Batcher): Promise<void> => {
    const upserts = ops.filter((op) => op.kind === 'upsert');
    const relabels = await store.lookup(upsertIds(upserts));
    const late = new Map<string, { relabel: Relabel; ids: string[] }>();
    for (const op of upserts) {
      const relabel = relabels.get(op.id);
      if (!relabel || (op.mergeSeq ?? -1) >= relabel.mergeSeq) continue;
      const key = `${relabel.mergeSeq}|${relabel.clusterId}`;
      const entry = late.get(key) ?? { relabel, ids: [] };
      entry.ids.push(op.id);
      late.set(key, entry);
    }
    for (const { relabel, ids } of late.values()) await applyRelabel({ ...deps, batcher }, ids, relabel);
  };

  return { prepare, afterAck };
}

function upsertIds(ops: BulkOp[]): string[] {
  return [...new Set(ops.filter((op) => op.kind === 'upsert').map((op) => op.id))];
}
