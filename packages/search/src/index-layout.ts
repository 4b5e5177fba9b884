// How an articles index is spread over the cluster: primary shards and replicas. The default, one
// shard with auto_expand_replicas 0-1, is green on a single node and keeps a copy of every shard on
// a second node as soon as the cluster has one, so losing a node loses neither data nor writes.

export interface IndexLayout {
  shards: number;
  /** a replica count ("1"), or an auto-expand range ("0-1", "0-all") */
  replicas: string;
}

export const DEFAULT_INDEX_LAYOUT: IndexLayout = { shards: 1, replicas: '0-1' };

export function indexLayoutOf(config: { INDEX_SHARDS: number; INDEX_REPLICAS: string }): IndexLayout {
  return { shards: config.INDEX_SHARDS, replicas: config.INDEX_REPLICAS };
}

/** Replica settings: dynamic, so they also apply to an index that exists already. */
export function replicaSettings(layout: IndexLayout): Record<string, string | number | false> {
  if (/^\d+$/.test(layout.replicas))
    return { number_of_replicas: Number(layout.replicas), auto_expand_replicas: false };
  if (/^\d+-(\d+|all)$/.test(layout.replicas)) return { auto_expand_replicas: layout.replicas };
  throw new Error(`index replicas "${layout.replicas}": expected a number or a range such as 0-1`);
}

/** Settings of a new index: shards (fixed at creation) and replicas. */
export function layoutSettings(layout: IndexLayout): Record<string, string | number | false> {
  return { number_of_shards: layout.shards, ...replicaSettings(layout) };
}
