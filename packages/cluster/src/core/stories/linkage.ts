// The repair's agglomeration: start from single articles and repeatedly take the two groups with
// the highest mean pair probability (average linkage, the order), then let a decision on the
// groups' features (group-features.ts) join them or not. A refused pair is not offered again
// until one of its groups changes. Pairs below `floor` are never offered: the floor bounds the
// work, the decision is the learned one. The decision is passed in, so training can run the same
// procedure with the gold labels deciding and record what it saw.
import { addCentroid, centroidOf, groupFeatures } from './group-features.ts';
import type { Centroid, GroupFeatures, Link } from './group-features.ts';
import type { WeightedProfile } from './similarity.ts';

export type JoinDecision = (features: GroupFeatures, a: readonly number[], b: readonly number[]) => boolean;

/** Mean pair probability below which two groups are not considered at all. */
export const LINKAGE_FLOOR = 0.15;

interface State {
  groups: Map<number, number[]>;
  centroids: Map<number, Centroid>;
  links: Map<number, Map<number, Link>>;
  refused: Map<number, Set<number>>;
}

function initialState(graph: readonly Map<number, number>[], profiles: readonly WeightedProfile[]): State {
  const links = new Map(
    graph.map((edges, i) => [i, new Map([...edges].map(([j, p]) => [j, { sum: p, max: p, count: 1 }]))]),
  );
  return {
    groups: new Map(graph.map((_, i) => [i, [i]])),
    centroids: new Map(profiles.map((p, i) => [i, centroidOf(p)])),
    links,
    refused: new Map(graph.map((_, i) => [i, new Set<number>()])),
  };
}

function bestOffer(state: State): [number, number] | undefined {
  let best: [number, number, number] | undefined;
  for (const [a, edges] of state.links) {
    const sizeA = state.groups.get(a)!.length;
    for (const [b, link] of edges) {
      if (a > b || state.refused.get(a)!.has(b)) continue;
      const mean = link.sum / (sizeA * state.groups.get(b)!.length);
      if (mean >= LINKAGE_FLOOR && (best === undefined || mean > best[2])) best = [a, b, mean];
    }
  }
  return best && [best[0], best[1]];
}

export function agglomerate(
  graph: readonly Map<number, number>[],
  profiles: readonly WeightedProfile[],
  decide: JoinDecision,
): number[][] {
  const state = initialState(graph, profiles);
  for (let offer = bestOffer(state); offer !== undefined; offer = bestOffer(state)) {
    const [a, b] = offer;
    const [groupA, groupB] = [state.groups.get(a)!, state.groups.get(b)!];
    const link = state.links.get(a)!.get(b)!;
    const features = groupFeatures(
      link,
      [groupA.length, groupB.length],
      state.centroids.get(a)!,
      state.centroids.get(b)!,
    );
    if (decide(features, groupA, groupB)) join(state, a, b);
    else {
      state.refused.get(a)!.add(b);
      state.refused.get(b)!.add(a);
    }
  }
  return [...state.groups.values()];
}

function join(state: State, a: number, b: number): void {
  state.groups.set(a, [...state.groups.get(a)!, ...state.groups.get(b)!]);
  state.groups.delete(b);
  addCentroid(state.centroids.get(a)!, state.centroids.get(b)!);
  state.centroids.delete(b);
  const edgesA = state.links.get(a)!;
  for (const [c, link] of state.links.get(b)!) {
    if (c === a) continue;
    const mine = edgesA.get(c);
    const merged = mine
      ? { sum: mine.sum + link.sum, max: Math.max(mine.max, link.max), count: mine.count + link.count }
      : link;
    edgesA.set(c, merged);
    state.links.get(c)!.delete(b);
    state.links.get(c)!.set(a, merged);
  }
  edgesA.delete(b);
  state.links.delete(b);
  // A changed group is offered again to everyone; b is gone.
  for (const c of [...state.refused.get(a)!, ...state.refused.get(b)!]) state.refused.get(c)?.delete(a);
  state.refused.get(a)!.clear();
  for (const c of state.refused.get(b)!) state.refused.get(c)?.delete(b);
  state.refused.delete(b);
}
