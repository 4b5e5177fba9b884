import { StageError } from '@newsflow/contracts';

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  userAgent: string;
}

export interface FetchedPage {
  finalUrl: string;
  status: number;
  contentType: string | undefined;
  redirects: string[];
  body: Uint8Array;
}

/** One HTTP GET with a whole-request timeout and a streaming body-size cap. */
export async function fetchPage(url: string, limits: FetchLimits): Promise<FetchedPage> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { 'user-agent': limits.userAgent, accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1' },
      redirect: 'follow',
      signal: AbortSignal.timeout(limits.timeoutMs),
    });
  } catch (error) {
    throw networkError(error);
  }
  if (response.status >= 500) throw new StageError('http-5xx', `HTTP ${response.status} from ${url}`);
  if (response.status === 429) throw new StageError('http-429', `HTTP 429 from ${url}`);
  if (response.status >= 400) throw new StageError('http-4xx', `HTTP ${response.status} from ${url}`);
  const contentType = response.headers.get('content-type') ?? undefined;
  if (contentType && !/^(text\/html|application\/xhtml\+xml)\b/i.test(contentType)) {
    throw new StageError('not-html', `content type ${contentType} is not HTML`);
  }
  const body = await readCapped(response, limits.maxBytes, url);
  return { finalUrl: response.url || url, status: response.status, contentType, redirects: [], body };
}

async function readCapped(response: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (!response.body) return new Uint8Array();
  try {
    for await (const chunk of response.body) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new StageError('too-large', `body of ${url} exceeds ${maxBytes} bytes`);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof StageError) throw error;
    throw networkError(error);
  }
  return Buffer.concat(chunks);
}

function networkError(error: unknown): StageError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return new StageError('timeout', 'request timed out');
  const message = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  return new StageError('network', message);
}
