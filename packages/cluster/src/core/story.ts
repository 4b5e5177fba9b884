// Story level (stretch goal, in process only): groups different write-ups of one event. A
// conservative single-pass method from topic detection and tracking: each article becomes a
// TF-IDF vector (IDF from the documents seen so far, smoothed by a prior corpus size, so it works
// on a stream), and joins the story whose centroid is most similar if the cosine reaches a high
// threshold and the two are close in time; otherwise it opens a story. Copies always share their
// copy cluster's story. Candidates come from an inverted index on the article's strongest terms.
import { storyTerms } from './story-terms.ts';

export interface StoryOptions {
  /** Cosine similarity to a story centroid needed to join it (0.45: precision 0.99 on ECB+ dev). */
  threshold: number;
  /** Pseudo corpus size added to the document count in IDF, so early IDFs are not extreme. */
  dfPrior: number;
  /** Articles more than this many days from a story's latest one do not join it. */
  windowDays: number;
  /** Strongest terms of an article used to look up candidate stories. */
  lookupTerms: number;
}

export const DEFAULT_STORY_OPTIONS: StoryOptions = { threshold: 0.45, dfPrior: 200, windowDays: 3, lookupTerms: 12 };

interface Story {
  id: string;
  centroid: Map<string, number>;
  norm: number;
  latest: number | undefined;
}

type Vector = Map<string, number>;

function cosine(a: Vector, b: Vector, bNorm: number): number {
  let dot = 0;
  for (const [term, weight] of a) dot += weight * (b.get(term) ?? 0);
  return bNorm === 0 ? 0 : dot / bNorm;
}

export class StoryGrouper {
  readonly options: StoryOptions;
  readonly df = new Map<string, number>();
  readonly stories = new Map<string, Story>();
  readonly byTerm = new Map<string, Set<string>>();
  readonly byCopyCluster = new Map<string, string>();
  documents = 0;

  constructor(options: Partial<StoryOptions> = {}) {
    this.options = { ...DEFAULT_STORY_OPTIONS, ...options };
  }

  /** The story of an article; `copyCluster` is its copy cluster id from the ClusterStore. */
  assign(docId: string, title: string, body: string, copyCluster: string, publishedAt?: string): string {
    const known = this.byCopyCluster.get(copyCluster);
    if (known !== undefined) return known;
    const vector = this.vectorOf(storyTerms(title, body));
    const time = publishedAt === undefined ? undefined : Date.parse(publishedAt);
    const story = this.bestStory(vector, time) ?? this.open(docId);
    this.add(story, vector, time);
    this.byCopyCluster.set(copyCluster, story.id);
    return story.id;
  }

  private vectorOf(tf: Map<string, number>): Vector {
    this.documents++;
    for (const term of tf.keys()) this.df.set(term, (this.df.get(term) ?? 0) + 1);
    const vector: Vector = new Map();
    let norm = 0;
    for (const [term, count] of tf) {
      const weight =
        (1 + Math.log(count)) * Math.log((this.documents + this.options.dfPrior) / (this.df.get(term)! + 0.5));
      vector.set(term, weight);
      norm += weight * weight;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [term, weight] of vector) vector.set(term, weight / norm);
    return vector;
  }

  private bestStory(vector: Vector, time: number | undefined): Story | undefined {
    const strongest = [...vector].sort((a, b) => b[1] - a[1]).slice(0, this.options.lookupTerms);
    const candidates = new Set(strongest.flatMap(([term]) => [...(this.byTerm.get(term) ?? [])]));
    let best: Story | undefined;
    let bestScore = this.options.threshold;
    for (const id of candidates) {
      const story = this.stories.get(id)!;
      if (!this.inWindow(story, time)) continue;
      const similarity = cosine(vector, story.centroid, story.norm);
      if (similarity >= bestScore) [best, bestScore] = [story, similarity];
    }
    return best;
  }

  private inWindow(story: Story, time: number | undefined): boolean {
    if (time === undefined || story.latest === undefined || Number.isNaN(time)) return true;
    return Math.abs(time - story.latest) <= this.options.windowDays * 86_400_000;
  }

  private open(docId: string): Story {
    const story: Story = { id: docId, centroid: new Map(), norm: 0, latest: undefined };
    this.stories.set(docId, story);
    return story;
  }

  private add(story: Story, vector: Vector, time: number | undefined): void {
    for (const [term, weight] of vector) story.centroid.set(term, (story.centroid.get(term) ?? 0) + weight);
    story.norm = Math.sqrt([...story.centroid.values()].reduce((sum, w) => sum + w * w, 0));
    if (time !== undefined && !Number.isNaN(time)) story.latest = Math.max(story.latest ?? time, time);
    const strongest = [...vector].sort((a, b) => b[1] - a[1]).slice(0, this.options.lookupTerms);
    for (const [term] of strongest) {
      const ids = this.byTerm.get(term) ?? new Set<string>();
      this.byTerm.set(term, ids.add(story.id));
    }
  }
}
