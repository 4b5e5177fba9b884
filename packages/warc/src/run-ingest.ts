import { createReadStream } from 'node:fs';
import { openDownload } from '@newsflow/fetcher';
import type { FetcherDeps } from '@newsflow/fetcher';
import { ingestWarc } from './ingest.ts';
import type { IngestDeps } from './ingest.ts';
import { emptyProgress } from './ingest-status.ts';
import type { IngestProgress, IngestStatus, StatusStore } from './ingest-status.ts';
import type { WarcFilter } from './record-filter.ts';

/** Where an archive comes from: a URL (fetched through the guarded client), a local file, or an upload. */
export type WarcSource = { url: string } | { path: string } | { stream: AsyncIterable<Uint8Array>; label: string };

export interface RunDeps extends Omit<IngestDeps, 'onProgress'> {
  status: StatusStore;
  /** Needed for URL sources: the fetcher's guarded client, robots.txt cache and limits. */
  fetcher?: FetcherDeps;
}

export function labelOf(source: WarcSource): string {
  return 'url' in source ? source.url : 'path' in source ? source.path : source.label;
}

/**
 * One ingest run under `id`, its status kept in Redis from start to finish. A failed run (bad
 * archive, download refused) ends as state "failed" with the error and the counts so far; it
 * does not throw, since nobody may be waiting for it.
 */
export async function runIngest(
  id: string,
  source: WarcSource,
  filter: WarcFilter,
  deps: RunDeps,
): Promise<IngestStatus> {
  await deps.status.start(id, labelOf(source));
  let last: IngestProgress = emptyProgress();
  const onProgress = async (progress: IngestProgress): Promise<void> => {
    last = { ...progress, skipped: { ...progress.skipped } };
    await deps.status.progress(id, last);
  };
  let error: string | undefined;
  try {
    last = await ingestWarc(await openSource(source, deps.fetcher), filter, { ...deps, onProgress });
  } catch (failure) {
    error =
      failure instanceof Error
        ? `${failure.name === 'Error' ? '' : `${failure.name}: `}${failure.message}`
        : String(failure);
  }
  await deps.status.finish(id, last, error);
  return (await deps.status.read(id))!;
}

async function openSource(source: WarcSource, fetcher: FetcherDeps | undefined): Promise<AsyncIterable<Uint8Array>> {
  if ('stream' in source) return source.stream;
  if ('path' in source) return createReadStream(source.path);
  if (!fetcher) throw new Error('URL sources need the fetcher (guarded client)');
  const download = await openDownload(fetcher, source.url, 'application/warc,application/gzip;q=0.9,*/*;q=0.5');
  return download.body;
}
