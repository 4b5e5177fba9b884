import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import type { FetcherDeps } from './create-fetcher.ts';
import { HttpStatusError } from './fetch-document.ts';
import { followRedirects } from './net/follow-redirects.ts';
import { discard, header } from './net/http-client.ts';
import { decodersFor } from './net/read-body.ts';
import { checkTarget } from './net/ssrf-guard.ts';
import { checkRobots } from './politeness/admission.ts';

export interface Download {
  finalUrl: string;
  /** The body as a stream, never buffered whole; transfer encodings (gzip, br) are undone. */
  body: Readable;
}

/**
 * A large file (a WARC archive) streamed through the same guard as every fetch: the SSRF check on
 * every hop and robots.txt for the first URL and each redirect target. One request per file, so
 * it takes no per-host pacing slot (a download may last far longer than a page fetch).
 */
export async function openDownload(deps: FetcherDeps, url: string, accept = '*/*'): Promise<Download> {
  const target = checkTarget(url, deps.client.allow);
  await checkRobots(deps.policy, target);
  const response = await followRedirects(deps.client, target.href, {
    headers: { accept },
    maxRedirects: deps.config.FETCH_MAX_REDIRECTS,
    beforeRedirect: async (next) => void (await checkRobots(deps.policy, next)),
  });
  if (response.status < 200 || response.status >= 300) {
    discard(response);
    throw new HttpStatusError(response.status, response.url.href, undefined);
  }
  return { finalUrl: response.url.href, body: decoded(response.body, header(response, 'content-encoding')) };
}

function decoded(body: Readable, encoding: string | undefined): Readable {
  const decoders = decodersFor(encoding);
  if (decoders.length === 0) return body;
  // The last stream of the chain carries any error of an earlier one to whoever reads it.
  const chain = pipeline as unknown as (...streams: unknown[]) => Readable;
  return chain(body, ...decoders, () => undefined);
}
