import { startSeedSite } from './seed-site.ts';

const site = await startSeedSite(Number(process.env.SEED_SITE_PORT ?? 0));
console.log(`seed site on ${site.baseUrl}`);
for (const article of site.articles) console.log(`  ${article.url}`);
process.once('SIGINT', () => void site.close());
