import { StageError } from '@newsflow/contracts';
import type { FailureReason } from '@newsflow/contracts';
import { followRedirects } from './net/follow-redirects.ts';
import { discard, header } from './net/http-client.ts';
import type { HttpClient } from './net/http-client.ts';
import { readBody } from './net/read-body.ts';
import { toStageError } from './net/errors.ts';
import { parseRetryAfter } from './politeness/retry-after.ts';

export interface DocumentRequest {
  accept: string;
  /** Content types accepted for the body; undefined accepts any (feeds are judged by parsing). */
  acceptType?: (contentType: string | undefined) => boolean;
  maxBytes: number;
  maxRedirects: number;
  validators?: Validators;
  /** Re-checks robots.txt for every redirect target. */
  beforeRedirect?: (url: URL) => Promise<void>;
}

export interface Validators {
  etag?: string;
  lastModified?: string;
}

export type FetchedDocument =
  | { kind: 'not-modified'; finalUrl: string; redirects: string[] }
  | {
      kind: 'fetched';
      finalUrl: string;
      status: number;
      contentType: string | undefined;
      redirects: string[];
      body: Buffer;
      validators: Validators;
    };

/** An HTTP status failure, carrying how long the server asked us to stay away (Retry-After). */
export class HttpStatusError extends StageError {
  override name = 'HttpStatusError';
  readonly retryAfterMs: number | undefined;
  readonly host: string;
  constructor(status: number, url: string, retryAfterMs: number | undefined) {
    super(reasonOfStatus(status), `HTTP ${status} from ${url}`);
    this.retryAfterMs = retryAfterMs;
    this.host = new URL(url).host;
  }
}

/** 429 and 5xx may pass, other 4xx will not; a status HTTP does not define (999, 600) is a protocol fault. */
function reasonOfStatus(status: number): FailureReason {
  if (status < 100 || status > 599) return 'protocol-error';
  if (status === 429) return 'http-429';
  return status >= 500 ? 'http-5xx' : 'http-4xx';
}

/** Accept headers: article pages, and feeds or sitemaps. */
export const ARTICLE_ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1';
export const FEED_ACCEPT = 'application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1';

const HTML_TYPE = /^\s*(text\/html|application\/xhtml\+xml)\s*(;|$)/i;

/** Articles: HTML or XHTML only; a missing Content-Type is let through for the cleaner to sniff. */
export function isHtmlType(contentType: string | undefined): boolean {
  return contentType === undefined || contentType.trim() === '' || HTML_TYPE.test(contentType);
}

/** GET with redirects, status classification, content-type check and capped, decoded body. */
export async function fetchDocument(
  client: HttpClient,
  url: string,
  request: DocumentRequest,
): Promise<FetchedDocument> {
  const headers: Record<string, string> = { accept: request.accept };
  if (request.validators?.etag) headers['if-none-match'] = request.validators.etag;
  if (request.validators?.lastModified) headers['if-modified-since'] = request.validators.lastModified;
  const response = await followRedirects(client, url, {
    headers,
    maxRedirects: request.maxRedirects,
    beforeRedirect: request.beforeRedirect,
  });
  const finalUrl = response.url.href;
  if (response.status === 304 && request.validators) {
    discard(response);
    return { kind: 'not-modified', finalUrl, redirects: response.redirects };
  }
  if (response.status < 200 || response.status >= 300) {
    discard(response);
    const retryAfter = parseRetryAfter(header(response, 'retry-after'), Date.now(), 24 * 3600_000);
    throw new HttpStatusError(response.status, finalUrl, retryAfter);
  }
  const contentType = header(response, 'content-type');
  if (request.acceptType && !request.acceptType(contentType)) {
    discard(response);
    throw new StageError(
      'not-html',
      `content type ${JSON.stringify(contentType?.slice(0, 100))} of ${finalUrl} is not HTML`,
    );
  }
  const declared = Number(header(response, 'content-length'));
  if (Number.isFinite(declared) && declared > request.maxBytes && !header(response, 'content-encoding')) {
    discard(response);
    throw new StageError('too-large', `${finalUrl} declares ${declared} bytes, over the ${request.maxBytes} cap`);
  }
  let body: Buffer;
  try {
    body = await readBody(response.body, header(response, 'content-encoding'), request.maxBytes, {
      signal: response.deadline,
    });
  } catch (error) {
    response.body.destroy();
    throw toStageError(error, response.deadline);
  }
  const validators = validatorsOf(response);
  return {
    kind: 'fetched',
    finalUrl,
    status: response.status,
    contentType,
    redirects: response.redirects,
    body,
    validators,
  };
}

/** ETag and Last-Modified, for a later conditional GET. */
function validatorsOf(response: Parameters<typeof header>[0]): Validators {
  const validators: Validators = {};
  const etag = header(response, 'etag');
  const lastModified = header(response, 'last-modified');
  if (etag) validators.etag = etag;
  if (lastModified) validators.lastModified = lastModified;
  return validators;
}
