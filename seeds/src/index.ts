export { startSeedSite } from './seed-site.ts';
export type { SeedSite } from './seed-site.ts';
export { loadSeedArticles, SEED_DIR } from './seed-articles.ts';
export type { SeedArticle, SeedBlock } from './seed-articles.ts';
export { renderArticlePage } from './page-template.ts';
