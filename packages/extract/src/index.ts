export { extractArticle, extractArticleStrict } from './extract-article.ts';
export { decodeHtml } from './decode/decode-html.ts';
export type { DecodedHtml } from './decode/decode-html.ts';
export type { ExtractInput } from './types.ts';
export { scoreCorpus, scorePage } from './eval/metric.ts';
export { runExtractBench, formatBench } from './bench/extract-bench.ts';
export type { BenchResult } from './bench/extract-bench.ts';
