import { request } from 'node:http';
import { connect } from 'node:net';
import { articleDocument } from '@newsflow/api/testing';
import type { ArticleDocument } from '@newsflow/contracts';
import type { HostileDocument, HttpCase, Repeated } from '@newsflow/testkit';

/** An answer as the test reads it: status, lower-case headers ('' when absent is up to the reader), body. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
  ms: number;
}

export function bodyOf(body: string | Repeated | undefined): string | undefined {
  if (body === undefined || typeof body === 'string') return body;
  return `${body.before ?? ''}${body.repeat.repeat(body.times)}${body.after ?? ''}`;
}

/** A catalogue document as the indexer would store it (or, with storedUrl, as something else wrote it). */
export function documentOf(doc: HostileDocument, clusterId: string): ArticleDocument {
  const stored = doc.storedUrl ? { url: doc.storedUrl, finalUrl: doc.storedUrl } : {};
  const body = bodyOf(doc.body) ?? '';
  return articleDocument(doc.url, {
    title: doc.title,
    siteName: doc.siteName,
    authors: [...doc.authors],
    body,
    wordCount: body.split(' ').length,
    clusterId,
    ...stored,
  });
}

/** Sends a case's request to base (http://127.0.0.1:port) as a client would, or its raw bytes as they are. */
export async function send(base: string, hostile: HttpCase, fill: (text: string) => string): Promise<Answer> {
  const started = Date.now();
  const { hostname, port, host } = new URL(base);
  const fillAll = (text: string): string => fill(text).replaceAll('{host}', host);
  const answer = hostile.raw
    ? await sendRaw(hostname, Number(port), fillAll(hostile.raw))
    : await sendRequest(hostname, Number(port), hostile, fillAll);
  return { ...answer, ms: Date.now() - started };
}

function sendRequest(
  hostname: string,
  port: number,
  hostile: HttpCase,
  fill: (text: string) => string,
): Promise<Omit<Answer, 'ms'>> {
  const headers = Object.fromEntries(Object.entries(hostile.headers ?? {}).map(([name, value]) => [name, fill(value)]));
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { hostname, port, method: hostile.method ?? 'GET', path: fill(hostile.path), headers, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: flatHeaders(response.headers),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    // A server may answer (413, 400) before reading a whole body and close: that answer is the outcome.
    outgoing.on('error', reject);
    outgoing.end(bodyOf(hostile.body));
  });
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]),
  );
}

/** Writes bytes no HTTP client would send, reads until the server closes or goes quiet, parses the first answer. */
function sendRaw(hostname: string, port: number, bytes: string): Promise<Omit<Answer, 'ms'>> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port });
    let received = '';
    const finish = (): void => {
      socket.destroy();
      resolve(parseAnswer(received));
    };
    socket.setTimeout(2000, finish);
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('end', finish);
    socket.on('error', (error) => (received ? finish() : reject(error)));
    socket.end(Buffer.from(bytes, 'latin1'));
  });
}

function parseAnswer(text: string): Omit<Answer, 'ms'> {
  const split = text.indexOf('\r\n\r\n');
  const head = split === -1 ? text : text.slice(0, split);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0), headers, body: text.slice(split + 4) };
}
