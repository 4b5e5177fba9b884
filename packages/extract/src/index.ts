export { extractArticle, extractArticleStrict } from './extract-article.ts';
export { decodeHtml } from './decode/decode-html.ts';
export type { DecodedHtml } from './decode/decode-html.ts';
export type { ExtractInput } from './types.ts';
