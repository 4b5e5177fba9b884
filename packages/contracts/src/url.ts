import { createHash } from 'node:crypto';

/** Query parameters that only track the visitor and never change the page. */
const TRACKING_PARAM = /^(utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|_gl|ref_src|cmpid|ncid|ocid)$/i;

export class InvalidUrlError extends Error {
  override name = 'InvalidUrlError';
}

/**
 * The one spelling of a URL that every stage uses as its identity: lower-case scheme and host
 * (done by WHATWG URL), no default port, no fragment, no tracking parameters, remaining
 * parameters sorted, and no trailing slash on a non-root path.
 */
export function normalizeUrl(input: string): string {
  const url = parseHttpUrl(input);
  url.hash = '';
  const kept = [...url.searchParams].filter(([key]) => !TRACKING_PARAM.test(key));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = new URLSearchParams(kept).toString();
  if (url.pathname.length > 1 && url.pathname.endsWith('/')) url.pathname = url.pathname.replace(/\/+$/, '');
  return url.toString();
}

/** Parses an absolute http(s) URL without credentials, or throws InvalidUrlError saying why. */
export function parseHttpUrl(input: string): URL {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new InvalidUrlError(`not a URL: ${JSON.stringify(input.slice(0, 200))}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidUrlError(`unsupported scheme ${JSON.stringify(url.protocol.slice(0, -1))}: only http and https`);
  }
  if (url.username || url.password) throw new InvalidUrlError('URLs with credentials are refused');
  if (!url.hostname) throw new InvalidUrlError('URL has no host');
  return url;
}

/** Stable document id: the same normalised URL always maps to the same id (and Elasticsearch _id). */
export function docIdFor(normalizedUrl: string): string {
  return createHash('sha256').update(normalizedUrl).digest('hex').slice(0, 32);
}

/** Deterministic BullMQ job id for a document at a stage, so enqueueing twice is harmless. */
export function jobIdFor(stage: string, docId: string): string {
  return `${stage}-${docId}`;
}

/** Registrable-looking domain for filters: the host without a leading "www.". */
export function domainOf(url: string): string {
  return new URL(url).hostname.replace(/^www\./, '');
}
