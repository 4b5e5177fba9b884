export interface ClusterInput {
  docId: string;
  title: string;
  body: string;
  canonicalUrl?: string;
  publishedAt?: string;
}

export interface ClusterDecision {
  clusterId: string;
  isNewCluster: boolean;
  /** Exact duplicate short-circuit: the docId it duplicates. */
  duplicateOf?: string;
  /**
   * Documents already in other (absorbed) clusters that must be relabelled to clusterId. mergeSeq
   * grows with every merge, so an indexer can ignore a relabel older than the one it applied.
   */
  relabel: { docIds: string[]; clusterId: string; mergeSeq: number } | null;
  /**
   * Clusters the document quotes without joining them (a roundup, or an excerpt of a story inside
   * another): as they were named when it was assigned (a later merge may absorb one). Absent when none.
   */
  relatedClusters?: string[];
}

export interface ClusterStore {
  assign(input: ClusterInput): Promise<ClusterDecision>;
  clusterOf(docId: string): Promise<string | null>;
  membersOf(clusterId: string): Promise<string[]>;
}
