import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A JavaScript shell: an empty app root that a script fills with the article from /api/article. */
export const SHELL_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>loading</title></head>
<body><div id="root"></div><script>
fetch('/api/article').then((r) => r.json()).then((a) => {
  document.title = a.title;
  const article = document.createElement('article');
  article.innerHTML = '<h1>' + a.title + '</h1>' + a.paragraphs.map((p) => '<p>' + p + '</p>').join('');
  document.getElementById('root').append(article);
});
</script></body></html>`;

export interface ShellArticle {
  title: string;
  paragraphs: string[];
}

export interface ShellSite {
  origin: string;
  port: number;
  /** Pages the test adds at a path: a shell page's article, or raw HTML (a page that never settles, a crasher). */
  pages: Map<string, string>;
  /** Answers this path with headers and then never finishes the body. */
  hang: (path: string) => void;
  close: () => Promise<void>;
}

/** Serves the shell page at every path listed in `articles`, and its article at /api/article?path. */
export async function startShellSite(article: ShellArticle): Promise<ShellSite> {
  const pages = new Map<string, string>();
  const hanging = new Set<string>();
  const server: Server = createServer((req, res) => {
    if (hanging.has(req.url ?? '')) return void res.writeHead(200, { 'content-type': 'text/css' }).write('/* ');
    const page = pages.get(req.url ?? '');
    if (page !== undefined) return void res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    if (req.url === '/api/article')
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(article));
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(SHELL_PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    pages,
    hang: (path) => void hanging.add(path),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const SENTENCE =
  'The harbour authority confirmed on Tuesday that the new breakwater will be finished before the winter storms arrive along the coast';

/** An article long enough for the extractor: a title and eight paragraphs of plain prose. */
export function shellArticle(title: string): ShellArticle {
  const paragraphs = Array.from(
    { length: 8 },
    (_, i) => `${SENTENCE}, said spokesperson number ${i + 1} of the council.`,
  );
  return { title, paragraphs };
}
