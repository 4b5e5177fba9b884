export { startSeedSite } from './seed-site.ts';
export type { SeedSite } from './seed-site.ts';
export { loadSeedArticles, SEED_DIR } from './seed-articles.ts';
export type { SeedArticle, SeedBlock } from './seed-articles.ts';
export { renderArticlePage } from './page-template.ts';
export { SHELL_PAGE, shellArticle, startShellSite } from './shell-site.ts';
export type { ShellArticle, ShellSite } from './shell-site.ts';
