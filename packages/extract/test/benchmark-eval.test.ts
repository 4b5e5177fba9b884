// Guards quality against regressions: the whole benchmark, scored by its own metric, must stay
// above a floor just below what the extractor achieves today. Skipped when the dataset is absent, except in CI (CI set), where that fails.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { defaultDatasetDir, loadBenchmark } from '../eval/dataset.ts';
import { scoreCorpus, scorePage } from '../eval/metric.ts';
import { extractArticle } from '../src/index.ts';

const DATASET = defaultDatasetDir(resolve(import.meta.dirname, '../../..'));
const F1_FLOOR = 0.978;

describe(
  'article-extraction-benchmark',
  { skip: !process.env.CI && !existsSync(DATASET) && `dataset not found at ${DATASET}` },
  () => {
    it(`keeps body F1 at or above ${F1_FLOOR}`, () => {
      const pages = loadBenchmark(DATASET);
      const counts = pages.map((p) => scorePage(p.reference, extractArticle({ html: p.html, url: p.url }).body));
      const s = scoreCorpus(counts);
      console.log(
        `benchmark: P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)} F1 ${s.f1.toFixed(3)} acc ${s.accuracy.toFixed(3)} over ${pages.length} pages`,
      );
      assert.ok(s.f1 >= F1_FLOOR, `F1 ${s.f1.toFixed(4)} fell below ${F1_FLOOR}`);
    });
  },
);
