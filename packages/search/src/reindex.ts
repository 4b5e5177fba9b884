import type { Client } from '@elastic/elasticsearch';
import { currentWriteIndex, putArticlesTemplate } from './ensure-index.ts';
import type { IndexLayout } from './index-layout.ts';
import type { IndexNames } from './index-names.ts';
import { copyDocuments } from './reindex-copy.ts';
import { reconcileRelabels } from './relabel-apply.ts';
import { createRelabelStore } from './relabel-store.ts';
import type { RelabelRedis } from './relabel-store.ts';
import type { CopyStats } from './reindex-copy.ts';

export interface ReindexOptions {
  /** Documents per search page and bulk request while copying. */
  batchSize?: number;
  /** Extra look-back for the catch-up pass over writes that raced the write-alias move. */
  catchUpMarginMs?: number;
  /**
   * Where the indexer records cluster merges (its Redis and queue prefix). Pass it: merges applied
   * to the old index while it was being copied are then re-applied to the new one before the swap.
   */
  relabels?: { redis: RelabelRedis; queuePrefix: string };
  /** Shards and replicas of the new index (the config's INDEX_SHARDS / INDEX_REPLICAS). */
  layout?: IndexLayout;
  /** Runs after the copy, before the read alias moves. */
  afterCopy?(target: string): Promise<void>;
  onProgress?(stats: CopyStats): void;
}

export interface ReindexResult {
  from: string;
  to: string;
  copied: number;
  /** Copies skipped because the new index already held a newer write. */
  skippedNewer: number;
  /** Documents whose recorded cluster merge was re-applied after the copy. */
  relabeled: number;
  tookMs: number;
}

/**
 * Reindex without downtime, without the _reindex API or scripts (neither exists on minimal
 * clusters): put the current template, create `<prefix>-v(N+1)`, move the write alias there (so
 * new writes land in the new index), copy the old index with PIT + search_after + bulk keeping
 * each document's version (`version_type: external`, so a newer write already in the new index
 * wins), catch up on writes that raced the alias move, then move the read alias in one atomic
 * `_aliases` call. Searches keep hitting the old index until that instant. If it stops halfway
 * (write alias on the new index, read alias on the old), running it again resumes the copy.
 */
export async function reindex(client: Client, names: IndexNames, options: ReindexOptions = {}): Promise<ReindexResult> {
  const started = Date.now();
  await putArticlesTemplate(client, names, options.layout);
  const source = await readIndex(client, names);
  let target = await currentWriteIndex(client, names);
  if (target === source) {
    target = names.versioned((await highestVersion(client, names)) + 1);
    await client.indices.create({ index: target });
    await client.indices.updateAliases({
      actions: [
        { add: { index: target, alias: names.writeAlias, is_write_index: true } },
        { remove: { index: source, alias: names.writeAlias } },
      ],
    });
  }
  const movedAt = Date.now();
  await client.indices.refresh({ index: source });
  const copy = { batchSize: options.batchSize ?? 1000, onProgress: options.onProgress };
  const stats = await copyDocuments(client, source, target, { match_all: {} }, copy);
  // Bulk requests resolved against the old index just before the alias moved may land after the
  // snapshot was taken: copy everything written around the move once more (versions keep it safe).
  await client.indices.refresh({ index: source });
  const since = new Date(movedAt - (options.catchUpMarginMs ?? 60_000)).toISOString();
  const late = await copyDocuments(client, source, target, { range: { indexedAt: { gte: since } } }, copy);
  const relabeled = options.relabels ? await reconcileBothLevels(client, target, options.relabels) : 0;
  if (options.afterCopy) await options.afterCopy(target);
  await client.indices.refresh({ index: target });
  await client.indices.updateAliases({
    actions: [
      { add: { index: target, alias: names.readAlias } },
      { remove: { index: source, alias: names.readAlias } },
    ],
  });
  return {
    from: source,
    to: target,
    copied: stats.copied + late.copied,
    skippedNewer: stats.skippedNewer + late.skippedNewer,
    relabeled,
    tookMs: Date.now() - started,
  };
}

/** The single index behind the read alias. */
async function readIndex(client: Client, names: IndexNames): Promise<string> {
  const indices = Object.keys(await client.indices.getAlias({ name: names.readAlias }));
  if (indices.length !== 1)
    throw new Error(`alias ${names.readAlias} must point to exactly one index, found ${indices.join(', ') || 'none'}`);
  return indices[0]!;
}

async function highestVersion(client: Client, names: IndexNames): Promise<number> {
  const indices = Object.keys(await client.indices.get({ index: names.pattern, allow_no_indices: true }));
  const prefix = names.versioned(0).slice(0, -1);
  const versions = indices.map((index) => Number(index.slice(prefix.length))).filter(Number.isInteger);
  return Math.max(0, ...versions);
}

/** Re-applies recorded cluster merges, then story changes (each level has its own sequence). */
async function reconcileBothLevels(
  client: Client,
  target: string,
  relabels: NonNullable<ReindexOptions['relabels']>,
): Promise<number> {
  let updated = 0;
  for (const level of ['cluster', 'story'] as const) {
    const store = createRelabelStore(relabels.redis, relabels.queuePrefix, { level });
    updated += await reconcileRelabels(client, target, store, level);
  }
  return updated;
}
