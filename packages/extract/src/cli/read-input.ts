// Input side of the CLI: page bytes from files (.html, .htm, optionally gzipped) or http(s) URLs.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';

export interface PageBytes {
  bytes: Uint8Array;
  url: string;
  contentType?: string;
}

const PAGE_FILE = /\.html?(?:\.gz)?$/i;
const FETCH_TIMEOUT_MS = 30_000;

export function isHttpUrl(arg: string): boolean {
  return /^https?:\/\//i.test(arg);
}

export function isDirectory(path: string): boolean {
  return statSync(path).isDirectory();
}

/** Page files directly in dir, sorted so output order is stable. */
export function listPageFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => PAGE_FILE.test(name))
    .sort()
    .map((name) => join(dir, name));
}

export function readPageFile(path: string, url?: string): PageBytes {
  const raw = readFileSync(path);
  const bytes = /\.gz$/i.test(path) ? gunzipSync(raw) : raw;
  return { bytes, url: url ?? pathToFileURL(resolve(path)).href };
}

export async function fetchPage(url: string): Promise<PageBytes> {
  const res = await fetch(url, {
    redirect: 'follow',
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    headers: { 'user-agent': 'newsflow-extract/0.1 (+cli)' },
  });
  if (!res.ok) throw new Error(`GET ${url} answered HTTP ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { bytes, url: res.url || url, contentType: res.headers.get('content-type') ?? undefined };
}
