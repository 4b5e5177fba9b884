import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { escapeUTF8 as escapeHtml } from 'entities';
import { renderArticlePage } from './page-template.ts';
import { loadSeedArticles } from './seed-articles.ts';
import type { SeedArticle } from './seed-articles.ts';

export interface SeedSite {
  baseUrl: string;
  articles: Array<SeedArticle & { url: string }>;
  close(): Promise<void>;
}

/** Serves the seed articles as realistic HTML pages on 127.0.0.1 (port 0 picks a free one). */
export async function startSeedSite(port = 0): Promise<SeedSite> {
  const articles = loadSeedArticles();
  const pages = new Map(
    articles.map((article) => [
      `/${article.slug}`,
      renderArticlePage(
        article,
        articles.filter((other) => other !== article),
      ),
    ]),
  );
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://seed.invalid').pathname;
    const page = path === '/' ? indexPage(articles) : pages.get(path);
    response.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    response.end(page ?? '<!DOCTYPE html><title>Not found</title><h1>Not found</h1>');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    articles: articles.map((article) => ({ ...article, url: `${baseUrl}/${article.slug}` })),
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

function indexPage(articles: SeedArticle[]): string {
  const links = articles.map(
    (a) => `<li><a href="/${escapeHtml(a.slug)}">${escapeHtml(a.title)}</a> (${escapeHtml(a.siteName)})</li>`,
  );
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Newsflow seed site</title></head><body><h1>Seed articles</h1><ul>${links.join('')}</ul></body></html>`;
}
