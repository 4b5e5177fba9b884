// Guards quality on the multilingual dev set against regressions: body snippets and metadata,
// scored as the set's README defines, must stay above floors just below today's figures
// (npm run eval:extract prints them). Skipped, with the reason, when the dataset is absent, except in
// CI (CI set), where that fails.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { sharedDatasetDir } from '../eval/dataset.ts';
import { ourPageExtractor } from '../eval/our-extractor.ts';
import { loadMultilingual } from '../eval/multilingual-dataset.ts';
import { runMultilingual } from '../eval/run-multilingual.ts';
import { fieldAccuracy, scoreSnippets } from '../eval/snippet-metric.ts';

const DATASET = sharedDatasetDir(resolve(import.meta.dirname, '../../..'), 'multilingual-extraction-dev');
const FLOORS = { f1: 0.94, date: 0.92, author: 0.65, title: 0.83, empty: 1 };

describe(
  'multilingual-extraction-dev',
  { skip: !process.env.CI && !existsSync(DATASET) && `dataset not found at ${DATASET}` },
  () => {
    it('keeps body F1, publication day, authors and title above their floors', () => {
      const [run] = runMultilingual(loadMultilingual(DATASET), [ourPageExtractor]);
      const pages = run!.pages;
      const body = scoreSnippets(pages.map((p) => p.counts));
      const share = (f: 'date' | 'author' | 'title'): number => {
        const { right, of } = fieldAccuracy(
          pages.map((p) => p.hits),
          f,
        );
        return right / of;
      };
      const empty = pages.filter((p) => p.counts.tp + p.counts.fn > 0 && !p.found.body.trim()).length;
      const got = { f1: body.f1, date: share('date'), author: share('author'), title: share('title'), empty };
      console.log(`multilingual: ${JSON.stringify(got)}`);
      assert.ok(got.f1 >= FLOORS.f1, `body F1 ${got.f1}`);
      assert.ok(got.date >= FLOORS.date, `day ${got.date}`);
      assert.ok(got.author >= FLOORS.author, `authors ${got.author}`);
      assert.ok(got.title >= FLOORS.title, `title ${got.title}`);
      assert.ok(got.empty <= FLOORS.empty, `${got.empty} empty bodies`);
    });
  },
);
