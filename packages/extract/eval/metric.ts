// The article-extraction-benchmark metric, exactly as its README defines it: tokens are runs of
// Unicode word characters (Python's \w: letters, digits, underscore; case kept), texts become
// multisets of 4-token shingles, per-page TP/FP/FN are normalised to sum 1, corpus precision and
// recall are means over pages, and F1 is the harmonic mean of those two means.
export interface PageCounts {
  tp: number;
  fp: number;
  fn: number;
  /** Whether the predicted token sequence equals the reference token sequence. */
  exact: boolean;
}

export interface CorpusScores {
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
}

const TOKEN_RE = /[\p{L}\p{N}_]+/gu;
const SHINGLE = 4;

export function tokenize(text: string): string[] {
  return text.match(TOKEN_RE) ?? [];
}

export function shingles(tokens: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  const n = Math.max(1, tokens.length - SHINGLE + 1);
  for (let i = 0; i < n && tokens.length > 0; i++) {
    const key = tokens.slice(i, i + SHINGLE).join('\u0000');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export function scorePage(reference: string, predicted: string): PageCounts {
  const refTokens = tokenize(reference);
  const predTokens = tokenize(predicted);
  const ref = shingles(refTokens);
  const pred = shingles(predTokens);
  let tp = 0,
    fp = 0,
    fn = 0;
  for (const [key, r] of ref) {
    const p = pred.get(key) ?? 0;
    tp += Math.min(r, p);
    fn += Math.max(0, r - p);
  }
  for (const [key, p] of pred) fp += Math.max(0, p - (ref.get(key) ?? 0));
  const sum = tp + fp + fn;
  const exact = refTokens.length === predTokens.length && refTokens.every((t, i) => t === predTokens[i]);
  return sum > 0 ? { tp: tp / sum, fp: fp / sum, fn: fn / sum, exact } : { tp, fp, fn, exact };
}

export function pagePrecision({ tp, fp, fn }: PageCounts): number {
  if (fp === 0 && fn === 0) return 1;
  return tp + fp === 0 ? 0 : tp / (tp + fp);
}

export function pageRecall({ tp, fp, fn }: PageCounts): number {
  if (fp === 0 && fn === 0) return 1;
  return tp + fn === 0 ? 0 : tp / (tp + fn);
}

export function scoreCorpus(pages: PageCounts[]): CorpusScores {
  const precision = mean(pages.filter((p) => p.tp + p.fp > 0).map(pagePrecision));
  const recall = mean(pages.filter((p) => p.tp + p.fn > 0).map(pageRecall));
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  const accuracy = pages.length > 0 ? pages.filter((p) => p.exact).length / pages.length : 0;
  return { precision, recall, f1, accuracy };
}

function mean(xs: number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Standard deviation of each score over bootstrap resamples of the pages (seeded, reproducible). */
export function bootstrap(pages: PageCounts[], rounds = 1000, seed = 1): CorpusScores {
  const rand = mulberry32(seed);
  const samples: CorpusScores[] = [];
  for (let r = 0; r < rounds; r++) {
    samples.push(scoreCorpus(pages.map(() => pages[Math.floor(rand() * pages.length)]!)));
  }
  const sd = (key: keyof CorpusScores): number => stdev(samples.map((s) => s[key]));
  return { precision: sd('precision'), recall: sd('recall'), f1: sd('f1'), accuracy: sd('accuracy') };
}

function stdev(xs: number[]): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / Math.max(1, xs.length - 1));
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
