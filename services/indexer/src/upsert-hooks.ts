import type { Batcher } from './batch/batcher.ts';
import type { BulkOp } from './batch/bulk-lines.ts';
import { upsertOp } from './batch/bulk-lines.ts';
import { levelFields, RELABEL_SEQ_FIELD } from '@newsflow/search';
import type { EsSource, Relabel, RelabelLevel } from '@newsflow/search';
import type { RelabelStores } from './handle-index.ts';
import { applyRelabel } from './relabel.ts';
import type { RelabelDeps } from './relabel.ts';

const LEVELS: readonly RelabelLevel[] = ['cluster', 'story'];
type Found = Record<RelabelLevel, Map<string, Relabel>>;

/** Whether a recorded change is newer than what the op's source already holds. */
function isNewer(op: BulkOp, level: RelabelLevel, relabel: Relabel | undefined): relabel is Relabel {
  return relabel !== undefined && (op[RELABEL_SEQ_FIELD[level]] ?? -1) < relabel.mergeSeq;
}

/**
 * Merges and story changes recorded before an upsert is sent are written into the document itself
 * (prepare), and those recorded while it was in flight are applied right after it is acknowledged
 * (afterAck): a relabel either finds the document in Elasticsearch or is seen by one of these two
 * reads. Both levels go the same way, each compared on its own sequence.
 */
export function createUpsertHooks(stores: RelabelStores, deps: Omit<RelabelDeps, 'batcher'>) {
  const lookup = async (ops: BulkOp[]): Promise<Found> => {
    const ids = upsertIds(ops);
    const [cluster, story] = await Promise.all(LEVELS.map((level) => stores[level].lookup(ids)));
    return { cluster: cluster!, story: story! };
  };

  const prepare = async (ops: BulkOp[]): Promise<BulkOp[]> => {
    const found = await lookup(ops);
    if (found.cluster.size === 0 && found.story.size === 0) return ops;
    return ops.map((op) => {
      if (op.kind !== 'upsert' || op.version === undefined) return op;
      const newer = LEVELS.filter((level) => isNewer(op, level, found[level].get(op.id)));
      if (newer.length === 0) return op;
      // The only time an upsert's source is parsed: a change to write into it (rare).
      let source = JSON.parse(op.source.toString()) as EsSource;
      const seqs: Pick<BulkOp, 'mergeSeq' | 'storyMergeSeq'> = {
        mergeSeq: op.mergeSeq,
        storyMergeSeq: op.storyMergeSeq,
      };
      for (const level of newer) {
        const relabel = found[level].get(op.id)!;
        source = { ...source, ...levelFields(level, relabel, source.storyId) };
        seqs[RELABEL_SEQ_FIELD[level]] = relabel.mergeSeq;
      }
      return upsertOp(op.index, op.id, op.version, JSON.stringify(source), seqs);
    });
  };

  const afterAck = async (ops: BulkOp[], batcher: Batcher): Promise<void> => {
    const upserts = ops.filter((op) => op.kind === 'upsert');
    const found = await lookup(upserts);
    for (const level of LEVELS) {
      const late = new Map<string, { relabel: Relabel; ids: string[] }>();
      for (const op of upserts) {
        const relabel = found[level].get(op.id);
        if (!isNewer(op, level, relabel)) continue;
        const key = `${relabel.mergeSeq}|${relabel.clusterId}`;
        const entry = late.get(key) ?? { relabel, ids: [] };
        entry.ids.push(op.id);
        late.set(key, entry);
      }
      for (const { relabel, ids } of late.values()) await applyRelabel({ ...deps, batcher }, ids, relabel, level);
    }
  };

  return { prepare, afterAck };
}

function upsertIds(ops: BulkOp[]): string[] {
  return [...new Set(ops.filter((op) => op.kind === 'upsert').map((op) => op.id))];
}
