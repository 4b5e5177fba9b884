export { extractArticle } from './extract-article.ts';
export { decodeHtml } from './decode/decode-html.ts';
export type { DecodedHtml } from './decode/decode-html.ts';
export type { ExtractInput } from './types.ts';
export { scoreCorpus, scorePage } from './eval/metric.ts';
