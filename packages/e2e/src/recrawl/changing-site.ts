// A local news site whose articles change between fetches, for the re-crawl tests and bench. Each
// page is one of three kinds: `stable` never changes and answers a matching If-None-Match with 304;
// `edited` serves a first version to its first request and an edited one (a paragraph rewritten, one
// added) afterwards; `stamped` changes only its "Updated hh:mm" line on every request; `/moved/<n>`
// redirects to `/stable/<n>`. Every request's
// conditional headers and status are recorded, so a test can assert what the server saw and answered.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type PageKind = 'stable' | 'edited' | 'stamped';

export interface SeenRequest {
  path: string;
  ifNoneMatch?: string;
  ifModifiedSince?: string;
  status: number;
}

export interface ChangingSite {
  url(path: string): string;
  /** Requests per path, in order. */
  seen(path: string): SeenRequest[];
  /** Every request (all paths). */
  all(): SeenRequest[];
  /** From now on every `edited` page serves its second version (also to its first request). */
  editAll(): void;
  close(): Promise<void>;
}

const LAST_MODIFIED = 'Wed, 02 Dec 2026 08:00:00 GMT';

/** Pages under `/<kind>/<n>`. */
export async function startChangingSite(): Promise<ChangingSite> {
  const requests: SeenRequest[] = [];
  const served = new Map<string, number>();
  let editedForAll = false;
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const seen: SeenRequest = { path, status: 200, ...conditionalHeaders(request) };
    requests.push(seen);
    if (path === '/robots.txt') return end(response, seen, 404, 'text/plain', 'not here');
    const moved = /^\/moved\/(\d+)$/.exec(path);
    if (moved) {
      response.setHeader('location', `/stable/${moved[1]}`);
      return end(response, seen, 301);
    }
    const match = /^\/(stable|edited|stamped)\/(\d+)$/.exec(path);
    if (!match) return end(response, seen, 404, 'text/plain', 'no such page');
    const count = (served.get(path) ?? 0) + 1;
    served.set(path, count);
    const kind = match[1] as PageKind;
    const n = Number(match[2]);
    const html = articleHtml(n, kind === 'edited' && (count > 1 || editedForAll), kind === 'stamped' ? count : 0);
    const etag = `"${createHash('sha256').update(html).digest('hex').slice(0, 16)}"`;
    response.setHeader('etag', etag);
    response.setHeader('last-modified', LAST_MODIFIED);
    if (request.headers['if-none-match'] === etag) return end(response, seen, 304);
    end(response, seen, 200, 'text/html; charset=utf-8', html);
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    seen: (path) => requests.filter((request) => request.path === path),
    all: () => [...requests],
    editAll: () => void (editedForAll = true),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function conditionalHeaders(request: IncomingMessage): Pick<SeenRequest, 'ifNoneMatch' | 'ifModifiedSince'> {
  const headers: Pick<SeenRequest, 'ifNoneMatch' | 'ifModifiedSince'> = {};
  if (typeof request.headers['if-none-match'] === 'string') headers.ifNoneMatch = request.headers['if-none-match'];
  if (typeof request.headers['if-modified-since'] === 'string')
    headers.ifModifiedSince = request.headers['if-modified-since'];
  return headers;
}

function end(response: ServerResponse, seen: SeenRequest, status: number, type?: string, body?: string): void {
  seen.status = status;
  if (type) response.setHeader('content-type', type);
  response.writeHead(status).end(body);
}

const TOPICS = ['harbour bridge', 'school budget', 'river flood defences', 'tram line extension', 'library hours'];
const TOWNS = ['Northbridge', 'Easthaven', 'Westford', 'Southmere', 'Kingsport', 'Ashby', 'Millbrook'];

/** A plain article page: the text differs per n (so pages are not copies of each other). */
export function articleHtml(n: number, edited: boolean, stamp: number): string {
  const town = TOWNS[n % TOWNS.length]!;
  const topic = TOPICS[n % TOPICS.length]!;
  const title = `${town} council decides on the ${topic} (report ${n})`;
  const paragraphs = [
    `The council of ${town} voted late on Tuesday on the future of the ${topic}, after a debate that lasted more than four hours and drew a crowd of residents to the town hall (case ${n}).`,
    `Supporters said the plan would save the town money over the next decade, while opponents warned that the costs had been underestimated and that nobody had asked the people most affected.`,
    edited
      ? `Engineers told the meeting that the work could now start in the autumn, and that the contractor had agreed to a fixed price after weeks of negotiation.`
      : `Engineers told the meeting that the work could not start before next summer at the earliest, because the contractor had still not agreed to a fixed price.`,
    `The mayor of ${town} promised a public consultation in the new year and said the final decision on the ${topic} would be taken by the full council in March.`,
    ...(edited
      ? [
          `Correction: an earlier version of this article said the vote was unanimous. Three members of the council voted against the plan.`,
        ]
      : []),
  ];
  const time = `${String(8 + (stamp % 12)).padStart(2, '0')}:${String((stamp * 7) % 60).padStart(2, '0')}`;
  const updated = stamp > 0 ? `<p>Last updated 2 December 2026, ${time} GMT</p>` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} | ${town} Gazette</title>
<meta property="og:type" content="article"><meta property="og:title" content="${title}">
<meta property="article:published_time" content="2026-12-01T09:00:00Z"></head>
<body><header><nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>${title}</h1><p class="byline">By Sam Reporter</p>
${paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join('\n')}
${updated}</article></main><footer>© ${town} Gazette. All rights reserved.</footer></body></html>`;
}
