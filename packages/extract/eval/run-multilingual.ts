// Runs extractors over the multilingual dev set, page by page in turn, timing only the call.
import { performance } from 'node:perf_hooks';
import { detectLanguage } from '../src/text/detect-language.ts';
import type { MultilingualPage } from './multilingual-dataset.ts';
import { cpuMs } from './run-eval.ts';
import {
  countSnippets,
  scoreMetadata,
  type Extracted,
  type MetadataHits,
  type SnippetCounts,
} from './snippet-metric.ts';

export type PageExtractor = (page: MultilingualPage) => Extracted;

export interface MultilingualPageResult {
  id: string;
  url: string;
  /** Language of the gold main-text snippets, so every extractor is grouped alike. */
  language: string;
  counts: SnippetCounts;
  hits: MetadataHits;
  found: Extracted;
  ms: number;
}

export interface MultilingualRun {
  pages: MultilingualPageResult[];
  totalMs: number;
  wallMs: number;
}

export function runMultilingual(pages: MultilingualPage[], extractors: PageExtractor[]): MultilingualRun[] {
  const runs: MultilingualRun[] = extractors.map(() => ({ pages: [], totalMs: 0, wallMs: 0 }));
  for (const page of pages) {
    const language = detectLanguage(page.with.join(' ')) ?? 'other';
    extractors.forEach((extract, i) => runs[i]!.pages.push(timePage(page, language, extract, runs[i]!)));
  }
  return runs;
}

function timePage(
  page: MultilingualPage,
  language: string,
  extract: PageExtractor,
  run: MultilingualRun,
): MultilingualPageResult {
  const [startCpu, startWall] = [cpuMs(), performance.now()];
  const found = extract(page);
  const ms = cpuMs() - startCpu;
  run.totalMs += ms;
  run.wallMs += performance.now() - startWall;
  return {
    id: page.id,
    url: page.url,
    language,
    counts: countSnippets(found, page.with, page.without),
    hits: { ...scoreMetadata(found, page.gold), ...languageHit(found, language) },
    found,
    ms,
  };
}

function languageHit(found: Extracted, language: string): { language?: boolean } {
  return language === 'other' ? {} : { language: found.language?.split('-')[0]?.toLowerCase() === language };
}
