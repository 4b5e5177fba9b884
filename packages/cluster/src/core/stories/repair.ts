// The repair pass, pure: re-cluster the members of recent stories from scratch (linkage.ts: groups
// offered in order of mean pair probability, joined when the learned group model's probability
// reaches model.repair), then name the new groups so that ids stay stable: each old story's id
// goes to the new group holding most of its members, larger overlaps first, so the larger part of
// a split keeps the id and a merge keeps the larger story's id. Returns only what moved.
import { candidateKeys } from './candidate-keys.ts';
import { withinWindow } from './decide.ts';
import type { Window } from './decide.ts';
import { pairProbability } from './model.ts';
import type { StoryModel } from './model.ts';
import { groupProbability } from './group-features.ts';
import { agglomerate } from './linkage.ts';
import type { JoinDecision } from './linkage.ts';
import { features } from './similarity.ts';
import type { WeightedProfile } from './similarity.ts';

export interface RepairMember {
  profile: WeightedProfile;
  storyId: string;
}

export interface StoryMove {
  storyId: string;
  docIds: string[];
}

/**
 * Pairs worth scoring: those that share a candidate key, and every pair within one current story
 * (so a story's own cohesion is judged on all its pairs, and a wrong member can be split off).
 */
function pairsToScore(members: readonly RepairMember[]): Set<number>[] {
  const neighbours = members.map(() => new Set<number>());
  const link = (indices: readonly number[]) => {
    for (const i of indices) for (const j of indices) if (i < j) neighbours[i]!.add(j);
  };
  const byKey = new Map<string, number[]>();
  const byStory = new Map<string, number[]>();
  const file = (map: Map<string, number[]>, key: string, i: number) => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [i]);
    else list.push(i);
  };
  members.forEach((m, i) => {
    for (const key of candidateKeys(m.profile)) file(byKey, key, i);
    file(byStory, m.storyId, i);
  });
  for (const indices of [...byKey.values(), ...byStory.values()]) link(indices);
  return neighbours;
}

/**
 * Pair probabilities of the previous repair, by the two docIds in arrival order. A stored vector
 * never changes, so a pair scored by the last repair scores the same now: consecutive repairs
 * share most of their members (each covers the stories that grew over five repair periods), and
 * this spares re-scoring their pairs. Only the last repair's pairs are kept, so it stays bounded.
 */
export class PairMemo {
  private last = new Map<string, number>();
  private current = new Map<string, number>();

  readonly model: StoryModel;
  readonly window: Window;

  constructor(model: StoryModel, window: Window) {
    this.model = model;
    this.window = window;
  }

  /** The pair's probability, or -1 when the two are further apart than the window. */
  probability(a: WeightedProfile, b: WeightedProfile): number {
    const key = `${a.docId}\n${b.docId}`;
    let p = this.current.get(key) ?? this.last.get(key);
    if (p === undefined) p = withinWindow(a, b, this.window) ? pairProbability(this.model, features(a, b)) : -1;
    this.current.set(key, p);
    return p;
  }

  /** Ends a repair: what it scored is what the next one may reuse. */
  rotate(): void {
    [this.last, this.current] = [this.current, new Map()];
  }
}

/** Pair probabilities as adjacency maps between member indices. */
export function pairGraph(
  members: readonly RepairMember[],
  model: StoryModel,
  window: Window,
  memo: PairMemo = new PairMemo(model, window),
): Map<number, number>[] {
  const graph = members.map(() => new Map<number, number>());
  pairsToScore(members).forEach((others, i) => {
    for (const j of others) {
      const p = memo.probability(members[i]!.profile, members[j]!.profile);
      if (p < 0) continue;
      graph[i]!.set(j, p);
      graph[j]!.set(i, p);
    }
  });
  memo.rotate();
  return graph;
}

/** Old ids to new groups, larger overlaps first; groups left without one get a fresh id. */
function nameGroups(groups: readonly RepairMember[][], repairSeq: number): string[] {
  const overlaps = groups.flatMap((group, g) =>
    [...countBy(group.map((m) => m.storyId))].map(([id, count]) => ({ g, id, count })),
  );
  overlaps.sort((x, y) => y.count - x.count || (x.id < y.id ? -1 : 1));
  const names: (string | undefined)[] = groups.map(() => undefined);
  const used = new Set<string>();
  for (const { g, id } of overlaps) {
    if (names[g] !== undefined || used.has(id)) continue;
    names[g] = id;
    used.add(id);
  }
  return names.map((name, g) => name ?? freshId(groups[g]!, repairSeq));
}

/** A split-off part is named after its first article and the repair's sequence number. */
function freshId(group: readonly RepairMember[], repairSeq: number): string {
  return `${group[0]!.profile.docId}~${repairSeq}`;
}

function countBy(items: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}

/**
 * The moves that re-clustering `members` (in arrival order) calls for. `repairSeq` is unique per
 * repair (the store's commit count), so a split-off part never gets an id already in use. `memo`:
 * the previous repair's pair probabilities (same model and window), to reuse.
 */
export function repairMoves(
  members: readonly RepairMember[],
  model: StoryModel,
  window: Window,
  repairSeq: number,
  memo?: PairMemo,
): StoryMove[] {
  const profiles = members.map((m) => m.profile);
  const joins: JoinDecision = (f) => groupProbability(model.group, f) >= model.repair;
  const groups = agglomerate(pairGraph(members, model, window, memo), profiles, joins).map((indices) =>
    indices.sort((a, b) => a - b).map((i) => members[i]!),
  );
  const names = nameGroups(groups, repairSeq);
  const moves = new Map<string, string[]>();
  groups.forEach((group, g) => {
    for (const m of group)
      if (m.storyId !== names[g]) moves.set(names[g]!, [...(moves.get(names[g]!) ?? []), m.profile.docId]);
  });
  return [...moves].map(([storyId, docIds]) => ({ storyId, docIds }));
}
