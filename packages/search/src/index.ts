export { createEsClient } from './client.ts';
export type { Client } from './client.ts';
export { indexNames } from './index-names.ts';
export type { IndexNames } from './index-names.ts';
export { loadTemplate, withFallbackAnalysis, TEMPLATE_PATH } from './template.ts';
export { ensureArticlesIndex, currentWriteIndex, hasEnglishAnalyzer } from './ensure-index.ts';
export { toEsDocument, versionOf } from './document.ts';
export type { EsArticle } from './document.ts';
