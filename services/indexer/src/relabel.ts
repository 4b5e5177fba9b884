import { StageError } from '@newsflow/contracts';
import { levelFields, RELABEL_SEQ_FIELD } from '@newsflow/search';
import type { Client, IndexNames, Relabel, RelabelLevel } from '@newsflow/search';
import type { Batcher } from './batch/batcher.ts';
import { conditionalUpdateOp } from './batch/bulk-lines.ts';
import type { EsGuard } from './es-guard.ts';

export interface RelabelDeps {
  client: Client;
  names: IndexNames;
  guard: EsGuard;
  batcher: Batcher;
}

const MAX_ROUNDS = 8;

/**
 * Applies a merge to the indexed documents without scripts: read each document's mergeSeq, and
 * update only those with an older one, conditionally on the _seq_no read (optimistic concurrency);
 * a lost race is re-read and retried. Documents not indexed yet are skipped: their merge is in the
 * relabel store and is applied when they arrive.
 */
export async function applyRelabel(
  deps: RelabelDeps,
  docIds: string[],
  relabel: Relabel,
  level: RelabelLevel = 'cluster',
): Promise<{ updated: number; missing: number }> {
  const seqField = RELABEL_SEQ_FIELD[level];
  let pending = [...new Set(docIds)];
  let updated = 0;
  let missing = 0;
  for (let round = 1; pending.length > 0; round += 1) {
    if (round > MAX_ROUNDS)
      throw new StageError('es-unavailable', `relabel kept conflicting for ${pending.length} documents`);
    const response = await deps.guard.run(() =>
      deps.client.mget<{ mergeSeq?: number; storyMergeSeq?: number; storyId?: string }>({
        index: deps.names.writeAlias,
        ids: pending,
        _source_includes: [seqField, 'storyId'],
      }),
    );
    const ops = [];
    for (const doc of response.docs) {
      if (!('found' in doc) || !doc.found) {
        missing += 1;
        continue;
      }
      if ((doc._source?.[seqField] ?? -1) >= relabel.mergeSeq) continue;
      if (doc._seq_no === undefined || doc._primary_term === undefined) continue;
      ops.push(
        conditionalUpdateOp(
          doc._index,
          doc._id,
          doc._seq_no,
          doc._primary_term,
          levelFields(level, relabel, doc._source?.storyId),
        ),
      );
    }
    const outcomes = await Promise.all(ops.map(async (op) => ({ id: op.id, outcome: await deps.batcher.submit(op) })));
    updated += outcomes.filter(({ outcome }) => outcome === 'ok').length;
    missing += outcomes.filter(({ outcome }) => outcome === 'missing').length;
    pending = outcomes.filter(({ outcome }) => outcome === 'conflict').map(({ id }) => id);
  }
  return { updated, missing };
}
