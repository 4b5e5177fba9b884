// Synthetic but realistic articles for the benchmark: a word-bigram model of the 181 real bodies
// of the extraction benchmark produces news-like text with the real word frequencies and stock
// phrases (the hard case for LSH: common trigrams collide), and a share of the documents are
// syndicated copies of recent ones, so joins and merges happen at their usual rate.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { BENCHMARK_FILE } from '../eval/syndication-suite.ts';
import { reorder, trim, typos } from '../eval/alterations.ts';
import { Random } from '../eval/prng.ts';

export interface SyntheticDoc {
  docId: string;
  title: string;
  body: string;
  /** For a copy: the docId of the article it copies. */
  copyOf?: string;
}

export class SyntheticNews {
  readonly rng: Random;
  readonly next = new Map<string, string[]>();
  readonly starts: string[] = [];
  readonly recent: { docId: string; body: string }[] = [];
  readonly copyShare: number;
  count = 0;

  constructor(seed = 7, copyShare = 0.25) {
    this.rng = new Random(seed);
    this.copyShare = copyShare;
    const truth = JSON.parse(readFileSync(BENCHMARK_FILE, 'utf8')) as Record<string, { articleBody: string }>;
    for (const { articleBody } of Object.values(truth)) this.learn(articleBody);
  }

  private learn(text: string): void {
    for (const sentence of text.split(/(?<=[.!?])\s+/)) {
      const words = sentence.split(/\s+/).filter((w) => w !== '');
      if (words.length < 4) continue;
      this.starts.push(words[0]!);
      for (let i = 0; i + 1 < words.length; i++) {
        const list = this.next.get(words[i]!) ?? [];
        list.push(words[i + 1]!);
        this.next.set(words[i]!, list);
      }
    }
  }

  private sentence(): string {
    const words = [this.rng.pick(this.starts)];
    while (words.length < 40) {
      const options = this.next.get(words[words.length - 1]!);
      if (!options || /[.!?]$/.test(words[words.length - 1]!)) break;
      words.push(this.rng.pick(options));
    }
    return words.join(' ');
  }

  private article(): string {
    const paragraphs: string[] = [];
    for (let p = 4 + this.rng.int(14); p > 0; p--) {
      paragraphs.push(Array.from({ length: 1 + this.rng.int(3) }, () => this.sentence()).join(' '));
    }
    return paragraphs.join('\n\n');
  }

  private copyOf(body: string): string {
    let paragraphs = body.split('\n\n');
    if (this.rng.chance(0.5)) paragraphs = reorder(this.rng, paragraphs);
    if (this.rng.chance(0.3)) paragraphs = trim(paragraphs, 0.6);
    if (this.rng.chance(0.4)) paragraphs = typos(this.rng, paragraphs);
    return [...paragraphs, 'Some information for this report was provided by Reuters.'].join('\n');
  }

  /** The next document: a fresh article, or a copy of one of the last 1,000. */
  doc(): SyntheticDoc {
    const n = this.count++;
    // Pipeline docIds are 32 hex characters (contracts' docIdFor): use the same, memory depends on it.
    const docId = createHash('sha256').update(`bench-${n}`).digest('hex').slice(0, 32);
    if (this.recent.length > 0 && this.rng.chance(this.copyShare)) {
      const source = this.rng.pick(this.recent);
      return { docId, title: `Headline ${n}`, body: this.copyOf(source.body), copyOf: source.docId };
    }
    const body = this.article();
    this.recent.push({ docId, body });
    if (this.recent.length > 1000) this.recent.shift();
    return { docId, title: `Headline ${n}`, body };
  }
}
